// The store's hero photo over HTTP on the real binary: the owner uploads a wide phone JPEG, the
// published home page shows its small rendition in the hero and names the large one as og:image;
// bad bytes, another tenant and no session change nothing; DELETE brings the art back. Then
// `webdpro export` writes the store with its hero and product photos as files the pages reach
// through relative links, so the copy shows them offline.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
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

constexpr const char* kSlug = "hero-kirana";
constexpr const char* kRoot = "https://hero-kirana.hero.test/";

std::string WideJpeg(int w, int h) {
    Pixels px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    for (std::size_t i = 0; i < px.size(); ++i) {
        px[i] = static_cast<std::uint8_t>((i / 3) % static_cast<std::size_t>(w) * 255 / static_cast<std::size_t>(w));
    }
    return EncodeJpeg(px, w, h);
}

int WidthOf(const std::string& webp) {
    int width = 0;
    int height = 0;
    return WebPGetInfo(reinterpret_cast<const std::uint8_t*>(webp.data()), webp.size(), &width, &height) != 0 ? width
                                                                                                              : -1;
}

std::string FileOf(const std::string& url) {
    return url.substr(url.rfind('/') + 1);
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class HeroPhotoOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop({.owner_phone = "9000000181",
                                          .business = "Hero Kirana",
                                          .slug = kSlug,
                                          .extra_args = {"--set", "storefront.base_domain=hero.test"}}));
        std::string spec;
        ASSERT_EQ(RunWebdpro({"generate", "Hero Kirana, vegetables and groceries in Pune", "--spec"}, spec), 0);
        spec = spec.substr(spec.find('{'), spec.rfind('}') - spec.find('{') + 1);
        Sql(*server_, "UPDATE stores SET spec = " + Quote(spec) + ", sector = 'grocery' WHERE slug = '" + kSlug + "'");
    }

    std::string HeroUrl() const { return server_->url("/api/stores/" + store_.store_id + "/hero-photo"); }
    ApiReply PutHero(const std::string& bytes, const Session& as) {
        return Call("PUT", HeroUrl(), {as.Auth(), {"Content-Type", "image/jpeg"}}, bytes);
    }
    std::int64_t SiteVersion() {
        return QueryInt(*server_, "SELECT site_version FROM stores WHERE slug = '" + std::string(kSlug) + "'");
    }
    std::int64_t StorePhotos() { return QueryInt(*server_, "SELECT count(*) FROM store_photos"); }
};

TEST_F(HeroPhotoOverHttp, TheHomePageShowsTheSmallRenditionAndPreviewsTheLargeOne) {
    auto none = Call("GET", HeroUrl(), {owner_->Auth()});
    ASSERT_EQ(none.status, 200) << none.Describe();
    EXPECT_TRUE(none.json["hero_photo"].is_null());
    const std::int64_t version = SiteVersion();

    auto put = PutHero(WideJpeg(2400, 1200), *owner_);
    ASSERT_EQ(put.status, 200) << put.Describe();
    const auto& hero = put.json["hero_photo"];
    EXPECT_EQ(hero["width"], 1600);
    EXPECT_EQ(hero["height"], 800);
    const std::string large = hero["url"];
    const std::string small = hero["small_url"];
    EXPECT_EQ(WidthOf(Call("GET", server_->url(large)).body), 1600);
    EXPECT_EQ(WidthOf(Call("GET", server_->url(small)).body), 640);
    EXPECT_EQ(SiteVersion(), version + 1);
    EXPECT_EQ(Call("GET", HeroUrl(), {owner_->Auth()}).json, put.json);

    auto home = Call("GET", server_->url(std::string("/s/") + kSlug + "/"));
    ASSERT_EQ(home.status, 200) << home.Describe();
    EXPECT_THAT(home.body, HasSubstr("class=\"heroart herophoto\" src=\"media&#x2F;" + FileOf(small) + "\""));
    std::string og_image = std::string(kRoot) + "media/" + FileOf(large);  // attribute-escaped: '/' is &#x2F;
    for (std::size_t at = 0; (at = og_image.find('/', at)) != std::string::npos; at += 6) {
        og_image.replace(at, 1, "&#x2F;");
    }
    EXPECT_THAT(home.body, HasSubstr("<meta property=\"og:image\" content=\"" + og_image + "\""));
    auto from_store = Call("GET", server_->url(std::string("/s/") + kSlug + "/media/" + FileOf(large)));
    EXPECT_EQ(from_store.status, 200) << from_store.Describe();
    EXPECT_EQ(from_store.Header("content-type"), "image/webp");
}

TEST_F(HeroPhotoOverHttp, DeleteBringsTheArtBackAndTheOldFilesAreGone) {
    auto put = PutHero(WideJpeg(300, 200), *owner_);
    ASSERT_EQ(put.status, 200) << put.Describe();
    auto removed = Call("DELETE", HeroUrl(), {owner_->Auth()});
    ASSERT_EQ(removed.status, 200) << removed.Describe();
    EXPECT_TRUE(removed.json["hero_photo"].is_null());
    EXPECT_EQ(StorePhotos(), 0);
    EXPECT_EQ(Call("GET", server_->url(put.json["hero_photo"]["small_url"].get<std::string>())).status, 404);
    auto home = Call("GET", server_->url(std::string("/s/") + kSlug + "/"));
    EXPECT_THAT(home.body, HasSubstr("src=\"img&#x2F;hero.svg\""));
    EXPECT_THAT(home.body, Not(HasSubstr("og:image")));
    EXPECT_EQ(Call("DELETE", HeroUrl(), {owner_->Auth()}).status, 200);  // idempotent
}

TEST_F(HeroPhotoOverHttp, BadBytesAnotherTenantAndNoSessionChangeNothing) {
    const std::int64_t version = SiteVersion();
    auto text = PutHero("this is a text file called shop.jpg", *owner_);
    EXPECT_EQ(text.status, 415) << text.Describe();
    auto huge = PutHero(std::string(9 * 1024 * 1024, 'x'), *owner_);
    EXPECT_EQ(huge.status, 413) << huge.Describe();

    auto other = SignUpOwner(*server_, "9000000182", "Other Hero");
    ASSERT_TRUE(other);
    EXPECT_EQ(PutHero(WideJpeg(40, 30), *other).status, 404);
    EXPECT_EQ(Call("GET", HeroUrl(), {other->Auth()}).status, 404);
    EXPECT_EQ(Call("DELETE", HeroUrl(), {other->Auth()}).status, 404);
    EXPECT_EQ(Call("PUT", HeroUrl(), {{"Content-Type", "image/jpeg"}}, WideJpeg(40, 30)).status, 401);
    EXPECT_EQ(StorePhotos(), 0);
    EXPECT_EQ(SiteVersion(), version);
}

TEST_F(HeroPhotoOverHttp, TheExportCarriesTheHeroAndProductPhotosAsFiles) {
    auto hero = PutHero(WideJpeg(1200, 900), *owner_);
    ASSERT_EQ(hero.status, 200) << hero.Describe();
    auto product =
        Call("PUT", server_->url("/api/stores/" + store_.store_id + "/products/" + store_.product_ids[0] + "/photo"),
             {owner_->Auth(), {"Content-Type", "image/jpeg"}}, WideJpeg(500, 500));
    ASSERT_EQ(product.status, 200) << product.Describe();

    const std::filesystem::path out =
        server_->data_dir().parent_path() / (server_->data_dir().filename().string() + "-export");
    std::filesystem::remove_all(out);
    std::string output;
    ASSERT_EQ(RunWebdpro({"export", kSlug, "--data-dir", server_->data_dir().string(), "--out", out.string(),
                          "--canonical-root", kRoot},
                         output),
              0)
        << output;
    EXPECT_THAT(output, HasSubstr("3 photos"));

    const std::string small = FileOf(hero.json["hero_photo"]["small_url"]);
    const std::string large = FileOf(hero.json["hero_photo"]["url"]);
    const std::string photo = FileOf(product.json["image"]);
    const std::string home = ReadFile(out / "index.html");
    EXPECT_THAT(home, HasSubstr("src=\"media&#x2F;" + small + "\""));
    EXPECT_THAT(home, HasSubstr("src=\"media&#x2F;" + photo + "\""));
    EXPECT_THAT(ReadFile(out / "p" / "product-0.html"), HasSubstr("src=\"..&#x2F;media&#x2F;" + photo + "\""));
    for (const std::string& file : {small, large, photo}) {
        EXPECT_GT(WidthOf(ReadFile(out / "media" / file)), 0) << file;
    }
    std::filesystem::remove_all(out);

    // A store that is not there is named, and nothing is written.
    EXPECT_NE(RunWebdpro({"export", "no-such-store", "--data-dir", server_->data_dir().string(), "--out", out.string()},
                         output),
              0);
    EXPECT_THAT(output, HasSubstr("no-such-store"));
    EXPECT_FALSE(std::filesystem::exists(out / "index.html"));
}

}  // namespace
}  // namespace webdpro::testing
