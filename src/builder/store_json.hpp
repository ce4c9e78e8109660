#pragma once

#include <nlohmann/json.hpp>

#include "stores/store_records.hpp"

namespace webdpro::builder {

/// A store as the API shows it: identity, status, generation outcome, domain, version, times,
/// location, urls {preview, public (only when published)} and the editable details (tagline,
/// about, theme name and colours, contact) once the store has a spec.
nlohmann::json StoreJson(const stores::Store& store);

}  // namespace webdpro::builder
