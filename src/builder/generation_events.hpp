#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace webdpro::builder {

/// One progress event of a store's generation. `seq` grows by one per event of a store and keeps
/// growing across runs (a retry continues the numbering), so it serves as the SSE event id.
struct GenerationEvent {
    std::int64_t seq = 0;
    std::string type;  ///< spec | code | images | assembly | done | failed
    nlohmann::json data;

    bool terminal() const { return type == "done" || type == "failed"; }
};

/// What a subscriber sees when it asks for the events after a sequence number.
struct GenerationSnapshot {
    bool known = false;                   ///< the hub has (or had recently) a run for this store
    bool finished = false;                ///< the latest run ended (its last event is done or failed)
    std::vector<GenerationEvent> events;  ///< events with seq > the one asked for, oldest first
};

/// Progress of store generations, in memory, per store: the job publishes, SSE connections read.
/// Subscribers poll Since() (cheap: one mutex, a copy of the new events) between short sleeps,
/// so no I/O thread ever waits on a job. Memory is bounded: at most `max_stores` stores (the
/// least recently started finished runs are forgotten first) and `max_events` events per store
/// (the oldest non-terminal ones are dropped). Thread-safe.
class GenerationEvents final {
public:
    static constexpr std::size_t kDefaultMaxStores = 256;
    static constexpr std::size_t kDefaultMaxEvents = 64;

    explicit GenerationEvents(std::size_t max_stores = kDefaultMaxStores, std::size_t max_events = kDefaultMaxEvents);

    /// A new run starts (queued): earlier events of the store are dropped, numbering continues.
    void Begin(const std::string& store_id);
    /// Appends an event to the store's current run and returns its seq. A terminal event
    /// (done / failed) finishes the run. Publishing to a store without a run starts one.
    std::int64_t Publish(const std::string& store_id, std::string_view type, nlohmann::json data);
    /// Events after `after_seq` of the store's current run.
    GenerationSnapshot Since(const std::string& store_id, std::int64_t after_seq) const;
    /// Stores the hub remembers now.
    std::size_t size() const;

private:
    struct Run {
        std::int64_t next_seq = 1;
        bool finished = false;
        std::vector<GenerationEvent> events;
        std::list<std::string>::iterator order;
    };

    Run& RunFor(const std::string& store_id);
    void Evict();

    std::size_t max_stores_;
    std::size_t max_events_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Run> runs_;
    std::list<std::string> order_;  ///< front = started longest ago
};

}  // namespace webdpro::builder
