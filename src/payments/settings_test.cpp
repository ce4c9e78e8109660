#include "payments/settings.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

using auth::testing::Await;
using auth::testing::Count;

PiiVault MakeVault() {
    return *PiiVault::Create(SecretBytes(Bytes(32, 'e')), SecretBytes(Bytes(32, 'i')));
}

class SettingsTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        shop_ = auth::testing::InsertShop(*db_, "sharma", "PUBLISHED");
        other_ = auth::testing::InsertShop(*db_, "gupta", "PUBLISHED");
        service_ = std::make_unique<SettingsService>(*db_, vault_, OnlineMethods{.upi = true, .razorpay = false});
    }

    Result<PaymentSettingsView> Update(PaymentSettingsChange change) {
        return Await(service_->UpdatePaymentSettings(shop_.tenant, std::move(change)));
    }

    std::int64_t SiteVersion(const StoreId& store) {
        return Count(*db_, "SELECT site_version FROM stores WHERE store_id = '" + store.str() + "'");
    }

    const PiiVault vault_ = MakeVault();
    std::unique_ptr<storage::SqliteDb> db_;
    auth::testing::TestShop shop_;
    auth::testing::TestShop other_;
    std::unique_ptr<SettingsService> service_;
};

}  // namespace

TEST(NormalizeVpa, AcceptsUpiIdsAndLowerCasesThem) {
    EXPECT_EQ(*NormalizeVpa("Sharma.Kirana@okaxis"), "sharma.kirana@okaxis");
    EXPECT_EQ(*NormalizeVpa("98765-43210@ybl"), "98765-43210@ybl");
    for (const char* bad : {"", "sharma", "@okaxis", "a@okaxis", "sharma@", "sharma@@okaxis", "sharma@ok@axis",
                            "sharma kirana@okaxis", "sharma@9bank", "sharma@ok axis", "शर्मा@okaxis"}) {
        auto vpa = NormalizeVpa(bad);
        ASSERT_FALSE(vpa) << bad;
        EXPECT_EQ(vpa.error().fields.front().field, "upi_vpa") << bad;
    }
}

TEST_F(SettingsTest, SecretsAreSealedAndNeverShown) {
    auto saved = Update({.upi_vpa = "Sharma@OKAXIS",
                         .upi_payee_name = " Sharma Kirana ",
                         .razorpay_key_id = "rzp_test_1DP5mmOlF5G5ag",
                         .razorpay_key_secret = "thisisthesecret1234",
                         .razorpay_webhook_secret = "hook-secret-42"});
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(saved->upi_vpa, "sharma@okaxis");
    EXPECT_EQ(saved->upi_payee_name, "Sharma Kirana");
    EXPECT_EQ(saved->razorpay_key_id_last4, "G5ag");
    EXPECT_EQ(saved->razorpay_mode, "test");
    EXPECT_TRUE(saved->razorpay_key_secret_set);
    EXPECT_TRUE(saved->razorpay_webhook_secret_set);
    // Sealed at rest: the clear text appears nowhere in the row.
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM payment_settings WHERE instr(CAST(razorpay_key_secret_enc AS TEXT), "
                    "'thisisthesecret') > 0 OR instr(CAST(razorpay_webhook_secret_enc AS TEXT), 'hook-secret') > 0"),
              0);
    EXPECT_EQ(Count(*db_, "SELECT length(razorpay_key_secret_enc) > 19 FROM payment_settings"), 1);

    // Leaving fields out keeps them; clearing the secret clears only it.
    auto cleared = Update({.razorpay_key_secret = ""});
    ASSERT_TRUE(cleared);
    EXPECT_EQ(cleared->upi_vpa, "sharma@okaxis");
    EXPECT_TRUE(cleared->razorpay_key_id_set);
    EXPECT_FALSE(cleared->razorpay_key_secret_set);
    EXPECT_TRUE(cleared->razorpay_webhook_secret_set);
    // The other tenant has nothing.
    auto other = Await(service_->PaymentSettings(other_.tenant));
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->upi_configured());
    EXPECT_FALSE(other->razorpay_key_id_set);
}

TEST_F(SettingsTest, BadSettingsAreNamedAndChangeNothing) {
    ASSERT_TRUE(Update({.upi_vpa = "sharma@okaxis", .upi_payee_name = "Sharma"}));
    auto bad = Update({.upi_vpa = "not a vpa",
                       .upi_payee_name = std::string(60, 'x'),
                       .razorpay_key_id = "key_123",
                       .razorpay_key_secret = "has space"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& f : bad.error().fields) {
        fields.insert(f.field);
    }
    EXPECT_EQ(fields, (std::set<std::string>{"upi_vpa", "upi_payee_name", "razorpay_key_id", "razorpay_key_secret"}));
    EXPECT_FALSE(Update({.upi_vpa = "new@okaxis"}));  // a VPA without its payee name
    auto kept = Await(service_->PaymentSettings(shop_.tenant));
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->upi_vpa, "sharma@okaxis");
    EXPECT_EQ(kept->upi_payee_name, "Sharma");
}

TEST_F(SettingsTest, OnlyAvailableMethodsCanBeSwitchedOn) {
    CheckoutSettings upi{.cod = false, .upi = true};
    auto refused = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, upi));
    ASSERT_FALSE(refused);  // no UPI ID yet
    EXPECT_EQ(refused.error().fields.front().field, "methods.upi");

    ASSERT_TRUE(Update({.upi_vpa = "sharma@okaxis", .upi_payee_name = "Sharma"}));
    const std::int64_t version = SiteVersion(shop_.store);
    auto on = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, upi));
    ASSERT_TRUE(on) << on.error().message;
    EXPECT_TRUE(on->settings.upi);
    EXPECT_GT(SiteVersion(shop_.store), version);  // customers see the change

    // Razorpay keys alone do not make card payments available before they can take money.
    ASSERT_TRUE(Update({.razorpay_key_id = "rzp_live_ABCDEFGH1234", .razorpay_key_secret = "s3cretvalue"}));
    auto card = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, {.cod = true, .razorpay = true}));
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().fields.front().field, "methods.razorpay");

    auto none = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, {.cod = false, .upi = false}));
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().fields.front().field, "methods");

    // Clearing the UPI ID switches UPI off; cash on delivery comes back so the store can still sell.
    ASSERT_TRUE(Update({.upi_vpa = "", .upi_payee_name = ""}));
    auto after = Await(service_->Checkout(shop_.tenant, shop_.store));
    ASSERT_TRUE(after);
    EXPECT_FALSE(after->settings.upi);
    EXPECT_TRUE(after->settings.cod);
    EXPECT_FALSE(after->upi_available);
}

TEST_F(SettingsTest, ChargesAndLimitsAreStoredAndAnotherTenantsStoreIsNotFound) {
    const CheckoutSettings wanted{.cod = true,
                                  .cod_max_order_paise = 200000,
                                  .delivery_fee_paise = 3000,
                                  .free_delivery_above_paise = 50000,
                                  .min_order_paise = 10000,
                                  .max_units_per_product = 10};
    auto saved = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, wanted));
    ASSERT_TRUE(saved);
    auto read = Await(service_->Checkout(shop_.tenant, shop_.store));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->settings.delivery_fee_paise, 3000);
    EXPECT_EQ(read->settings.free_delivery_above_paise, 50000);
    EXPECT_EQ(read->settings.min_order_paise, 10000);
    EXPECT_EQ(read->settings.cod_max_order_paise, 200000);
    EXPECT_EQ(read->settings.max_units_per_product, 10);
    EXPECT_EQ(Count(*db_, "SELECT delivery_fee_paise FROM stores WHERE store_id = '" + shop_.store.str() + "'"), 3000);

    EXPECT_EQ(Await(service_->Checkout(shop_.tenant, other_.store)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(service_->UpdateCheckout(shop_.tenant, other_.store, wanted)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Count(*db_, "SELECT delivery_fee_paise FROM stores WHERE store_id = '" + other_.store.str() + "'"), 0);

    auto negative = Await(service_->UpdateCheckout(shop_.tenant, shop_.store, {.delivery_fee_paise = -1}));
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().fields.front().field, "delivery_fee_paise");
    EXPECT_EQ(Count(*db_, "SELECT delivery_fee_paise FROM stores WHERE store_id = '" + shop_.store.str() + "'"), 3000);
}

}  // namespace webdpro::payments
