#pragma once

// Private to src/ai: choosing a business type from the whole description, and finding the
// products the owner named in it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ai/detail/text_match.hpp"
#include "sitegen/business_type.hpp"

namespace webdpro::ai::detail {

/// The business type a description reads as. Every keyword of every type counts once, with its
/// weight, wherever it is in the sentence; products of a type's catalog count too, a little.
struct TypeGuess {
    const sitegen::BusinessType* type = nullptr;  ///< never null: the neutral type when unsure
    int score = 0;                                ///< the chosen type's score (0 for the neutral fallback)
    int runner_up = 0;                            ///< the best score of any other type
    double confidence = 0;                        ///< 0 (a guess) to 1 (said outright, nothing else close)
    bool fallback = false;                        ///< true when no type scored enough
};

/// The best type for the tokens. `ignored[i]` marks tokens that are contact details ("mobile
/// 98…") and must not count.
TypeGuess GuessBusinessType(const TokenIndex& index, const std::vector<bool>& ignored);

/// Tokens that are part of a price or a quantity: a number with a rupee sign, a currency word or
/// "/-" ("₹40", "Rs 50/kg", "900 rupaye"), or a number followed by a unit ("320 kilo", "2 dozen"),
/// with those signs and units. `text` is the text the tokens were read from.
std::vector<bool> AmountTokens(const std::vector<Token>& tokens, std::string_view text);

/// A product the owner named: a catalog item of some type, or their own words before a price.
struct NamedProduct {
    const sitegen::BusinessType* type = nullptr;  ///< the type whose catalog holds `item`
    const sitegen::TypeItem* item = nullptr;      ///< null when only the owner's words name it
    std::string words;                            ///< the owner's words (only when item is null)
    std::int64_t price_paise = 0;                 ///< 0 = no price stated
    sitegen::BilingualText unit;                  ///< empty = the item's own unit
    std::size_t at = 0;                           ///< first token
};

/// Products named in the description, in the order they were mentioned, each once. Catalog
/// items of `preferred` win over other types' items named by the same words.
std::vector<NamedProduct> FindNamedProducts(const TokenIndex& index, std::string_view text,
                                            const sitegen::BusinessType& preferred);

}  // namespace webdpro::ai::detail
