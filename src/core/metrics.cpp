#include "core/metrics.hpp"

#include <prometheus/text_serializer.h>

namespace webdpro {

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {}

std::string Metrics::Serialize() const {
    std::vector<prometheus::MetricFamily> families = registry_->Collect();
    for (const auto* collectable : collectables_) {
        auto more = collectable->Collect();
        families.insert(families.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    prometheus::TextSerializer serializer;
    return serializer.Serialize(families);
}

}  // namespace webdpro
