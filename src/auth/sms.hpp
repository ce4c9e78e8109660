#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "auth/auth_config.hpp"
#include "core/aws_sigv4.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/secrets.hpp"
#include "http/client.hpp"

namespace webdpro::auth {

/// One text message to a phone.
struct SmsMessage {
    std::string to{};    ///< E.164, "+919812345678"
    std::string text{};  ///< the full text, for providers that send free text
    std::string code;    ///< the one-time code, for template providers (MSG91) that fill it in themselves
};

/// Sends SMS. Implementations block (file I/O, outbound HTTP with timeouts): call Send on a
/// WorkPool, never on an I/O thread. Thread-safe.
///
/// Errors: kTimeout when the provider did not answer in time, kUnavailable when it could not be
/// reached or answered 5xx, kInternal when it refused the message (4xx, an error body: usually
/// configuration). The detail names the provider and its reason; it never contains the code,
/// the text or a credential.
class SmsSender {
public:
    virtual ~SmsSender() = default;
    /// "outbox", "msg91", "sns", "webhook".
    virtual std::string_view name() const = 0;
    virtual Result<void> Send(const SmsMessage& message) = 0;
    /// For a caller sending many messages in a row: like Send, but the sender may hold back what
    /// makes the message durable until Flush. A message counts as sent only after a successful
    /// Flush. By default the same as Send.
    virtual Result<void> SendBuffered(const SmsMessage& message) { return Send(message); }
    /// Makes every message sent with SendBuffered durable (one fsync for all of them).
    virtual Result<void> Flush() { return {}; }
};

/// The development sender: appends one JSON line {ts, to, text, code, provider} per message to a
/// file (DATA_DIR/outbox/sms.jsonl), fsyncs it, and logs it, so a developer or a test reads the
/// code there. The only place a code is ever logged. SendBuffered appends without the fsync;
/// Flush then syncs every line appended so far at once.
class OutboxSmsSender final : public SmsSender {
public:
    OutboxSmsSender(std::filesystem::path file, Logger& logger) : file_(std::move(file)), logger_(logger) {}
    ~OutboxSmsSender() override;
    std::string_view name() const override { return "outbox"; }
    Result<void> Send(const SmsMessage& message) override;
    Result<void> SendBuffered(const SmsMessage& message) override;
    Result<void> Flush() override;

private:
    /// Appends the message's line (opening the file once); under mutex_.
    Result<void> AppendLocked(const SmsMessage& message);
    Result<void> SyncLocked();

    std::filesystem::path file_;
    Logger& logger_;
    std::mutex mutex_;
    int fd_ = -1;            ///< the file, kept open between messages
    bool unsynced_ = false;  ///< lines appended since the last fsync
};

/// MSG91 SendOTP v5: POST <url>?template_id=…&mobile=91XXXXXXXXXX&otp=<code> with the `authkey`
/// header; success is a 2xx with {"type":"success"} (external-apis.md §6.1).
class Msg91SmsSender final : public SmsSender {
public:
    struct Options {
        std::string url{};
        std::string template_id{};
        std::string authkey{};
        std::chrono::milliseconds timeout{10'000};
    };
    Msg91SmsSender(Options options, const http::Client& client) : options_(std::move(options)), client_(client) {}
    std::string_view name() const override { return "msg91"; }
    Result<void> Send(const SmsMessage& message) override;

private:
    Options options_;
    const http::Client& client_;
};

/// AWS SNS Publish to a phone number, signed with SigV4, Transactional, with the India DLT
/// entity and template ids (external-apis.md §6.2). Success is a 2xx carrying a MessageId.
class SnsSmsSender final : public SmsSender {
public:
    struct Options {
        std::string region{};
        std::string endpoint{};  ///< "https://sns.<region>.amazonaws.com/" or a test server
        AwsCredentials credentials{};
        std::string sender_id{};
        std::string entity_id{};
        std::string template_id{};
        std::chrono::milliseconds timeout{10'000};
        std::function<TimePoint()> clock = NowUtc;
    };
    SnsSmsSender(Options options, const http::Client& client) : options_(std::move(options)), client_(client) {}
    std::string_view name() const override { return "sns"; }
    Result<void> Send(const SmsMessage& message) override;

    /// The form body of a Publish call (exposed for tests).
    std::string PublishBody(const SmsMessage& message) const;

private:
    Options options_;
    const http::Client& client_;
};

/// A generic HTTP webhook: POST <url> with {"to","text","code"} as JSON and, when configured,
/// `Authorization: Bearer <token>`. Any 2xx is success.
class WebhookSmsSender final : public SmsSender {
public:
    struct Options {
        std::string url{};
        std::string bearer_token{};
        std::chrono::milliseconds timeout{10'000};
    };
    WebhookSmsSender(Options options, const http::Client& client) : options_(std::move(options)), client_(client) {}
    std::string_view name() const override { return "webhook"; }
    Result<void> Send(const SmsMessage& message) override;

private:
    Options options_;
    const http::Client& client_;
};

/// Secret names the SMS providers read (WEBDPRO_SECRET_<NAME upper-cased>).
namespace sms_secret {
inline constexpr std::string_view kMsg91AuthKey = "msg91_authkey";
inline constexpr std::string_view kAwsAccessKeyId = "aws_access_key_id";
inline constexpr std::string_view kAwsSecretAccessKey = "aws_secret_access_key";
inline constexpr std::string_view kAwsSessionToken = "aws_session_token";
inline constexpr std::string_view kWebhookToken = "sms_webhook_token";
}  // namespace sms_secret

/// Builds the sender `config.provider` names. kInvalidArgument (a start-up error) when the
/// provider's settings or secrets are missing, naming what to set.
Result<std::unique_ptr<SmsSender>> MakeSmsSender(const SmsConfig& config, const Secrets& secrets,
                                                 const std::filesystem::path& data_dir, const http::Client& client,
                                                 Logger& logger);

}  // namespace webdpro::auth
