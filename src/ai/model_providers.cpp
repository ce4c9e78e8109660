#include "ai/model_providers.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace webdpro::ai {
namespace {

using nlohmann::json;

constexpr std::string_view kAnthropicVersion = "2023-06-01";
constexpr std::string_view kJsonType = "application/json";
// Long enough to read an error body, short enough that it never fills the log.
constexpr std::size_t kMaxDetailBodyChars = 300;

ModelError Error(ModelErrorClass error_class, std::string detail, int status = 0) {
    ModelError error;
    error.error_class = error_class;
    error.detail = std::move(detail);
    error.http_status = status;
    return error;
}

// The transport failed: no HTTP status at all.
ModelError TransportError(const ApiError& error) {
    switch (error.code) {
        case ErrorCode::kTimeout:
            return Error(ModelErrorClass::kTimeout, error.detail);
        case ErrorCode::kUnavailable:
            // Refused, reset, or a body cut short: nothing usable came back.
            return Error(ModelErrorClass::kUnavailable, error.detail);
        case ErrorCode::kInvalidArgument:
            return Error(ModelErrorClass::kBadRequest, error.detail);
        default:
            return Error(ModelErrorClass::kServerError, error.detail);
    }
}

// Anthropic's monthly spend cap: retrying is pointless until someone raises it.
constexpr std::string_view kSpendLimitCode = "enforced_spend_limit_reached";
constexpr std::chrono::seconds kSpendLimitHold{3600};

// A non-2xx status: classify, keep the start of the body and honour retry-after.
ModelError StatusError(std::string_view provider, const http::ClientResponse& response) {
    ModelError error = Error(ClassifyHttpStatus(response.status),
                             std::string(provider) + " HTTP " + std::to_string(response.status) + ": " +
                                 std::string(std::string_view(response.body).substr(0, kMaxDetailBodyChars)),
                             response.status);
    if (auto retry = response.Header("retry-after")) {
        error.retry_after = ParseRetryAfter(*retry);
    }
    if (response.status == 429 && response.body.find(kSpendLimitCode) != std::string::npos) {
        error.retry_after = kSpendLimitHold;
    }
    return error;
}

std::chrono::milliseconds ConnectTimeout(std::chrono::milliseconds configured, std::chrono::milliseconds total) {
    return std::max(std::chrono::milliseconds(1), std::min(configured, total));
}

http::ClientRequest JsonPost(std::string url, std::string body, std::chrono::milliseconds connect,
                             std::chrono::milliseconds timeout) {
    http::ClientRequest out;
    out.method = "POST";
    out.url = std::move(url);
    out.body = std::move(body);
    out.headers.Set("content-type", kJsonType);
    out.headers.Set("accept", kJsonType);
    out.connect_timeout = ConnectTimeout(connect, timeout);
    out.total_timeout = std::max(std::chrono::milliseconds(1), timeout);
    // A model answer is a few KB; anything huge is a misbehaving server.
    out.max_response_bytes = 4U << 20U;
    return out;
}

std::optional<json> ParseBody(const std::string& body) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return std::nullopt;
    }
    return parsed;
}

std::int64_t IntAt(const json& object, std::string_view key) {
    if (!object.is_object()) {
        return 0;
    }
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) {
        return 0;
    }
    return it->get<std::int64_t>();
}

std::string StringAt(const json& object, std::string_view key) {
    if (!object.is_object()) {
        return {};
    }
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return {};
    }
    return it->get<std::string>();
}

// "https://host:port/x" → "host:port" (what curl sends as Host, and what SigV4 must sign).
std::string HostOf(std::string_view url) {
    const std::size_t scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    rest = rest.substr(0, rest.find('/'));
    std::string host(rest);
    // curl leaves the default port out of Host.
    if (url.starts_with("https://") && host.ends_with(":443")) {
        host.resize(host.size() - 4);
    } else if (url.starts_with("http://") && host.ends_with(":80")) {
        host.resize(host.size() - 3);
    }
    return host;
}

}  // namespace

std::string_view ErrorClassName(ModelErrorClass error_class) {
    switch (error_class) {
        case ModelErrorClass::kTimeout:
            return "timeout";
        case ModelErrorClass::kRateLimited:
            return "rate_limited";
        case ModelErrorClass::kOverloaded:
            return "overloaded";
        case ModelErrorClass::kServerError:
            return "server_error";
        case ModelErrorClass::kAuth:
            return "auth";
        case ModelErrorClass::kBadRequest:
            return "bad_request";
        case ModelErrorClass::kInvalidOutput:
            return "invalid_output";
        case ModelErrorClass::kUnavailable:
            return "unavailable";
        case ModelErrorClass::kNoCredentials:
            return "no_credentials";
    }
    return "unknown";
}

ModelErrorClass ClassifyHttpStatus(int status) {
    if (status == 429) {
        return ModelErrorClass::kRateLimited;
    }
    if (status == 529 || status == 503) {
        return ModelErrorClass::kOverloaded;
    }
    if (status == 401 || status == 403) {
        return ModelErrorClass::kAuth;
    }
    if (status == 408) {
        return ModelErrorClass::kTimeout;
    }
    if (status >= 500 || status == 424) {
        return ModelErrorClass::kServerError;
    }
    if (status >= 400) {
        return ModelErrorClass::kBadRequest;
    }
    return ModelErrorClass::kInvalidOutput;
}

std::chrono::seconds ParseRetryAfter(std::string_view value) {
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
    }
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || seconds < 0 || end != value.data() + value.size()) {
        return std::chrono::seconds(0);
    }
    // A day is already "not today"; cap absurd values.
    return std::chrono::seconds(std::min<long long>(seconds, 86'400));
}

// ------------------------------------------------------------------------------------------
// Anthropic
// ------------------------------------------------------------------------------------------

AnthropicProvider::AnthropicProvider(const http::Client& client, HttpProviderOptions options, std::string api_key)
    : client_(client), options_(std::move(options)), api_key_(std::move(api_key)) {}

ModelResult AnthropicProvider::Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const {
    if (!HasCredentials()) {
        return std::unexpected(Error(ModelErrorClass::kNoCredentials, "anthropic: no api key"));
    }
    json body = {
        {"model", options_.model},
        {"max_tokens", request.max_tokens},
        {"temperature", request.temperature},
        {"messages", json::array({{{"role", "user"}, {"content", request.user}}})},
    };
    if (!request.system.empty()) {
        body["system"] = request.system;
    }
    http::ClientRequest call =
        JsonPost(options_.base_url + "/v1/messages", body.dump(), options_.connect_timeout, timeout);
    call.headers.Set("x-api-key", api_key_);
    call.headers.Set("anthropic-version", kAnthropicVersion);

    auto response = client_.Send(call);
    if (!response) {
        return std::unexpected(TransportError(response.error()));
    }
    if (response->status < 200 || response->status >= 300) {
        return std::unexpected(StatusError("anthropic", *response));
    }
    const auto parsed = ParseBody(response->body);
    if (!parsed || !parsed->contains("content") || !(*parsed)["content"].is_array()) {
        return std::unexpected(
            Error(ModelErrorClass::kInvalidOutput, "anthropic: body is not a Messages response", response->status));
    }
    ModelReply reply;
    for (const json& block : (*parsed)["content"]) {
        if (StringAt(block, "type") == "text") {
            reply.text += StringAt(block, "text");
        }
    }
    reply.stop_reason = StringAt(*parsed, "stop_reason");
    if (parsed->contains("usage")) {
        reply.input_tokens = IntAt((*parsed)["usage"], "input_tokens");
        reply.output_tokens = IntAt((*parsed)["usage"], "output_tokens");
    }
    reply.provider_request_id = std::string(response->Header("request-id").value_or(StringAt(*parsed, "id")));
    if (reply.stop_reason == "refusal") {
        return std::unexpected(Error(ModelErrorClass::kUnavailable, "anthropic: the model refused", response->status));
    }
    return reply;
}

// ------------------------------------------------------------------------------------------
// Bedrock Converse
// ------------------------------------------------------------------------------------------

BedrockProvider::BedrockProvider(const http::Client& client, HttpProviderOptions options, BedrockAuth auth)
    : client_(client), options_(std::move(options)), auth_(std::move(auth)) {
    if (options_.base_url.empty()) {
        options_.base_url = "https://bedrock-runtime." + auth_.region + ".amazonaws.com";
    }
}

bool BedrockProvider::HasCredentials() const {
    return !auth_.bearer_token.empty() ||
           (!auth_.credentials.access_key_id.empty() && !auth_.credentials.secret_access_key.empty());
}

ModelResult BedrockProvider::Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const {
    if (!HasCredentials()) {
        return std::unexpected(Error(ModelErrorClass::kNoCredentials, "bedrock: no credentials"));
    }
    json body = {
        {"messages", json::array({{{"role", "user"}, {"content", json::array({{{"text", request.user}}})}}})},
        {"inferenceConfig", {{"maxTokens", request.max_tokens}, {"temperature", request.temperature}}},
    };
    if (!request.system.empty()) {
        body["system"] = json::array({{{"text", request.system}}});
    }
    // The wire path carries the model id encoded once (':' → %3A).
    const std::string path = "/model/" + AwsUriEncode(options_.model, false) + "/converse";
    http::ClientRequest call = JsonPost(options_.base_url + path, body.dump(), options_.connect_timeout, timeout);
    if (!auth_.bearer_token.empty()) {
        call.headers.Set("authorization", "Bearer " + auth_.bearer_token);
    } else {
        SigV4Request to_sign;
        to_sign.method = "POST";
        to_sign.host = HostOf(options_.base_url);
        to_sign.path = path;
        to_sign.headers = {{"content-type", std::string(kJsonType)}};
        to_sign.body = call.body;
        const SigV4Signature sig = SignSigV4(to_sign, auth_.credentials, auth_.region, "bedrock", AmzDateNow());
        call.headers.Set("x-amz-date", sig.amz_date);
        if (!auth_.credentials.session_token.empty()) {
            call.headers.Set("x-amz-security-token", auth_.credentials.session_token);
        }
        call.headers.Set("authorization", sig.authorization);
    }

    auto response = client_.Send(call);
    if (!response) {
        return std::unexpected(TransportError(response.error()));
    }
    if (response->status < 200 || response->status >= 300) {
        ModelError error = StatusError("bedrock", *response);
        // ThrottlingException / ModelNotReadyException are 429 already; a signature problem is a 403.
        if (auto type = response->Header("x-amzn-errortype")) {
            error.detail += " [" + std::string(*type) + "]";
        }
        return std::unexpected(std::move(error));
    }
    const auto parsed = ParseBody(response->body);
    const json* content = nullptr;
    if (parsed && parsed->contains("output") && (*parsed)["output"].is_object() &&
        (*parsed)["output"].contains("message") && (*parsed)["output"]["message"].is_object() &&
        (*parsed)["output"]["message"].contains("content") && (*parsed)["output"]["message"]["content"].is_array()) {
        content = &(*parsed)["output"]["message"]["content"];
    }
    if (content == nullptr) {
        return std::unexpected(
            Error(ModelErrorClass::kInvalidOutput, "bedrock: body is not a Converse response", response->status));
    }
    ModelReply reply;
    for (const json& block : *content) {
        reply.text += StringAt(block, "text");
    }
    reply.stop_reason = StringAt(*parsed, "stopReason");
    if (parsed->contains("usage")) {
        reply.input_tokens = IntAt((*parsed)["usage"], "inputTokens");
        reply.output_tokens = IntAt((*parsed)["usage"], "outputTokens");
    }
    reply.provider_request_id = std::string(response->Header("x-amzn-requestid").value_or(""));
    if (reply.stop_reason == "content_filtered" || reply.stop_reason == "guardrail_intervened") {
        return std::unexpected(
            Error(ModelErrorClass::kUnavailable, "bedrock: answer filtered: " + reply.stop_reason, response->status));
    }
    return reply;
}

// ------------------------------------------------------------------------------------------
// OpenAI-compatible
// ------------------------------------------------------------------------------------------

std::string OpenAiChatCompletionsUrl(std::string_view base_url) {
    while (base_url.ends_with('/')) {
        base_url.remove_suffix(1);
    }
    // OpenAI's own clients, Ollama and vLLM document the base URL with the API version
    // ("http://127.0.0.1:11434/v1"); older configurations give the bare origin.
    const std::size_t slash = base_url.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? base_url : base_url.substr(slash + 1);
    const bool versioned = last.size() >= 2 && last[0] == 'v' && last[1] >= '0' && last[1] <= '9' &&
                           base_url.find("://") != std::string_view::npos && slash > base_url.find("://") + 2;
    return std::string(base_url) + (versioned ? "/chat/completions" : "/v1/chat/completions");
}

OpenAiCompatibleProvider::OpenAiCompatibleProvider(const http::Client& client, HttpProviderOptions options,
                                                   std::string api_key, bool require_key)
    : client_(client), options_(std::move(options)), api_key_(std::move(api_key)), require_key_(require_key) {}

ModelResult OpenAiCompatibleProvider::Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const {
    if (!HasCredentials()) {
        return std::unexpected(Error(ModelErrorClass::kNoCredentials, "openai: no api key"));
    }
    json messages = json::array();
    if (!request.system.empty()) {
        messages.push_back({{"role", "system"}, {"content", request.system}});
    }
    messages.push_back({{"role", "user"}, {"content", request.user}});
    json body = {
        {"model", options_.model},
        {"messages", std::move(messages)},
        {"max_tokens", request.max_tokens},
        {"temperature", request.temperature},
    };
    if (request.json_mode) {
        body["response_format"] = {{"type", "json_object"}};
    }
    http::ClientRequest call =
        JsonPost(OpenAiChatCompletionsUrl(options_.base_url), body.dump(), options_.connect_timeout, timeout);
    if (!api_key_.empty()) {
        call.headers.Set("authorization", "Bearer " + api_key_);
    }

    auto response = client_.Send(call);
    if (!response) {
        return std::unexpected(TransportError(response.error()));
    }
    if (response->status < 200 || response->status >= 300) {
        return std::unexpected(StatusError("openai", *response));
    }
    const auto parsed = ParseBody(response->body);
    if (!parsed || !parsed->contains("choices") || !(*parsed)["choices"].is_array() || (*parsed)["choices"].empty() ||
        !(*parsed)["choices"][0].is_object() || !(*parsed)["choices"][0].contains("message")) {
        return std::unexpected(
            Error(ModelErrorClass::kInvalidOutput, "openai: body is not a chat completion", response->status));
    }
    const json& choice = (*parsed)["choices"][0];
    ModelReply reply;
    reply.text = StringAt(choice["message"], "content");
    reply.stop_reason = StringAt(choice, "finish_reason");
    if (parsed->contains("usage")) {
        reply.input_tokens = IntAt((*parsed)["usage"], "prompt_tokens");
        reply.output_tokens = IntAt((*parsed)["usage"], "completion_tokens");
    }
    reply.provider_request_id = StringAt(*parsed, "id");
    if (reply.stop_reason == "content_filter") {
        return std::unexpected(Error(ModelErrorClass::kUnavailable, "openai: answer filtered", response->status));
    }
    return reply;
}

}  // namespace webdpro::ai
