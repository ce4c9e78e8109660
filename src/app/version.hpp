#pragma once

#include <string_view>

namespace webdpro::app {

/// The release version, from the CMake project version.
inline constexpr std::string_view kVersion = WEBDPRO_VERSION;

}  // namespace webdpro::app
