// Tests of migrations/sqlite/0001_init.sql: the rules of ARCHITECTURE §4 hold, the constraints
// reject what they should, and the lookup paths use their indexes.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"
#include "storage/test_util.hpp"

namespace webdpro::storage {
namespace {

using testing::Describe;

constexpr std::int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

const std::vector<std::string> kTenantOwned = {
    "memberships",
    "stores",
    "store_assets",
    "products",
    "inventory_ledger",
    "orders",
    "order_items",
    "deliveries",
    "delivery_locations",
    "cod_settlements",
    "payments",
    "processed_events",
    "idempotency",
    "product_photos",
    "checkout_settings",
    "razorpay_webhook_events",
    "refunds",
    "inventory_stock_days",
};
// payment_settings is one row per tenant, keyed by tenant_id alone, like tenants itself.
const std::vector<std::string> kGlobal = {"users",    "tenants",  "outbox",    "otp_challenges",
                                          "sessions", "ai_calls", "audit_log", "payment_settings"};
// Indexes on tenant-owned tables that deliberately do not start with tenant_id.
// orders_by_customer_*: "my orders" finds a customer's orders in every tenant (migration 0008).
// payments_reconcile: the Razorpay reconciler's queue across tenants (migration 0015).
// orders_by_time: the platform console's orders per minute across every tenant (migration 0018).
// refunds_reconcile: the Razorpay refunds the reconciler asks about, across tenants (migration 0020).
const std::set<std::string> kCrossTenantIndexes = {
    "memberships_by_user",     "orders_reservations", "idempotency_by_expiry", "orders_by_customer_phone",
    "orders_by_customer_user", "payments_reconcile",  "orders_by_time",        "refunds_reconcile",
};

// A tenant with an owner and an agent, a store, a product, an order with one line, a delivery and
// a payment: every foreign key of the schema is exercised once.
constexpr std::string_view kSeed = R"sql(
INSERT INTO users (user_id, phone, name, created_at, updated_at)
    VALUES ('usr_owner', '+919800000001', 'Asha', 1767225600000, 1767225600000),
           ('usr_agent', '+919800000002', 'Ravi', 1767225600000, 1767225600000);
INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at)
    VALUES ('ten_a', 'usr_owner', 'Sharma Kirana', 1767225600000, 1767225600000),
           ('ten_b', 'usr_owner', 'Other Shop', 1767225600000, 1767225600000);
INSERT INTO memberships (tenant_id, user_id, role, created_at, updated_at)
    VALUES ('ten_a', 'usr_owner', 'BUSINESS_OWNER', 1767225600000, 1767225600000),
           ('ten_a', 'usr_agent', 'DELIVERY_AGENT', 1767225600000, 1767225600000);
INSERT INTO stores (tenant_id, store_id, slug, status, description, spec, created_at, updated_at)
    VALUES ('ten_a', 'sto_1', 'sharma-kirana', 'PUBLISHED', 'fresh vegetables in Jaipur', '{"name":"x"}',
            1767225600000, 1767225600000),
           ('ten_a', 'sto_2', 'sharma-two', 'DRAFT', 'second store', NULL, 1767225600000, 1767225600000);
INSERT INTO store_assets (tenant_id, store_id, path, content_type, body, etag, site_version, updated_at)
    VALUES ('ten_a', 'sto_1', '/index.html', 'text/html', X'3c68313e', '"e1"', 1, 1767225600000);
INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, mrp_paise, stock_quantity,
                      gst_rate_bp, hsn, created_at, updated_at)
    VALUES ('ten_a', 'prd_1', 'sto_1', 'Tomatoes 1 kg', 4000, 4500, 10, 500, '0702', 1767225600000, 1767225600000);
INSERT INTO inventory_ledger (tenant_id, product_id, seq, delta, stock_after, reason, created_at)
    VALUES ('ten_a', 'prd_1', 1, 10, 10, 'INITIAL', 1767225600000);
INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, customer_phone_hash,
                    subtotal_paise, delivery_fee_paise, discount_paise, tax_paise, total_paise,
                    payment_method, status, idempotency_key, created_at, updated_at)
    VALUES ('ten_a', 'ord_1', 'sto_1', 'Meena', X'00112233', 'hash1', 8000, 2000, 1000, 381, 9000,
            'COD', 'CONFIRMED', 'key-1', 1767225600000, 1767225600000);
INSERT INTO order_items (tenant_id, order_id, line, product_id, name, unit_price_paise, quantity,
                         line_total_paise, gst_rate_bp)
    VALUES ('ten_a', 'ord_1', 1, 'prd_1', 'Tomatoes 1 kg', 4000, 2, 8000, 500);
INSERT INTO cod_settlements (tenant_id, settlement_id, agent_id, amount_paise, settled_by, created_at)
    VALUES ('ten_a', 'set_1', 'usr_agent', 0, 'usr_owner', 1767225600000);
INSERT INTO deliveries (tenant_id, delivery_id, order_id, agent_id, cod_due_paise, cod_settlement_id,
                        assigned_at, created_at, updated_at)
    VALUES ('ten_a', 'dlv_1', 'ord_1', 'usr_agent', 9000, 'set_1', 1767225600000, 1767225600000, 1767225600000);
INSERT INTO delivery_locations (tenant_id, delivery_id, seq, lat, lng, accuracy_m, recorded_at, created_at)
    VALUES ('ten_a', 'dlv_1', 1, 26.9124, 75.7873, 12.5, 1767225600000, 1767225600000);
INSERT INTO payments (tenant_id, payment_id, order_id, provider, provider_payment_id, amount_paise, status,
                      created_at, updated_at)
    VALUES ('ten_a', 'pay_1', 'ord_1', 'COD', NULL, 9000, 'CREATED', 1767225600000, 1767225600000);
INSERT INTO refunds (tenant_id, refund_id, order_id, payment_id, provider, amount_paise, reason, created_at, updated_at)
    VALUES ('ten_a', 'rfd_1', 'ord_1', 'pay_1', 'RAZORPAY', 9000, 'order cancelled', 1767225600000, 1767225600000);
INSERT INTO outbox (event_id, tenant_id, type, payload, next_attempt_at, created_at)
    VALUES ('evt_1', 'ten_a', 'ORDER_PLACED', '{"order_id":"ord_1"}', 1767225600000, 1767225600000);
INSERT INTO processed_events (tenant_id, consumer, event_id, processed_at)
    VALUES ('ten_a', 'inventory', 'evt_1', 1767225600000);
INSERT INTO idempotency (tenant_id, idem_key, scope, request_hash, created_at, expires_at)
    VALUES ('ten_a', 'key-1', 'POST /s/sharma-kirana/api/orders', 'h', 1767225600000, 1767312000000);
INSERT INTO otp_challenges (challenge_id, phone, code_hash, expires_at, created_at)
    VALUES ('otp_1', '+919800000001', 'h', 1767225900000, 1767225600000);
INSERT INTO sessions (session_id, user_id, tenant_id, role, refresh_token_hash, created_at, last_used_at, expires_at)
    VALUES ('ses_1', 'usr_owner', 'ten_a', 'BUSINESS_OWNER', 'th', 1767225600000, 1767225600000, 1769817600000);
INSERT INTO ai_calls (call_id, tenant_id, level, provider, outcome, input_tokens, output_tokens, created_at)
    VALUES ('aic_1', 'ten_a', 'rules', 'local', 'OK', 0, 0, 1767225600000);
INSERT INTO audit_log (audit_id, tenant_id, actor_user_id, action, created_at)
    VALUES ('aud_1', 'ten_a', 'usr_owner', 'store.publish', 1767225600000);
)sql";

class SchemaTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = testing::OpenMemory();
        ASSERT_NE(db_, nullptr);
        auto migrated = Migrate(*db_, embedded::migrations::Files());
        ASSERT_TRUE(migrated) << Describe(migrated.error());
        auto seeded = db_->WriteSync([](Conn& conn) { return conn.ExecScript(kSeed); });
        ASSERT_TRUE(seeded) << Describe(seeded.error());
    }

    /// Runs one statement in its own write transaction.
    Result<std::int64_t> Change(std::string_view sql) {
        return db_->WriteSync([sql](Conn& conn) { return conn.Exec(sql); });
    }

    /// The error code a statement fails with (kInternal if it unexpectedly succeeds).
    ErrorCode Rejection(std::string_view sql) {
        auto result = Change(sql);
        EXPECT_FALSE(result) << "accepted: " << sql;
        return result ? ErrorCode::kInternal : result.error().code;
    }

    std::vector<Row> Rows(std::string_view sql) {
        auto rows = db_->ReadSync([sql](Conn& conn) { return conn.Query(sql); });
        EXPECT_TRUE(rows) << Describe(rows.error());
        return rows.value_or(std::vector<Row>());
    }

    /// The query plan's details joined into one string.
    std::string Plan(std::string_view sql) {
        std::string plan;
        for (const Row& row : Rows("EXPLAIN QUERY PLAN " + std::string(sql))) {
            plan += row.Text(3) + "\n";
        }
        return plan;
    }

    std::unique_ptr<SqliteDb> db_;
};

TEST_F(SchemaTest, HasEveryTableOfTheDataModel) {
    std::set<std::string> tables;
    for (const Row& row : Rows("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        tables.insert(row.Text(0));
    }
    for (const auto& table : kTenantOwned) {
        EXPECT_TRUE(tables.contains(table)) << table;
    }
    for (const auto& table : kGlobal) {
        EXPECT_TRUE(tables.contains(table)) << table;
    }
    EXPECT_TRUE(tables.contains("schema_migrations"));
}

TEST_F(SchemaTest, TenantOwnedTablesHaveTenantIdFirstInTheirPrimaryKey) {
    for (const auto& table : kTenantOwned) {
        const auto columns = Rows("SELECT name, pk FROM pragma_table_info('" + table + "') WHERE pk > 0 ORDER BY pk");
        ASSERT_FALSE(columns.empty()) << table;
        EXPECT_EQ(columns.front().Text(0), "tenant_id") << table;
        EXPECT_GE(columns.size(), 2U) << table << ": tenant_id alone is not a key";
    }
}

TEST_F(SchemaTest, IndexesOnTenantOwnedTablesStartWithTenantId) {
    for (const auto& table : kTenantOwned) {
        for (const Row& index : Rows("SELECT name FROM pragma_index_list('" + table + "') WHERE origin = 'c'")) {
            const std::string& name = index.Text(0);
            if (kCrossTenantIndexes.contains(name)) {
                continue;
            }
            const auto columns = Rows("SELECT name FROM pragma_index_info('" + name + "') ORDER BY seqno");
            ASSERT_FALSE(columns.empty()) << name;
            EXPECT_EQ(columns.front().Text(0), "tenant_id") << name;
        }
    }
}

TEST_F(SchemaTest, EveryTableIsStrict) {
    for (const Row& row : Rows("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                               "AND name NOT LIKE 'sqlite_%'")) {
        if (row.Text(0) == "schema_migrations") {
            continue;
        }
        EXPECT_EQ(row.Int(1), 1) << row.Text(0);
    }
}

TEST_F(SchemaTest, SeedSatisfiesEveryForeignKey) {
    EXPECT_TRUE(Rows("PRAGMA foreign_key_check").empty());
    EXPECT_EQ(Rows("PRAGMA integrity_check").front().Text(0), "ok");
}

TEST_F(SchemaTest, MoneyAndStockCannotGoNegative) {
    EXPECT_EQ(Rejection("UPDATE products SET price_paise = -1 WHERE product_id = 'prd_1'"),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE products SET stock_quantity = stock_quantity - 11 WHERE product_id = 'prd_1'"),
              ErrorCode::kInvalidArgument)
        << "no overselling, even if a repository forgets to check";
    EXPECT_TRUE(Change("UPDATE products SET stock_quantity = stock_quantity - 10 WHERE product_id = 'prd_1'"));
    EXPECT_EQ(Rejection("UPDATE products SET mrp_paise = 3999 WHERE product_id = 'prd_1'"), ErrorCode::kInvalidArgument)
        << "never above MRP";
    EXPECT_EQ(Rejection("UPDATE payments SET amount_paise = -5"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE refunds SET amount_paise = 0"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE refunds SET state = 'REFUNDED'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE deliveries SET cod_collected_paise = -1"), ErrorCode::kInvalidArgument);
}

TEST_F(SchemaTest, OrderTotalsMustAddUp) {
    EXPECT_EQ(Rejection("UPDATE orders SET total_paise = 9001"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE order_items SET quantity = 3"), ErrorCode::kInvalidArgument)
        << "line_total_paise = unit_price_paise * quantity";
    EXPECT_EQ(Rejection("UPDATE order_items SET quantity = 0, line_total_paise = 0"), ErrorCode::kInvalidArgument);
}

TEST_F(SchemaTest, EnumerationsAndBooleansAreChecked) {
    EXPECT_EQ(Rejection("UPDATE orders SET status = 'SHIPPED'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE stores SET status = 'LIVE'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE deliveries SET status = 'LOST'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE payments SET provider = 'PAYPAL'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE memberships SET role = 'SUPER_ADMIN'"), ErrorCode::kInvalidArgument)
        << "super admin is platform-wide";
    EXPECT_EQ(Rejection("UPDATE sessions SET role = 'ROOT'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE products SET active = 2"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE users SET is_super_admin = 5"), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(Change("UPDATE orders SET status = 'OUT_FOR_DELIVERY'"));
    EXPECT_TRUE(Change("UPDATE sessions SET role = 'SUPER_ADMIN'"));
}

TEST_F(SchemaTest, FormatsAreChecked) {
    EXPECT_EQ(Rejection("UPDATE users SET phone = '9800000001' WHERE user_id = 'usr_owner'"),
              ErrorCode::kInvalidArgument)
        << "phones are E.164";
    EXPECT_EQ(Rejection("UPDATE users SET phone = '+91 98000' WHERE user_id = 'usr_owner'"),
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE stores SET slug = 'Sharma' WHERE store_id = 'sto_1'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE stores SET slug = 'a-' WHERE store_id = 'sto_1'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE stores SET spec = '{broken' WHERE store_id = 'sto_1'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE outbox SET payload = 'nope'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE delivery_locations SET lat = 91"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE products SET gst_rate_bp = 10001"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE products SET hsn = '07a2'"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(Rejection("UPDATE products SET price_paise = '12.50'"), ErrorCode::kInternal)
        << "STRICT: text in an INTEGER column is a bug in the caller";
}

TEST_F(SchemaTest, UniquenessRules) {
    EXPECT_EQ(Rejection("INSERT INTO users (user_id, phone, created_at, updated_at) "
                        "VALUES ('usr_x', '+919800000001', 0, 0)"),
              ErrorCode::kConflict)
        << "one user per phone";
    EXPECT_EQ(Rejection("INSERT INTO stores (tenant_id, store_id, slug, description, created_at, updated_at) "
                        "VALUES ('ten_b', 'sto_9', 'sharma-kirana', 'd', 0, 0)"),
              ErrorCode::kConflict)
        << "slugs are unique across tenants";
    EXPECT_EQ(Rejection("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
                        "customer_phone_hash, subtotal_paise, total_paise, payment_method, status, idempotency_key, "
                        "created_at, updated_at) VALUES ('ten_a', 'ord_2', 'sto_1', 'M', X'00', 'h', 0, 0, 'COD', "
                        "'CONFIRMED', 'key-1', 0, 0)"),
              ErrorCode::kConflict)
        << "an idempotency key orders once per store";
    EXPECT_TRUE(
        Change("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
               "customer_phone_hash, subtotal_paise, total_paise, payment_method, status, idempotency_key, "
               "created_at, updated_at) VALUES ('ten_a', 'ord_2', 'sto_2', 'M', X'00', 'h', 0, 0, 'COD', "
               "'CONFIRMED', 'key-1', 0, 0)"))
        << "the same key in another store is another order";
    EXPECT_TRUE(Change("UPDATE payments SET provider = 'UPI', provider_payment_id = 'UTR123'"));
    EXPECT_EQ(Rejection("INSERT INTO payments (tenant_id, payment_id, order_id, provider, provider_payment_id, "
                        "amount_paise, created_at, updated_at) VALUES ('ten_a', 'pay_2', 'ord_1', 'UPI', 'UTR123', "
                        "9000, 0, 0)"),
              ErrorCode::kConflict)
        << "a UTR pays once";
    EXPECT_EQ(Rejection("INSERT INTO refunds (tenant_id, refund_id, order_id, payment_id, provider, amount_paise, "
                        "reason, created_at, updated_at) VALUES ('ten_a', 'rfd_2', 'ord_1', 'pay_1', 'RAZORPAY', 100, "
                        "'again', 0, 0)"),
              ErrorCode::kConflict)
        << "a payment is refunded once";
}

TEST_F(SchemaTest, ReferencesMustExist) {
    EXPECT_EQ(Rejection("INSERT INTO deliveries (tenant_id, delivery_id, order_id, agent_id, assigned_at, created_at, "
                        "updated_at) VALUES ('ten_a', 'dlv_2', 'ord_1', 'usr_stranger', 0, 0, 0)"),
              ErrorCode::kConflict)
        << "an agent must be a member of the tenant";
    EXPECT_EQ(Rejection("INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, created_at, "
                        "updated_at) VALUES ('ten_b', 'prd_2', 'sto_1', 'x', 1, 0, 0)"),
              ErrorCode::kConflict)
        << "a product cannot point at another tenant's store";
    EXPECT_EQ(Rejection("DELETE FROM products WHERE product_id = 'prd_1'"), ErrorCode::kConflict)
        << "ordered products are kept for the order history";
}

TEST_F(SchemaTest, OneActiveDeliveryPerOrder) {
    const std::string second =
        "INSERT INTO deliveries (tenant_id, delivery_id, order_id, agent_id, assigned_at, created_at, updated_at) "
        "VALUES ('ten_a', 'dlv_2', 'ord_1', 'usr_agent', 0, 0, 0)";
    EXPECT_EQ(Rejection(second), ErrorCode::kConflict);
    EXPECT_TRUE(Change("UPDATE deliveries SET status = 'FAILED' WHERE delivery_id = 'dlv_1'"));
    EXPECT_TRUE(Change(second)) << "a failed delivery can be replaced";
}

TEST_F(SchemaTest, LookupPathsUseTheirIndexes) {
    struct Path {
        std::string sql;
        std::string index;
    };
    const std::vector<Path> paths = {
        {"SELECT * FROM products WHERE tenant_id = 'ten_a' AND store_id = 'sto_1' AND active = 1", "products_by_store"},
        {"SELECT * FROM orders WHERE tenant_id = 'ten_a' AND store_id = 'sto_1' ORDER BY created_at DESC",
         "orders_by_store"},
        {"SELECT * FROM orders WHERE tenant_id = 'ten_a' AND customer_phone_hash = 'hash1'",
         "orders_by_customer_phone"},
        {"SELECT * FROM orders WHERE tenant_id = 'ten_a' AND status = 'CONFIRMED'", "orders_by_status"},
        {"SELECT * FROM deliveries WHERE tenant_id = 'ten_a' AND agent_id = 'usr_agent' AND status = 'ASSIGNED'",
         "deliveries_by_agent"},
        {"SELECT * FROM deliveries WHERE tenant_id = 'ten_a' AND order_id = 'ord_1'", "deliveries_"},
        {"SELECT * FROM payments WHERE tenant_id = 'ten_a' AND order_id = 'ord_1'", "payments_by_order"},
        {"SELECT * FROM payments WHERE tenant_id = 'ten_a' AND provider = 'RAZORPAY' AND provider_payment_id = 'p'",
         "payments_by_provider_payment"},
        {"SELECT * FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= 5 ORDER BY next_attempt_at",
         "outbox_by_status"},
        {"SELECT * FROM order_items WHERE tenant_id = 'ten_a' AND order_id = 'ord_1'", "PRIMARY KEY"},
        {"SELECT * FROM stores WHERE slug = 'sharma-kirana'", "sqlite_autoindex_stores"},
        {"SELECT * FROM users WHERE phone = '+919800000001'", "sqlite_autoindex_users"},
        {"SELECT * FROM memberships WHERE user_id = 'usr_agent'", "memberships_by_user"},
        {"SELECT * FROM delivery_locations WHERE tenant_id = 'ten_a' AND delivery_id = 'dlv_1' AND seq > 0",
         "PRIMARY KEY"},
        {"SELECT * FROM inventory_ledger WHERE tenant_id = 'ten_a' AND product_id = 'prd_1' ORDER BY seq DESC",
         "PRIMARY KEY"},
        // The owner's orders of one status seek to the cursor (0021), whatever else the store has.
        {"SELECT * FROM orders o WHERE o.tenant_id = 'ten_a' AND o.store_id = 'sto_1' AND o.status = 'CONFIRMED' "
         "AND (o.created_at, o.order_id) < (5, 'x') ORDER BY o.created_at DESC, o.order_id DESC LIMIT 5",
         "orders_by_store_status (tenant_id=? AND store_id=? AND status=? AND (created_at,order_id)<(?,?))"},
        {"SELECT * FROM inventory_stock_days WHERE tenant_id = 'ten_a' AND product_id = 'prd_1' AND day >= 5",
         "PRIMARY KEY"},
    };
    for (const Path& path : paths) {
        const std::string plan = Plan(path.sql);
        EXPECT_NE(plan.find(path.index), std::string::npos) << path.sql << "\n" << plan;
        EXPECT_EQ(plan.find("SCAN"), std::string::npos) << path.sql << "\n" << plan;
    }
}

}  // namespace
}  // namespace webdpro::storage
