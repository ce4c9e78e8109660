#include "events/dispatcher.hpp"

#include <algorithm>

#include "storage/db.hpp"

namespace webdpro::events {
namespace {

constexpr std::string_view kClaim = R"(
UPDATE outbox SET claimed_by = $1, claimed_until = $2
WHERE event_id IN (SELECT event_id FROM outbox
                   WHERE status = 'PENDING' AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until < $3)
                   ORDER BY next_attempt_at LIMIT $4)
RETURNING event_id, tenant_id, type, payload, attempts, created_at
)";

constexpr std::string_view kIsProcessed = R"(
SELECT 1 FROM processed_events WHERE tenant_id = $1 AND consumer = $2 AND event_id = $3
)";

constexpr std::string_view kMarkProcessed = R"(
INSERT INTO processed_events (tenant_id, consumer, event_id, processed_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING
)";

constexpr std::string_view kMarkDone = R"(
UPDATE outbox SET status = 'DONE', attempts = attempts + 1, done_at = $2, last_error = NULL,
                  claimed_by = NULL, claimed_until = NULL
WHERE event_id = $1 AND claimed_by = $3
)";

constexpr std::string_view kMarkRetry = R"(
UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, claimed_by = NULL,
                  claimed_until = NULL
WHERE event_id = $1 AND claimed_by = $4
)";

constexpr std::string_view kMarkDead = R"(
UPDATE outbox SET status = 'DEAD', attempts = attempts + 1, last_error = $2, claimed_by = NULL, claimed_until = NULL
WHERE event_id = $1 AND claimed_by = $3
)";

constexpr std::string_view kListDead = R"(
SELECT event_id, tenant_id, type, attempts, coalesce(last_error, ''), created_at
FROM outbox WHERE status = 'DEAD' ORDER BY created_at DESC, event_id DESC LIMIT $1
)";

constexpr std::string_view kReleaseLeases = R"(
UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE status = 'PENDING' AND claimed_by IS NOT NULL
)";

constexpr std::string_view kStatusOf = "SELECT status FROM outbox WHERE event_id = $1";

constexpr std::string_view kReplay = R"(
UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = $2, last_error = NULL, claimed_by = NULL,
                  claimed_until = NULL
WHERE event_id = $1 AND status = 'DEAD'
)";

bool Wants(const Consumer& consumer, const Event& event) {
    return consumer.types.contains(event.type);
}

/// Runs a transactional consumer once: its processed_events row and its effect commit together.
Result<void> ApplyOnce(storage::Conn& conn, const Consumer& consumer, const Event& event, std::int64_t now) {
    auto inserted = conn.Exec(kMarkProcessed, event.tenant_id, consumer.name, event.id, now);
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    if (*inserted == 0) {
        return {};  // an earlier attempt already applied it
    }
    // A consumer that throws fails this attempt like one that returns an error (as deliveries do),
    // instead of unwinding through the dispatcher.
    try {
        return consumer.apply(conn, event);
    } catch (const std::exception& e) {
        return Fail(ApiError::Internal(e.what()));
    }
}

/// What an event's row (and the admin's list of dead events) keeps of a consumer's failure: the
/// consumer and the error's public message. The internal detail (SQL, a provider's reply) is
/// logged, never stored where people read it.
std::string FailureText(const std::string& consumer, const ApiError& error) {
    return consumer + ": " + error.message;
}

}  // namespace

struct Dispatcher::Claimed {
    Event event;
    std::set<std::string, std::less<>> already_delivered;  ///< deliver consumers done before
};

struct Dispatcher::Outcome {
    std::vector<std::string> delivered;  ///< deliver consumers that succeeded this time
    std::optional<std::string> error;    ///< the first failure, "consumer: message"
};

void Dispatcher::LogFailure(const std::string& consumer, const EventId* event, const ApiError& error) {
    logger_.Warn("event consumer failed", {{"consumer", consumer},
                                           {"event_id", event ? event->str() : std::string("(a slice)")},
                                           {"reason", error.message},
                                           {"detail", error.detail}});
}

Dispatcher::Dispatcher(storage::Db& db, Logger& logger, DispatcherOptions options)
    : db_(db),
      logger_(logger),
      options_(std::move(options)),
      loop_(BackgroundLoopOptions{.name = "events",
                                  .period = options_.poll_interval,
                                  .wake_debounce = options_.notify_debounce,
                                  .metrics = options_.metrics},
            [this] { return RunLoop(); }) {}

Dispatcher::~Dispatcher() {
    Stop();
}

void Dispatcher::AddConsumer(Consumer consumer) {
    consumers_.push_back(std::move(consumer));
}

void Dispatcher::Start() {
    if (loop_.running()) {
        return;
    }
    if (options_.release_leases_on_start) {
        auto released = db_.WriteSync([](storage::Conn& conn) { return conn.Exec(kReleaseLeases); });
        if (!released) {
            logger_.Warn("outbox leases not released", {{"reason", released.error().message}});
        } else if (*released > 0) {
            logger_.Info("outbox leases released after a restart", {{"events", *released}});
        }
    }
    loop_.Start();
}

void Dispatcher::Stop() {
    loop_.Stop();
}

void Dispatcher::Notify() {
    loop_.Wake();
}

LoopNext Dispatcher::RunLoop() {
    auto handled = RunOnce();
    if (!handled) {
        logger_.Warn("outbox dispatch failed",
                     {{"reason", handled.error().message}, {"detail", handled.error().detail}});
    }
    // A full batch means more may be waiting: go again at once.
    if (handled && *handled >= options_.batch_size) {
        return LoopNext::kAgain;
    }
    return LoopNext::kWait;
}

Result<int> Dispatcher::RunOnce() {
    auto batch = Claim();
    if (!batch) {
        return Fail(std::move(batch.error()));
    }
    if (batch->empty()) {
        return 0;
    }
    const std::span<const Claimed> all(*batch);
    std::size_t start = 0;
    while (start < all.size()) {
        // Deliver a slice (bounded in time, so SMS sent are recorded soon), then record it.
        const auto slice_started = std::chrono::steady_clock::now();
        std::vector<Outcome> outcomes;
        std::size_t end = start;
        while (end < all.size()) {
            outcomes.push_back(Deliver(all[end]));
            ++end;
            if (std::chrono::steady_clock::now() - slice_started >= options_.record_every) {
                break;
            }
        }
        FlushDeliveries(outcomes);
        if (auto finished = FinishSlice(all.subspan(start, end - start), outcomes); !finished) {
            return Fail(std::move(finished.error()));
        }
        start = end;
    }
    return static_cast<int>(all.size());
}

Result<std::vector<Dispatcher::Claimed>> Dispatcher::Claim() {
    const std::int64_t now = UnixMillis(NowUtc());
    return db_.WriteSync([&](storage::Conn& conn) -> Result<std::vector<Claimed>> {
        auto rows = conn.Query(kClaim, options_.node_id, now + options_.lease.count(), now,
                               static_cast<std::int64_t>(options_.batch_size));
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<Claimed> batch;
        batch.reserve(rows->size());
        for (const auto& row : *rows) {
            Claimed claimed;
            claimed.event = Event{.id = EventId(row.Text(0)),
                                  .tenant_id = TenantId(row.Text(1)),
                                  .type = row.Text(2),
                                  .payload = nlohmann::json::parse(row.Text(3), nullptr, false),
                                  .attempts = static_cast<int>(row.Int(4)),
                                  .created_at = FromUnixMillis(row.Int(5))};
            for (const auto& consumer : consumers_) {
                if (!consumer.deliver || !Wants(consumer, claimed.event)) {
                    continue;
                }
                auto done = conn.QueryOne(kIsProcessed, claimed.event.tenant_id, consumer.name, claimed.event.id);
                if (!done) {
                    return Fail(std::move(done.error()));
                }
                if (*done) {
                    claimed.already_delivered.insert(consumer.name);
                }
            }
            batch.push_back(std::move(claimed));
        }
        // Oldest first, so consumers see an order's events in the order they happened.
        std::ranges::sort(batch, [](const Claimed& a, const Claimed& b) { return a.event.id < b.event.id; });
        return batch;
    });
}

Dispatcher::Outcome Dispatcher::Deliver(const Claimed& claimed) {
    Outcome outcome;
    for (const auto& consumer : consumers_) {
        if (!consumer.deliver || !Wants(consumer, claimed.event) || claimed.already_delivered.contains(consumer.name)) {
            continue;
        }
        Result<void> delivered;
        try {
            delivered = consumer.deliver(claimed.event);
        } catch (const std::exception& e) {
            delivered = Fail(ApiError::Internal(e.what()));
        }
        if (delivered) {
            outcome.delivered.push_back(consumer.name);
            continue;
        }
        LogFailure(consumer.name, &claimed.event.id, delivered.error());
        if (!outcome.error) {
            outcome.error = FailureText(consumer.name, delivered.error());
        }
    }
    return outcome;
}

void Dispatcher::FlushDeliveries(std::span<Outcome> outcomes) {
    for (const auto& consumer : consumers_) {
        if (!consumer.flush) {
            continue;
        }
        const auto delivered_by = [&](const Outcome& o) { return std::ranges::count(o.delivered, consumer.name) > 0; };
        if (std::ranges::none_of(outcomes, delivered_by)) {
            continue;
        }
        Result<void> flushed;
        try {
            flushed = consumer.flush();
        } catch (const std::exception& e) {
            flushed = Fail(ApiError::Internal(e.what()));
        }
        if (flushed) {
            continue;
        }
        LogFailure(consumer.name, nullptr, flushed.error());
        for (Outcome& outcome : outcomes) {
            if (std::erase(outcome.delivered, consumer.name) > 0 && !outcome.error) {
                outcome.error = FailureText(consumer.name, flushed.error());
            }
        }
    }
}

Result<void> Dispatcher::FinishSlice(std::span<const Claimed> slice, std::span<Outcome> outcomes) {
    const auto chunk = static_cast<std::size_t>(std::max(1, options_.finish_chunk));
    for (std::size_t at = 0; at < slice.size(); at += chunk) {
        const std::size_t n = std::min(chunk, slice.size() - at);
        const auto events = slice.subspan(at, n);
        const auto results = outcomes.subspan(at, n);
        // Fast path: every transactional effect of the chunk in one commit. If one consumer
        // fails, that rolls back the lot, and each event is handled in its own transactions.
        if (auto together = Finish(events, results, true); !together) {
            if (auto alone = Finish(events, results, false); !alone) {
                return alone;
            }
        }
    }
    return {};
}

Result<void> Dispatcher::Finish(std::span<const Claimed> batch, std::span<Outcome> outcomes, bool together) {
    const std::int64_t now = UnixMillis(NowUtc());
    if (!together) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            for (const auto& consumer : consumers_) {
                if (!consumer.apply || !Wants(consumer, batch[i].event)) {
                    continue;
                }
                auto applied =
                    db_.WriteSync([&](storage::Conn& conn) { return ApplyOnce(conn, consumer, batch[i].event, now); });
                if (applied) {
                    continue;
                }
                LogFailure(consumer.name, &batch[i].event.id, applied.error());
                if (!outcomes[i].error) {
                    outcomes[i].error = FailureText(consumer.name, applied.error());
                }
            }
        }
    }
    // Retry delays are drawn here, outside the transaction function, which may not block.
    std::vector<std::int64_t> retry_at(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        retry_at[i] = now + Backoff(batch[i].event.attempts + 1).count();
    }
    return db_.WriteSync([&](storage::Conn& conn) -> Result<void> {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const Event& event = batch[i].event;
            if (together) {
                for (const auto& consumer : consumers_) {
                    if (!consumer.apply || !Wants(consumer, event)) {
                        continue;
                    }
                    if (auto applied = ApplyOnce(conn, consumer, event, now); !applied) {
                        return applied;
                    }
                }
            }
            for (const auto& name : outcomes[i].delivered) {
                if (auto marked = conn.Exec(kMarkProcessed, event.tenant_id, name, event.id, now); !marked) {
                    return Fail(std::move(marked.error()));
                }
            }
            Result<std::int64_t> updated;
            if (!outcomes[i].error) {
                updated = conn.Exec(kMarkDone, event.id, now, options_.node_id);
            } else if (event.attempts + 1 >= options_.max_attempts) {
                updated = conn.Exec(kMarkDead, event.id, *outcomes[i].error, options_.node_id);
            } else {
                updated = conn.Exec(kMarkRetry, event.id, retry_at[i], *outcomes[i].error, options_.node_id);
            }
            if (!updated) {
                return Fail(std::move(updated.error()));
            }
        }
        return {};
    });
}

boost::asio::awaitable<Result<std::vector<DeadEvent>>> Dispatcher::ListDead(int limit) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<DeadEvent>> {
        auto rows = conn.Query(kListDead, static_cast<std::int64_t>(limit));
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<DeadEvent> dead;
        for (const auto& row : *rows) {
            dead.push_back({.id = EventId(row.Text(0)),
                            .tenant_id = TenantId(row.Text(1)),
                            .type = row.Text(2),
                            .attempts = static_cast<int>(row.Int(3)),
                            .last_error = row.Text(4),
                            .created_at = FromUnixMillis(row.Int(5))});
        }
        return dead;
    });
}

boost::asio::awaitable<Result<void>> Dispatcher::Replay(EventId id, std::optional<UserId> actor,
                                                        auth::RequestMeta meta) {
    auto replayed = co_await db_.Write([&](storage::Conn& conn) -> Result<void> {
        const TimePoint now = NowUtc();
        auto changed = conn.Exec(kReplay, id, UnixMillis(now));
        if (!changed) {
            return Fail(std::move(changed.error()));
        }
        if (*changed == 1) {
            if (!actor) {
                return {};
            }
            return auth::AppendAudit(conn, {.actor = actor,
                                            .action = std::string(auth::audit_action::kEventReplay),
                                            .target_type = "event",
                                            .target_id = id.str(),
                                            .request_id = meta.request_id,
                                            .client_ip = meta.client_ip,
                                            .at = now});
        }
        auto row = conn.QueryOne(kStatusOf, id);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Event"));
        }
        return Fail(ApiError::Conflict("Only a dead event can be replayed; this one is " + (*row)->Text(0) + "."));
    });
    if (replayed) {
        Notify();
    }
    co_return replayed;
}

std::chrono::milliseconds Dispatcher::Backoff(int attempts) {
    const int doublings = std::clamp(attempts - 1, 0, 30);
    const std::int64_t full =
        std::min<std::int64_t>(options_.backoff_base.count() << std::min(doublings, 20), options_.backoff_max.count());
    std::lock_guard lock(mutex_);
    std::uniform_int_distribution<std::int64_t> jitter(full / 2, full);
    return std::chrono::milliseconds(jitter(random_));
}

}  // namespace webdpro::events
