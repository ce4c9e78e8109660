#pragma once

// Private to src/storefront: encoders for the places spec text ends up outside Mustache's own
// HTML escaping (URLs, XML, JSON inside <script>), and checks for values that go into CSS.

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/markup.hpp"  // EscapeXml, for SVG and sitemaps

namespace webdpro::storefront::detail {

/// RFC 3986 percent-encoding of every byte outside the unreserved set (ALPHA DIGIT - . _ ~), so the
/// result is safe as a query component and contains no character that is special in HTML.
std::string PercentEncode(std::string_view text);

/// `json` serialized for a <script type="application/ld+json"> block: invalid UTF-8 replaced, and
/// '<', '>' and '&' written as \u escapes so "</script>" or "<!--" can never appear in the output.
std::string JsonForScript(const nlohmann::json& json);

/// True for "#rrggbb" (either case).
bool IsHexColor(std::string_view text);

/// `url` when it is safe to put in src/href as an owner-supplied image: "https://" followed only by
/// URL characters (no quotes, spaces, angle brackets, backslashes or controls), or a relative path of
/// [A-Za-z0-9._~/-] without "..", a leading '/' or "//". Otherwise "".
std::string SafeImageUrl(std::string_view url);

/// The first user-perceived character of `text`: its first code point plus any combining marks
/// (Devanagari matras, nukta, virama), upper-cased when ASCII. "" for empty or invalid text.
std::string FirstGrapheme(std::string_view text);

/// Devanagari in `text` written in plain Latin letters, the way Hindi is typed in chats ("देसी टमाटर"
/// → "desi tamatar", "प्याज़" → "pyaz"); every other character is copied. For readable URL slugs,
/// not for display.
std::string TransliterateDevanagari(std::string_view text);

}  // namespace webdpro::storefront::detail
