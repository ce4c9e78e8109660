#include "auth/sms.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "auth/phone.hpp"

namespace webdpro::auth {
namespace {

constexpr std::chrono::milliseconds kMaxConnectTimeout{5'000};
constexpr std::size_t kMaxProviderResponse = 64 * 1024;

std::string UrlWithoutQuery(std::string_view url) {
    return std::string(url.substr(0, url.find('?')));
}

http::ClientRequest BaseRequest(std::string method, std::string url, std::chrono::milliseconds timeout) {
    http::ClientRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.total_timeout = timeout;
    request.connect_timeout = std::min(timeout, kMaxConnectTimeout);
    request.max_response_bytes = kMaxProviderResponse;
    return request;
}

/// Transport errors keep their code; the detail gets the provider's name in front.
ApiError ProviderError(std::string_view provider, ApiError error) {
    error.detail = "sms " + std::string(provider) + ": " + error.detail;
    return error;
}

/// Maps a provider's HTTP status: 5xx and 429 are the provider's trouble (retry later), other
/// non-2xx statuses a refusal.
Result<void> CheckStatus(std::string_view provider, const http::ClientResponse& response) {
    if (response.status >= 200 && response.status < 300) {
        return {};
    }
    const std::string detail = "sms " + std::string(provider) + ": HTTP " + std::to_string(response.status) + " " +
                               response.body.substr(0, 200);
    if (response.status >= 500 || response.status == 429) {
        return Fail(ApiError::Unavailable(detail));
    }
    return Fail(ApiError::Internal(detail));
}

Result<void> WriteAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Fail(ApiError::Unavailable(std::string("sms outbox: write failed: ") + std::strerror(errno)));
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

/// "scheme://authority" and the path of an http(s) URL.
bool SplitUrl(std::string_view url, std::string& authority, std::string& path) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return false;
    }
    const std::string_view rest = url.substr(scheme_end + 3);
    const auto slash = rest.find('/');
    authority = std::string(rest.substr(0, slash));
    path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    return !authority.empty();
}

}  // namespace

OutboxSmsSender::~OutboxSmsSender() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

Result<void> OutboxSmsSender::AppendLocked(const SmsMessage& message) {
    const nlohmann::json line = {{"ts", FormatRfc3339(NowUtc())},
                                 {"to", message.to},
                                 {"text", message.text},
                                 {"code", message.code},
                                 {"provider", "outbox"}};
    struct stat st {};
    if (fd_ >= 0 && (::fstat(fd_, &st) != 0 || st.st_nlink == 0)) {
        // Someone removed the file (to start a fresh one): follow them instead of writing into
        // the removed one.
        ::close(fd_);
        fd_ = -1;
        unsynced_ = false;
    }
    if (fd_ < 0) {
        std::error_code ec;
        std::filesystem::create_directories(file_.parent_path(), ec);
        fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd_ < 0) {
            return Fail(
                ApiError::Unavailable("sms outbox: cannot open " + file_.string() + ": " + std::strerror(errno)));
        }
    }
    if (auto written = WriteAll(fd_, line.dump() + "\n"); !written) {
        return written;
    }
    unsynced_ = true;
    return {};
}

Result<void> OutboxSmsSender::SyncLocked() {
    if (!unsynced_) {
        return {};
    }
    if (::fsync(fd_) != 0) {
        return Fail(ApiError::Unavailable("sms outbox: fsync failed"));
    }
    unsynced_ = false;
    return {};
}

Result<void> OutboxSmsSender::Send(const SmsMessage& message) {
    {
        std::lock_guard lock(mutex_);
        if (auto appended = AppendLocked(message); !appended) {
            return appended;
        }
        if (auto synced = SyncLocked(); !synced) {
            return synced;
        }
    }
    // Development only: the outbox is where codes are meant to be read.
    logger_.Info("sms (outbox)", {{"to", message.to}, {"text", message.text}, {"file", file_.string()}});
    return {};
}

Result<void> OutboxSmsSender::SendBuffered(const SmsMessage& message) {
    {
        std::lock_guard lock(mutex_);
        if (auto appended = AppendLocked(message); !appended) {
            return appended;
        }
    }
    logger_.Info("sms (outbox)", {{"to", message.to}, {"text", message.text}, {"file", file_.string()}});
    return {};
}

Result<void> OutboxSmsSender::Flush() {
    std::lock_guard lock(mutex_);
    return SyncLocked();
}

Result<void> Msg91SmsSender::Send(const SmsMessage& message) {
    auto phone = PhoneNumber::Parse(message.to);
    if (!phone) {
        return Fail(ApiError::Internal("sms msg91: not an Indian mobile number"));
    }
    const std::string url = options_.url + (options_.url.find('?') == std::string::npos ? "?" : "&") +
                            "template_id=" + AwsUriEncode(options_.template_id) +
                            "&mobile=" + phone->DigitsWithCountryCode() + "&otp=" + AwsUriEncode(message.code);
    http::ClientRequest request = BaseRequest("POST", url, options_.timeout);
    request.headers.Set("authkey", options_.authkey);
    request.headers.Set("Content-Type", "application/json");
    request.headers.Set("Accept", "application/json");
    request.body = "{}";
    auto response = client_.Send(request);
    if (!response) {
        return Fail(ProviderError(name(), std::move(response.error())));
    }
    if (auto ok = CheckStatus(name(), *response); !ok) {
        return ok;
    }
    const auto body = nlohmann::json::parse(response->body, nullptr, false);
    if (!body.is_object() || body.value("type", "") != "success") {
        const std::string reason = body.is_object() ? body.value("message", std::string("no message")) : "not JSON";
        return Fail(ApiError::Internal("sms msg91: refused: " + reason.substr(0, 200) + " (" +
                                       UrlWithoutQuery(options_.url) + ")"));
    }
    return {};
}

std::string SnsSmsSender::PublishBody(const SmsMessage& message) const {
    std::vector<std::pair<std::string, std::string>> params = {
        {"Action", "Publish"}, {"Version", "2010-03-31"}, {"PhoneNumber", message.to}, {"Message", message.text}};
    int entry = 0;
    auto attribute = [&](const std::string& name, const std::string& value) {
        if (value.empty()) {
            return;
        }
        const std::string prefix = "MessageAttributes.entry." + std::to_string(++entry);
        params.emplace_back(prefix + ".Name", name);
        params.emplace_back(prefix + ".Value.DataType", "String");
        params.emplace_back(prefix + ".Value.StringValue", value);
    };
    attribute("AWS.SNS.SMS.SMSType", "Transactional");
    attribute("AWS.SNS.SMS.SenderID", options_.sender_id);
    attribute("AWS.MM.SMS.EntityId", options_.entity_id);
    attribute("AWS.MM.SMS.TemplateId", options_.template_id);
    std::string body;
    for (const auto& [k, v] : params) {
        body += (body.empty() ? "" : "&") + AwsUriEncode(k) + "=" + AwsUriEncode(v);
    }
    return body;
}

Result<void> SnsSmsSender::Send(const SmsMessage& message) {
    std::string authority;
    std::string path;
    if (!SplitUrl(options_.endpoint, authority, path)) {
        return Fail(ApiError::Internal("sms sns: malformed endpoint"));
    }
    constexpr std::string_view kContentType = "application/x-www-form-urlencoded; charset=utf-8";
    std::string body = PublishBody(message);
    const SigV4Request to_sign{.method = "POST",
                               .host = authority,
                               .path = path,
                               .query = {},
                               .headers = {{"content-type", std::string(kContentType)}},
                               .body = body};
    const SigV4Signature signature =
        SignSigV4(to_sign, options_.credentials, options_.region, "sns", AmzDate(options_.clock()));

    http::ClientRequest request = BaseRequest("POST", options_.endpoint, options_.timeout);
    request.headers.Set("Host", authority);
    request.headers.Set("Content-Type", kContentType);
    request.headers.Set("X-Amz-Date", signature.amz_date);
    request.headers.Set("Authorization", signature.authorization);
    if (!options_.credentials.session_token.empty()) {
        request.headers.Set("X-Amz-Security-Token", options_.credentials.session_token);
    }
    request.body = std::move(body);
    auto response = client_.Send(request);
    if (!response) {
        return Fail(ProviderError(name(), std::move(response.error())));
    }
    if (auto ok = CheckStatus(name(), *response); !ok) {
        return ok;
    }
    if (response->body.find("<MessageId>") == std::string::npos) {
        return Fail(ApiError::Internal("sms sns: 2xx without a MessageId"));
    }
    return {};
}

Result<void> WebhookSmsSender::Send(const SmsMessage& message) {
    http::ClientRequest request = BaseRequest("POST", options_.url, options_.timeout);
    request.headers.Set("Content-Type", "application/json");
    if (!options_.bearer_token.empty()) {
        request.headers.Set("Authorization", "Bearer " + options_.bearer_token);
    }
    request.body = nlohmann::json{{"to", message.to}, {"text", message.text}, {"code", message.code}}.dump();
    auto response = client_.Send(request);
    if (!response) {
        return Fail(ProviderError(name(), std::move(response.error())));
    }
    return CheckStatus(name(), *response);
}

Result<std::unique_ptr<SmsSender>> MakeSmsSender(const SmsConfig& config, const Secrets& secrets,
                                                 const std::filesystem::path& data_dir, const http::Client& client,
                                                 Logger& logger) {
    const std::chrono::milliseconds timeout(config.timeout_ms);
    auto missing = [](const std::string& what) {
        return Fail(ErrorCode::kInvalidArgument, "config: sms.provider=" + what);
    };
    if (config.provider == "outbox") {
        return std::make_unique<OutboxSmsSender>(data_dir / "outbox" / "sms.jsonl", logger);
    }
    if (config.provider == "msg91") {
        auto key = secrets.Get(sms_secret::kMsg91AuthKey);
        if (!key || key->empty()) {
            return missing("msg91 needs " + Secrets::EnvName(sms_secret::kMsg91AuthKey));
        }
        if (config.msg91_template_id.empty() || config.msg91_url.empty()) {
            return missing("msg91 needs sms.msg91_template_id and sms.msg91_url");
        }
        return std::make_unique<Msg91SmsSender>(
            Msg91SmsSender::Options{config.msg91_url, config.msg91_template_id, *key, timeout}, client);
    }
    if (config.provider == "sns") {
        auto id = secrets.Get(sms_secret::kAwsAccessKeyId);
        auto secret = secrets.Get(sms_secret::kAwsSecretAccessKey);
        if (!id || !secret || id->empty() || secret->empty()) {
            return missing("sns needs " + Secrets::EnvName(sms_secret::kAwsAccessKeyId) + " and " +
                           Secrets::EnvName(sms_secret::kAwsSecretAccessKey));
        }
        if (config.sns_region.empty()) {
            return missing("sns needs sms.sns_region");
        }
        if (config.sns_entity_id.empty() || config.sns_template_id.empty()) {
            return missing("sns needs sms.sns_entity_id and sms.sns_template_id (TRAI DLT, required for India)");
        }
        SnsSmsSender::Options options{
            .region = config.sns_region,
            .endpoint = config.sns_endpoint.empty() ? "https://sns." + config.sns_region + ".amazonaws.com/"
                                                    : config.sns_endpoint,
            .credentials = {*id, *secret, secrets.Get(sms_secret::kAwsSessionToken).value_or("")},
            .sender_id = config.sns_sender_id,
            .entity_id = config.sns_entity_id,
            .template_id = config.sns_template_id,
            .timeout = timeout};
        return std::make_unique<SnsSmsSender>(std::move(options), client);
    }
    if (config.provider == "webhook") {
        if (config.webhook_url.empty()) {
            return missing("webhook needs sms.webhook_url");
        }
        return std::make_unique<WebhookSmsSender>(
            WebhookSmsSender::Options{config.webhook_url, secrets.Get(sms_secret::kWebhookToken).value_or(""), timeout},
            client);
    }
    return missing(config.provider + " is not a known provider");
}

}  // namespace webdpro::auth
