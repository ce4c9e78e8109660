#pragma once
// Helpers for the orders functional tests: a published store with stock, written straight into
// the server's database (the generation and publishing routes are other features' business), the
// storefront's checkout call, and a fixture with a server, an owner and such a store.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {

struct SeededStore {
    std::string store_id;
    std::string slug;
    std::vector<std::string> product_ids;
};

/// Creates a PUBLISHED store `slug` of `tenant_id` with `products` products of `stock` units at
/// ₹10 (GST 5%), through SQLite with a busy timeout (safe beside a running server in WAL mode).
/// Fails the test and returns an empty store on any error.
SeededStore SeedPublishedStore(const TestServer& server, const std::string& tenant_id, const std::string& slug,
                               int products, std::int64_t stock);

/// One integer from a query on the server's database (-1 on error).
std::int64_t QueryInt(const TestServer& server, const std::string& sql);

/// Who checks out; the defaults are a valid delivery in Pune.
struct Buyer {
    std::string name = "Asha";
    std::string phone = "98765 43210";
    std::string address = "12 MG Road, Pune";
    std::string pincode = "411001";
    std::string gstin{};  ///< sent only when set
};

/// The body of POST /s/{slug}/api/orders: `lines` of (product id, quantity).
nlohmann::json CheckoutBody(const std::vector<std::pair<std::string, int>>& lines, const Buyer& buyer = {},
                            const std::string& payment_method = "COD");

/// POST /s/{slug}/api/orders with `key` as the Idempotency-Key, signed in as `as` when given.
ApiReply PlaceOrder(const TestServer& server, const std::string& slug, const nlohmann::json& body,
                    const std::string& key, const Session* as = nullptr);

/// A server with relaxed limits, an owner of a new tenant, and a published store of that tenant's
/// with products in stock: the set-up the order, invoice and inventory tests share. Call
/// OpenShop from SetUp (wrapped in ASSERT_NO_FATAL_FAILURE).
class ShopTest : public ::testing::Test {
protected:
    struct ShopOptions {
        std::string owner_phone;
        std::string business;
        std::string slug;
        int products = 2;
        std::int64_t stock = 10;
        std::vector<std::string> extra_args{};  ///< server flags besides RelaxedLimits()
    };

    void OpenShop(const ShopOptions& shop);

    /// A checkout on this fixture's store.
    ApiReply Place(const nlohmann::json& body, const std::string& key, const Session* as = nullptr) {
        return PlaceOrder(*server_, store_.slug, body, key, as);
    }
    /// PUT /api/tenant/gstin as the owner.
    ApiReply SetGstin(const std::string& gstin) {
        return Call("PUT", server_->url("/api/tenant/gstin"), {owner_->Auth(), {"Content-Type", "application/json"}},
                    nlohmann::json{{"gstin", gstin}}.dump());
    }

    std::unique_ptr<TestServer> server_;
    std::optional<Session> owner_;
    std::string tenant_id_;
    SeededStore store_;
};

}  // namespace webdpro::testing
