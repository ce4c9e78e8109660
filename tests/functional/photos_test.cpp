// Product photos over HTTP on the real binary: an owner uploads a phone JPEG carrying EXIF GPS, and
// the product points at a small WebP without any of it, served with immutable caching to the owner
// app and from the published store (under /s/{slug}/ and on its subdomain); PNG and WebP are
// accepted; a text file named .jpg and a 9 MiB upload are refused and change nothing; DELETE
// brings the generated art back.
#include <cstdlib>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <png.h>
#include <webp/decode.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_images.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kBaseDomain = "photos.test";
constexpr const char* kGpsMarker = "GPS-26.9124N-75.7873E-OWNER-HOME";

Pixels Gradient(int w, int h) {
    Pixels px;
    px.reserve(static_cast<std::size_t>(w * h * 3));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            px.insert(px.end(), {static_cast<std::uint8_t>(x * 255 / w), static_cast<std::uint8_t>(y * 255 / h), 90});
        }
    }
    return px;
}

/// A phone-like JPEG: an EXIF block with an orientation tag and the owner's position in it.
std::string PhoneJpeg(int w, int h) {
    std::string tiff(
        "II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00", 26);
    const std::string exif = std::string("Exif\0\0", 6) + tiff + kGpsMarker;
    return EncodeJpeg(Gradient(w, h), w, h, {.quality = 92, .exif = exif});
}

std::string Png(int w, int h) {
    return EncodePng(Gradient(w, h), w, h, PNG_COLOR_TYPE_RGB);
}

std::string Webp(int w, int h) {
    return EncodeWebp(Gradient(w, h), w, h);
}

class PhotosOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(
            OpenShop({.owner_phone = "9000000171",
                      .business = "Photo Kirana",
                      .slug = "photo-kirana",
                      .extra_args = {"--set", "storefront.base_domain=" + std::string(kBaseDomain)}}));
        // A spec, so the published store renders pages.
        std::string spec;
        ASSERT_EQ(RunWebdpro({"generate", "Photo Kirana, vegetables and groceries in Jaipur", "--spec"}, spec), 0);
        spec = spec.substr(spec.find('{'), spec.rfind('}') - spec.find('{') + 1);
        ASSERT_EQ(
            QueryInt(*server_, "UPDATE stores SET spec = " + Quote(spec) +
                                   ", sector = 'grocery' WHERE store_id = " + Quote(store_.store_id) + " RETURNING 1"),
            1);
    }

    std::string PhotoUrl(std::size_t product = 0) const {
        return server_->url("/api/stores/" + store_.store_id + "/products/" + store_.product_ids[product] + "/photo");
    }

    ApiReply Put(const std::string& bytes, const std::string& content_type, std::size_t product = 0) {
        return Call("PUT", PhotoUrl(product), {owner_->Auth(), {"Content-Type", content_type}}, bytes);
    }

    std::string ImageOf(std::size_t product = 0) {
        auto got =
            Call("GET", server_->url("/api/stores/" + store_.store_id + "/products/" + store_.product_ids[product]),
                 {owner_->Auth()});
        EXPECT_EQ(got.status, 200) << got.Describe();
        return got.json.value("image", std::string("?"));
    }

    std::int64_t Photos() { return QueryInt(*server_, "SELECT count(*) FROM product_photos"); }
};

struct WebpInfo {
    int width = 0;
    int height = 0;
};

WebpInfo InfoOf(const std::string& bytes) {
    WebpInfo info;
    EXPECT_NE(WebPGetInfo(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), &info.width, &info.height),
              0);
    return info;
}

TEST_F(PhotosOverHttp, APhoneJpegBecomesASmallWebpWithoutItsExif) {
    const std::string jpeg = PhoneJpeg(1600, 1200);
    ASSERT_NE(jpeg.find(kGpsMarker), std::string::npos);
    auto put = Put(jpeg, "application/octet-stream");
    ASSERT_EQ(put.status, 200) << put.Describe();
    EXPECT_EQ(put.json["product_id"], store_.product_ids[0]);
    const std::string image = put.json["image"];
    EXPECT_THAT(image, StartsWith("/media/" + tenant_id_ + "/pho_"));
    EXPECT_EQ(ImageOf(), image);
    EXPECT_EQ(Photos(), 1);

    auto photo = Call("GET", server_->url(image));
    ASSERT_EQ(photo.status, 200) << photo.Describe();
    EXPECT_EQ(photo.Header("content-type"), "image/webp");
    EXPECT_EQ(photo.Header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_THAT(photo.body, StartsWith("RIFF"));
    const WebpInfo info = InfoOf(photo.body);
    EXPECT_EQ(info.width, 800);
    EXPECT_EQ(info.height, 600);
    EXPECT_EQ(photo.body.find(kGpsMarker), std::string::npos);
    EXPECT_EQ(photo.body.find("Exif"), std::string::npos);
    EXPECT_LT(photo.body.size(), jpeg.size());
    const std::string etag = photo.Header("etag");
    ASSERT_FALSE(etag.empty());
    auto again = Call("GET", server_->url(image), {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());

    // Nothing of the upload is kept anywhere in the database.
    const char* engine = std::getenv("WEBDPRO_TEST_ENGINE");
    const bool postgres = engine != nullptr && std::string_view(engine) == "postgres";
    const std::string holds_marker = postgres ? "position(convert_to(" + Quote(kGpsMarker) + ", 'UTF8') in bytes) > 0"
                                              : "instr(bytes, CAST(" + Quote(kGpsMarker) + " AS BLOB)) > 0";
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM product_photos WHERE " + holds_marker), 0);
}

TEST_F(PhotosOverHttp, ThePublishedStoreShowsThePhotoOnEveryOrigin) {
    auto put = Put(PhoneJpeg(900, 900), "image/jpeg");
    ASSERT_EQ(put.status, 200) << put.Describe();
    const std::string image = put.json["image"];
    const std::string file = image.substr(image.rfind('/') + 1);

    auto home = Call("GET", server_->url("/s/photo-kirana/"));
    ASSERT_EQ(home.status, 200) << home.Describe();
    EXPECT_THAT(home.body, HasSubstr("src=\"media&#x2F;" + file + "\""));
    auto page = Call("GET", server_->url("/s/photo-kirana/p/product-0.html"));
    ASSERT_EQ(page.status, 200) << page.Describe();
    EXPECT_THAT(page.body, HasSubstr("src=\"..&#x2F;media&#x2F;" + file + "\""));

    auto by_slug = Call("GET", server_->url("/s/photo-kirana/media/" + file));
    ASSERT_EQ(by_slug.status, 200) << by_slug.Describe();
    EXPECT_EQ(by_slug.Header("content-type"), "image/webp");
    EXPECT_EQ(InfoOf(by_slug.body).width, 800);
    auto on_subdomain =
        Call("GET", server_->url("/media/" + file), {{"Host", "photo-kirana." + std::string(kBaseDomain)}});
    EXPECT_EQ(on_subdomain.status, 200) << on_subdomain.Describe();
    EXPECT_EQ(on_subdomain.body, by_slug.body);

    auto preview =
        Call("GET", server_->url("/api/stores/" + store_.store_id + "/preview/media/" + file), {owner_->Auth()});
    EXPECT_EQ(preview.status, 200) << preview.Describe();

    // Another store's slug does not serve this store's photo.
    const auto other = SeedPublishedStore(*server_, tenant_id_, "photo-other", 1, 1);
    EXPECT_EQ(Call("GET", server_->url("/s/photo-other/media/" + file)).status, 404);
}

TEST_F(PhotosOverHttp, PngAndWebpAreAcceptedAndAReplacedPhotoIsGone) {
    auto png = Put(Png(300, 200), "image/png");
    ASSERT_EQ(png.status, 200) << png.Describe();
    const std::string first = png.json["image"];
    auto small = Call("GET", server_->url(first));
    ASSERT_EQ(small.status, 200);
    EXPECT_EQ(InfoOf(small.body).width, 300);  // never upscaled

    auto webp = Put(Webp(1200, 1600), "text/plain");  // the Content-Type is not what decides
    ASSERT_EQ(webp.status, 200) << webp.Describe();
    const std::string second = webp.json["image"];
    EXPECT_NE(second, first);
    EXPECT_EQ(Photos(), 1);
    EXPECT_EQ(Call("GET", server_->url(first)).status, 404);
    const WebpInfo info = InfoOf(Call("GET", server_->url(second)).body);
    EXPECT_EQ(info.width, 600);
    EXPECT_EQ(info.height, 800);
}

TEST_F(PhotosOverHttp, WhatIsNotAPictureIsRefusedAndNothingChanges) {
    ASSERT_EQ(Put(Png(40, 40), "image/png").status, 200);
    const std::string before = ImageOf();
    const std::int64_t version =
        QueryInt(*server_, "SELECT site_version FROM stores WHERE store_id = " + Quote(store_.store_id));

    auto text = Put("Dear customer, this is a text file renamed photo.jpg\n", "image/jpeg");
    EXPECT_EQ(text.status, 415) << text.Describe();
    EXPECT_THAT(text.body, HasSubstr("not a JPEG, PNG or WebP picture"));
    const std::string jpeg = PhoneJpeg(64, 64);
    auto cut = Put(jpeg.substr(0, jpeg.size() / 2), "image/jpeg");
    EXPECT_EQ(cut.status, 400) << cut.Describe();
    EXPECT_THAT(cut.body, HasSubstr("damaged or incomplete"));
    auto huge = Put(std::string(9 * 1024 * 1024, 'x'), "image/jpeg");
    EXPECT_EQ(huge.status, 413) << huge.Describe();

    EXPECT_EQ(ImageOf(), before);
    EXPECT_EQ(Photos(), 1);
    EXPECT_EQ(QueryInt(*server_, "SELECT site_version FROM stores WHERE store_id = " + Quote(store_.store_id)),
              version);
}

TEST_F(PhotosOverHttp, DeleteBringsTheGeneratedArtBack) {
    auto put = Put(PhoneJpeg(100, 100), "image/jpeg");
    ASSERT_EQ(put.status, 200) << put.Describe();
    const std::string image = put.json["image"];
    auto removed = Call("DELETE", PhotoUrl(), {owner_->Auth()});
    ASSERT_EQ(removed.status, 200) << removed.Describe();
    EXPECT_EQ(removed.json["image"], "");
    EXPECT_EQ(ImageOf(), "");
    EXPECT_EQ(Photos(), 0);
    EXPECT_EQ(Call("GET", server_->url(image)).status, 404);
    auto home = Call("GET", server_->url("/s/photo-kirana/"));
    ASSERT_EQ(home.status, 200);
    EXPECT_THAT(home.body, Not(HasSubstr("media&#x2F;pho_")));
    EXPECT_THAT(home.body, HasSubstr("img&#x2F;p&#x2F;product-0.svg"));
    EXPECT_EQ(Call("DELETE", PhotoUrl(), {owner_->Auth()}).status, 200);  // idempotent
}

TEST_F(PhotosOverHttp, AnotherTenantsProductIsNotFoundAndAnonymousCallsAreRefused) {
    auto other = SignUpOwner(*server_, "9000000172", "Other Photos");
    ASSERT_TRUE(other);
    auto put = Call("PUT", PhotoUrl(), {other->Auth(), {"Content-Type", "image/png"}}, Png(10, 10));
    EXPECT_EQ(put.status, 404) << put.Describe();
    EXPECT_EQ(Call("DELETE", PhotoUrl(), {other->Auth()}).status, 404);
    EXPECT_EQ(Call("PUT", PhotoUrl(), {{"Content-Type", "image/png"}}, Png(10, 10)).status, 401);
    EXPECT_EQ(Photos(), 0);
}

}  // namespace
}  // namespace webdpro::testing
