#include "analytics/dashboard_consumer.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "storage/db.hpp"

namespace webdpro::analytics {
namespace {

// 2026-12-07 20:00 UTC: 2026-12-08 in India.
constexpr std::int64_t kPlacedAt = 1796673600000;

class DashboardConsumerTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        Run(R"(
INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ('usr_1', '+919000000001', 1, 1);
INSERT INTO tenants (tenant_id, owner_user_id, business_name, created_at, updated_at) VALUES ('ten_1', 'usr_1', 'T', 1, 1);
INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, created_at, updated_at)
VALUES ('ten_1', 'sto_1', 'shop', 'PUBLISHED', 'd', 'S', 1, 1);
INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, stock_quantity, created_at, updated_at)
VALUES ('ten_1', 'prd_1', 'sto_1', 'Tea', 1000, 10, 1, 1);
)");
    }

    void Run(std::string_view script) {
        auto ran = db_->WriteSync([&](storage::Conn& conn) -> Result<void> { return conn.ExecScript(script); });
        ASSERT_TRUE(ran) << ran.error().detail;
    }

    void Order(const std::string& id, const std::string& phone_hash, const std::string& method, int units) {
        Run("INSERT INTO orders (tenant_id, order_id, store_id, customer_name, customer_phone_enc, "
            "customer_phone_hash, "
            "subtotal_paise, total_paise, payment_method, payment_status, status, idempotency_key, created_at, "
            "updated_at) VALUES ('ten_1', '" +
            id + "', 'sto_1', 'A', x'00', '" + phone_hash + "', " + std::to_string(units * 1000) + ", " +
            std::to_string(units * 1000) + ", '" + method + "', 'UNPAID', 'PENDING_PAYMENT', '" + id + "', " +
            std::to_string(kPlacedAt) +
            ", 1); INSERT INTO order_items (tenant_id, order_id, line, product_id, name, "
            "unit_price_paise, quantity, line_total_paise) VALUES ('ten_1', '" +
            id + "', 1, 'prd_1', 'Tea', 1000, " + std::to_string(units) + ", " + std::to_string(units * 1000) + ");");
    }

    void Event(const std::string& type, const std::string& order) {
        static int n = 0;
        const events::Event event{.id = EventId("evt_" + std::to_string(++n)),
                                  .tenant_id = TenantId("ten_1"),
                                  .type = type,
                                  .payload = {{"order_id", order}},
                                  .attempts = 0,
                                  .created_at = FromUnixMillis(kPlacedAt)};
        auto applied =
            db_->WriteSync([&](storage::Conn& conn) -> Result<void> { return consumer_.apply(conn, event); });
        ASSERT_TRUE(applied) << applied.error().message << " " << applied.error().detail;
    }

    /// "orders paid revenue pending_orders pending cancelled new repeat | units sales"
    std::string Sums() {
        auto row = db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
            auto d = conn.QueryOne("SELECT * FROM analytics_daily WHERE day = '2026-12-08'");
            auto p = conn.QueryOne("SELECT units, sales_paise FROM analytics_daily_products WHERE day = '2026-12-08'");
            if (!d || !p || !*d) {
                return std::string("none");
            }
            const auto& r = **d;
            std::string out;
            for (const char* c : {"orders", "paid_orders", "revenue_paise", "pending_orders", "pending_paise",
                                  "cancelled_orders", "new_orders", "repeat_orders"}) {
                out += std::to_string(r.Int(c)) + " ";
            }
            out += "|";
            if (*p) {
                out += " " + std::to_string((*p)->Int("units")) + " " + std::to_string((*p)->Int("sales_paise"));
            }
            return out;
        });
        return row ? *row : "error";
    }

    std::unique_ptr<storage::SqliteDb> db_;
    events::Consumer consumer_ = DashboardConsumer();
};

TEST_F(DashboardConsumerTest, AnOrderMovesFromPendingToPaidAndOutWhenCancelled) {
    Order("ord_1", "h1", "UPI", 2);
    Event("ORDER_PLACED", "ord_1");
    EXPECT_EQ(Sums(), "1 0 0 1 2000 0 1 0 | 2 2000");
    Run("UPDATE orders SET status = 'CONFIRMED', payment_status = 'PAID' WHERE order_id = 'ord_1'");
    Event("ORDER_CONFIRMED", "ord_1");
    EXPECT_EQ(Sums(), "1 1 2000 0 0 0 1 0 | 2 2000");
    Event("PAYMENT_CAPTURED", "ord_1");  // the same state again: nothing moves
    EXPECT_EQ(Sums(), "1 1 2000 0 0 0 1 0 | 2 2000");
    Run("UPDATE orders SET status = 'CANCELLED' WHERE order_id = 'ord_1'");
    Event("ORDER_CANCELLED", "ord_1");
    EXPECT_EQ(Sums(), "0 0 0 0 0 1 0 0 | 0 0");
}

TEST_F(DashboardConsumerTest, ALateEventCountsTheOrderAsItIsAndARepeatCustomerIsNotNew) {
    Order("ord_1", "h1", "COD", 1);
    Run("UPDATE orders SET status = 'CANCELLED' WHERE order_id = 'ord_1'");
    Event("ORDER_PLACED", "ord_1");  // seen only once it was cancelled
    EXPECT_EQ(Sums(), "0 0 0 0 0 1 0 0 |");
    Event("ORDER_CANCELLED", "ord_1");
    EXPECT_EQ(Sums(), "0 0 0 0 0 1 0 0 |");
    Order("ord_2", "h1", "COD", 3);
    Event("ORDER_PLACED", "ord_2");
    Run("UPDATE orders SET status = 'DELIVERED', payment_status = 'PAID' WHERE order_id = 'ord_2'");
    Event("ORDER_DELIVERED", "ord_2");
    EXPECT_EQ(Sums(), "1 1 3000 0 0 1 0 1 | 3 3000");
    Event("ORDER_PLACED", "ord_missing");  // another tenant's or no order: nothing counted
    EXPECT_EQ(Sums(), "1 1 3000 0 0 1 0 1 | 3 3000");
}

TEST_F(DashboardConsumerTest, ARefundProcessedCountsApartFromRevenueOnItsDay) {
    Order("ord_1", "h1", "RAZORPAY", 2);
    Run("UPDATE orders SET status = 'CANCELLED', payment_status = 'PAID' WHERE order_id = 'ord_1'");
    Event("ORDER_PLACED", "ord_1");
    auto refund = [&](const nlohmann::json& payload) {
        static int n = 0;
        const events::Event event{.id = EventId("evt_refund_" + std::to_string(++n)),
                                  .tenant_id = TenantId("ten_1"),
                                  .type = "REFUND_PROCESSED",
                                  .payload = payload,
                                  .attempts = 0,
                                  .created_at = FromUnixMillis(kPlacedAt)};
        auto applied =
            db_->WriteSync([&](storage::Conn& conn) -> Result<void> { return consumer_.apply(conn, event); });
        ASSERT_TRUE(applied) << applied.error().message;
    };
    auto refunds = [&](const std::string& day) {
        auto row = db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
            auto d =
                conn.QueryOne("SELECT refunds, refunded_paise, revenue_paise FROM analytics_daily WHERE day = $1", day);
            if (!d || !*d) {
                return std::string("none");
            }
            return std::to_string((*d)->Int("refunds")) + " " + std::to_string((*d)->Int("refunded_paise")) + " " +
                   std::to_string((*d)->Int("revenue_paise"));
        });
        return row ? *row : "error";
    };
    // Processed on the next India day: counted there, revenue untouched (the cancelled order is out of it).
    const std::int64_t next_day = kPlacedAt + 24LL * 3600 * 1000;
    refund({{"order_id", "ord_1"}, {"store_id", "sto_1"}, {"amount_paise", 2000}, {"at", next_day}});
    EXPECT_EQ(refunds("2026-12-09"), "1 2000 0");
    EXPECT_EQ(refunds("2026-12-08"), "0 0 0");
    refund({{"order_id", "ord_1"}, {"store_id", "sto_1"}, {"amount_paise", 500}, {"at", next_day}});
    EXPECT_EQ(refunds("2026-12-09"), "2 2500 0");
    // A payload that cannot be counted is left out, not retried for ever.
    refund({{"order_id", "ord_1"}, {"store_id", "sto_1"}, {"amount_paise", -5}});
    refund({{"order_id", "ord_1"}, {"amount_paise", 100}});
    EXPECT_EQ(refunds("2026-12-09"), "2 2500 0");
    EXPECT_EQ(refunds("2026-12-08"), "0 0 0");
}

}  // namespace
}  // namespace webdpro::analytics
