#include "auth/auth_routes.hpp"

#include "auth/phone.hpp"
#include "auth/session_http.hpp"
#include "core/time.hpp"
#include "http/route_input.hpp"

namespace webdpro::auth {
namespace {

using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::size_t kCodeDigits = 6;
constexpr std::int64_t kSmallBody = 4 * 1024;

/// {phone} → a parsed phone, or a 400 naming the field.
Result<PhoneNumber> ReadPhone(const nlohmann::json& body) {
    auto it = body.find("phone");
    if (it == body.end() || !it->is_string()) {
        return Fail(ApiError::Invalid("phone", "Enter your 10-digit mobile number."));
    }
    auto phone = PhoneNumber::Parse(it->get<std::string>());
    if (!phone) {
        return Fail(ApiError::Invalid("phone", "Enter a valid Indian mobile number (10 digits starting with 6-9)."));
    }
    return *phone;
}

Result<std::string> ReadCode(const nlohmann::json& body) {
    auto it = body.find("code");
    if (it == body.end() || !it->is_string()) {
        return Fail(ApiError::Invalid("code", "Enter the 6-digit code from the SMS."));
    }
    std::string code;
    for (char c : it->get<std::string>()) {
        if (c != ' ') {
            code.push_back(c);
        }
    }
    if (code.size() != kCodeDigits || code.find_first_not_of("0123456789") != std::string::npos) {
        return Fail(ApiError::Invalid("code", "Enter the 6-digit code from the SMS."));
    }
    return code;
}

Result<TokenDelivery> ReadDelivery(const nlohmann::json& body) {
    auto it = body.find("token_delivery");
    if (it == body.end() || it->is_null()) {
        return TokenDelivery::kCookie;
    }
    if (it->is_string() && it->get<std::string>() == "cookie") {
        return TokenDelivery::kCookie;
    }
    if (it->is_string() && it->get<std::string>() == "body") {
        return TokenDelivery::kBody;
    }
    return Fail(ApiError::Invalid("token_delivery", "Must be \"cookie\" or \"body\"."));
}

std::int64_t NowSeconds() {
    return UnixSeconds(NowUtc());
}

/// The principal the guard attached; routes with a permission always have one.
const Principal& PrincipalOf(const http::Request& request) {
    return *request.principal;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, AuthService& auth, const SessionCookies& cookies) {
    const http::RouteOptions small_public{.body_limit = kSmallBody, .permission = ""};

    router.Post(
        "/api/auth/otp",
        [&auth](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto phone = ReadPhone(*body);
            if (!phone) {
                co_return http::Response::Error(std::move(phone.error()));
            }
            auto issued = co_await auth.RequestCode(std::move(*phone), MetaOf(request));
            if (!issued) {
                co_return http::Response::Error(std::move(issued.error()));
            }
            co_return http::Response::Json(
                202, {{"expires_in_s", issued->expires_in_s}, {"resend_after_s", issued->resend_after_s}});
        },
        small_public);

    router.Post(
        "/api/auth/verify",
        [&auth, &cookies](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto phone = ReadPhone(*body);
            auto code = ReadCode(*body);
            auto delivery = ReadDelivery(*body);
            if (!phone || !code || !delivery) {
                ApiError error(ErrorCode::kInvalidArgument, "The request has invalid fields.");
                for (const ApiError* e : {phone ? nullptr : &phone.error(), code ? nullptr : &code.error(),
                                          delivery ? nullptr : &delivery.error()}) {
                    if (e != nullptr) {
                        error.fields.insert(error.fields.end(), e->fields.begin(), e->fields.end());
                    }
                }
                co_return http::Response::Error(std::move(error));
            }
            auto signed_in = co_await auth.Verify(std::move(*phone), std::move(*code), MetaOf(request));
            if (!signed_in) {
                co_return http::Response::Error(std::move(signed_in.error()));
            }
            co_return cookies.Respond(request, 200, AccountJson(signed_in->account, NowSeconds()), *signed_in,
                                      *delivery);
        },
        small_public);

    router.Post(
        "/api/auth/refresh",
        [&auth, &cookies](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            std::optional<std::string> token;
            TokenDelivery delivery = TokenDelivery::kCookie;
            if (auto it = body->find("refresh_token"); it != body->end() && it->is_string()) {
                token = it->get<std::string>();
                delivery = TokenDelivery::kBody;
            } else {
                token = CookieValue(request, kRefreshCookie);
            }
            if (!token || token->empty()) {
                co_return http::Response::Error(
                    ApiError(ErrorCode::kUnauthenticated, "Please sign in.", "refresh: no refresh token"));
            }
            auto refreshed = co_await auth.Refresh(std::move(*token), MetaOf(request));
            if (!refreshed) {
                http::Response response = http::Response::Error(std::move(refreshed.error()));
                if (delivery == TokenDelivery::kCookie) {
                    cookies.Clear(request, response);
                }
                co_return response;
            }
            co_return cookies.Respond(request, 200, AccountJson(refreshed->account, NowSeconds()), *refreshed,
                                      delivery);
        },
        small_public);

    router.Post(
        "/api/auth/logout",
        [&auth, &cookies](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            std::optional<std::string> refresh = CookieValue(request, kRefreshCookie);
            if (body) {
                if (auto it = body->find("refresh_token"); it != body->end() && it->is_string()) {
                    refresh = it->get<std::string>();
                }
            }
            auto done = co_await auth.Logout(request.principal, std::move(refresh), MetaOf(request));
            if (!done) {
                co_return http::Response::Error(std::move(done.error()));
            }
            http::Response response = http::Response::NoContent();
            cookies.Clear(request, response);
            co_return response;
        },
        small_public);

    router.Get(
        "/api/me",
        [&auth](http::Request& request) -> Awaitable {
            auto account = co_await auth.Me(PrincipalOf(request), auth.AccessExpiry(AccessToken(request).value_or("")));
            if (!account) {
                co_return http::Response::Error(std::move(account.error()));
            }
            co_return http::Response::Json(200, AccountJson(*account, NowSeconds()));
        },
        http::RouteOptions{.permission = "me"});

    router.Post(
        "/api/auth/switch",
        [&auth, &cookies](http::Request& request) -> Awaitable {
            auto body = http::ReadJsonObject(request);
            if (!body) {
                co_return http::Response::Error(std::move(body.error()));
            }
            auto it = body->find("tenant_id");
            if (it == body->end() || !(it->is_string() || it->is_null())) {
                co_return http::Response::Error(
                    ApiError::Invalid("tenant_id", "Give the id of one of your businesses, or null."));
            }
            std::optional<TenantId> tenant_id;
            if (it->is_string()) {
                tenant_id = TenantId::Parse(it->get<std::string>());
                if (!tenant_id) {
                    // Not even an id: as unknown as another tenant's.
                    co_return http::Response::Error(ApiError::NotFound("Business"));
                }
            }
            auto switched = co_await auth.Switch(PrincipalOf(request), std::move(tenant_id), MetaOf(request));
            if (!switched) {
                co_return http::Response::Error(std::move(switched.error()));
            }
            co_return cookies.Respond(request, 200, AccountJson(switched->account, NowSeconds()), *switched,
                                      DeliveryOf(request));
        },
        http::RouteOptions{.body_limit = kSmallBody, .permission = "me"});
}

}  // namespace webdpro::auth
