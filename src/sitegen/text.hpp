#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace webdpro::sitegen {

/// Returned by DecodeUtf8 for a malformed sequence.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

/// Decodes the code point starting at `pos` and advances `pos` past it. A malformed, overlong or
/// surrogate sequence yields kInvalidCodePoint and advances one byte. Requires pos < text.size().
char32_t DecodeUtf8(std::string_view text, std::size_t& pos);

/// Appends the UTF-8 encoding of `code_point` (must be a valid scalar value).
void AppendUtf8(std::string& out, char32_t code_point);

/// Number of Unicode code points (what JSON Schema's maxLength counts, and what a person calls
/// characters for Hindi text: "दूध" is 3, not 9 bytes), or nullopt when `text` is not valid UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

/// C0 controls, DEL and C1 controls.
bool IsControl(char32_t code_point);

/// True for the Devanagari block (U+0900–U+097F) and its extensions.
bool IsDevanagari(char32_t code_point);

/// `text` without leading and trailing ASCII whitespace.
std::string_view TrimSpace(std::string_view text);

/// One line of display text: invalid bytes dropped, tabs and newlines become spaces, other
/// control characters dropped, runs of spaces collapsed, trimmed.
std::string CleanLine(std::string_view text);

/// Prose that may hold paragraphs: like CleanLine but keeps single newlines ("\r\n" → "\n") and
/// collapses blank-line runs to one empty line.
std::string CleanProse(std::string_view text);

/// At most `max_chars` code points of `text`. When it must cut, it cuts at the last space in the
/// allowed range (if there is one past its first third) and appends `ellipsis` within the limit.
std::string FitChars(std::string_view text, std::size_t max_chars, std::string_view ellipsis = {});

/// Lower-case ASCII slug ("Atta, Rice & Dal" → "atta-rice-dal"); empty when `text` has no ASCII
/// letters or digits (e.g. pure Devanagari).
std::string Slugify(std::string_view text, std::size_t max_chars);

/// ASCII-only lower-casing; every other byte is copied as is.
std::string AsciiLower(std::string_view text);

}  // namespace webdpro::sitegen
