#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro::ai {

/// One text-generation request to a model, independent of the API that carries it.
struct ModelRequest {
    std::string system;  ///< instructions; sent as the API's system prompt
    std::string user;    ///< the owner's request (data, never instructions)
    int max_tokens = 4096;
    double temperature = 0.2;
    bool json_mode = true;  ///< ask for a JSON object where the API supports it
};

/// What a model answered.
struct ModelReply {
    std::string text;  ///< every text block of the answer, concatenated
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::string provider_request_id;  ///< the provider's request id, for the log
    std::string stop_reason;          ///< as the provider names it ("end_turn", "stop", "max_tokens", …)
};

/// Why a model call failed; decides retry, circuit breaking and what the call ledger shows.
enum class ModelErrorClass : std::uint8_t {
    kTimeout,        ///< no complete answer within the timeout
    kRateLimited,    ///< 429: our own limit; `retry_after` says for how long, when known
    kOverloaded,     ///< 529 / 503: provider-wide capacity
    kServerError,    ///< other 5xx, 408/424, a broken connection or a truncated body
    kAuth,           ///< 401/403: bad key, no model access, bad signature
    kBadRequest,     ///< other 4xx: our request was wrong (or a spend limit was hit)
    kInvalidOutput,  ///< an answer came, but it was not what we asked for (unreadable, wrong shape)
    kUnavailable,    ///< the provider could not be reached (connection refused, DNS), or refused to answer
    kNoCredentials,  ///< the level is not configured with a key; never sent
};

/// Stable lowercase name, e.g. "rate_limited"; used in the call ledger and metrics.
std::string_view ErrorClassName(ModelErrorClass error_class);

/// A failed model call. `detail` is internal (log only): it never holds a key.
struct ModelError {
    ModelErrorClass error_class = ModelErrorClass::kServerError;
    std::string detail;
    /// From a retry-after header (429/529/503); zero when the provider did not say.
    std::chrono::seconds retry_after{0};
    /// HTTP status when one came back, else 0.
    int http_status = 0;
};

/// The outcome of one model call.
using ModelResult = std::expected<ModelReply, ModelError>;

/// A model behind one API (Anthropic, Bedrock, an OpenAI-compatible server, or a test double).
/// Implementations are immutable after construction and thread-safe: the chain calls them from
/// several work-pool threads at once.
class ModelProvider {
public:
    virtual ~ModelProvider() = default;

    /// Short name for logs and the ledger, e.g. "anthropic".
    virtual std::string_view name() const = 0;
    /// The model id sent to the API, e.g. "claude-3-haiku-20240307".
    virtual std::string_view model() const = 0;
    /// False when the level has no key configured: the chain skips it without a call.
    virtual bool HasCredentials() const = 0;
    /// Blocks for at most `timeout` (plus a few milliseconds). NEVER call on an I/O thread: run it
    /// on a WorkPool. Errors are classified as ModelErrorClass says.
    virtual ModelResult Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const = 0;
};

/// Maps an HTTP status of a model API to an error class (429 → rate limited, 529/503 → overloaded,
/// 401/403 → auth, other 4xx → bad request, other 5xx → server error). Statuses below 400 → kInvalidOutput.
ModelErrorClass ClassifyHttpStatus(int status);

/// Parses a retry-after header value in seconds ("12"); zero for anything else (HTTP dates are
/// not worth honouring for a chain that falls through to the next level anyway).
std::chrono::seconds ParseRetryAfter(std::string_view value);

}  // namespace webdpro::ai
