#include "core/metrics.hpp"

#include <prometheus/text_serializer.h>

namespace webdpro {

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {}

std::string Metrics::Serialize() const {
    prometheus::TextSerializer serializer;
    return serializer.Serialize(registry_->Collect());
}

}  // namespace webdpro
