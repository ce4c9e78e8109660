#include "http/static_files.hpp"

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/middleware.hpp"
#include "http/test_util.hpp"

namespace webdpro::http {
namespace {

const std::string kCss = [] {
    std::string css;
    while (css.size() < 4000) {
        css += ".product-card { display: grid; padding: 12px; }\n";
    }
    return css;
}();

const std::array<EmbeddedFile, 5> kFiles = {{
    {"index.html", "<!doctype html><title>WebDPro</title>"},
    {"css/site.css", kCss},
    {"img/logo.png", std::string_view("\x89PNG\r\n\x1a\n", 8)},
    {"owner/index.html", "<p>owner</p>"},
    {".secret", "do not serve"},
}};

Request Get(std::initializer_list<std::pair<std::string_view, std::string_view>> headers = {}) {
    Request request;
    for (const auto& [name, value] : headers) {
        request.headers.Add(name, value);
    }
    return request;
}

TEST(StaticFiles, ServesWithContentTypeEtagAndCaching) {
    const StaticFiles files(kFiles, {.dir = "", .max_age_s = 600});
    const Response css = files.Serve(Get(), "css/site.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.Body(), kCss);
    EXPECT_EQ(css.headers.Get("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.headers.Get("Cache-Control"), "public, max-age=600");
    EXPECT_EQ(css.headers.Get("ETag"), ContentEtag(kCss));
    EXPECT_NE(css.shared_body, nullptr);

    const Response png = files.Serve(Get(), "img/logo.png");
    EXPECT_EQ(png.headers.Get("Content-Type"), "image/png");
    EXPECT_EQ(png.Body().size(), 8U);
}

TEST(StaticFiles, SharesBodiesInsteadOfCopying) {
    const StaticFiles files(kFiles, {});
    const Response a = files.Serve(Get(), "css/site.css");
    const Response b = files.Serve(Get(), "css/site.css");
    EXPECT_EQ(a.shared_body.get(), b.shared_body.get());
}

TEST(StaticFiles, IndexAndHtmlRevalidate) {
    const StaticFiles files(kFiles, {});
    const Response root = files.Serve(Get(), "");
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.headers.Get("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(root.headers.Get("Cache-Control"), "no-cache");
    EXPECT_EQ(files.Serve(Get(), "owner/").Body(), "<p>owner</p>");
}

TEST(StaticFiles, IfNoneMatchGives304) {
    const StaticFiles files(kFiles, {});
    const std::string etag = ContentEtag(kCss);
    const Response fresh = files.Serve(Get({{"If-None-Match", "\"other\", " + etag}}), "css/site.css");
    EXPECT_EQ(fresh.status, 304);
    EXPECT_TRUE(fresh.Body().empty());
    EXPECT_EQ(fresh.headers.Get("ETag"), etag);
    EXPECT_EQ(files.Serve(Get({{"If-None-Match", "W/" + etag}}), "css/site.css").status, 304);
    EXPECT_EQ(files.Serve(Get({{"If-None-Match", "\"stale\""}}), "css/site.css").status, 200);
}

TEST(StaticFiles, PrecomputedGzipWhenAccepted) {
    const StaticFiles files(kFiles, {});
    const Response gz = files.Serve(Get({{"Accept-Encoding", "gzip"}}), "css/site.css");
    EXPECT_EQ(gz.headers.Get("Content-Encoding"), "gzip");
    EXPECT_EQ(gz.headers.Get("Vary"), "Accept-Encoding");
    EXPECT_FALSE(gz.compressible);
    EXPECT_EQ(GzipDecompress(gz.Body()), kCss);
    EXPECT_NE(gz.headers.Get("ETag"), ContentEtag(kCss));  // two encodings, two strong tags
    // Either tag revalidates.
    EXPECT_EQ(files.Serve(Get({{"If-None-Match", std::string(*gz.headers.Get("ETag"))}}), "css/site.css").status, 304);

    const Response plain = files.Serve(Get({{"Accept-Encoding", "br"}}), "css/site.css");
    EXPECT_FALSE(plain.headers.Has("Content-Encoding"));
    EXPECT_EQ(plain.Body(), kCss);
    // Small files have no variant.
    EXPECT_FALSE(files.Serve(Get({{"Accept-Encoding", "gzip"}}), "index.html").headers.Has("Content-Encoding"));
}

TEST(StaticFiles, MissingAndUnsafePathsAre404s) {
    const StaticFiles files(kFiles, {});
    for (std::string_view path : {"nope.css", "../index.html", "css/../index.html", "./index.html", ".secret",
                                  "css//site.css", "css\\site.css", "/index.html"}) {
        const Response response = files.Serve(Get(), path);
        ASSERT_TRUE(response.error.has_value()) << path;
        EXPECT_EQ(response.error->code, ErrorCode::kNotFound) << path;
    }
}

TEST(StaticFiles, ContentTypes) {
    EXPECT_EQ(ContentTypeFor("a/app.mjs"), "text/javascript; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("app.webmanifest"), "application/manifest+json");
    EXPECT_EQ(ContentTypeFor("f.WOFF2"), "font/woff2");
    EXPECT_EQ(ContentTypeFor("openapi.yaml"), "application/yaml");
    EXPECT_EQ(ContentTypeFor("x.webp"), "image/webp");
    EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
    EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
}

class StaticFilesDisk : public ::testing::Test {
protected:
    void SetUp() override {
        char name[] = "/tmp/webdpro_static_XXXXXX";
        root_ = std::filesystem::path(::mkdtemp(name));
        std::filesystem::create_directories(root_ / "web" / "css");
        Write(root_ / "web" / "index.html", "<p>v1</p>");
        Write(root_ / "web" / "css" / "a.css", "body{}");
        Write(root_ / "outside.txt", "secret");
        std::filesystem::create_symlink(root_ / "outside.txt", root_ / "web" / "link.txt");
    }
    void TearDown() override { std::filesystem::remove_all(root_); }
    static void Write(const std::filesystem::path& path, std::string_view text) {
        std::ofstream(path, std::ios::binary) << text;
    }
    std::filesystem::path root_;
};

TEST_F(StaticFilesDisk, RereadsFromDiskOnEveryRequest) {
    const StaticFiles files({}, {.dir = (root_ / "web").string(), .max_age_s = 300});
    const Response first = files.Serve(Get(), "");
    EXPECT_EQ(first.Body(), "<p>v1</p>");
    Write(root_ / "web" / "index.html", "<p>v2</p>");
    const Response second = files.Serve(Get(), "index.html");
    EXPECT_EQ(second.Body(), "<p>v2</p>");
    EXPECT_NE(first.headers.Get("ETag"), second.headers.Get("ETag"));
    EXPECT_EQ(files.Serve(Get(), "css/a.css").headers.Get("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(StaticFilesDisk, CannotLeaveTheFolder) {
    const StaticFiles files({}, {.dir = (root_ / "web").string(), .max_age_s = 300});
    for (std::string_view path : {"../outside.txt", "css/../../outside.txt", "link.txt", "css", "missing.html"}) {
        const Response response = files.Serve(Get(), path);
        ASSERT_TRUE(response.error.has_value()) << path;
        EXPECT_EQ(response.error->code, ErrorCode::kNotFound) << path;
    }
}

TEST(StaticRoutes, MountedAsTheLowestPrecedenceRouteAndKeepsApi404sJson) {
    const StaticFiles files(kFiles, {});
    Router router;
    RegisterStaticRoutes(router, files);
    router.Get("/api/health", [](Request&) -> boost::asio::awaitable<Response> { co_return Response::NoContent(); });

    RouteMatch match = router.Match(Method::kGet, "/css/site.css");
    ASSERT_NE(match.route, nullptr);
    Request request;
    request.params = std::move(match.params);
    EXPECT_EQ(testing::Call(match.route->handler, request).Body(), kCss);

    match = router.Match(Method::kGet, "/api/unknown");
    ASSERT_NE(match.route, nullptr);
    Request api;
    api.params = std::move(match.params);
    const Response response = testing::Call(match.route->handler, api);
    ASSERT_TRUE(response.error.has_value());
    EXPECT_EQ(response.error->code, ErrorCode::kNotFound);

    EXPECT_EQ(router.Match(Method::kGet, "/api/health").route->pattern, "/api/health");
}

}  // namespace
}  // namespace webdpro::http
