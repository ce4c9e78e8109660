#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "ai/model_provider.hpp"
#include "core/aws_sigv4.hpp"
#include "http/client.hpp"

namespace webdpro::ai {

/// Connection settings shared by the HTTP providers.
struct HttpProviderOptions {
    std::string base_url;  ///< scheme://host[:port] with no trailing slash, e.g. "https://api.anthropic.com"
    std::string model;
    /// Never longer than the call's own timeout; a dead host fails fast.
    std::chrono::milliseconds connect_timeout{3'000};
};

/// Anthropic Messages API (POST {base}/v1/messages, x-api-key, anthropic-version 2023-06-01).
/// Concatenates every text block of the answer. 429 → kRateLimited (retry-after honoured),
/// 529 → kOverloaded, 5xx → kServerError, 401/403 → kAuth, other 4xx → kBadRequest; a
/// stop_reason of "refusal" → kUnavailable. Thread-safe (the http::Client is).
class AnthropicProvider final : public ModelProvider {
public:
    AnthropicProvider(const http::Client& client, HttpProviderOptions options, std::string api_key);

    std::string_view name() const override { return "anthropic"; }
    std::string_view model() const override { return options_.model; }
    bool HasCredentials() const override { return !api_key_.empty(); }
    ModelResult Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const override;

private:
    const http::Client& client_;
    HttpProviderOptions options_;
    std::string api_key_;
};

/// How BedrockProvider authenticates: SigV4 (access key, secret, optional session token) or a
/// Bedrock API key sent as "Authorization: Bearer".
struct BedrockAuth {
    AwsCredentials credentials;
    std::string bearer_token;  ///< AWS_BEARER_TOKEN_BEDROCK; when set, wins over SigV4
    std::string region = "us-east-1";
};

/// AWS Bedrock Runtime Converse API (POST {base}/model/{modelId}/converse), signed with our own
/// SigV4 (service "bedrock"; the model id's ':' goes on the wire as %3A and is signed as %253A)
/// or sent with a Bedrock API key. `options.base_url` defaults to
/// https://bedrock-runtime.{region}.amazonaws.com when empty. Thread-safe.
class BedrockProvider final : public ModelProvider {
public:
    BedrockProvider(const http::Client& client, HttpProviderOptions options, BedrockAuth auth);

    std::string_view name() const override { return "bedrock"; }
    std::string_view model() const override { return options_.model; }
    bool HasCredentials() const override;
    ModelResult Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const override;

private:
    const http::Client& client_;
    HttpProviderOptions options_;
    BedrockAuth auth_;
};

/// The chat-completions URL for an OpenAI-compatible base URL: "{base}/chat/completions" when the
/// base already ends in a version segment ("http://127.0.0.1:11434/v1", as OpenAI, Ollama and vLLM
/// document it), else "{base}/v1/chat/completions". Trailing slashes are ignored.
std::string OpenAiChatCompletionsUrl(std::string_view base_url);

/// OpenAI-compatible chat completions (POST OpenAiChatCompletionsUrl(base), Bearer key,
/// response_format json_object in JSON mode): OpenAI, vLLM, Ollama, llama.cpp server.
/// `require_key` false (a local server) makes HasCredentials true without a key. Thread-safe.
class OpenAiCompatibleProvider final : public ModelProvider {
public:
    OpenAiCompatibleProvider(const http::Client& client, HttpProviderOptions options, std::string api_key,
                             bool require_key = true);

    std::string_view name() const override { return "openai"; }
    std::string_view model() const override { return options_.model; }
    bool HasCredentials() const override { return !require_key_ || !api_key_.empty(); }
    ModelResult Complete(const ModelRequest& request, std::chrono::milliseconds timeout) const override;

private:
    const http::Client& client_;
    HttpProviderOptions options_;
    std::string api_key_;
    bool require_key_;
};

}  // namespace webdpro::ai
