#pragma once

#include <span>
#include <string_view>

namespace webdpro {

/// A file compiled into the binary (see cmake/Embed.cmake). Data lives for the whole program.
struct EmbeddedFile {
    std::string_view path;  ///< relative to the embedded folder, '/'-separated
    std::string_view data;
};

namespace embedded::migrations {
std::span<const EmbeddedFile> Files();
}
namespace embedded::web {
std::span<const EmbeddedFile> Files();
}
namespace embedded::docs {
std::span<const EmbeddedFile> Files();
}
namespace embedded::themes {
std::span<const EmbeddedFile> Files();
}
namespace embedded::business_types {
std::span<const EmbeddedFile> Files();
}

}  // namespace webdpro
