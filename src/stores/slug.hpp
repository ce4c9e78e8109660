#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace webdpro::stores {

/// Shortest and longest store slug (the stores.slug CHECK constraint says the same).
inline constexpr std::size_t kMinSlugChars = 2;
inline constexpr std::size_t kMaxSlugChars = 63;

/// Devanagari written in Latin letters, readable the way Hindi speakers spell names in English:
/// consonants carry an inherent 'a' that a matra replaces and a virama removes, the word-final
/// inherent 'a' is dropped ("राम" → "ram"), long vowels are written short ("शर्मा" → "sharma"),
/// anusvara and chandrabindu become 'n', nukta letters their Urdu/English sounds (ज़ → z, फ़ → f).
/// Every other character is copied unchanged. Pure function.
std::string TransliterateDevanagari(std::string_view text);

/// True when `slug` is a word the platform keeps for itself (www, api, admin, s, static, …): a
/// store must not take it, or its subdomain would shadow a platform host.
bool IsReservedSlug(std::string_view slug);

/// True when `slug` is 2..63 characters of [a-z0-9-], starting with a letter or digit and not
/// ending with '-'.
bool IsWellFormedSlug(std::string_view slug);

/// The slug a business name asks for, before uniqueness: Devanagari transliterated, ASCII letters
/// and digits lower-cased, every other run of characters one '-', apostrophes dropped, cut to 63
/// characters at a word boundary when it can. A reserved result gets "-store" appended. When
/// fewer than two usable characters remain (emoji, punctuation only, another script), `fallback`
/// is used instead (it must itself be a well-formed slug). The result is always well-formed.
std::string BaseSlug(std::string_view business_name, std::string_view fallback = "my-store");

/// `base` with "-<n>" for n ≥ 2, cut so the whole stays within 63 characters and does not end
/// in '-'. WithSuffix(base, 1) is `base` itself.
std::string WithSuffix(std::string_view base, int n);

}  // namespace webdpro::stores
