#include "events/dispatcher.hpp"

#include <atomic>
#include <map>

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "storage/db.hpp"
#include "storage/test_util.hpp"

namespace webdpro::events {
namespace {

using auth::testing::Await;
using auth::testing::Count;

const TenantId kTenant = TenantId::New();

class DispatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_TRUE(db_->WriteSync([](storage::Conn& conn) {
            return conn.ExecScript("CREATE TABLE effects (event_id TEXT NOT NULL, consumer TEXT NOT NULL)");
        }));
    }

    DispatcherOptions Fast(int max_attempts = 3) {
        return {.node_id = "test",
                .batch_size = 16,
                .poll_interval = std::chrono::milliseconds(5),
                .lease = std::chrono::milliseconds(30'000),
                .max_attempts = max_attempts,
                .backoff_base = std::chrono::milliseconds(0),
                .backoff_max = std::chrono::milliseconds(0)};
    }

    EventId Put(std::string_view type, nlohmann::json payload = nlohmann::json::object()) {
        return *db_->WriteSync([&](storage::Conn& conn) { return Enqueue(conn, kTenant, type, payload, NowUtc()); });
    }

    /// A transactional consumer writing one effects row per event.
    static Consumer Recorder(std::string name, std::string type) {
        return Consumer{.name = name,
                        .types = {std::move(type)},
                        .apply = [name](storage::Conn& conn, const Event& event) -> Result<void> {
                            auto ok =
                                conn.Exec("INSERT INTO effects (event_id, consumer) VALUES ($1, $2)", event.id, name);
                            if (!ok) {
                                return Fail(ok.error());
                            }
                            return {};
                        },
                        .deliver = {}};
    }

    std::string StatusOf(const EventId& id) {
        return *db_->ReadSync([&](storage::Conn& conn) -> Result<std::string> {
            return (*conn.QueryOne("SELECT status FROM outbox WHERE event_id = $1", id))->Text(0);
        });
    }

    Logger logger_{2, LogLevel::kError};
    std::unique_ptr<storage::SqliteDb> db_;
};

}  // namespace

TEST_F(DispatcherTest, DeliversEveryEventToEachInterestedConsumerOnce) {
    Dispatcher dispatcher(*db_, logger_, Fast());
    dispatcher.AddConsumer(Recorder("a", "ORDER_PLACED"));
    dispatcher.AddConsumer(Recorder("b", "ORDER_PLACED"));
    dispatcher.AddConsumer(Recorder("c", "STOCK_LOW"));
    std::atomic<int> sent{0};
    dispatcher.AddConsumer(Consumer{
        .name = "sms", .types = {"ORDER_PLACED"}, .apply = {}, .deliver = [&sent](const Event&) -> Result<void> {
            ++sent;
            return {};
        }});
    for (int i = 0; i < 20; ++i) {
        Put("ORDER_PLACED");
    }
    Put("STOCK_LOW");
    ASSERT_EQ(dispatcher.RunOnce().value_or(-1), 16);
    ASSERT_EQ(dispatcher.RunOnce().value_or(-1), 5);
    EXPECT_EQ(dispatcher.RunOnce().value_or(-1), 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'a'"), 20);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'b'"), 20);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'c'"), 1);
    EXPECT_EQ(sent.load(), 20);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE status = 'DONE' AND attempts = 1"), 21);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM processed_events"), 61);
}

TEST_F(DispatcherTest, AFailingConsumerRetriesWithoutRepeatingTheOthersThenGoesDead) {
    Dispatcher dispatcher(*db_, logger_, Fast(3));
    dispatcher.AddConsumer(Recorder("good", "ORDER_PLACED"));
    int sms_calls = 0;
    dispatcher.AddConsumer(Consumer{
        .name = "sms", .types = {"ORDER_PLACED"}, .apply = {}, .deliver = [&sms_calls](const Event&) -> Result<void> {
            ++sms_calls;
            return Fail(ErrorCode::kUnavailable, "provider down", "UPDATE secrets SET x = 1 -- internal detail");
        }});
    const EventId id = Put("ORDER_PLACED");
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(StatusOf(id), "PENDING");
    EXPECT_EQ(Count(*db_, "SELECT attempts FROM outbox"), 1);
    ASSERT_TRUE(dispatcher.RunOnce());
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(StatusOf(id), "DEAD");
    EXPECT_EQ(sms_calls, 3);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects"), 1) << "the good consumer ran once";

    auto dead = Await(dispatcher.ListDead(10));
    ASSERT_TRUE(dead);
    ASSERT_EQ(dead->size(), 1u);
    EXPECT_EQ((*dead)[0].id, id);
    EXPECT_EQ((*dead)[0].attempts, 3);
    EXPECT_EQ((*dead)[0].last_error, "sms: provider down") << "the internal detail goes to the log only";
    EXPECT_EQ(dispatcher.RunOnce().value_or(-1), 0) << "a dead event is not retried";
}

TEST_F(DispatcherTest, DeliveriesAreFlushedOncePerSliceBeforeTheyAreRecorded) {
    Dispatcher dispatcher(*db_, logger_, Fast(3));
    int delivered = 0;
    int flushes = 0;
    bool flush_fails = true;
    dispatcher.AddConsumer(Consumer{.name = "sms",
                                    .types = {"ORDER_PLACED"},
                                    .apply = {},
                                    .deliver = [&](const Event&) -> Result<void> {
                                        ++delivered;
                                        return {};
                                    },
                                    .flush = [&]() -> Result<void> {
                                        ++flushes;
                                        if (flush_fails) {
                                            return Fail(ErrorCode::kUnavailable, "disk full");
                                        }
                                        return {};
                                    }});
    const EventId a = Put("ORDER_PLACED");
    const EventId b = Put("ORDER_PLACED");
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(delivered, 2);
    EXPECT_EQ(flushes, 1) << "one flush for the whole slice";
    EXPECT_EQ(StatusOf(a), "PENDING") << "an unflushed delivery is not recorded";
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM processed_events"), 0);

    flush_fails = false;
    db_->WriteSync([](storage::Conn& conn) { return conn.Exec("UPDATE outbox SET next_attempt_at = 0"); });
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(delivered, 4) << "delivered again, at least once";
    EXPECT_EQ(flushes, 2);
    EXPECT_EQ(StatusOf(a), "DONE");
    EXPECT_EQ(StatusOf(b), "DONE");
}

TEST_F(DispatcherTest, ReplayPutsADeadEventBackAndItIsDeliveredOnce) {
    Dispatcher dispatcher(*db_, logger_, Fast(1));
    bool down = true;
    int delivered = 0;
    dispatcher.AddConsumer(Recorder("counter", "ORDER_PLACED"));
    dispatcher.AddConsumer(
        Consumer{.name = "sms", .types = {"ORDER_PLACED"}, .apply = {}, .deliver = [&](const Event&) -> Result<void> {
                     if (down) {
                         return Fail(ErrorCode::kUnavailable, "down");
                     }
                     ++delivered;
                     return {};
                 }});
    const EventId id = Put("ORDER_PLACED");
    ASSERT_TRUE(dispatcher.RunOnce());
    ASSERT_EQ(StatusOf(id), "DEAD");

    auto pending = Await(dispatcher.Replay(EventId::New()));
    ASSERT_FALSE(pending);
    EXPECT_EQ(pending.error().code, ErrorCode::kNotFound);

    down = false;
    ASSERT_TRUE(Await(dispatcher.Replay(id)));
    EXPECT_EQ(StatusOf(id), "PENDING");
    auto again = Await(dispatcher.Replay(id));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);

    ASSERT_EQ(dispatcher.RunOnce().value_or(-1), 1);
    EXPECT_EQ(StatusOf(id), "DONE");
    EXPECT_EQ(delivered, 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects"), 1) << "exactly once across the replay";
}

TEST_F(DispatcherTest, ATransactionalFailureRollsBackOnlyThatConsumersEffect) {
    Dispatcher dispatcher(*db_, logger_, Fast(5));
    dispatcher.AddConsumer(Recorder("ok", "ORDER_PLACED"));
    int calls = 0;
    dispatcher.AddConsumer(Consumer{.name = "flaky",
                                    .types = {"ORDER_PLACED"},
                                    .apply = [&calls](storage::Conn& conn, const Event& event) -> Result<void> {
                                        auto ok = conn.Exec("INSERT INTO effects VALUES ($1, 'flaky')", event.id);
                                        if (!ok) {
                                            return Fail(ok.error());
                                        }
                                        // Fails after writing: the write must not survive.
                                        if (++calls <= 2) {
                                            return Fail(ErrorCode::kUnavailable, "try later");
                                        }
                                        return {};
                                    },
                                    .deliver = {}});
    const EventId first = Put("ORDER_PLACED");
    const EventId second = Put("ORDER_PLACED");
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'flaky'"), 1);
    ASSERT_TRUE(dispatcher.RunOnce());
    EXPECT_EQ(StatusOf(first), "DONE");
    EXPECT_EQ(StatusOf(second), "DONE");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'ok'"), 2);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects WHERE consumer = 'flaky'"), 2);
}

TEST_F(DispatcherTest, AnEventLeasedByAnotherNodeWaitsForItsLease) {
    Dispatcher dispatcher(*db_, logger_, Fast());
    dispatcher.AddConsumer(Recorder("a", "ORDER_PLACED"));
    const EventId id = Put("ORDER_PLACED");
    const std::int64_t now = UnixMillis(NowUtc());
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) -> Result<void> {
        auto ok = conn.Exec("UPDATE outbox SET claimed_by = 'other', claimed_until = $1", now + 60'000);
        return ok ? Result<void>{} : Fail(ok.error());
    }));
    EXPECT_EQ(dispatcher.RunOnce().value_or(-1), 0);
    ASSERT_TRUE(db_->WriteSync([&](storage::Conn& conn) -> Result<void> {
        auto ok = conn.Exec("UPDATE outbox SET claimed_until = $1", now - 1);
        return ok ? Result<void>{} : Fail(ok.error());
    }));
    EXPECT_EQ(dispatcher.RunOnce().value_or(-1), 1) << "an expired lease is taken over";
    EXPECT_EQ(StatusOf(id), "DONE");
}

TEST_F(DispatcherTest, BackoffDoublesWithJitterUpToTheCap) {
    Dispatcher dispatcher(
        *db_, logger_,
        {.backoff_base = std::chrono::milliseconds(1000), .backoff_max = std::chrono::milliseconds(60'000)});
    for (int attempt = 1; attempt <= 10; ++attempt) {
        const std::int64_t full = std::min<std::int64_t>(1000LL << (attempt - 1), 60'000);
        for (int i = 0; i < 20; ++i) {
            const auto delay = dispatcher.Backoff(attempt).count();
            EXPECT_GE(delay, full / 2) << attempt;
            EXPECT_LE(delay, full) << attempt;
        }
    }
}

TEST_F(DispatcherTest, TheLoopDeliversOnItsOwnThreadAndStopsCleanly) {
    Dispatcher dispatcher(*db_, logger_, Fast());
    dispatcher.AddConsumer(Recorder("a", "ORDER_PLACED"));
    dispatcher.Start();
    for (int i = 0; i < 50; ++i) {
        Put("ORDER_PLACED");
        dispatcher.Notify();
    }
    EXPECT_TRUE(storage::testing::Eventually(
        [&] { return Count(*db_, "SELECT count(*) FROM outbox WHERE status = 'DONE'") == 50; }));
    dispatcher.Stop();
    dispatcher.Stop();
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM effects"), 50);
}

}  // namespace webdpro::events
