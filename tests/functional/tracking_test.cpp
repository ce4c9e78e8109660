// The customer's live tracking over HTTP on the real binary: server-sent events that carry a
// rider's fix to the streams of that order only, another shop's order answering 404, the limits on
// streams, an ETA that falls as the rider comes closer, and finished tracks thinned and expired.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/client.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr double kStoreLat = 28.6315;
constexpr double kStoreLng = 77.2167;
// The customer lives 2 km north of the store.
constexpr double kHomeLat = kStoreLat + 2.0 / 111.2;

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// One live stream read as it comes: HTTP/1.0, so the body is the bare event stream.
class LiveStream {
public:
    LiveStream(std::uint16_t port, const std::string& path) : fd_(ConnectLoopback(port)) {
        const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        if (fd_ >= 0) {
            ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
        }
    }
    ~LiveStream() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    LiveStream(const LiveStream&) = delete;
    LiveStream& operator=(const LiveStream&) = delete;

    /// The status line's code, once the head has arrived (0 when it did not within 5 s).
    int Status() {
        Fill([this] { return buffer_.find("\r\n\r\n") != std::string::npos; }, std::chrono::seconds(5));
        const auto head_end = buffer_.find("\r\n\r\n");
        if (head_end == std::string::npos || buffer_.size() < 12) {
            return 0;
        }
        head_ = buffer_.substr(0, head_end);
        buffer_.erase(0, head_end + 4);
        return std::stoi(head_.substr(9, 3));
    }
    const std::string& head() const { return head_; }
    /// The rest of the body after the head (an error's JSON), up to the server closing.
    std::string Rest() {
        Fill([] { return false; }, std::chrono::seconds(2));
        return buffer_;
    }

    /// The data of the next "tracking" event within `wait`; nullopt when none came.
    std::optional<json> Next(std::chrono::milliseconds wait) {
        std::optional<json> found;
        Fill(
            [&] {
                for (;;) {
                    const auto end = buffer_.find("\n\n");
                    if (end == std::string::npos) {
                        return false;
                    }
                    const std::string block = buffer_.substr(0, end);
                    buffer_.erase(0, end + 2);
                    if (block.find("event: tracking") == std::string::npos) {
                        continue;  // a heartbeat comment
                    }
                    const auto data = block.find("data: ");
                    found = json::parse(block.substr(data + 6), nullptr, false);
                    return true;
                }
            },
            wait);
        return found;
    }

private:
    template <class Done>
    void Fill(Done done, std::chrono::milliseconds wait) {
        const auto deadline = Clock::now() + wait;
        char chunk[8192];
        while (!done() && Clock::now() < deadline && fd_ >= 0) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) {
                continue;
            }
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n <= 0) {
                ::close(fd_);
                fd_ = -1;
                break;
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    int fd_;
    std::string buffer_;
    std::string head_;
};

class LiveTracking : public ::testing::Test {
protected:
    struct Shop {
        std::optional<Session> owner;
        std::string tenant_id;
        SeededStore store;
        std::vector<Session> riders;
    };
    struct Placed {
        std::string order_id;
        std::string token;
    };

    static void SetUpTestSuite() {
        server_ =
            StartRelaxedServer({"--set", "delivery.live_per_order=2", "--set", "delivery.track_tidy_interval_s=1",
                                "--set", "delivery.track_thin_meters=100", "--set", "delivery.track_thin_seconds=60"})
                .release();
        ASSERT_NE(server_, nullptr);
        a_ = new Shop();
        b_ = new Shop();
        OpenShop(*a_, "9000000901", "Meera Kirana", "meera-kirana", {"9000000911", "9000000912"});
        OpenShop(*b_, "9000000951", "Lal Sweets", "lal-sweets", {});
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
        shop.store = SeedPublishedStore(*server_, shop.tenant_id, slug, 1, 10000);
        ASSERT_FALSE(shop.store.store_id.empty());
        Sql(*server_,
            "UPDATE stores SET latitude = 28.6315, longitude = 77.2167 WHERE store_id = " + Quote(shop.store.store_id));
        for (const auto& rider_phone : rider_phones) {
            auto invited = Call("POST", server_->url("/api/agents"), {shop.owner->Auth()},
                                json{{"phone", rider_phone}, {"name", "Sunil Yadav"}}.dump());
            ASSERT_EQ(invited.status, 201) << invited.Describe();
            auto rider = SignIn(*server_, rider_phone);
            ASSERT_TRUE(rider);
            shop.riders.push_back(*rider);
        }
    }

    static ApiReply As(const Session& who, const std::string& method, const std::string& path,
                       const json& body = nullptr) {
        return Call(method, server_->url(path), {who.Auth(), {"Content-Type", "application/json"}},
                    body.is_null() ? std::string() : body.dump());
    }

    /// A cash-on-delivery order whose customer shared their location at checkout.
    static Placed PlaceCod(const Shop& shop) {
        static int key = 0;
        json body = CheckoutBody({{shop.store.product_ids[0], 1}});
        body["customer"]["location"] = {{"lat", kHomeLat}, {"lng", kStoreLng}};
        auto reply = PlaceOrder(*server_, shop.store.slug, body, "tracking-" + std::to_string(++key));
        EXPECT_EQ(reply.status, 201) << reply.Describe();
        const std::string url = reply.json.value("tracking_url", "");
        const auto t = url.find("t=");
        return {reply.json.value("order_id", ""), t == std::string::npos ? "" : url.substr(t + 2)};
    }

    /// The order placed, assigned to the shop's first rider and picked up: its delivery id.
    static std::string OutForDelivery(const Shop& shop, const Placed& order) {
        auto assigned = As(*shop.owner, "POST", "/api/orders/" + order.order_id + "/assign",
                           {{"agent_user_id", shop.riders[0].UserId()}});
        EXPECT_EQ(assigned.status, 200) << assigned.Describe();
        const std::string id = assigned.json.value("delivery_id", "");
        EXPECT_EQ(As(shop.riders[0], "POST", "/api/agent/deliveries/" + id + "/picked-up").status, 200);
        return id;
    }

    static std::string EventsPath(const Shop& shop, const Placed& order, const std::string& token = "") {
        return "/s/" + shop.store.slug + "/api/orders/" + order.order_id +
               "/events?t=" + (token.empty() ? order.token : token);
    }

    static ApiReply Fix(const Shop& shop, const std::string& delivery, double lat, std::int64_t at) {
        return As(
            shop.riders[0], "POST", "/api/agent/location",
            {{"delivery_id", delivery}, {"fixes", json::array({json{{"lat", lat}, {"lng", kStoreLng}, {"at", at}}})}});
    }

    static TestServer* server_;
    static Shop* a_;
    static Shop* b_;
};

TestServer* LiveTracking::server_ = nullptr;
LiveTracking::Shop* LiveTracking::a_ = nullptr;
LiveTracking::Shop* LiveTracking::b_ = nullptr;

TEST_F(LiveTracking, ARidersFixReachesTheStreamsOfThatOrderOnly) {
    const Shop& a = *a_;
    const Placed order = PlaceCod(a);
    const Placed other = PlaceCod(a);
    const std::string delivery = OutForDelivery(a, order);

    LiveStream mine(server_->port(), EventsPath(a, order));
    LiveStream theirs(server_->port(), EventsPath(a, other));
    ASSERT_EQ(mine.Status(), 200);
    EXPECT_NE(mine.head().find("text/event-stream"), std::string::npos) << mine.head();
    ASSERT_EQ(theirs.Status(), 200);
    auto first = mine.Next(std::chrono::seconds(2));
    ASSERT_TRUE(first) << "no first event";
    EXPECT_EQ((*first)["status"], "OUT_FOR_DELIVERY");
    EXPECT_EQ((*first)["delivery"]["rider"]["first_name"], "Sunil");
    EXPECT_TRUE((*first)["delivery"]["rider"]["phone"].is_string());
    EXPECT_EQ((*first)["destination"]["lat"].get<double>(), kHomeLat);
    EXPECT_EQ((*first)["store"]["lat"].get<double>(), kStoreLat);
    ASSERT_TRUE(theirs.Next(std::chrono::seconds(2))) << "no first event on the other order";

    const auto posted = Clock::now();
    ASSERT_EQ(Fix(a, delivery, kStoreLat + 0.002, NowMs() - 1000).status, 200);
    auto moved = mine.Next(std::chrono::seconds(3));
    const auto latency = Clock::now() - posted;
    ASSERT_TRUE(moved) << "the fix did not reach the order's stream";
    EXPECT_NEAR((*moved)["delivery"]["position"]["lat"].get<double>(), kStoreLat + 0.002, 1e-9);
    EXPECT_TRUE((*moved)["delivery"]["eta_s"].is_number_integer()) << moved->dump();
    EXPECT_LT(latency, std::chrono::seconds(1)) << "heard by the hub, not by the recheck";
    EXPECT_FALSE(theirs.Next(std::chrono::milliseconds(800))) << "another order's stream heard of the fix";
}

TEST_F(LiveTracking, AnotherShopsOrderOrAWrongTokenIsNotFound) {
    const Placed order = PlaceCod(*a_);
    // Shop A's order under shop B's address, with its own (valid) token.
    LiveStream elsewhere(server_->port(),
                         "/s/" + b_->store.slug + "/api/orders/" + order.order_id + "/events?t=" + order.token);
    EXPECT_EQ(elsewhere.Status(), 404);
    EXPECT_NE(elsewhere.Rest().find("not_found"), std::string::npos);
    LiveStream wrong(server_->port(), EventsPath(*a_, order, std::string(order.token.size(), 'A')));
    EXPECT_EQ(wrong.Status(), 404);
    LiveStream missing(server_->port(), "/s/" + a_->store.slug + "/api/orders/ord_nope/events?t=" + order.token);
    EXPECT_EQ(missing.Status(), 404);
    EXPECT_EQ(Call("GET", server_->url("/s/" + b_->store.slug + "/api/orders/" + order.order_id +
                                       "/tracking?t=" + order.token))
                  .status,
              404);
}

TEST_F(LiveTracking, StreamsOverTheLimitOfAnOrderAreRefusedWith503) {
    const Placed order = PlaceCod(*a_);
    auto one = std::make_unique<LiveStream>(server_->port(), EventsPath(*a_, order));
    LiveStream two(server_->port(), EventsPath(*a_, order));
    ASSERT_EQ(one->Status(), 200);
    ASSERT_EQ(two.Status(), 200);
    LiveStream three(server_->port(), EventsPath(*a_, order));
    EXPECT_EQ(three.Status(), 503);
    EXPECT_NE(three.head().find("Retry-After"), std::string::npos) << three.head();
    EXPECT_NE(three.Rest().find("too many screens"), std::string::npos);
    // Another order still has room, and a closed stream frees its place.
    LiveStream other(server_->port(), EventsPath(*a_, PlaceCod(*a_)));
    EXPECT_EQ(other.Status(), 200);
    one.reset();
    bool admitted = false;
    for (int i = 0; i < 50 && !admitted; ++i) {
        LiveStream again(server_->port(), EventsPath(*a_, order));
        admitted = again.Status() == 200;
        if (!admitted) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_TRUE(admitted) << "the closed stream's place was not given back";
}

TEST_F(LiveTracking, TheEtaFallsAsTheRiderComesCloserAndTheStreamEndsOnDelivery) {
    const Shop& a = *a_;
    const Placed order = PlaceCod(a);
    const std::string delivery = OutForDelivery(a, order);
    LiveStream live(server_->port(), EventsPath(a, order));
    ASSERT_EQ(live.Status(), 200);
    ASSERT_TRUE(live.Next(std::chrono::seconds(2)));
    // Ten fixes 10 s apart, 100 m each (36 km/h), towards the customer.
    const std::int64_t start = NowMs() - 100'000;
    std::optional<std::int64_t> eta_before;
    for (int i = 0; i < 10; ++i) {
        ASSERT_EQ(Fix(a, delivery, kStoreLat + (i * 0.1) / 111.2, start + i * 10'000).status, 200);
        auto news = live.Next(std::chrono::seconds(3));
        ASSERT_TRUE(news) << "fix " << i;
        const json& eta = (*news)["delivery"]["eta_s"];
        ASSERT_TRUE(eta.is_number_integer()) << news->dump();
        if (eta_before) {
            EXPECT_LT(eta.get<std::int64_t>(), *eta_before) << "fix " << i;
        }
        eta_before = eta.get<std::int64_t>();
        EXPECT_EQ((*news)["delivery"]["track"].size(), static_cast<std::size_t>(i + 1));
    }
    // The customer's code, then the stream's last word.
    const std::string code =
        Call("GET", server_->url("/s/" + a.store.slug + "/api/orders/" + order.order_id + "/tracking?t=" + order.token))
            .json["delivery"]["code"];
    std::int64_t due = -1;
    const auto mine = As(a.riders[0], "GET", "/api/agent/deliveries");
    for (const auto& d : mine.json["deliveries"]) {
        if (d["delivery_id"] == delivery) {
            due = d["cod_due_paise"].get<std::int64_t>();
        }
    }
    ASSERT_GT(due, 0);
    auto delivered = As(a.riders[0], "POST", "/api/agent/deliveries/" + delivery + "/delivered",
                        {{"code", code}, {"cash_collected_paise", due}});
    ASSERT_EQ(delivered.status, 200) << delivered.Describe();
    auto last = live.Next(std::chrono::seconds(3));
    ASSERT_TRUE(last);
    EXPECT_EQ((*last)["status"], "DELIVERED");
    EXPECT_EQ((*last)["delivery"]["rider"]["phone"], nullptr) << "no call button after delivery";
    EXPECT_TRUE(live.Rest().empty()) << "the stream goes on after the delivery";

    // The finished track is thinned (100 m or 60 s: every other fix of 100 m goes), then deleted
    // once older than the retention.
    const std::string where = " FROM delivery_locations WHERE delivery_id = " + Quote(delivery);
    std::int64_t left = 10;
    for (int i = 0; i < 50 && left == 10; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        left = QueryInt(*server_, "SELECT count(*)" + where);
    }
    EXPECT_LT(left, 10) << "the track was not thinned";
    EXPECT_GE(left, 2) << "thinning keeps the first and the last point";
    Sql(*server_, "UPDATE deliveries SET updated_at = updated_at - 2678400000 WHERE delivery_id = " + Quote(delivery));
    for (int i = 0; i < 50 && left > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        left = QueryInt(*server_, "SELECT count(*)" + where);
    }
    EXPECT_EQ(left, 0) << "the track outlived delivery.track_retention_days";
}

TEST_F(LiveTracking, ALocationOutOfRangeIsRefusedAndStoresNoOrder) {
    json body = CheckoutBody({{a_->store.product_ids[0], 1}});
    body["customer"]["location"] = {{"lat", 95.0}, {"lng", kStoreLng}};
    const std::int64_t before = QueryInt(*server_, "SELECT count(*) FROM orders");
    auto refused = PlaceOrder(*server_, a_->store.slug, body, "tracking-bad-location");
    EXPECT_EQ(refused.status, 400) << refused.Describe();
    EXPECT_EQ(ErrorFields(refused), std::set<std::string>{"customer.location"});
    body["customer"]["location"] = "here";
    EXPECT_EQ(PlaceOrder(*server_, a_->store.slug, body, "tracking-bad-location-2").status, 400);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), before);
}

}  // namespace
}  // namespace webdpro::testing
