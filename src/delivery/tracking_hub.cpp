#include "delivery/tracking_hub.hpp"

#include <utility>
#include <vector>

namespace webdpro::delivery {

struct TrackingHub::Topic {
    std::unordered_map<std::uint64_t, std::function<void()>> wakes;
    std::uint64_t changes = 0;       // Notify() calls
    std::uint64_t read_changes = 0;  // the changes the newest payload includes
    std::uint64_t seq = 0;           // the newest payload's number
    std::shared_ptr<const std::string> payload;
    bool final = false;
    bool reading = false;
    std::uint64_t reader = 0;
    std::uint64_t reading_changes = 0;
    std::chrono::steady_clock::time_point read_at{};
};

TrackingHub::TrackingHub(TrackingHubLimits limits) : limits_(limits) {}

TrackingHub::~TrackingHub() = default;

std::string TrackingHub::Key(const TenantId& tenant, const OrderId& order) {
    return tenant.str() + "/" + order.str();
}

Result<std::unique_ptr<TrackingHub::Subscription>> TrackingHub::Subscribe(const TenantId& tenant, const OrderId& order,
                                                                          std::function<void()> wake) {
    std::string key = Key(tenant, order);
    std::uint64_t id = 0;
    {
        std::lock_guard lock(mutex_);
        if (total_ >= limits_.total) {
            ApiError busy(ErrorCode::kUnavailable, "Too many people are following orders live; try again shortly.");
            busy.retry_after_s = 10;
            return Fail(std::move(busy));
        }
        auto& topic = topics_[key];
        if (!topic) {
            topic = std::make_unique<Topic>();
        }
        if (static_cast<int>(topic->wakes.size()) >= limits_.per_order) {
            if (topic->wakes.empty()) {
                topics_.erase(key);
            }
            ApiError busy(ErrorCode::kUnavailable,
                          "This order is open live on too many screens; close one or try again shortly.");
            busy.retry_after_s = 10;
            return Fail(std::move(busy));
        }
        id = next_id_++;
        topic->wakes.emplace(id, std::move(wake));
        ++total_;
    }
    return std::unique_ptr<Subscription>(new Subscription(*this, std::move(key), id));
}

void TrackingHub::Notify(const TenantId& tenant, const OrderId& order) {
    const std::string key = Key(tenant, order);
    {
        std::lock_guard lock(mutex_);
        auto it = topics_.find(key);
        if (it == topics_.end()) {
            return;  // nobody follows the order here
        }
        ++it->second->changes;
    }
    WakeAll(key, 0);
}

int TrackingHub::subscribers() const {
    std::lock_guard lock(mutex_);
    return total_;
}

void TrackingHub::WakeAll(const std::string& key, std::uint64_t except) {
    std::vector<std::function<void()>> wakes;
    {
        std::lock_guard lock(mutex_);
        auto it = topics_.find(key);
        if (it == topics_.end()) {
            return;
        }
        wakes.reserve(it->second->wakes.size());
        for (const auto& [id, wake] : it->second->wakes) {
            if (id != except) {
                wakes.push_back(wake);
            }
        }
    }
    for (const auto& wake : wakes) {
        wake();
    }
}

TrackingHub::Subscription::Subscription(TrackingHub& hub, std::string key, std::uint64_t id)
    : hub_(hub), key_(std::move(key)), id_(id) {}

TrackingHub::Subscription::~Subscription() {
    bool wake_others = false;
    {
        std::lock_guard lock(hub_.mutex_);
        auto it = hub_.topics_.find(key_);
        if (it == hub_.topics_.end()) {
            return;
        }
        Topic& topic = *it->second;
        topic.wakes.erase(id_);
        --hub_.total_;
        if (topic.reading && topic.reader == id_) {
            topic.reading = false;  // the read went with this stream: another one takes it up
            wake_others = true;
        }
        if (topic.wakes.empty()) {
            hub_.topics_.erase(it);
            return;
        }
    }
    if (wake_others) {
        hub_.WakeAll(key_, id_);
    }
}

TrackingNews TrackingHub::Subscription::Next(std::uint64_t sent, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(hub_.mutex_);
    Topic& topic = *hub_.topics_.at(key_);
    TrackingNews news;
    if (topic.seq > sent) {
        news.seq = topic.seq;
        news.payload = topic.payload;
        news.final = topic.final;
    }
    const bool stale =
        topic.seq == 0 || topic.read_changes < topic.changes || now - topic.read_at >= hub_.limits_.recheck;
    if (stale && !topic.reading) {
        topic.reading = true;
        topic.reader = id_;
        topic.reading_changes = topic.changes;
        news.read_now = true;
    }
    return news;
}

void TrackingHub::Subscription::Publish(std::string payload, bool final, std::chrono::steady_clock::time_point now) {
    bool changed = false;
    {
        std::lock_guard lock(hub_.mutex_);
        Topic& topic = *hub_.topics_.at(key_);
        topic.reading = false;
        topic.read_at = now;
        topic.read_changes = topic.reading_changes;
        if (!topic.payload || *topic.payload != payload) {
            topic.payload = std::make_shared<const std::string>(std::move(payload));
            topic.final = final;
            ++topic.seq;
            changed = true;
        }
        // A change that came while reading is not in this answer: the next Next() reads again.
        changed = changed || topic.read_changes < topic.changes;
    }
    if (changed) {
        hub_.WakeAll(key_, 0);
    }
}

void TrackingHub::Subscription::Offer(std::string payload, bool final, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(hub_.mutex_);
    Topic& topic = *hub_.topics_.at(key_);
    if (topic.seq != 0) {
        return;
    }
    topic.payload = std::make_shared<const std::string>(std::move(payload));
    topic.final = final;
    topic.seq = 1;
    topic.read_at = now;
}

void TrackingHub::Subscription::Abandon(std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(hub_.mutex_);
    Topic& topic = *hub_.topics_.at(key_);
    topic.reading = false;
    topic.read_at = now;  // not again at once: the next news or the recheck
    topic.read_changes = topic.reading_changes;
}

}  // namespace webdpro::delivery
