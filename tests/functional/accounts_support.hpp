#pragma once
// Helpers for the accounts functional tests (sign-in over the real binary, the SMS outbox).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_server.hpp"

namespace webdpro::testing {

/// A response with every header kept (several Set-Cookie fields), and the body parsed as JSON
/// when it is JSON.
struct ApiReply {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
    std::string body;
    nlohmann::json json;

    std::string Header(const std::string& name) const;
    std::vector<std::string> All(const std::string& name) const;
    /// The Set-Cookie field for cookie `name`, or "".
    std::string SetCookie(const std::string& name) const;
    /// The error envelope's code, or "".
    std::string ErrorCode() const;
    std::string Describe() const { return std::to_string(status) + " " + body; }
};

/// One request. `headers` may repeat names. Never throws; status 0 on transport failure.
ApiReply Call(const std::string& method, const std::string& url,
              const std::vector<std::pair<std::string, std::string>>& headers = {}, const std::string& body = "");

/// A signed-in caller holding Bearer tokens.
struct Session {
    std::string access;
    std::string refresh;
    nlohmann::json account;  ///< the verify-shaped body

    std::pair<std::string, std::string> Auth() const { return {"Authorization", "Bearer " + access}; }
    std::string UserId() const { return account["user"]["id"]; }
};

/// Server flags that lift the OTP and request limits so a test can sign in many times from one
/// machine, and trust X-Forwarded-For so a test can act from several client addresses.
std::vector<std::string> RelaxedLimits();

/// Starts the server with RelaxedLimits() and `extra_args`; fails the test (and returns null) when
/// it does not start.
std::unique_ptr<TestServer> StartRelaxedServer(const std::vector<std::string>& extra_args = {});

/// The latest code sent to `e164` through the outbox sender (DATA_DIR/outbox/sms.jsonl); waits up
/// to 15 s for it (a loaded machine delays the SMS thread). Empty when none came.
std::string LatestCode(const TestServer& server, const std::string& e164, std::size_t skip_lines = 0);
/// How many messages the outbox holds.
std::size_t OutboxLines(const TestServer& server);

/// POST /api/auth/otp, read the code from the outbox, POST /api/auth/verify with token_delivery
/// "body". Fails the test (and returns nullopt) when any step does.
std::optional<Session> SignIn(const TestServer& server, const std::string& phone, const std::string& client_ip = "");

/// SignIn, then POST /api/tenants: the owner's session of a new tenant.
std::optional<Session> SignUpOwner(const TestServer& server, const std::string& phone, const std::string& business);

}  // namespace webdpro::testing
