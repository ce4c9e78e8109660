#include "builder/generation_events.hpp"

#include <algorithm>

namespace webdpro::builder {

GenerationEvents::GenerationEvents(std::size_t max_stores, std::size_t max_events)
    : max_stores_(std::max<std::size_t>(max_stores, 1)), max_events_(std::max<std::size_t>(max_events, 2)) {}

GenerationEvents::Run& GenerationEvents::RunFor(const std::string& store_id) {
    auto it = runs_.find(store_id);
    if (it != runs_.end()) {
        return it->second;
    }
    order_.push_back(store_id);
    Run& run = runs_[store_id];
    run.order = std::prev(order_.end());
    Evict();
    return runs_.at(store_id);
}

void GenerationEvents::Evict() {
    // Finished runs go first, oldest first; a running generation is dropped only when every
    // remembered store is running (its subscribers then see "unknown" and read the status).
    while (runs_.size() > max_stores_) {
        auto victim =
            std::find_if(order_.begin(), order_.end(), [&](const std::string& id) { return runs_.at(id).finished; });
        if (victim == order_.end()) {
            victim = order_.begin();
        }
        runs_.erase(*victim);
        order_.erase(victim);
    }
}

void GenerationEvents::Begin(const std::string& store_id) {
    std::lock_guard lock(mutex_);
    Run& run = RunFor(store_id);
    run.finished = false;
    run.events.clear();
    // A restarted run counts as recent again.
    order_.splice(order_.end(), order_, run.order);
}

std::int64_t GenerationEvents::Publish(const std::string& store_id, std::string_view type, nlohmann::json data) {
    std::lock_guard lock(mutex_);
    Run& run = RunFor(store_id);
    GenerationEvent event{.seq = run.next_seq++, .type = std::string(type), .data = std::move(data)};
    event.data["seq"] = event.seq;
    run.finished = event.terminal();
    run.events.push_back(std::move(event));
    if (run.events.size() > max_events_) {
        run.events.erase(run.events.begin());
    }
    return run.events.back().seq;
}

GenerationSnapshot GenerationEvents::Since(const std::string& store_id, std::int64_t after_seq) const {
    std::lock_guard lock(mutex_);
    GenerationSnapshot snapshot;
    auto it = runs_.find(store_id);
    if (it == runs_.end()) {
        return snapshot;
    }
    snapshot.known = true;
    snapshot.finished = it->second.finished;
    for (const auto& event : it->second.events) {
        if (event.seq > after_seq) {
            snapshot.events.push_back(event);
        }
    }
    return snapshot;
}

std::size_t GenerationEvents::size() const {
    std::lock_guard lock(mutex_);
    return runs_.size();
}

}  // namespace webdpro::builder
