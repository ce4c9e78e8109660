// Delivery over HTTP on the real binary: riders' profiles, automatic assignment to the nearest free
// rider, the rider's steps with the customer's code, GPS fixes checked and kept in their tenant, a
// rider of one shop kept away from another shop's deliveries, and the cash ledger.
#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using nlohmann::json;

// The store stands at Connaught Place; riders are placed north of it.
constexpr double kStoreLat = 28.6315;
constexpr double kStoreLng = 77.2167;

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// One shop: its owner, a published store at a known place, and its riders signed in.
struct Shop {
    std::optional<Session> owner;
    std::string tenant_id;
    SeededStore store;
    std::vector<Session> riders;
};

class DeliveryOverHttp : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartRelaxedServer().release();
        ASSERT_NE(server_, nullptr);
        a_ = new Shop();
        b_ = new Shop();
        OpenShop(*a_, "9000000601", "Ravi Kirana", "ravi-kirana",
                 {"9000000611", "9000000612", "9000000613", "9000000614"});
        OpenShop(*b_, "9000000701", "Bose Sweets", "bose-sweets", {"9000000711"});
    }
    static void TearDownTestSuite() {
        delete a_;
        delete b_;
        delete server_;
        a_ = b_ = nullptr;
        server_ = nullptr;
    }

    static void OpenShop(Shop& shop, const std::string& phone, const std::string& business, const std::string& slug,
                         const std::vector<std::string>& rider_phones) {
        shop.owner = SignUpOwner(*server_, phone, business);
        ASSERT_TRUE(shop.owner);
        shop.tenant_id = shop.owner->account["tenant"]["id"].get<std::string>();
        shop.store = SeedPublishedStore(*server_, shop.tenant_id, slug, 2, 10000);
        ASSERT_FALSE(shop.store.store_id.empty());
        Sql(*server_,
            "UPDATE stores SET latitude = 28.6315, longitude = 77.2167 WHERE store_id = " + Quote(shop.store.store_id));
        int n = 0;
        for (const auto& rider_phone : rider_phones) {
            auto invited =
                Call("POST", server_->url("/api/agents"), {shop.owner->Auth()},
                     json{{"phone", rider_phone}, {"name", "Rider" + std::to_string(++n) + " Kumar"}}.dump());
            ASSERT_EQ(invited.status, 201) << invited.Describe();
            auto rider = SignIn(*server_, rider_phone);
            ASSERT_TRUE(rider);
            ASSERT_EQ(rider->account["role"], "DELIVERY_AGENT");
            shop.riders.push_back(*rider);
        }
    }

    static ApiReply As(const Session& who, const std::string& method, const std::string& path,
                       const json& body = nullptr) {
        return Call(method, server_->url(path), {who.Auth(), {"Content-Type", "application/json"}},
                    body.is_null() ? std::string() : body.dump());
    }

    struct Placed {
        std::string order_id;
        std::string token;
    };
    /// A cash-on-delivery order of `units` of the first product on the shop's store.
    static Placed PlaceCod(const Shop& shop, int units) {
        static int key = 0;
        auto reply = PlaceOrder(*server_, shop.store.slug, CheckoutBody({{shop.store.product_ids[0], units}}),
                                "delivery-" + std::to_string(++key));
        EXPECT_EQ(reply.status, 201) << reply.Describe();
        const std::string url = reply.json.value("tracking_url", "");
        const auto t = url.find("t=");
        return {reply.json.value("order_id", ""), t == std::string::npos ? "" : url.substr(t + 2)};
    }

    static ApiReply Track(const Shop& shop, const Placed& order) {
        return Call("GET", server_->url("/s/" + shop.store.slug + "/api/orders/" + order.order_id +
                                        "/tracking?t=" + order.token));
    }

    static std::string OrderStatus(const Shop& shop, const std::string& order_id) {
        return As(*shop.owner, "GET", "/api/orders/" + order_id).json["order"].value("status", "");
    }

    /// A rider on duty at `km` kilometres north of the store, carrying up to `max_orders`.
    static void OnDuty(const Shop& shop, std::size_t rider, double km, bool available = true, int max_orders = 1) {
        const auto& who = shop.riders[rider];
        auto owner_set = As(*shop.owner, "PUT", "/api/tenant/riders/" + who.UserId(),
                            {{"max_orders", max_orders}, {"vehicle", "SCOOTER"}});
        ASSERT_EQ(owner_set.status, 200) << owner_set.Describe();
        auto own = As(who, "PUT", "/api/agent/profile",
                      {{"available", available}, {"position", {{"lat", kStoreLat + km / 111.2}, {"lng", kStoreLng}}}});
        ASSERT_EQ(own.status, 200) << own.Describe();
    }

    /// The delivery of `order_id` among the tenant's deliveries, waiting up to 5 s for it.
    static json DeliveryOf(const Shop& shop, const std::string& order_id) {
        for (int i = 0; i < 100; ++i) {
            auto list = As(*shop.owner, "GET", "/api/tenant/deliveries");
            for (const auto& d : list.json["deliveries"]) {
                if (d["order_id"] == order_id) {
                    return d;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return nullptr;
    }

    static bool Waiting(const Shop& shop, const std::string& order_id) {
        auto queue = As(*shop.owner, "GET", "/api/tenant/deliveries?state=unassigned");
        EXPECT_EQ(queue.status, 200) << queue.Describe();
        for (const auto& o : queue.json["orders"]) {
            if (o["order_id"] == order_id) {
                return true;
            }
        }
        return false;
    }

    static ApiReply Assign(const Shop& shop, const std::string& order_id, const Session& rider) {
        return As(*shop.owner, "POST", "/api/orders/" + order_id + "/assign", {{"agent_user_id", rider.UserId()}});
    }

    /// Whether a text containing `words` reached the owner of shop A (+919000000601), waiting up to 15 s.
    static bool OwnerTold(const std::string& words) {
        for (int i = 0; i < 150; ++i) {
            std::ifstream outbox(server_->data_dir() / "outbox" / "sms.jsonl");
            for (std::string line; std::getline(outbox, line);) {
                const json sms = json::parse(line, nullptr, false);
                if (sms.is_object() && sms.value("to", "") == "+919000000601" &&
                    sms.value("text", "").find(words) != std::string::npos) {
                    return true;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    static std::int64_t Fixes() { return QueryInt(*server_, "SELECT count(*) FROM delivery_locations"); }

    static TestServer* server_;
    static Shop* a_;
    static Shop* b_;
};

TestServer* DeliveryOverHttp::server_ = nullptr;
Shop* DeliveryOverHttp::a_ = nullptr;
Shop* DeliveryOverHttp::b_ = nullptr;

TEST_F(DeliveryOverHttp, AutoAssignGivesAConfirmedOrderToTheNearestFreeRider) {
    const Shop& a = *a_;
    // Rider 0 is nearest but full (carrying one order of one), rider 1 is off duty close by,
    // rider 2 is free 1 km away, rider 3 is free 5 km away.
    ASSERT_NO_FATAL_FAILURE(OnDuty(a, 0, 0.1));
    ASSERT_NO_FATAL_FAILURE(OnDuty(a, 1, 0.2, false));
    ASSERT_NO_FATAL_FAILURE(OnDuty(a, 2, 1.0));
    ASSERT_NO_FATAL_FAILURE(OnDuty(a, 3, 5.0));
    const Placed carried = PlaceCod(a, 1);
    ASSERT_EQ(Assign(a, carried.order_id, a.riders[0]).status, 200);

    auto bad = As(*a.owner, "PUT", "/api/stores/" + a.store.store_id + "/delivery-settings", {{"auto_assign", "yes"}});
    EXPECT_EQ(bad.status, 400) << bad.Describe();
    EXPECT_EQ(
        As(*b_->owner, "PUT", "/api/stores/" + a.store.store_id + "/delivery-settings", {{"auto_assign", true}}).status,
        404);
    ASSERT_EQ(
        As(*a.owner, "PUT", "/api/stores/" + a.store.store_id + "/delivery-settings", {{"auto_assign", true}}).status,
        200);

    const Placed order = PlaceCod(a, 2);
    const json delivery = DeliveryOf(a, order.order_id);
    ASSERT_FALSE(delivery.is_null()) << "the confirmed order was not assigned";
    EXPECT_EQ(delivery["agent_user_id"], a.riders[2].UserId());
    EXPECT_EQ(delivery["state"], "ASSIGNED");
    EXPECT_FALSE(Waiting(a, order.order_id));

    // Rider 2 is full now, rider 3 takes the next one; then nobody is free and the order waits.
    const Placed second = PlaceCod(a, 1);
    const json next = DeliveryOf(a, second.order_id);
    ASSERT_FALSE(next.is_null());
    EXPECT_EQ(next["agent_user_id"], a.riders[3].UserId());
    const Placed third = PlaceCod(a, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_TRUE(Waiting(a, third.order_id));
    EXPECT_TRUE(OwnerTold(third.order_id + " is ready but no rider is free")) << "the owner is not told";

    // The owner reassigns by hand before pickup; the queue empties.
    auto moved = Assign(a, third.order_id, a.riders[1]);
    ASSERT_EQ(moved.status, 200) << moved.Describe();
    EXPECT_FALSE(Waiting(a, third.order_id));
    auto reassigned = Assign(a, third.order_id, a.riders[0]);
    ASSERT_EQ(reassigned.status, 200);
    EXPECT_EQ(reassigned.json["delivery_id"], moved.json["delivery_id"]);
    EXPECT_EQ(reassigned.json["agent_user_id"], a.riders[0].UserId());

    ASSERT_EQ(
        As(*a.owner, "PUT", "/api/stores/" + a.store.store_id + "/delivery-settings", {{"auto_assign", false}}).status,
        200);
    // Free every rider for the tests that follow.
    for (const auto& rider : a.riders) {
        auto mine = As(rider, "GET", "/api/agent/deliveries");
        for (const auto& d : mine.json["deliveries"]) {
            if (d["state"] == "ASSIGNED") {
                EXPECT_EQ(As(rider, "POST", "/api/agent/deliveries/" + d["delivery_id"].get<std::string>() + "/failed",
                             {{"reason", "refused"}})
                              .status,
                          200);
            }
        }
    }
}

TEST_F(DeliveryOverHttp, OnlyOrdersReadyToGoCanBeAssignedAndBadInputChangesNothing) {
    const Shop& a = *a_;
    // A UPI order waits for its payment: not ready to go.
    Sql(*server_, "INSERT INTO payment_settings (tenant_id, upi_vpa, upi_payee_name, created_at, updated_at) VALUES (" +
                      Quote(a.tenant_id) + ", 'ravi@upi', 'Ravi Kirana', 1, 1)");
    Sql(*server_, "INSERT INTO checkout_settings (tenant_id, store_id, upi_enabled, created_at, updated_at) VALUES (" +
                      Quote(a.tenant_id) + ", " + Quote(a.store.store_id) + ", 1, 1, 1)");
    auto upi = PlaceOrder(*server_, a.store.slug, CheckoutBody({{a.store.product_ids[0], 1}}, {}, "UPI"), "upi-1");
    ASSERT_EQ(upi.status, 201) << upi.Describe();
    const std::string upi_order = upi.json["order_id"];
    EXPECT_EQ(Assign(a, upi_order, a.riders[0]).status, 409);
    EXPECT_FALSE(Waiting(a, upi_order));

    const Placed order = PlaceCod(a, 1);
    EXPECT_EQ(As(*a.owner, "POST", "/api/orders/" + order.order_id + "/assign", {{"agent_user_id", "nobody"}}).status,
              400);
    EXPECT_EQ(Assign(a, order.order_id, b_->riders[0]).status, 400) << "a rider of another shop";
    EXPECT_EQ(As(*a.owner, "POST", "/api/orders/" + order.order_id + "/assign", json::array()).status, 400);
    EXPECT_EQ(Assign(*b_, order.order_id, b_->riders[0]).status, 404) << "another shop's order";
    EXPECT_EQ(As(*b_->owner, "POST", "/api/orders/" + order.order_id + "/assign", {{"agent_user_id", "x"}}).status,
              404);
    EXPECT_TRUE(Waiting(a, order.order_id));
    EXPECT_EQ(As(*a.owner, "GET", "/api/tenant/deliveries?state=lost").status, 400);

    auto profile = As(*a.owner, "PUT", "/api/tenant/riders/" + a.riders[0].UserId(),
                      {{"max_orders", 0}, {"vehicle", "JET"}, {"store_ids", {b_->store.store_id}}});
    EXPECT_EQ(profile.status, 400) << profile.Describe();
    EXPECT_EQ(ErrorFields(profile), (std::set<std::string>{"max_orders", "store_ids[0]", "vehicle"}));
    EXPECT_EQ(As(*b_->owner, "GET", "/api/tenant/riders/" + a.riders[0].UserId()).status, 404);
    EXPECT_EQ(As(*b_->owner, "PUT", "/api/tenant/riders/" + a.riders[0].UserId(), {{"max_orders", 0}}).status, 404);
    EXPECT_EQ(As(a.riders[0], "GET", "/api/tenant/riders").status, 403);
    EXPECT_EQ(As(*a.owner, "GET", "/api/agent/deliveries").status, 403);
    auto riders = As(*a.owner, "GET", "/api/tenant/riders");
    ASSERT_EQ(riders.status, 200);
    EXPECT_EQ(riders.json["riders"].size(), a.riders.size());
}

TEST_F(DeliveryOverHttp, TheRiderDeliversWithTheCustomersCodeAndAWrongCodeChangesNothing) {
    const Shop& a = *a_;
    const Session& rider = a.riders[1];
    const Placed order = PlaceCod(a, 3);
    auto assigned = Assign(a, order.order_id, rider);
    ASSERT_EQ(assigned.status, 200) << assigned.Describe();
    const std::string id = assigned.json["delivery_id"];
    const std::int64_t due = assigned.json["cod_due_paise"];
    EXPECT_GT(due, 0);
    const std::string path = "/api/agent/deliveries/" + id;

    auto tracking = Track(a, order);
    ASSERT_EQ(tracking.status, 200) << tracking.Describe();
    const std::string code = tracking.json["delivery"]["code"];
    ASSERT_EQ(code.size(), 4u);
    EXPECT_EQ(tracking.json["delivery"]["rider"]["first_name"], "Rider2");
    EXPECT_TRUE(tracking.json["delivery"]["position"].is_null());
    EXPECT_EQ(
        Call("GET", server_->url("/s/" + a.store.slug + "/api/orders/" + order.order_id + "/tracking?t=bad")).status,
        404);

    auto mine = As(rider, "GET", "/api/agent/deliveries");
    ASSERT_EQ(mine.status, 200);
    bool listed = false;
    for (const auto& d : mine.json["deliveries"]) {
        listed = listed || (d["delivery_id"] == id && d["order"]["customer_phone"] == "+919876543210");
    }
    EXPECT_TRUE(listed) << mine.body;

    EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due}}).status, 409)
        << "not picked up yet";
    auto picked = As(rider, "POST", path + "/picked-up");
    ASSERT_EQ(picked.status, 200) << picked.Describe();
    EXPECT_EQ(picked.json["state"], "PICKED_UP");
    EXPECT_EQ(OrderStatus(a, order.order_id), "OUT_FOR_DELIVERY");

    const std::string wrong = code == "0000" ? "1111" : "0000";
    auto refused = As(rider, "POST", path + "/delivered", {{"code", wrong}, {"cash_collected_paise", due}});
    EXPECT_EQ(refused.status, 400) << refused.Describe();
    EXPECT_EQ(ErrorFields(refused), std::set<std::string>{"code"});
    EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", "12a4"}, {"cash_collected_paise", due}}).status, 400);
    EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due - 100}}).status, 400)
        << "a different amount needs a reason";
    EXPECT_EQ(As(rider, "POST", path + "/failed", {{"reason", "lost"}}).status, 400);
    EXPECT_EQ(OrderStatus(a, order.order_id), "OUT_FOR_DELIVERY");
    EXPECT_EQ(Track(a, order).json["delivery"]["state"], "PICKED_UP");
    EXPECT_EQ(Track(a, order).json["delivery"]["code"], code);

    auto done = As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due}});
    ASSERT_EQ(done.status, 200) << done.Describe();
    EXPECT_EQ(done.json["state"], "DELIVERED");
    EXPECT_EQ(done.json["cash_collected_paise"], due);
    auto owner_view = As(*a.owner, "GET", "/api/orders/" + order.order_id);
    EXPECT_EQ(owner_view.json["order"]["status"], "DELIVERED");
    EXPECT_EQ(owner_view.json["order"]["payment_status"], "PAID") << owner_view.body;
    auto after = Track(a, order);
    EXPECT_TRUE(after.json["delivery"]["code"].is_null());
    EXPECT_EQ(after.json["timeline"][4]["done"], true);
    EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due}}).status, 409);
    EXPECT_EQ(QueryInt(*server_,
                       "SELECT count(*) FROM outbox WHERE type IN ('DELIVERY_ASSIGNED', "
                       "'DELIVERY_PICKED_UP', 'DELIVERY_DELIVERED') AND payload LIKE '%" +
                           id + "%'"),
              3);
}

TEST_F(DeliveryOverHttp, FiveWrongCodesLockTheCodeAndACancelledOrderLeavesTheRider) {
    const Shop& a = *a_;
    const Session& rider = a.riders[3];
    const Placed order = PlaceCod(a, 1);
    auto assigned = Assign(a, order.order_id, rider);
    ASSERT_EQ(assigned.status, 200) << assigned.Describe();
    const std::string id = assigned.json["delivery_id"];
    const std::int64_t due = assigned.json["cod_due_paise"];
    const std::string path = "/api/agent/deliveries/" + id;
    ASSERT_EQ(As(rider, "POST", path + "/picked-up").status, 200);
    const std::string code = Track(a, order).json["delivery"]["code"];
    const std::string wrong = code == "0000" ? "1111" : "0000";
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", wrong}, {"cash_collected_paise", due}}).status, 400);
    }
    auto locked = As(rider, "POST", path + "/delivered", {{"code", wrong}, {"cash_collected_paise", due}});
    EXPECT_EQ(locked.status, 429) << locked.Describe();
    auto still = As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due}});
    EXPECT_EQ(still.status, 429) << "even the right code waits out the lock: " << still.Describe();
    EXPECT_EQ(OrderStatus(a, order.order_id), "OUT_FOR_DELIVERY");
    Sql(*server_, "UPDATE deliveries SET code_locked_until = 1 WHERE delivery_id = " + Quote(id));  // the lock ran out

    // The shop cancels the order while the rider carries it: the attempt ends, the rider is free.
    auto cancelled = As(*a.owner, "POST", "/api/orders/" + order.order_id + "/status",
                        {{"status", "CANCELLED"}, {"reason", "Customer asked to cancel"}});
    ASSERT_EQ(cancelled.status, 200) << cancelled.Describe();
    json ended;
    for (int i = 0; i < 100 && ended.is_null(); ++i) {
        auto d = DeliveryOf(a, order.order_id);
        if (d.value("state", "") == "FAILED") {
            ended = d;
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ASSERT_FALSE(ended.is_null()) << "the delivery of a cancelled order stays under way";
    EXPECT_EQ(ended["failure_reason"], "order_cancelled");
    EXPECT_EQ(As(rider, "POST", path + "/delivered", {{"code", code}, {"cash_collected_paise", due}}).status, 409);
    const json fix = {{"lat", kStoreLat}, {"lng", kStoreLng}, {"at", NowMs()}};
    auto late_fix = As(rider, "POST", "/api/agent/location", {{"delivery_id", id}, {"fixes", json::array({fix})}});
    EXPECT_EQ(late_fix.status, 409) << "no location is taken for an ended delivery: " << late_fix.Describe();
    EXPECT_EQ(OrderStatus(a, order.order_id), "CANCELLED");
}

TEST_F(DeliveryOverHttp, FixesAreCheckedAndOneShopsRiderCannotReachAnothersDeliveries) {
    const Shop& a = *a_;
    const Session& rider = a.riders[2];
    const Session& other_rider = a.riders[3];
    const Session& b_rider = b_->riders[0];
    const Placed order = PlaceCod(a, 1);
    auto assigned = Assign(a, order.order_id, rider);
    ASSERT_EQ(assigned.status, 200) << assigned.Describe();
    const std::string id = assigned.json["delivery_id"];
    ASSERT_EQ(As(rider, "POST", "/api/agent/deliveries/" + id + "/picked-up").status, 200);

    const std::int64_t now = NowMs();
    auto fix = [](double lat, std::int64_t at) { return json{{"lat", lat}, {"lng", kStoreLng}, {"at", at}}; };
    auto ok = As(rider, "POST", "/api/agent/location",
                 {{"delivery_id", id},
                  {"fixes", json::array({fix(kStoreLat, now - 120'000), fix(kStoreLat + 0.0045, now - 60'000)})}});
    ASSERT_EQ(ok.status, 200) << ok.Describe();
    EXPECT_EQ(ok.json["accepted"], 2);
    EXPECT_NEAR(ok.json["distance_m"].get<double>(), 500, 20);
    auto tracking = Track(a, order);
    ASSERT_TRUE(tracking.json["delivery"]["position"].is_object()) << tracking.body;
    EXPECT_NEAR(tracking.json["delivery"]["position"]["lat"].get<double>(), kStoreLat + 0.0045, 1e-9);

    const std::int64_t stored = Fixes();
    const auto refused = [&](const json& fixes) {
        return As(rider, "POST", "/api/agent/location", {{"delivery_id", id}, {"fixes", fixes}});
    };
    const auto stale = refused(json::array({fix(kStoreLat + 0.005, now - 2 * 3600'000)}));
    EXPECT_EQ(stale.status, 400) << "stale";
    EXPECT_EQ(ErrorFields(stale), std::set<std::string>{"fixes[0]"}) << stale.Describe();
    const auto future = refused(json::array({fix(kStoreLat + 0.005, now + 600'000)}));
    EXPECT_EQ(future.status, 400) << "in the future";
    EXPECT_EQ(ErrorFields(future), std::set<std::string>{"fixes[0]"}) << future.Describe();
    auto jump = refused(json::array({fix(kStoreLat + 0.005, now - 30'000), fix(kStoreLat + 0.095, now - 20'000)}));
    EXPECT_EQ(jump.status, 400) << "10 km in 10 s";
    EXPECT_EQ(ErrorFields(jump), std::set<std::string>{"fixes[1]"});
    const auto outside = refused(json::array({fix(95, now - 10'000)}));
    EXPECT_EQ(outside.status, 400) << "out of range";
    EXPECT_EQ(ErrorFields(outside), std::set<std::string>{"fixes[0]"}) << outside.Describe();
    EXPECT_EQ(refused(json::array()).status, 400);
    EXPECT_EQ(Fixes(), stored) << "a refused batch stores nothing";

    // Another rider of the shop, and a rider of another shop: not found, whatever they send.
    const json good = {{"delivery_id", id}, {"fixes", json::array({fix(kStoreLat + 0.005, now - 10'000)})}};
    EXPECT_EQ(As(b_rider, "POST", "/api/agent/location", good).status, 404);
    EXPECT_EQ(As(other_rider, "POST", "/api/agent/location", good).status, 404);
    EXPECT_EQ(As(b_rider, "POST", "/api/agent/location", {{"delivery_id", id}, {"fixes", json::array({fix(95, now)})}})
                  .status,
              404);
    EXPECT_EQ(Fixes(), stored);
    for (const auto& step : {"/picked-up", "/failed", "/delivered"}) {
        EXPECT_EQ(As(b_rider, "POST", "/api/agent/deliveries/" + id + step, {{"reason", "refused"}}).status, 404)
            << step;
    }
    EXPECT_EQ(As(b_rider, "POST", "/api/agent/deliveries/" + id + "/delivered", {{"code", "x"}}).status, 404);
    EXPECT_EQ(As(b_rider, "GET", "/api/agent/deliveries").body.find(id), std::string::npos);
    EXPECT_EQ(As(*b_->owner, "GET", "/api/tenant/deliveries").body.find(id), std::string::npos);
    EXPECT_EQ(Assign(*b_, order.order_id, b_rider).status, 404);

    // A failed attempt sends the order back to the shop, packed, and into the queue.
    auto failed = As(rider, "POST", "/api/agent/deliveries/" + id + "/failed", {{"reason", "not_at_home"}});
    ASSERT_EQ(failed.status, 200) << failed.Describe();
    EXPECT_EQ(OrderStatus(a, order.order_id), "PACKED");
    EXPECT_TRUE(Waiting(a, order.order_id));
    auto late = refused(json::array({fix(kStoreLat + 0.005, now - 5'000)}));
    EXPECT_EQ(late.status, 409) << "no location after the delivery: " << late.Describe();
    EXPECT_EQ(Track(a, order).json["delivery"]["position"], nullptr);
}

TEST_F(DeliveryOverHttp, CashInHandIsCollectedMinusDepositedAfterARandomSequence) {
    const Shop& a = *a_;
    const Session& rider = a.riders[0];
    std::mt19937 random(20261207);
    std::int64_t collected = 0;
    std::int64_t deposited = 0;
    const auto deposit = [&](std::int64_t amount) {
        return As(*a.owner, "POST", "/api/tenant/cash-deposits",
                  {{"agent_user_id", rider.UserId()}, {"amount_paise", amount}, {"note", "counter"}});
    };
    const auto in_hand = [&]() -> json {
        auto ledger = As(*a.owner, "GET", "/api/tenant/cash-ledger");
        for (const auto& line : ledger.json["riders"]) {
            if (line["agent_user_id"] == rider.UserId()) {
                return line;
            }
        }
        return nullptr;
    };
    for (int step = 0; step < 12; ++step) {
        if (random() % 3 != 0) {
            const Placed order = PlaceCod(a, 1 + static_cast<int>(random() % 4));
            auto assigned = Assign(a, order.order_id, rider);
            ASSERT_EQ(assigned.status, 200) << assigned.Describe();
            const std::string path = "/api/agent/deliveries/" + assigned.json["delivery_id"].get<std::string>();
            const std::int64_t due = assigned.json["cod_due_paise"];
            const std::string code = Track(a, order).json["delivery"]["code"];
            ASSERT_EQ(As(rider, "POST", path + "/picked-up").status, 200);
            json body = {{"code", code}, {"cash_collected_paise", due}};
            if (random() % 3 == 0) {
                body["cash_collected_paise"] = due - 500;  // short: the customer had less
                body["reason"] = "customer paid 5 rupees less";
            }
            auto done = As(rider, "POST", path + "/delivered", body);
            ASSERT_EQ(done.status, 200) << done.Describe();
            collected += body["cash_collected_paise"].get<std::int64_t>();
        } else {
            const std::int64_t held = collected - deposited;
            const std::int64_t amount = 1 + static_cast<std::int64_t>(random() % static_cast<unsigned>(held + 1000));
            auto reply = deposit(amount);
            if (amount <= held) {
                ASSERT_EQ(reply.status, 201) << reply.Describe();
                deposited += amount;
                EXPECT_EQ(reply.json["in_hand_paise"], collected - deposited);
            } else {
                EXPECT_EQ(reply.status, 400) << "more than the rider holds: " << reply.Describe();
            }
        }
        const json line = in_hand();
        ASSERT_FALSE(line.is_null());
        EXPECT_EQ(line["collected_paise"], collected);
        EXPECT_EQ(line["deposited_paise"], deposited);
        EXPECT_EQ(line["in_hand_paise"], collected - deposited);
    }
    EXPECT_EQ(deposit(0).status, 400);
    EXPECT_EQ(deposit(-5).status, 400);
    EXPECT_EQ(deposit(collected - deposited + 1).status, 400);
    EXPECT_EQ(As(*a.owner, "POST", "/api/tenant/cash-deposits",
                 {{"agent_user_id", b_->riders[0].UserId()}, {"amount_paise", 100}})
                  .status,
              400);
    EXPECT_EQ(
        As(*a.owner, "POST", "/api/tenant/cash-deposits", {{"agent_user_id", rider.UserId()}, {"amount_paise", "5"}})
            .status,
        400);
    EXPECT_EQ(in_hand()["in_hand_paise"], collected - deposited) << "refused deposits changed nothing";
    EXPECT_EQ(As(rider, "GET", "/api/tenant/cash-ledger").status, 403);
}

}  // namespace
}  // namespace webdpro::testing
