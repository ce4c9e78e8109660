#include "builder/generation_events.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace webdpro::builder {
namespace {

TEST(GenerationEvents, SubscribersGetPastEventsAfterASequenceNumber) {
    GenerationEvents hub;
    EXPECT_FALSE(hub.Since("sto_a", 0).known);
    hub.Begin("sto_a");
    EXPECT_TRUE(hub.Since("sto_a", 0).known);
    EXPECT_TRUE(hub.Since("sto_a", 0).events.empty());
    EXPECT_EQ(hub.Publish("sto_a", "spec", {{"step", "spec"}}), 1);
    EXPECT_EQ(hub.Publish("sto_a", "code", {{"step", "code"}}), 2);
    auto all = hub.Since("sto_a", 0);
    ASSERT_EQ(all.events.size(), 2u);
    EXPECT_EQ(all.events[0].type, "spec");
    EXPECT_EQ(all.events[0].data["seq"], 1);
    EXPECT_FALSE(all.finished);
    auto later = hub.Since("sto_a", 1);
    ASSERT_EQ(later.events.size(), 1u);
    EXPECT_EQ(later.events[0].type, "code");
    hub.Publish("sto_a", "done", {});
    auto done = hub.Since("sto_a", 2);
    EXPECT_TRUE(done.finished);
    ASSERT_EQ(done.events.size(), 1u);
    EXPECT_TRUE(done.events[0].terminal());
}

TEST(GenerationEvents, ARetryStartsANewRunAndKeepsNumbering) {
    GenerationEvents hub;
    hub.Begin("sto_a");
    hub.Publish("sto_a", "spec", {});
    hub.Publish("sto_a", "failed", {});
    hub.Begin("sto_a");
    auto snapshot = hub.Since("sto_a", 0);
    EXPECT_FALSE(snapshot.finished);
    EXPECT_TRUE(snapshot.events.empty());
    EXPECT_EQ(hub.Publish("sto_a", "spec", {}), 3);
}

TEST(GenerationEvents, MemoryIsBoundedPerStoreAndInStores) {
    GenerationEvents hub(/*max_stores=*/3, /*max_events=*/4);
    hub.Begin("s1");
    for (int i = 0; i < 10; ++i) {
        hub.Publish("s1", "spec", {});
    }
    hub.Publish("s1", "done", {});
    auto s1 = hub.Since("s1", 0);
    ASSERT_EQ(s1.events.size(), 4u);
    EXPECT_EQ(s1.events.back().type, "done");
    EXPECT_EQ(s1.events.front().seq, 8);
    // Finished runs are forgotten before running ones.
    hub.Begin("s2");
    hub.Begin("s3");
    hub.Begin("s4");
    EXPECT_EQ(hub.size(), 3u);
    EXPECT_FALSE(hub.Since("s1", 0).known);
    EXPECT_TRUE(hub.Since("s2", 0).known);
    EXPECT_TRUE(hub.Since("s4", 0).known);
}

TEST(GenerationEvents, PublishersAndReadersMayRunAtOnce) {
    GenerationEvents hub;
    hub.Begin("s");
    std::thread writer([&] {
        for (int i = 0; i < 1000; ++i) {
            hub.Publish("s", "spec", {{"i", i}});
        }
        hub.Publish("s", "done", {});
    });
    std::int64_t after = 0;
    std::int64_t expected = 1;
    bool finished = false;
    while (!finished) {
        auto snapshot = hub.Since("s", after);
        for (const auto& e : snapshot.events) {
            // Events may have been dropped (64 kept), but never arrive out of order or twice.
            EXPECT_GE(e.seq, expected);
            expected = e.seq + 1;
            after = e.seq;
            finished = finished || e.terminal();
        }
    }
    writer.join();
    EXPECT_EQ(after, 1001);
}

}  // namespace
}  // namespace webdpro::builder
