#include "orders_support.hpp"

#include <random>

#include <gtest/gtest.h>

namespace webdpro::testing {
namespace {

/// A time-sortable-looking id of the server's shape: "<prefix>_" + 26 Crockford base32 chars.
std::string TestId(const std::string& prefix) {
    static const char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    static std::mt19937_64 random{std::random_device{}()};
    std::string id = prefix + "_01";
    for (int i = 0; i < 24; ++i) {
        id += kAlphabet[random() % 32];
    }
    return id;
}

/// Runs `sql` on the server's database; fails the test when it fails.
bool Exec(const TestServer& server, const std::string& sql) {
    std::string error;
    if (!ExecSql(server.data_dir(), sql, error)) {
        ADD_FAILURE() << error;
        return false;
    }
    return true;
}

}  // namespace

SeededStore SeedPublishedStore(const TestServer& server, const std::string& tenant_id, const std::string& slug,
                               int products, std::int64_t stock) {
    SeededStore store{TestId("sto"), slug, {}};
    std::string sql =
        "BEGIN;INSERT INTO stores (tenant_id, store_id, slug, status, description, "
        "business_name, created_at, updated_at) VALUES ('" +
        tenant_id + "', '" + store.store_id + "', '" + slug + "', 'PUBLISHED', 'a test shop', 'Test Kirana', 1, 1);";
    for (int i = 0; i < products; ++i) {
        const std::string id = TestId("prd");
        store.product_ids.push_back(id);
        sql +=
            "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, "
            "low_stock_threshold, gst_rate_bp, created_at, updated_at) VALUES ('" +
            tenant_id + "', '" + id + "', '" + store.store_id + "', 'Product " + std::to_string(i) + "', 1000, " +
            std::to_string(stock) + ", 0, 500, 1, 1);";
    }
    sql += "COMMIT;";
    return Exec(server, sql) ? store : SeededStore{};
}

std::int64_t QueryInt(const TestServer& server, const std::string& sql) {
    std::string error;
    auto value = QuerySqlInt(server.data_dir(), sql, error);
    if (!value) {
        ADD_FAILURE() << error;
        return -1;
    }
    return *value;
}

nlohmann::json CheckoutBody(const std::vector<std::pair<std::string, int>>& lines, const Buyer& buyer,
                            const std::string& payment_method) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [id, quantity] : lines) {
        items.push_back({{"product_id", id}, {"quantity", quantity}});
    }
    nlohmann::json customer = {
        {"name", buyer.name}, {"phone", buyer.phone}, {"address", buyer.address}, {"pincode", buyer.pincode}};
    if (!buyer.gstin.empty()) {
        customer["gstin"] = buyer.gstin;
    }
    return {{"items", items}, {"customer", customer}, {"payment_method", payment_method}};
}

ApiReply PlaceOrder(const TestServer& server, const std::string& slug, const nlohmann::json& body,
                    const std::string& key, const Session* as) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"},
                                                                {"Idempotency-Key", key}};
    if (as != nullptr) {
        headers.push_back(as->Auth());
    }
    return Call("POST", server.url("/s/" + slug + "/api/orders"), headers, body.dump());
}

void ShopTest::OpenShop(const ShopOptions& shop) {
    server_ = StartRelaxedServer(shop.extra_args);
    ASSERT_NE(server_, nullptr);
    owner_ = SignUpOwner(*server_, shop.owner_phone, shop.business);
    ASSERT_TRUE(owner_);
    tenant_id_ = owner_->account["tenant"]["id"].get<std::string>();
    store_ = SeedPublishedStore(*server_, tenant_id_, shop.slug, shop.products, shop.stock);
    ASSERT_EQ(store_.product_ids.size(), static_cast<std::size_t>(shop.products));
}

}  // namespace webdpro::testing
