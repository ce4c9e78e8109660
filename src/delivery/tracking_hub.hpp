#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace webdpro::delivery {

struct TrackingHubLimits {
    int per_order = 20;                         ///< live pages open on one order at once
    int total = 20'000;                         ///< live pages open on this node at once
    std::chrono::milliseconds recheck{15'000};  ///< a quiet order is read again this often
};

/// What one order's live pages share: the newest tracking answer, numbered. A page sends an
/// answer when its number grew since the one it sent.
struct TrackingNews {
    std::uint64_t seq = 0;  ///< 0: nothing read yet
    std::shared_ptr<const std::string> payload;
    bool final = false;  ///< the payload is the order's last word (delivered, cancelled): end the stream after it
    /// True when this subscriber should read the order now and Publish() what it read (or
    /// Abandon() when the read failed): one reader per order at a time, whatever the number of
    /// pages, when a change was announced on this node or the last read is `recheck` old (a
    /// change committed on another node).
    bool read_now = false;
};

/// The in-process fan-out behind the customer's live tracking page: an order's open event
/// streams subscribe here; a committed change on this node (a rider's fix, a delivery step)
/// calls Notify(), which wakes that order's streams; one of them reads the order once and
/// Publish()es the answer that every stream then sends. No stream holds a database connection
/// while it waits, and a quiet order is read again every `recheck` so that changes made on
/// another node (PostgreSQL scale-out) arrive too. Thread-safe; wake functions are called with
/// no lock held and must only post to the subscriber's executor.
class TrackingHub final {
public:
    class Subscription;

    explicit TrackingHub(TrackingHubLimits limits = {});
    ~TrackingHub();
    TrackingHub(const TrackingHub&) = delete;
    TrackingHub& operator=(const TrackingHub&) = delete;

    /// A new stream on the order; `wake` is called (from any thread) when there is news for it.
    /// kUnavailable (503, retry after a few seconds) when the order or the node has as many
    /// streams as the limits allow. The subscription ends when destroyed.
    Result<std::unique_ptr<Subscription>> Subscribe(const TenantId& tenant, const OrderId& order,
                                                    std::function<void()> wake);
    /// Something about the order changed and is committed: its streams are woken and read it again.
    void Notify(const TenantId& tenant, const OrderId& order);

    /// Streams open now, on every order.
    int subscribers() const;
    /// How often a quiet order is read again.
    std::chrono::milliseconds recheck() const { return limits_.recheck; }

    /// One stream's place in the hub. Not thread-safe itself: use it from the stream's coroutine.
    class Subscription {
    public:
        ~Subscription();
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;

        /// What to do now: send `payload` when its seq is above `sent`, and read the order when
        /// `read_now`.
        TrackingNews Next(std::uint64_t sent, std::chrono::steady_clock::time_point now);
        /// The answer this stream read: becomes the order's newest (numbered anew only when it
        /// differs from the one before) and wakes the order's other streams.
        void Publish(std::string payload, bool final, std::chrono::steady_clock::time_point now);
        /// An answer read before subscribing: the order's first, unless it has one already.
        void Offer(std::string payload, bool final, std::chrono::steady_clock::time_point now);
        /// The read failed: another stream may try at the next news or recheck.
        void Abandon(std::chrono::steady_clock::time_point now);

    private:
        friend class TrackingHub;
        Subscription(TrackingHub& hub, std::string key, std::uint64_t id);

        TrackingHub& hub_;
        std::string key_;
        std::uint64_t id_;
    };

private:
    struct Topic;

    static std::string Key(const TenantId& tenant, const OrderId& order);
    void WakeAll(const std::string& key, std::uint64_t except);

    TrackingHubLimits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::unique_ptr<Topic>> topics_;
    int total_ = 0;
    std::uint64_t next_id_ = 1;
};

}  // namespace webdpro::delivery
