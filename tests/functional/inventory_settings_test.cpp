// The store's reorder settings over HTTP on the real binary: GET and PUT
// /api/stores/{store_id}/inventory/settings (supplier lead time and review period, whole days
// 1-60, defaults 3 and 7), a bad value named and nothing changed, the inventory report using the
// store's values, and another tenant's store answered 404.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

class InventorySettingsOverHttp : public ShopTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop(
            {.owner_phone = "9000000341", .business = "Lead Time Kirana", .slug = "lead-time", .products = 2}));
    }

    std::string Url(const std::string& suffix) const {
        return server_->url("/api/stores/" + store_.store_id + "/inventory" + suffix);
    }
    ApiReply Get(const Session& who) const { return Call("GET", Url("/settings"), {who.Auth()}); }
    ApiReply Put(const Session& who, const std::string& body) const {
        return Call("PUT", Url("/settings"), {who.Auth(), {"Content-Type", "application/json"}}, body);
    }
};

}  // namespace

TEST_F(InventorySettingsOverHttp, DefaultsChangeAndReachTheReport) {
    auto defaults = Get(*owner_);
    ASSERT_EQ(defaults.status, 200) << defaults.Describe();
    EXPECT_EQ(defaults.json, (nlohmann::json{{"lead_time_days", 3}, {"review_days", 7}}));

    auto changed = Put(*owner_, R"({"lead_time_days": 12})");
    ASSERT_EQ(changed.status, 200) << changed.Describe();
    EXPECT_EQ(changed.json, (nlohmann::json{{"lead_time_days", 12}, {"review_days", 7}}));
    auto both = Put(*owner_, R"({"lead_time_days": 60, "review_days": 1})");
    ASSERT_EQ(both.status, 200) << both.Describe();
    EXPECT_EQ(Get(*owner_).json, (nlohmann::json{{"lead_time_days", 60}, {"review_days", 1}}));

    auto report = Call("GET", Url(""), {owner_->Auth()});
    ASSERT_EQ(report.status, 200) << report.Describe();
    EXPECT_EQ(report.json["settings"], (nlohmann::json{{"lead_time_days", 60}, {"review_days", 1}}));
    ASSERT_EQ(report.json["products"].size(), 2u);
    for (const auto& product : report.json["products"]) {
        EXPECT_EQ(product["forecast"]["lead_time_days"], 60);
        EXPECT_EQ(product["forecast"]["review_days"], 1);
        EXPECT_EQ(product["forecast"]["stockout_days"], 0);
    }
}

TEST_F(InventorySettingsOverHttp, BadValuesAreNamedAndChangeNothing) {
    ASSERT_EQ(Put(*owner_, R"({"lead_time_days": 5, "review_days": 10})").status, 200);
    const nlohmann::json before = Get(*owner_).json;

    auto out_of_range = Put(*owner_, R"({"lead_time_days": 0, "review_days": 61})");
    ASSERT_EQ(out_of_range.status, 400) << out_of_range.Describe();
    EXPECT_EQ(ErrorFields(out_of_range), (std::set<std::string>{"lead_time_days", "review_days"}));
    auto not_a_number = Put(*owner_, R"({"lead_time_days": "5"})");
    EXPECT_EQ(not_a_number.status, 400) << not_a_number.Describe();
    EXPECT_EQ(ErrorFields(not_a_number), std::set<std::string>{"lead_time_days"});
    EXPECT_EQ(Put(*owner_, R"({"lead_time_days": 2.5})").status, 400);
    EXPECT_EQ(Put(*owner_, "{}").status, 400);
    EXPECT_EQ(Put(*owner_, "[1]").status, 400);
    EXPECT_EQ(Put(*owner_, "not json").status, 400);

    EXPECT_EQ(Get(*owner_).json, before);
}

TEST_F(InventorySettingsOverHttp, AnotherTenantsStoreIsNotFound) {
    auto other = SignUpOwner(*server_, "9000000342", "Other Kirana");
    ASSERT_TRUE(other);
    EXPECT_EQ(Get(*other).status, 404);
    EXPECT_EQ(Put(*other, R"({"lead_time_days": 9})").status, 404);
    EXPECT_EQ(Get(*owner_).json["lead_time_days"], 3) << "their PUT changed nothing";
    auto bad_id = Call("GET", server_->url("/api/stores/not-an-id/inventory/settings"), {owner_->Auth()});
    EXPECT_EQ(bad_id.status, 404);
    EXPECT_EQ(Call("GET", Url("/settings")).status, 401);
}

}  // namespace webdpro::testing
