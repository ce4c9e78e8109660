#include "media/photos.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "core/work_pool.hpp"
#include "storage/db.hpp"
#include "support/test_images.hpp"

namespace webdpro::media {
namespace {

using auth::testing::Await;
using auth::testing::Count;

/// The error code of a result; nullopt when it succeeded.
template <class T>
std::optional<ErrorCode> CodeOf(const Result<T>& result) {
    if (result) {
        return std::nullopt;
    }
    return result.error().code;
}

std::string SmallWebp(int w, int h) {
    return webdpro::testing::EncodeWebp(webdpro::testing::Pixels(static_cast<std::size_t>(w * h * 3), 120), w, h);
}

TEST(PhotoPath, IsThePlatformPathAndItsFileNameParsesBack) {
    const TenantId tenant = TenantId::New();
    const PhotoId photo = PhotoId::New();
    const std::string path = PhotoPath(tenant, photo);
    EXPECT_EQ(path, "/media/" + tenant.str() + "/" + photo.str() + ".webp");
    EXPECT_EQ(ParsePhotoFileName(photo.str() + ".webp"), photo);
    for (const std::string& bad : {photo.str(), photo.str() + ".png", tenant.str() + ".webp", std::string(".webp"),
                                   "../" + photo.str() + ".webp"}) {
        EXPECT_EQ(ParsePhotoFileName(bad), std::nullopt) << bad;
    }
}

class PhotoServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        service_ = std::make_unique<PhotoService>(*db_, pool_);
        std::tie(tenant_, store_, product_) = MakeShop("sharma");
        std::tie(other_tenant_, other_store_, other_product_) = MakeShop("gupta");
    }

    /// A draft store with one product ("Tomato", ₹40).
    std::tuple<TenantId, StoreId, ProductId> MakeShop(const std::string& slug) {
        const auto shop = auth::testing::InsertShop(*db_, slug);
        const ProductId product = ProductId::New();
        auto done = db_->WriteSync([&](storage::Conn& conn) {
            return conn.Exec(
                "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, created_at, "
                "updated_at) VALUES ($1, $2, $3, 'Tomato', 4000, 1, 1)",
                shop.tenant, product, shop.store);
        });
        EXPECT_TRUE(done.has_value());
        return {shop.tenant, shop.store, product};
    }

    std::int64_t SiteVersion() {
        return Count(*db_, "SELECT site_version FROM stores WHERE store_id = '" + store_.str() + "'");
    }
    std::int64_t Photos() { return Count(*db_, "SELECT count(*) FROM product_photos"); }

    static PhotoId IdOf(const std::string& image) {
        return *ParsePhotoFileName(std::string_view(image).substr(image.rfind('/') + 1));
    }

    WorkPool pool_{"photos-test", 1, 4};
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<PhotoService> service_;
    TenantId tenant_;
    StoreId store_;
    ProductId product_;
    TenantId other_tenant_;
    StoreId other_store_;
    ProductId other_product_;
};

TEST_F(PhotoServiceTest, UploadKeepsOnePhotoPerProductAndRerendersTheSite) {
    const std::int64_t version = SiteVersion();
    auto first = Await(service_->Upload(tenant_, store_, product_, SmallWebp(1000, 500)));
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->image.starts_with("/media/" + tenant_.str() + "/pho_"));
    EXPECT_EQ(SiteVersion(), version + 1);
    EXPECT_EQ(Photos(), 1);
    auto stored = Await(service_->Find(tenant_, IdOf(first->image), store_));
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->width, 800);
    EXPECT_EQ(stored->height, 400);
    EXPECT_EQ(stored->webp->substr(0, 4), "RIFF");
    EXPECT_EQ(stored->etag.size(), 66u);  // a quoted SHA-256

    auto second = Await(service_->Upload(tenant_, store_, product_, SmallWebp(20, 20)));
    ASSERT_TRUE(second);
    EXPECT_NE(second->image, first->image);
    EXPECT_EQ(Photos(), 1);
    EXPECT_EQ(CodeOf(Await(service_->Find(tenant_, IdOf(first->image), std::nullopt))), ErrorCode::kNotFound);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM products WHERE image = '" + second->image + "'"), 1);
}

TEST_F(PhotoServiceTest, PhotosAreFoundOnlyThroughTheirTenantAndStore) {
    auto uploaded = Await(service_->Upload(tenant_, store_, product_, SmallWebp(30, 30)));
    ASSERT_TRUE(uploaded);
    const PhotoId photo = IdOf(uploaded->image);
    EXPECT_TRUE(Await(service_->Find(tenant_, photo, std::nullopt)));
    EXPECT_EQ(CodeOf(Await(service_->Find(other_tenant_, photo, std::nullopt))), ErrorCode::kNotFound);
    EXPECT_EQ(CodeOf(Await(service_->Find(tenant_, photo, other_store_))), ErrorCode::kNotFound);
}

TEST_F(PhotoServiceTest, AnotherTenantsProductIsNotFoundWhateverTheBytes) {
    for (const std::string& bytes : {SmallWebp(10, 10), std::string("not a picture")}) {
        auto refused = Await(service_->Upload(tenant_, other_store_, other_product_, bytes));
        EXPECT_EQ(CodeOf(refused), ErrorCode::kNotFound);
        EXPECT_EQ(CodeOf(Await(service_->Upload(tenant_, store_, other_product_, bytes))), ErrorCode::kNotFound);
    }
    EXPECT_EQ(CodeOf(Await(service_->Remove(other_tenant_, store_, product_))), ErrorCode::kNotFound);
    EXPECT_EQ(Photos(), 0);
}

TEST_F(PhotoServiceTest, BadBytesChangeNothing) {
    const std::int64_t version = SiteVersion();
    auto refused = Await(service_->Upload(tenant_, store_, product_, "just some text"));
    EXPECT_EQ(CodeOf(refused), ErrorCode::kUnsupportedMedia);
    EXPECT_EQ(SiteVersion(), version);
    EXPECT_EQ(Photos(), 0);
}

TEST_F(PhotoServiceTest, RemoveBringsTheArtBackAndIsIdempotent) {
    ASSERT_TRUE(Await(service_->Upload(tenant_, store_, product_, SmallWebp(30, 30))));
    const std::int64_t version = SiteVersion();
    auto removed = Await(service_->Remove(tenant_, store_, product_));
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->image, "");
    EXPECT_EQ(Photos(), 0);
    EXPECT_EQ(SiteVersion(), version + 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM products WHERE image IS NULL"), 2);
    ASSERT_TRUE(Await(service_->Remove(tenant_, store_, product_)));
    EXPECT_EQ(SiteVersion(), version + 1);  // nothing changed, nothing to re-render
}

}  // namespace
}  // namespace webdpro::media
