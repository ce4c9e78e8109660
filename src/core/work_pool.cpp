#include "core/work_pool.hpp"

namespace webdpro {

WorkPool::WorkPool(std::string name, int threads, std::size_t max_pending)
    : name_(std::move(name)), max_pending_(max_pending), pool_(static_cast<std::size_t>(threads < 1 ? 1 : threads)) {}

WorkPool::~WorkPool() {
    Stop();
}

void WorkPool::Stop() {
    pool_.join();
}

bool WorkPool::TryReserve() {
    std::size_t current = pending_.load();
    while (current < max_pending_) {
        if (pending_.compare_exchange_weak(current, current + 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace webdpro
