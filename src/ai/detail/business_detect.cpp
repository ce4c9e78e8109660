#include "ai/detail/business_detect.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "ai/detail/lexicon.hpp"
#include "sitegen/text.hpp"

namespace webdpro::ai::detail {
namespace {

using sitegen::BilingualText;
using sitegen::BusinessType;
using sitegen::BusinessTypes;

/// Below this the description does not say what the business is: the neutral type is used.
constexpr int kMinTypeScore = 4;
/// A score at which a type is said outright ("halwai", "beauty parlour" plus a product or two).
constexpr int kConfidentScore = 9;
/// A product of a type's catalog is a hint, not a name for the business; together they count
/// at most this much, so a list of products can decide but one product cannot.
constexpr int kItemWeight = 2;
constexpr int kMaxItemScore = 6;
/// How far after a product a price may follow ("kaju katli - ₹900 per kg").
constexpr std::size_t kPriceReach = 4;
/// The most words of an owner's own product name before a price.
constexpr std::size_t kMaxOwnWords = 4;

std::vector<std::string> Alternatives(std::string_view patterns) {
    std::vector<std::string> out;
    ForEachAlternative(patterns, [&](std::string_view pattern) {
        if (!pattern.empty()) {
            out.push_back(Fold(pattern));
        }
    });
    return out;
}

struct Keyword {
    std::size_t type;
    std::vector<std::string> alternatives;
    int weight;
};

struct ItemPatterns {
    std::size_t type;
    std::size_t item;
    std::vector<std::string> alternatives;
};

struct Compiled {
    std::vector<Keyword> keywords;
    std::vector<ItemPatterns> items;
    std::size_t neutral = 0;
};

const Compiled& Tables() {
    static const Compiled compiled = [] {
        Compiled out;
        const std::span<const BusinessType> types = BusinessTypes();
        for (std::size_t t = 0; t < types.size(); ++t) {
            if (types[t].id == sitegen::kNeutralBusinessType) {
                out.neutral = t;
            }
            for (const sitegen::TypeKeyword& keyword : types[t].keywords) {
                out.keywords.push_back({t, Alternatives(keyword.pattern), keyword.weight});
            }
            for (std::size_t i = 0; i < types[t].items.size(); ++i) {
                out.items.push_back({t, i, Alternatives(types[t].items[i].tags)});
            }
        }
        return out;
    }();
    return compiled;
}

/// The first position (not ignored) where any alternative matches, and its length.
std::optional<std::pair<std::size_t, std::size_t>> FirstMatch(const TokenIndex& index,
                                                              const std::vector<std::string>& alternatives,
                                                              const std::vector<bool>* ignored) {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    for (const std::string& pattern : alternatives) {
        index.ForEachMatch(pattern, [&](std::size_t at, std::size_t length) {
            if (ignored != nullptr && (*ignored)[at]) {
                return true;
            }
            if (!best || at < best->first || (at == best->first && length > best->second)) {
                best = std::pair{at, length};
            }
            return false;
        });
    }
    return best;
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

struct Unit {
    std::string_view words;  ///< folded single words
    BilingualText text;
};

const std::array<Unit, 11>& Units() {
    static const std::array<Unit, 11> units = {{
        {"kg|kgs|kilo|kilogram|किलो|कि", {"kg", "किलो"}},
        {"l|ltr|litre|liter|लीटर", {"litre", "लीटर"}},
        {"pc|pcs|piece|pieces|peace|पीस", {"piece", "पीस"}},
        {"plate|प्लेट", {"plate", "प्लेट"}},
        {"dozen|darjan|दर्जन", {"dozen", "दर्जन"}},
        {"packet|pkt|pack|पैकेट|पैक", {"pack", "पैक"}},
        {"month|mahina|maheena|mahine|महीना|महीने", {"month", "महीना"}},
        {"box|dabba|डिब्बा", {"box", "डिब्बा"}},
        {"metre|meter|mtr|मीटर", {"metre", "मीटर"}},
        {"session|class|सेशन|क्लास", {"session", "सेशन"}},
        {"jar|bottle|बोतल|जार", {"jar", "जार"}},
    }};
    return units;
}

const Unit* UnitFor(std::string_view token) {
    for (const Unit& unit : Units()) {
        if (TokenMatchesAny(token, unit.words)) {
            return &unit;
        }
    }
    return nullptr;
}

constexpr std::string_view kCurrencyWords = "rs|inr|rupees|rupaye|rupaiye|rupay|rupee|रुपये|रुपए|रु|रूपये";
constexpr std::string_view kPerWords = "per|prati|ka|ki|ke|a|प्रति|का|की|के|rs|रुपये|रुपए|रु|rupees|rupaye";
constexpr std::string_view kRupeeSign = "\u20b9";
// Units of weight and volume that are not selling units of a catalog: "250 g", "500 ml".
constexpr std::string_view kWeightWords = "g|gm|gms|gram|grams|ml|ग्राम|मिली";

/// The rupees a numeric token says ("900", "1,200" is two tokens and is read as 1200).
std::optional<std::int64_t> Rupees(const std::vector<Token>& tokens, std::size_t at, std::size_t* used) {
    const std::string& text = tokens[at].text;
    std::int64_t value = 0;
    std::size_t i = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
        value = value * 10 + (text[i] - '0');
        if (value > 10'000'000) {
            return std::nullopt;
        }
    }
    if (i != text.size() && text.substr(i) != "rs" && text.substr(i) != "rupees") {
        return std::nullopt;  // "250g", "2kg": a quantity, not a price
    }
    *used = 1;
    // "1,200": the tokenizer splits at the comma; three digits after it are the same number.
    if (at + 1 < tokens.size() && tokens[at + 1].numeric && tokens[at + 1].text.size() == 3 &&
        tokens[at + 1].begin == tokens[at].end + 1) {
        std::size_t next = 0;
        if (const auto tail = Rupees(tokens, at + 1, &next); tail && next == 1) {
            value = value * 1000 + *tail;
            *used = 2;
        }
    }
    return value > 0 ? std::optional(value) : std::nullopt;
}

struct Price {
    std::int64_t paise = 0;
    const Unit* unit = nullptr;
    std::size_t first = 0;  ///< first token of the price (the number or a currency word)
    std::size_t end = 0;    ///< one past its last token
};

/// A price starting at token `at` (a currency word or a number): it needs a rupee sign, a
/// currency word or "/-", so that "2 kg" stays a quantity.
std::optional<Price> PriceAt(const std::vector<Token>& tokens, std::string_view text, std::size_t at) {
    Price price;
    price.first = at;
    bool currency = false;
    if (at < tokens.size() && TokenMatchesAny(tokens[at].text, kCurrencyWords)) {
        currency = true;
        ++at;
    }
    if (at >= tokens.size() || !tokens[at].numeric) {
        return std::nullopt;
    }
    const std::size_t before_begin = at == 0 ? 0 : tokens[at - 1].end;
    if (text.substr(before_begin, tokens[at].begin - before_begin).find(kRupeeSign) != std::string_view::npos) {
        currency = true;
    }
    std::size_t used = 0;
    const std::optional<std::int64_t> rupees = Rupees(tokens, at, &used);
    if (!rupees) {
        return std::nullopt;
    }
    const std::string_view number = tokens[at].text;
    const std::size_t digits_end = number.find_first_not_of("0123456789");
    const std::string_view suffix =
        digits_end == std::string_view::npos ? std::string_view() : number.substr(digits_end);
    currency = currency || suffix.starts_with("rs") || suffix.starts_with("rupees");
    std::size_t next = at + used;
    const std::size_t last_end = tokens[next - 1].end;
    const std::string_view after = text.substr(last_end, std::min<std::size_t>(3, text.size() - last_end));
    if (after.starts_with("/-")) {
        currency = true;
    }
    // "900 rs", "900 rupaye"
    if (next < tokens.size() && TokenMatchesAny(tokens[next].text, kCurrencyWords)) {
        currency = true;
        ++next;
    }
    if (!currency) {
        return std::nullopt;
    }
    price.paise = *rupees * 100;
    // "/kg", "per kg", "ka kilo", "prati kilo", "kg"
    const bool slash = tokens[next - 1].end < text.size() && next < tokens.size() &&
                       text.substr(tokens[next - 1].end, tokens[next].begin - tokens[next - 1].end).find('/') !=
                           std::string_view::npos;
    if (next < tokens.size() && (slash || !tokens[next].clause_start)) {
        std::size_t unit_at = next;
        if (!slash && TokenMatchesAny(tokens[unit_at].text, kPerWords) && unit_at + 1 < tokens.size()) {
            ++unit_at;
        }
        if (const Unit* unit = UnitFor(tokens[unit_at].text)) {
            price.unit = unit;
            next = unit_at + 1;
        }
    }
    price.end = next;
    return price;
}

}  // namespace

std::vector<bool> AmountTokens(const std::vector<Token>& tokens, std::string_view text) {
    std::vector<bool> amount(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (const std::optional<Price> price = PriceAt(tokens, text, i)) {
            std::fill(amount.begin() + static_cast<std::ptrdiff_t>(price->first),
                      amount.begin() + static_cast<std::ptrdiff_t>(price->end), true);
            continue;
        }
        if (!tokens[i].numeric) {
            continue;
        }
        // "250g", "2kg": number and unit in one token.
        const std::string_view word = tokens[i].text;
        const std::string_view suffix = word.substr(std::min(word.size(), word.find_first_not_of("0123456789")));
        if (!suffix.empty() && (UnitFor(suffix) != nullptr || TokenMatchesAny(suffix, kWeightWords))) {
            amount[i] = true;
        } else if (i + 1 < tokens.size() && !tokens[i + 1].clause_start &&
                   (UnitFor(tokens[i + 1].text) != nullptr || TokenMatchesAny(tokens[i + 1].text, kWeightWords))) {
            amount[i] = amount[i + 1] = true;
        }
    }
    return amount;
}

namespace {

/// Words that end an owner's product name going backwards from a price.
constexpr std::string_view kOwnStop =
    "and|aur|or|with|in|at|for|only|just|sirf|bas|hai|hain|h|है|हैं|और|में|से|the|a|our|hamara|hamari|hamare|"
    "humara|humari|mera|meri|mere|we|sell|selling|also|bhi|भी|बेचते|price|rate|dam|daam|दाम|costs|cost|is|are|"
    "se|mein|me|मे|from|starting|shuru|rs|inr|rupees|रु|just|sell|sells|make|bechte|banate|"
    "बनाते|मिलता|milta|milti|मिलती|milte|मिलते|available|uplabdh|उपलब्ध|per|prati|प्रति";

}  // namespace

TypeGuess GuessBusinessType(const TokenIndex& index, const std::vector<bool>& ignored) {
    const Compiled& tables = Tables();
    const std::span<const BusinessType> types = BusinessTypes();
    const std::size_t none = index.Tokens().size() + 1;
    std::vector<int> scores(types.size(), 0);
    std::vector<int> item_scores(types.size(), 0);
    std::vector<std::size_t> first(types.size(), none);
    for (const Keyword& keyword : tables.keywords) {
        if (const auto match = FirstMatch(index, keyword.alternatives, &ignored)) {
            scores[keyword.type] += keyword.weight;
            first[keyword.type] = std::min(first[keyword.type], match->first);
        }
    }
    for (const ItemPatterns& item : tables.items) {
        if (const auto match = FirstMatch(index, item.alternatives, &ignored)) {
            item_scores[item.type] = std::min(kMaxItemScore, item_scores[item.type] + kItemWeight);
            first[item.type] = std::min(first[item.type], match->first);
        }
    }
    std::size_t best = tables.neutral;
    int best_score = 0;
    int runner_up = 0;
    for (std::size_t t = 0; t < types.size(); ++t) {
        const int score = scores[t] + item_scores[t];
        if (score == 0) {
            continue;
        }
        // Ties go to the type mentioned first: "mobile repair and accessories" repairs first.
        if (score > best_score || (score == best_score && first[t] < first[best])) {
            runner_up = std::max(runner_up, best_score);
            best = t;
            best_score = score;
        } else {
            runner_up = std::max(runner_up, score);
        }
    }
    TypeGuess guess;
    guess.runner_up = runner_up;
    if (best_score < kMinTypeScore) {
        guess.type = &types[tables.neutral];
        guess.fallback = true;
        guess.confidence = 0;
        return guess;
    }
    guess.type = &types[best];
    guess.score = best_score;
    const double strength = std::min(1.0, static_cast<double>(best_score) / kConfidentScore);
    const double margin = static_cast<double>(best_score - runner_up) / best_score;
    guess.confidence = strength * (0.5 + 0.5 * margin);
    return guess;
}

std::vector<NamedProduct> FindNamedProducts(const TokenIndex& index, std::string_view text,
                                            const BusinessType& preferred) {
    const Compiled& tables = Tables();
    const std::span<const BusinessType> types = BusinessTypes();
    const std::vector<Token>& tokens = index.Tokens();

    // The longest item name at each position; the preferred type's items win ties.
    struct Hit {
        std::size_t length = 0;
        const ItemPatterns* item = nullptr;
    };
    std::vector<Hit> hits(tokens.size());
    // Words that say what the business is ("tiffin service", "dabba") or that every description
    // uses: they name none of another type's items ("dabba" is not a storage box here).
    std::vector<bool> own_words(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        own_words[i] = TokenMatchesAny(tokens[i].text, NameLexicon().generic);
    }
    for (const Keyword& keyword : tables.keywords) {
        if (&types[keyword.type] != &preferred) {
            continue;
        }
        for (const std::string& pattern : keyword.alternatives) {
            index.ForEachMatch(pattern, [&](std::size_t at, std::size_t length) {
                std::fill_n(own_words.begin() + static_cast<std::ptrdiff_t>(at), length, true);
                return true;
            });
        }
    }
    for (const ItemPatterns& item : tables.items) {
        const bool own = &types[item.type] == &preferred;
        // Another type's item only when it is sold the same way: a shop does not offer a booked
        // service ("wedding garlands" is not wedding photography), nor a clinic a cart item.
        if (!own && types[item.type].ordering != preferred.ordering) {
            continue;
        }
        for (const std::string& pattern : item.alternatives) {
            index.ForEachMatch(pattern, [&](std::size_t at, std::size_t length) {
                if (!own && std::all_of(own_words.begin() + static_cast<std::ptrdiff_t>(at),
                                        own_words.begin() + static_cast<std::ptrdiff_t>(at + length),
                                        [](bool word) { return word; })) {
                    return true;
                }
                Hit& hit = hits[at];
                const bool hit_own = hit.item != nullptr && &types[hit.item->type] == &preferred;
                if (length > hit.length || (length == hit.length && own && !hit_own)) {
                    hit = {length, &item};
                }
                return true;
            });
        }
    }

    std::vector<NamedProduct> out;
    std::vector<bool> used(tokens.size(), false);
    std::vector<const sitegen::TypeItem*> seen;
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        const Hit& hit = hits[at];
        if (hit.item == nullptr) {
            continue;
        }
        const BusinessType& type = types[hit.item->type];
        const sitegen::TypeItem* item = &type.items[hit.item->item];
        const std::size_t end = at + hit.length;
        for (std::size_t k = at; k < end; ++k) {
            used[k] = true;
        }
        NamedProduct named{&type, item, {}, 0, {}, at};
        // A price right after it: "kaju katli ₹900/kg", "jalebi 200 rs kilo".
        for (std::size_t k = end; k < tokens.size() && k < end + kPriceReach; ++k) {
            if (hits[k].item != nullptr) {
                break;
            }
            if (const std::optional<Price> price = PriceAt(tokens, text, k)) {
                named.price_paise = price->paise;
                if (price->unit != nullptr) {
                    named.unit = price->unit->text;
                }
                for (std::size_t u = price->first; u < price->end; ++u) {
                    used[u] = true;
                }
                break;
            }
            if (!tokens[k].numeric &&
                !TokenMatchesAny(tokens[k].text,
                                 "at|for|only|sirf|bas|mein|me|में|rate|dam|daam|दाम|price|ka|ki|ke|का|की|के|is|hai|है")) {
                break;
            }
        }
        at = end - 1;
        if (std::find(seen.begin(), seen.end(), item) != seen.end()) {
            continue;
        }
        seen.push_back(item);
        out.push_back(std::move(named));
    }

    // The owner's own words before a price: "Amritsari wadi ₹300/kg", "gajar ka halwa 400 rupaye kilo".
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        if (used[at]) {
            continue;
        }
        const std::optional<Price> price = PriceAt(tokens, text, at);
        if (!price) {
            continue;
        }
        std::size_t begin = price->first;
        while (begin > 0 && price->first - begin < kMaxOwnWords) {
            const std::size_t previous = begin - 1;
            if (used[previous] || tokens[previous].numeric || TokenMatchesAny(tokens[previous].text, kOwnStop)) {
                break;
            }
            begin = previous;
            if (tokens[begin].clause_start) {
                break;
            }
        }
        // "gajar ka halwa": a linking word inside a name is kept when words come before it.
        if (begin < price->first) {
            const std::size_t from = tokens[begin].begin;
            const std::size_t to = tokens[price->first - 1].end;
            NamedProduct named;
            named.type = &preferred;
            named.words = sitegen::CleanLine(text.substr(from, to - from));
            named.price_paise = price->paise;
            if (price->unit != nullptr) {
                named.unit = price->unit->text;
            }
            named.at = begin;
            if (!named.words.empty()) {
                out.push_back(std::move(named));
            }
        }
        for (std::size_t u = price->first; u < price->end; ++u) {
            used[u] = true;
        }
        at = price->end == 0 ? at : price->end - 1;
    }
    std::stable_sort(out.begin(), out.end(), [](const NamedProduct& a, const NamedProduct& b) { return a.at < b.at; });
    return out;
}

}  // namespace webdpro::ai::detail
