#include "accounts_support.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/client.hpp"

namespace webdpro::testing {
namespace {

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<nlohmann::json> OutboxMessages(const TestServer& server) {
    std::vector<nlohmann::json> out;
    std::ifstream in(server.data_dir() / "outbox" / "sms.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        auto json = nlohmann::json::parse(line, nullptr, false);
        if (!json.is_discarded()) {
            out.push_back(std::move(json));
        }
    }
    return out;
}

}  // namespace

std::string ApiReply::Header(const std::string& name) const {
    const std::string lower = Lower(name);
    for (const auto& [k, v] : headers) {
        if (k == lower) {
            return v;
        }
    }
    return "";
}

std::vector<std::string> ApiReply::All(const std::string& name) const {
    std::vector<std::string> out;
    const std::string lower = Lower(name);
    for (const auto& [k, v] : headers) {
        if (k == lower) {
            out.push_back(v);
        }
    }
    return out;
}

std::string ApiReply::SetCookie(const std::string& name) const {
    for (const auto& cookie : All("set-cookie")) {
        if (cookie.starts_with(name + "=")) {
            return cookie;
        }
    }
    return "";
}

std::string ApiReply::ErrorCode() const {
    if (json.is_object() && json.contains("error") && json["error"].is_object() && json["error"]["code"].is_string()) {
        return json["error"]["code"];
    }
    return "";
}

ApiReply Call(const std::string& method, const std::string& url,
              const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
    HeaderList all;
    if (!body.empty()) {
        all.emplace_back("Content-Type", "application/json");
    }
    all.insert(all.end(), headers.begin(), headers.end());
    auto raw = Exchange(method, url, all, body);
    ApiReply reply{raw.status, std::move(raw.headers), std::move(raw.body), {}};
    reply.json = nlohmann::json::parse(reply.body, nullptr, false);
    return reply;
}

std::vector<std::string> RelaxedLimits() {
    return {"--set", "auth.otp_resend_cooldown_s=0",       "--set", "auth.otp_phone_limit=1000",
            "--set", "auth.otp_ip_limit=1000000",          "--set", "auth.verify_ip_per_min=1000000",
            "--set", "rate_limit.ip_per_min=1000000",      "--set", "rate_limit.principal_per_min=1000000",
            "--set", "rate_limit.businesses_per_person=0", "--set", "rate_limit.generations_per_person_per_hour=0",
            "--set", "server.trust_forwarded_for=true"};
}

std::unique_ptr<TestServer> StartRelaxedServer(const std::vector<std::string>& extra_args) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    options.extra_args.insert(options.extra_args.end(), extra_args.begin(), extra_args.end());
    auto server = TestServer::Start(options, error);
    EXPECT_NE(server, nullptr) << error;
    return server;
}

std::size_t OutboxLines(const TestServer& server) {
    return OutboxMessages(server).size();
}

std::string LatestCode(const TestServer& server, const std::string& e164, std::size_t skip_lines) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto messages = OutboxMessages(server);
        for (std::size_t i = messages.size(); i > skip_lines; --i) {
            const auto& m = messages[i - 1];
            if (m.value("to", "") == e164) {
                return m.value("code", "");
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
}

std::optional<Session> SignIn(const TestServer& server, const std::string& phone, const std::string& client_ip) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!client_ip.empty()) {
        headers.emplace_back("X-Forwarded-For", client_ip);
    }
    const std::size_t before = OutboxLines(server);
    auto sent = Call("POST", server.url("/api/auth/otp"), headers, nlohmann::json{{"phone", phone}}.dump());
    if (sent.status != 202) {
        ADD_FAILURE() << "otp for " << phone << ": " << sent.Describe();
        return std::nullopt;
    }
    const auto messages_to = [&]() -> std::string {
        std::ifstream in(server.data_dir() / "outbox" / "sms.jsonl");
        std::string line;
        std::string last;
        std::size_t n = 0;
        while (std::getline(in, line)) {
            if (++n > before) {
                last = line;
            }
        }
        return last.empty() ? "" : nlohmann::json::parse(last).value("to", "");
    }();
    const std::string code = LatestCode(server, messages_to, before);
    if (code.size() != 6) {
        ADD_FAILURE() << "no code in the outbox for " << phone;
        return std::nullopt;
    }
    auto verified = Call("POST", server.url("/api/auth/verify"), headers,
                         nlohmann::json{{"phone", phone}, {"code", code}, {"token_delivery", "body"}}.dump());
    if (verified.status != 200 || !verified.json.is_object()) {
        ADD_FAILURE() << "verify for " << phone << ": " << verified.Describe();
        return std::nullopt;
    }
    return Session{verified.json["access_token"], verified.json["refresh_token"], verified.json};
}

std::optional<Session> SignUpOwner(const TestServer& server, const std::string& phone, const std::string& business) {
    auto session = SignIn(server, phone);
    if (!session) {
        return std::nullopt;
    }
    auto created =
        Call("POST", server.url("/api/tenants"), {session->Auth()}, nlohmann::json{{"business_name", business}}.dump());
    if (created.status != 201) {
        ADD_FAILURE() << "create tenant " << business << ": " << created.Describe();
        return std::nullopt;
    }
    return Session{created.json["access_token"], created.json["refresh_token"], created.json};
}

}  // namespace webdpro::testing
