#include "http/middleware.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace webdpro::http {
namespace {

Request WithHeaders(std::initializer_list<std::pair<std::string_view, std::string_view>> headers,
                    Method method = Method::kGet) {
    Request request;
    request.method = method;
    for (const auto& [name, value] : headers) {
        request.headers.Add(name, value);
    }
    return request;
}

std::string Body(std::size_t size) {
    std::string text;
    while (text.size() < size) {
        text += "{\"name\":\"Aashirvaad Atta 5kg\",\"price_paise\":29900},";
    }
    text.resize(size);
    return text;
}

TEST(Cors, AllowedOriginGetsHeaders) {
    const Cors cors({"https://owner.example.in"});
    const Request request = WithHeaders({{"Origin", "https://owner.example.in"}});
    Response response = Response::Text(200, "ok");
    cors.Apply(request, response);
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Origin"), "https://owner.example.in");
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Credentials"), "true");
    EXPECT_EQ(response.headers.Get("Vary"), "Origin");
}

TEST(Cors, DisallowedOriginGetsNoCorsHeaders) {
    const Cors cors({"https://owner.example.in"});
    for (std::string_view origin : {"https://evil.example", "https://owner.example.in.evil", "null"}) {
        const Request request = WithHeaders({{"Origin", origin}});
        Response response = Response::Text(200, "ok");
        cors.Apply(request, response);
        EXPECT_FALSE(response.headers.Has("Access-Control-Allow-Origin")) << origin;
        EXPECT_EQ(response.headers.Get("Vary"), "Origin");
    }
}

TEST(Cors, DisabledAddsNothing) {
    const Cors cors({});
    const Request request = WithHeaders({{"Origin", "https://owner.example.in"}});
    Response response = Response::Text(200, "ok");
    cors.Apply(request, response);
    EXPECT_FALSE(response.headers.Has("Access-Control-Allow-Origin"));
    EXPECT_FALSE(response.headers.Has("Vary"));
}

TEST(Cors, PreflightForAllowedOrigin) {
    const Cors cors({"https://owner.example.in"});
    const Request request = WithHeaders({{"Origin", "https://owner.example.in"},
                                         {"Access-Control-Request-Method", "POST"},
                                         {"Access-Control-Request-Headers", "content-type, x-request-id"}},
                                        Method::kOptions);
    ASSERT_TRUE(Cors::IsPreflight(request));
    const Response response = cors.Preflight(request, "GET, HEAD, POST");
    EXPECT_EQ(response.status, 204);
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Origin"), "https://owner.example.in");
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Methods"), "GET, HEAD, POST");
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Headers"), "content-type, x-request-id");
    EXPECT_TRUE(response.headers.Has("Access-Control-Max-Age"));
}

TEST(Cors, PreflightForDisallowedOriginCarriesNoPermission) {
    const Cors cors({"https://owner.example.in"});
    const Request request = WithHeaders(
        {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "DELETE"}}, Method::kOptions);
    const Response response = cors.Preflight(request, "DELETE");
    EXPECT_FALSE(response.headers.Has("Access-Control-Allow-Origin"));
    EXPECT_FALSE(response.headers.Has("Access-Control-Allow-Methods"));
}

TEST(Cors, PreflightDoesNotEchoOddRequestedHeaders) {
    const Cors cors({"https://owner.example.in"});
    const Request request = WithHeaders({{"Origin", "https://owner.example.in"},
                                         {"Access-Control-Request-Method", "POST"},
                                         {"Access-Control-Request-Headers", "x\"<script>"}},
                                        Method::kOptions);
    const Response response = cors.Preflight(request, "POST");
    EXPECT_EQ(response.headers.Get("Access-Control-Allow-Headers"),
              "Content-Type, Authorization, X-Request-Id, Idempotency-Key");
}

TEST(Cors, PlainOptionsIsNotAPreflight) {
    EXPECT_FALSE(Cors::IsPreflight(WithHeaders({{"Origin", "https://a"}}, Method::kOptions)));
    EXPECT_FALSE(Cors::IsPreflight(WithHeaders({{"Access-Control-Request-Method", "GET"}}, Method::kOptions)));
    EXPECT_FALSE(Cors::IsPreflight(
        WithHeaders({{"Origin", "https://a"}, {"Access-Control-Request-Method", "GET"}}, Method::kGet)));
}

TEST(Gzip, AcceptEncodingParsing) {
    EXPECT_TRUE(AcceptsGzip("gzip"));
    EXPECT_TRUE(AcceptsGzip("br, gzip, deflate"));
    EXPECT_TRUE(AcceptsGzip("GZIP;q=0.5"));
    EXPECT_TRUE(AcceptsGzip("*"));
    EXPECT_TRUE(AcceptsGzip("x-gzip"));
    EXPECT_FALSE(AcceptsGzip(""));
    EXPECT_FALSE(AcceptsGzip("br, deflate"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
    EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
    EXPECT_FALSE(AcceptsGzip("*;q=0"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));
    EXPECT_FALSE(AcceptsGzip("identity"));
}

TEST(Gzip, CompressibleTypes) {
    for (std::string_view type : {"text/html; charset=utf-8", "text/css", "application/json", "text/javascript",
                                  "application/javascript", "image/svg+xml", "application/xml", "application/yaml",
                                  "application/manifest+json", "application/problem+json"}) {
        EXPECT_TRUE(IsCompressibleType(type)) << type;
    }
    for (std::string_view type : {"image/png", "image/jpeg", "image/webp", "font/woff2", "application/octet-stream"}) {
        EXPECT_FALSE(IsCompressibleType(type)) << type;
    }
}

TEST(Gzip, RoundTrip) {
    const std::string original = Body(50'000);
    const std::string compressed = GzipCompress(original);
    EXPECT_LT(compressed.size(), original.size() / 5);
    EXPECT_EQ(GzipDecompress(compressed), original);
    EXPECT_EQ(GzipDecompress(GzipCompress("")), "");
    // Reused per-thread streams must not leak state from one body into the next.
    EXPECT_EQ(GzipDecompress(GzipCompress("second body")), "second body");
    for (int level : {-1, 0, 1, 9, 42}) {
        EXPECT_EQ(GzipDecompress(GzipCompress(original, level)), original) << level;
    }
}

TEST(Gzip, DecompressRejectsCorruptTruncatedAndOversizedInput) {
    const std::string compressed = GzipCompress(Body(50'000));
    EXPECT_FALSE(GzipDecompress("not gzip at all").has_value());
    EXPECT_FALSE(GzipDecompress(std::string_view(compressed).substr(0, compressed.size() / 2)).has_value());
    EXPECT_FALSE(GzipDecompress(compressed, 1000).has_value());
}

TEST(Gzip, AppliedWhenAcceptedAndWorthIt) {
    const Request request = WithHeaders({{"Accept-Encoding", "gzip, br"}});
    const std::string original = Body(5000);
    Response response = Response::Text(200, original, "application/json");
    response.headers.Set("ETag", "\"abc\"");
    ApplyGzip(request, response);
    EXPECT_EQ(response.headers.Get("Content-Encoding"), "gzip");
    EXPECT_EQ(response.headers.Get("Vary"), "Accept-Encoding");
    EXPECT_EQ(response.headers.Get("ETag"), "\"abc-gz\"");
    EXPECT_EQ(GzipDecompress(response.body), original);
}

TEST(Gzip, SharedBodiesAreCompressedWithoutTouchingTheShare) {
    const Request request = WithHeaders({{"Accept-Encoding", "gzip"}});
    auto shared = std::make_shared<const std::string>(Body(5000));
    Response response = Response::Shared(200, shared, "text/css");
    ApplyGzip(request, response);
    EXPECT_EQ(response.shared_body, nullptr);
    EXPECT_EQ(GzipDecompress(response.body), *shared);
    EXPECT_EQ(shared->size(), 5000U);
}

TEST(Gzip, NotAppliedWhenNotAccepted) {
    const Request request = WithHeaders({{"Accept-Encoding", "br"}});
    const std::string original = Body(5000);
    Response response = Response::Text(200, original, "application/json");
    ApplyGzip(request, response);
    EXPECT_FALSE(response.headers.Has("Content-Encoding"));
    EXPECT_EQ(response.headers.Get("Vary"), "Accept-Encoding");  // the answer still depends on it
    EXPECT_EQ(response.body, original);
}

TEST(Gzip, NotAppliedToSmallIncompressibleOrEncodedBodies) {
    const Request request = WithHeaders({{"Accept-Encoding", "gzip"}});
    Response small = Response::Text(200, Body(kMinGzipBytes - 1), "application/json");
    ApplyGzip(request, small);
    EXPECT_FALSE(small.headers.Has("Content-Encoding"));

    Response image = Response::Text(200, Body(5000), "image/png");
    ApplyGzip(request, image);
    EXPECT_FALSE(image.headers.Has("Content-Encoding"));

    Response encoded = Response::Text(200, Body(5000), "text/css");
    encoded.headers.Set("Content-Encoding", "br");
    ApplyGzip(request, encoded);
    EXPECT_EQ(encoded.headers.Get("Content-Encoding"), "br");

    Response opted_out = Response::Text(200, Body(5000), "text/css");
    opted_out.compressible = false;
    ApplyGzip(request, opted_out);
    EXPECT_FALSE(opted_out.headers.Has("Content-Encoding"));
}

TEST(SecurityHeaders, DefaultsAndOverrides) {
    Response html = Response::Text(200, "<p>hi</p>", "text/html; charset=utf-8");
    html.headers.Set("X-Frame-Options", "SAMEORIGIN");
    ApplySecurityHeaders(html);
    EXPECT_EQ(html.headers.Get("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(html.headers.Get("Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(html.headers.Get("X-Frame-Options"), "SAMEORIGIN");
    EXPECT_EQ(html.headers.Get("Content-Security-Policy"), kDefaultCsp);

    Response json = Response::Json(200, {{"ok", true}});
    ApplySecurityHeaders(json);
    EXPECT_EQ(json.headers.Get("X-Frame-Options"), "DENY");
    EXPECT_FALSE(json.headers.Has("Content-Security-Policy"));
}

TEST(ErrorEnvelope, HasCodeMessageFieldsAndRequestIdButNoDetail) {
    ApiError error = ApiError::Invalid("phone", "Enter a 10-digit mobile number.");
    error.detail = "SELECT secret FROM internals";
    const auto body = nlohmann::json::parse(ErrorBody(error, "req_1"));
    EXPECT_EQ(body["error"]["code"], "invalid_argument");
    EXPECT_EQ(body["error"]["message"], "The request has invalid fields.");
    EXPECT_EQ(body["error"]["fields"][0]["field"], "phone");
    EXPECT_EQ(body["error"]["fields"][0]["message"], "Enter a 10-digit mobile number.");
    EXPECT_EQ(body["request_id"], "req_1");
    EXPECT_EQ(ErrorBody(error, "req_1").find("secret"), std::string::npos);

    const auto plain = nlohmann::json::parse(ErrorBody(ApiError::NotFound("Store"), "r"));
    EXPECT_FALSE(plain["error"].contains("fields"));
    EXPECT_EQ(plain["error"]["code"], "not_found");
}

TEST(ErrorEnvelope, RenderSetsStatusAndRetryAfter) {
    ApiError error(ErrorCode::kRateLimited, "Slow down.");
    error.retry_after_s = 30;
    Response response = Response::Error(error);
    response.headers.Set("X-Custom", "kept");
    RenderError(response, "req_2");
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(response.headers.Get("Retry-After"), "30");
    EXPECT_EQ(response.headers.Get("Content-Type"), "application/json");
    EXPECT_EQ(response.headers.Get("X-Custom"), "kept");
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "rate_limited");

    Response unavailable = Response::Error(ApiError::Unavailable("db busy"));
    RenderError(unavailable, "req_3");
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_FALSE(unavailable.headers.Has("Retry-After"));
}

}  // namespace
}  // namespace webdpro::http
