// kill -9 during checkout load: after a restart on the same data dir, every order that got a 201
// is there, stock equals initial minus sold, and every ORDER_PLACED reached each consumer once.
#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

constexpr int kProducts = 10;
constexpr std::int64_t kStock = 400;
constexpr int kClients = 8;

}  // namespace

TEST(OrdersCrash, Kill9DuringCheckoutLosesNoAcknowledgedOrderAndNoStock) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    auto server = TestServer::Start(options, error);
    ASSERT_NE(server, nullptr) << error;
    auto owner = SignUpOwner(*server, "9000000201", "Crash Kirana");
    ASSERT_TRUE(owner);
    const auto store = SeedPublishedStore(*server, owner->account["tenant"]["id"].get<std::string>(), "crash-kirana",
                                          kProducts, kStock);
    ASSERT_EQ(store.product_ids.size(), static_cast<std::size_t>(kProducts));

    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> attempts{0};
    std::vector<std::thread> clients;
    const std::string url = server->url("/s/crash-kirana/api/orders");
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; !stop; ++i) {
                nlohmann::json items = nlohmann::json::array();
                for (int k = 0; k < 3; ++k) {
                    items.push_back({{"product_id", store.product_ids[(c + i + k) % kProducts]}, {"quantity", 1}});
                }
                const nlohmann::json body = {{"items", items},
                                             {"customer",
                                              {{"name", "Crash Buyer"},
                                               {"phone", "9876543210"},
                                               {"address", "12 MG Road, Pune"},
                                               {"pincode", "411001"}}},
                                             {"payment_method", "COD"}};
                ++attempts;
                auto reply = Call("POST", url,
                                  {{"Content-Type", "application/json"},
                                   {"Idempotency-Key", "crash-" + std::to_string(c) + "-" + std::to_string(i)}},
                                  body.dump());
                if (reply.status == 201) {
                    std::lock_guard lock(mutex);
                    acknowledged.insert(reply.json["order_id"].get<std::string>());
                } else if (reply.status == 0) {
                    return;  // the server is gone
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server->Signal(SIGKILL);
    ASSERT_TRUE(server->WaitExit(std::chrono::seconds(10)));
    stop = true;
    for (auto& client : clients) {
        client.join();
    }
    ASSERT_GT(acknowledged.size(), 10u) << "the load did not get going before the kill";

    const auto data_dir = server->data_dir();
    server->KeepDataDir();
    server.reset();
    TestServer::Options again = options;
    again.data_dir = data_dir;
    auto restarted = TestServer::Start(again, error);
    ASSERT_NE(restarted, nullptr) << error;

    for (const auto& id : acknowledged) {
        ASSERT_EQ(QueryInt(*restarted, "SELECT count(*) FROM orders WHERE order_id = '" + id + "'"), 1)
            << "order " << id << " got a 201 but is gone after the crash";
    }
    EXPECT_EQ(QueryInt(*restarted, "SELECT count(*) FROM products p WHERE stock_quantity != " + std::to_string(kStock) +
                                       " - (SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.product_id = "
                                       "p.product_id)"),
              0)
        << "stock must equal initial minus sold";

    // The dispatcher (restarted) drains the outbox; each consumer saw each ORDER_PLACED once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (QueryInt(*restarted, "SELECT count(*) FROM outbox WHERE status != 'DONE'") != 0 &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_EQ(QueryInt(*restarted, "SELECT count(*) FROM outbox WHERE status != 'DONE'"), 0);
    const std::int64_t orders = QueryInt(*restarted, "SELECT count(*) FROM orders");
    EXPECT_EQ(QueryInt(*restarted, "SELECT count(*) FROM outbox WHERE type = 'ORDER_PLACED'"), orders);
    // Analytics counts each ORDER_PLACED; notifications texts the owner on each cash-on-delivery
    // order's ORDER_CONFIRMED (enqueued with the order).
    EXPECT_EQ(QueryInt(*restarted, "SELECT count(*) FROM outbox WHERE type = 'ORDER_CONFIRMED'"), orders);
    for (const auto& [consumer, type] : {std::pair<std::string, std::string>{"analytics", "ORDER_PLACED"},
                                         std::pair<std::string, std::string>{"notifications", "ORDER_CONFIRMED"}}) {
        EXPECT_EQ(QueryInt(*restarted, "SELECT count(*) FROM outbox o WHERE o.type = '" + type +
                                           "' AND (SELECT "
                                           "count(*) FROM processed_events e WHERE e.event_id = o.event_id AND "
                                           "e.consumer = '" +
                                           consumer + "') != 1"),
                  0)
            << consumer;
    }
    EXPECT_EQ(QueryInt(*restarted, "SELECT coalesce(sum(orders), 0) FROM daily_sales"), orders)
        << "the analytics counter counted every order exactly once";
    // SMS leave the process before their processed row commits, so a crash may repeat the few in
    // flight (at least once); count how many.
    std::ifstream sms(data_dir / "outbox" / "sms.jsonl");
    std::int64_t owner_texts = 0;
    for (std::string line; std::getline(sms, line);) {
        owner_texts += line.find("New order ord_") != std::string::npos ? 1 : 0;
    }
    EXPECT_GE(owner_texts, orders);
    RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
    RecordProperty("orders", static_cast<int>(orders));
    RecordProperty("repeated_sms", static_cast<int>(owner_texts - orders));
    std::cout << "[ orders crash ] " << attempts.load() << " requests, " << acknowledged.size() << " acknowledged, "
              << orders << " orders after restart, " << (owner_texts - orders) << " owner SMS repeated" << std::endl;
    restarted.reset();
    std::error_code ignored;
    std::filesystem::remove_all(data_dir, ignored);  // the restarted server does not own it
}

}  // namespace webdpro::testing
