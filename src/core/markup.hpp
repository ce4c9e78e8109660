#pragma once

#include <string>
#include <string_view>

namespace webdpro {

/// Escapes & < > " ' so that `text` is safe as HTML or XML text and as a quoted attribute value
/// (storefront SVG and sitemaps, the printable tax invoice). UTF-8 passes through unchanged.
std::string EscapeXml(std::string_view text);

}  // namespace webdpro
