// Store hero photos (two renditions, one pair per store, tenant-scoped) and the static export
// that writes a store with its photos as files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ai/rules_generator.hpp"
#include "auth/test_util.hpp"
#include "core/work_pool.hpp"
#include "media/photos.hpp"
#include "sitegen/site_spec.hpp"
#include "storage/db.hpp"
#include "storefront/export.hpp"
#include "storefront/store_export.hpp"
#include "support/test_images.hpp"

namespace webdpro::media {
namespace {

using auth::testing::Await;
using auth::testing::Count;
using storefront::ExportStore;

template <class T>
std::optional<ErrorCode> ErrorOf(const Result<T>& result) {
    return result ? std::nullopt : std::optional(result.error().code);
}

/// A landscape JPEG as a phone takes it (scaled down to keep the test quick).
std::string PhoneJpeg(int width, int height) {
    webdpro::testing::Pixels rgb(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    for (std::size_t i = 0; i < rgb.size(); ++i) {
        rgb[i] = static_cast<std::uint8_t>((i * 7) % 251);
    }
    return webdpro::testing::EncodeJpeg(rgb, width, height);
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class StorePhotosTest : public ::testing::Test {
protected:
    struct Shop {
        TenantId tenant;
        StoreId store;
        ProductId product = ProductId::New();
    };

    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        service_ = std::make_unique<PhotoService>(*db_, pool_);
        shop_ = AddShop("asha-veg");
        other_ = AddShop("ravi-veg");
    }

    /// A published store with a generated spec (so it renders) and one active product.
    Shop AddShop(const std::string& slug) {
        const auto rows = auth::testing::InsertShop(*db_, slug, "PUBLISHED");
        Shop shop{.tenant = rows.tenant, .store = rows.store};
        const std::string spec =
            sitegen::ToJson(ai::GenerateRuleBased("Asha Sabzi, fresh vegetables in Pune", sitegen::Language::kEnglish))
                .dump();
        auto done = db_->WriteSync([&](storage::Conn& conn) -> Result<void> {
            if (auto set = conn.Exec("UPDATE stores SET spec = $3 WHERE tenant_id = $1 AND store_id = $2", shop.tenant,
                                     shop.store, spec);
                !set) {
                return Fail(std::move(set.error()));
            }
            auto added = conn.Exec(
                "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, "
                "category, created_at, updated_at) VALUES ($1, $2, $3, 'Okra', 6000, 'Vegetables', "
                "1, 1)",
                shop.tenant, shop.product, shop.store);
            if (!added) {
                return Fail(std::move(added.error()));
            }
            return {};
        });
        EXPECT_TRUE(done) << (done ? "" : done.error().message);
        return shop;
    }

    std::int64_t SiteVersion() {
        return Count(*db_, "SELECT site_version FROM stores WHERE store_id = '" + shop_.store.str() + "'");
    }
    std::int64_t StorePhotos() { return Count(*db_, "SELECT count(*) FROM store_photos"); }

    static PhotoId IdOf(const std::string& url) {
        return *ParsePhotoFileName(std::string_view(url).substr(url.rfind('/') + 1));
    }

    WorkPool pool_{"store-photos-test", 1, 4};
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<PhotoService> service_;
    Shop shop_;
    Shop other_;
};

TEST_F(StorePhotosTest, HeroUploadStoresALargeAndASmallRenditionAndRerenders) {
    const std::int64_t version = SiteVersion();
    auto none = Await(service_->Hero(shop_.tenant, shop_.store));
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    auto hero = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(2000, 1000)));
    ASSERT_TRUE(hero) << hero.error().message;
    EXPECT_EQ(hero->width, kHeroMaxWidth);
    EXPECT_EQ(hero->height, 800);
    EXPECT_TRUE(hero->url.starts_with("/media/" + shop_.tenant.str() + "/pho_"));
    EXPECT_NE(hero->small_url, hero->url);
    EXPECT_EQ(SiteVersion(), version + 1);
    EXPECT_EQ(StorePhotos(), 2);

    auto small = Await(service_->Find(shop_.tenant, IdOf(hero->small_url), shop_.store));
    ASSERT_TRUE(small) << small.error().message;
    EXPECT_EQ(small->width, kHeroSmallSide);
    EXPECT_EQ(small->height, 320);
    EXPECT_EQ(small->webp->substr(0, 4), "RIFF");

    auto again = Await(service_->Hero(shop_.tenant, shop_.store));
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->url, hero->url);
    EXPECT_EQ((*again)->small_url, hero->small_url);
}

TEST_F(StorePhotosTest, ASmallPictureIsNeverUpscaled) {
    auto hero = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(400, 300)));
    ASSERT_TRUE(hero) << hero.error().message;
    EXPECT_EQ(hero->width, 400);
    EXPECT_EQ(hero->height, 300);
}

TEST_F(StorePhotosTest, ANewHeroReplacesTheOldPair) {
    auto first = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(300, 200)));
    auto second = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(320, 200)));
    ASSERT_TRUE(first && second);
    EXPECT_EQ(StorePhotos(), 2);
    EXPECT_EQ(ErrorOf(Await(service_->Find(shop_.tenant, IdOf(first->url), std::nullopt))), ErrorCode::kNotFound);
    EXPECT_EQ(ErrorOf(Await(service_->Find(shop_.tenant, IdOf(first->small_url), std::nullopt))), ErrorCode::kNotFound);
    EXPECT_TRUE(Await(service_->Find(shop_.tenant, IdOf(second->url), shop_.store)));
}

TEST_F(StorePhotosTest, AnotherTenantsStoreIsNotFoundWhateverTheBytes) {
    for (const std::string& bytes : {PhoneJpeg(40, 30), std::string("not a picture")}) {
        EXPECT_EQ(ErrorOf(Await(service_->UploadHero(shop_.tenant, other_.store, bytes))), ErrorCode::kNotFound);
    }
    EXPECT_EQ(ErrorOf(Await(service_->RemoveHero(shop_.tenant, other_.store))), ErrorCode::kNotFound);
    EXPECT_EQ(ErrorOf(Await(service_->Hero(shop_.tenant, other_.store))), ErrorCode::kNotFound);
    EXPECT_EQ(StorePhotos(), 0);

    auto hero = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(40, 30)));
    ASSERT_TRUE(hero);
    EXPECT_EQ(ErrorOf(Await(service_->Find(other_.tenant, IdOf(hero->url), std::nullopt))), ErrorCode::kNotFound);
    EXPECT_EQ(ErrorOf(Await(service_->Find(shop_.tenant, IdOf(hero->url), other_.store))), ErrorCode::kNotFound);
}

TEST_F(StorePhotosTest, BadBytesChangeNothing) {
    const std::int64_t version = SiteVersion();
    EXPECT_EQ(ErrorOf(Await(service_->UploadHero(shop_.tenant, shop_.store, "GIF89a not really"))),
              ErrorCode::kUnsupportedMedia);
    EXPECT_EQ(SiteVersion(), version);
    EXPECT_EQ(StorePhotos(), 0);
}

TEST_F(StorePhotosTest, RemoveBringsTheArtBackAndIsIdempotent) {
    ASSERT_TRUE(Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(60, 40))));
    const std::int64_t version = SiteVersion();
    ASSERT_TRUE(Await(service_->RemoveHero(shop_.tenant, shop_.store)));
    EXPECT_EQ(StorePhotos(), 0);
    EXPECT_EQ(SiteVersion(), version + 1);
    ASSERT_TRUE(Await(service_->RemoveHero(shop_.tenant, shop_.store)));
    EXPECT_EQ(SiteVersion(), version + 1);  // nothing changed, nothing to re-render
}

class StoreExportTest : public StorePhotosTest {
protected:
    void SetUp() override {
        StorePhotosTest::SetUp();
        std::string pattern = (std::filesystem::temp_directory_path() / "webdpro-export-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

TEST_F(StoreExportTest, WritesTheHeroAndProductPhotosAsFilesTheLinksReach) {
    auto hero = Await(service_->UploadHero(shop_.tenant, shop_.store, PhoneJpeg(800, 600)));
    auto product = Await(service_->Upload(shop_.tenant, shop_.store, shop_.product, PhoneJpeg(500, 500)));
    ASSERT_TRUE(hero && product);

    auto exported = ExportStore(*db_, "asha-veg", dir_, {.canonical_root = "https://asha.example/"});
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_EQ(exported->photos, 3u) << "the small hero the page shows, the large one link previews load, "
                                       "the product photo (card and product page share it)";
    EXPECT_EQ(exported->missing_photos, 0u);
    EXPECT_EQ(exported->products, 1u);

    const std::string small_file = "media/" + IdOf(hero->small_url).str() + ".webp";
    const std::string product_file = "media/" + IdOf(product->image).str() + ".webp";
    // Attribute values come escaped ('/' as &#x2F;); compare them as a browser reads them.
    std::string home = ReadFile(dir_ / "index.html");
    for (std::size_t at = 0; (at = home.find("&#x2F;", at)) != std::string::npos;) {
        home.replace(at, 6, "/");
    }
    EXPECT_NE(home.find("src=\"" + small_file + "\""), std::string::npos) << "a relative link from the home page";
    EXPECT_NE(home.find("og:image\" content=\"https://asha.example/media/" + IdOf(hero->url).str()), std::string::npos);
    EXPECT_EQ(ReadFile(dir_ / small_file).substr(0, 4), "RIFF");
    EXPECT_EQ(ReadFile(dir_ / product_file).substr(0, 4), "RIFF");
    EXPECT_EQ(ReadFile(dir_ / ("media/" + IdOf(hero->url).str() + ".webp")).substr(0, 4), "RIFF")
        << "og:image must load where the copy is served";
    EXPECT_EQ(home.find("\"/media/"), std::string::npos) << "no platform path, which would break offline";
}

TEST_F(StoreExportTest, WithoutPhotosTheArtIsExportedAndNothingIsMissing) {
    auto exported = ExportStore(*db_, "asha-veg", dir_, {});
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_EQ(exported->photos, 0u);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "img" / "hero.svg"));
    EXPECT_FALSE(std::filesystem::exists(dir_ / "media"));
    EXPECT_EQ(ReadFile(dir_ / "index.html").find("og:image"), std::string::npos);
}

TEST_F(StoreExportTest, AnUnknownSlugIsNotFound) {
    EXPECT_EQ(ErrorOf(ExportStore(*db_, "no-such-shop", dir_, {})), ErrorCode::kNotFound);
}

TEST(AddMediaFiles, AddsWhatPagesLinkUnderMediaOnceAndCountsWhatIsGone) {
    storefront::Site site;
    site.files["index.html"].body = R"(<img src="media/pho_a.webp"><a href="p/x.html">x</a><img src="img/hero.svg">)";
    site.files["p/x.html"].body = R"(<img src="../media/pho_a.webp"><img src="../media/pho_gone.webp">)";
    std::vector<std::string> asked;
    const std::vector<std::string> also = {"media/pho_share.webp", "media/pho_a.webp"};
    auto added = storefront::AddMediaFiles(
        site,
        [&](std::string_view path) -> Result<std::string> {
            asked.emplace_back(path);
            if (path == "media/pho_gone.webp") {
                return Fail(ApiError::NotFound("Photo"));
            }
            return std::string("RIFFwebp");
        },
        also);
    ASSERT_TRUE(added);
    EXPECT_EQ(added->added, 2u);
    EXPECT_EQ(added->missing, 1u);
    EXPECT_EQ(asked, (std::vector<std::string>{"media/pho_a.webp", "media/pho_gone.webp", "media/pho_share.webp"}));
    ASSERT_NE(site.Find("media/pho_a.webp"), nullptr);
    EXPECT_EQ(site.Find("media/pho_a.webp")->content_type, "image/webp");
    EXPECT_TRUE(site.Find("media/pho_a.webp")->gzip.empty());
}

TEST(AddMediaFiles, AnErrorOtherThanNotFoundStopsTheExport) {
    storefront::Site site;
    site.files["index.html"].body = R"(<img src="media/pho_a.webp">)";
    auto added = storefront::AddMediaFiles(
        site, [](std::string_view) -> Result<std::string> { return Fail(ApiError::Internal("disk on fire")); });
    EXPECT_EQ(ErrorOf(added), ErrorCode::kInternal);
}

}  // namespace
}  // namespace webdpro::media
