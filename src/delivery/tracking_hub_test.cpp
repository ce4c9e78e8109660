#include "delivery/tracking_hub.hpp"

#include <gtest/gtest.h>

namespace webdpro::delivery {
namespace {

using Clock = std::chrono::steady_clock;

const TenantId kTenant("ten_a");
const TenantId kOtherTenant("ten_b");
const OrderId kOrder("ord_1");
const OrderId kOtherOrder("ord_2");

TEST(TrackingHub, WakesOnlyTheStreamsOfTheOrderThatChanged) {
    TrackingHub hub;
    int woken_a = 0;
    int woken_b = 0;
    int woken_other_tenant = 0;
    auto a = hub.Subscribe(kTenant, kOrder, [&] { ++woken_a; });
    auto b = hub.Subscribe(kTenant, kOtherOrder, [&] { ++woken_b; });
    auto c = hub.Subscribe(kOtherTenant, kOrder, [&] { ++woken_other_tenant; });
    ASSERT_TRUE(a && b && c);
    hub.Notify(kTenant, kOrder);
    EXPECT_EQ(woken_a, 1);
    EXPECT_EQ(woken_b, 0);
    EXPECT_EQ(woken_other_tenant, 0);
    EXPECT_EQ(hub.subscribers(), 3);
    a->reset();
    EXPECT_EQ(hub.subscribers(), 2);
    hub.Notify(kTenant, kOrder);  // nobody follows it any more
    EXPECT_EQ(woken_a, 1);
}

TEST(TrackingHub, OneStreamReadsForAllAndEachSendsEachAnswerOnce) {
    TrackingHub hub;
    const auto now = Clock::now();
    auto a = hub.Subscribe(kTenant, kOrder, [] {});
    auto b = hub.Subscribe(kTenant, kOrder, [] {});
    ASSERT_TRUE(a && b);
    (*a)->Offer("first", false, now);
    auto news_a = (*a)->Next(0, now);
    auto news_b = (*b)->Next(0, now);
    ASSERT_TRUE(news_a.payload && news_b.payload);
    EXPECT_EQ(*news_a.payload, "first");
    EXPECT_FALSE(news_a.read_now);  // fresh: nothing to read
    EXPECT_FALSE(news_b.read_now);

    hub.Notify(kTenant, kOrder);
    auto reader = (*a)->Next(news_a.seq, now);
    auto waiter = (*b)->Next(news_b.seq, now);
    EXPECT_TRUE(reader.read_now);
    EXPECT_FALSE(waiter.read_now);  // a reads for both
    EXPECT_FALSE(reader.payload);   // nothing new yet
    (*a)->Publish("second", false, now);
    auto got = (*b)->Next(news_b.seq, now);
    ASSERT_TRUE(got.payload);
    EXPECT_EQ(*got.payload, "second");
    EXPECT_GT(got.seq, news_b.seq);
    EXPECT_FALSE(got.read_now);

    // The same answer again is no news.
    hub.Notify(kTenant, kOrder);
    auto again = (*b)->Next(got.seq, now);
    ASSERT_TRUE(again.read_now);
    (*b)->Publish("second", false, now);
    EXPECT_FALSE((*a)->Next(got.seq, now).payload);
}

TEST(TrackingHub, AQuietOrderIsReadAgainAfterTheRecheck) {
    TrackingHub hub(TrackingHubLimits{.per_order = 5, .total = 10, .recheck = std::chrono::milliseconds(15'000)});
    const auto now = Clock::now();
    auto a = hub.Subscribe(kTenant, kOrder, [] {});
    ASSERT_TRUE(a);
    (*a)->Offer("x", false, now);
    EXPECT_FALSE((*a)->Next(1, now + std::chrono::seconds(14)).read_now);
    auto due = (*a)->Next(1, now + std::chrono::seconds(15));
    EXPECT_TRUE(due.read_now);
    // A failed read is not retried at once.
    (*a)->Abandon(now + std::chrono::seconds(15));
    EXPECT_FALSE((*a)->Next(1, now + std::chrono::seconds(16)).read_now);
}

TEST(TrackingHub, RefusesStreamsOverTheLimits) {
    TrackingHub hub(TrackingHubLimits{.per_order = 2, .total = 3, .recheck = std::chrono::milliseconds(15'000)});
    auto a = hub.Subscribe(kTenant, kOrder, [] {});
    auto b = hub.Subscribe(kTenant, kOrder, [] {});
    auto c = hub.Subscribe(kTenant, kOrder, [] {});
    ASSERT_TRUE(a && b);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::kUnavailable);
    EXPECT_GT(c.error().retry_after_s, 0);
    auto d = hub.Subscribe(kTenant, kOtherOrder, [] {});
    ASSERT_TRUE(d);
    auto e = hub.Subscribe(kTenant, OrderId("ord_3"), [] {});
    ASSERT_FALSE(e);  // the node's total
    EXPECT_EQ(e.error().code, ErrorCode::kUnavailable);
    a->reset();
    EXPECT_TRUE(hub.Subscribe(kTenant, kOrder, [] {}));
}

TEST(TrackingHub, AReaderThatGoesHandsTheReadToAnother) {
    TrackingHub hub;
    const auto now = Clock::now();
    int woken_b = 0;
    auto a = hub.Subscribe(kTenant, kOrder, [] {});
    auto b = hub.Subscribe(kTenant, kOrder, [&] { ++woken_b; });
    ASSERT_TRUE(a && b);
    ASSERT_TRUE((*a)->Next(0, now).read_now);  // nothing read yet
    EXPECT_FALSE((*b)->Next(0, now).read_now);
    a->reset();
    EXPECT_EQ(woken_b, 1);
    EXPECT_TRUE((*b)->Next(0, now).read_now);
}

}  // namespace
}  // namespace webdpro::delivery
