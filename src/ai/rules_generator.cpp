#include "ai/rules_generator.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "ai/detail/business_detect.hpp"
#include "ai/detail/lexicon.hpp"
#include "ai/detail/text_match.hpp"
#include "sitegen/business_type.hpp"
#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"

namespace webdpro::ai {
namespace {

using detail::MatchesAt;
using detail::Token;
using detail::TokenMatchesAny;
using sitegen::Language;
using sitegen::LocalText;
using sitegen::Sector;
using sitegen::SiteSpec;

constexpr std::size_t kMaxAnalyzedBytes = 2048;
constexpr std::size_t kMaxTokens = 400;
constexpr std::size_t kMaxNameWords = 7;
constexpr std::size_t kMaxTitleWords = 4;
constexpr std::size_t kMaxFeaturesOut = 6;
constexpr std::string_view kTaglineJoin = " · ";
// First words of product names that stay capitalised mid-sentence (places, brands, people).
constexpr std::string_view kProperWords =
    "banarasi|kanjivaram|chanderi|maheshwari|bengali|punjabi|amritsari|rajasthani|kashmiri|darjeeling|assam|"
    "nilgiri|kerala|goan|mysore|agra|bikaneri|hyderabadi|lucknowi|iphone|samsung|redmi|vivo|oppo|realme|hp|dell|"
    "lenovo|asian|berger|nerolac|tata|amul|mother|dettol|himalaya|dabur|patanjali|bata|titan|camlin|classmate|"
    "ncert|cbse|jee|neet|ms|pvc|cpvc|led|usb|ac|tv|ups|ssd|ram|gst|a4|hd|4k|madhubani|chikankari|kolhapuri|"
    "basmati|alphonso|shimla|nagpur|sangli|ratnagiri|kasuri|kesar|afghani|california|mamra|irani";

// "Regenerate copy" (SpecRequest::variant != 0): other words around the sector's own copy, so the
// facts stay the same. A template may use {name}, {in_city}, {city} and {noun} (the sector's
// shop noun); an empty tagline means the sector's other tagline. Hindi frames avoid adjectives
// that would have to agree with the noun's gender.
struct CopyVariant {
    LocalText tagline;
    LocalText about_open;
    LocalText about_close;
    LocalText about_close_no_cart;  ///< for bookings and enquiries; empty = about_close
};

constexpr std::array<CopyVariant, 4> kCopyVariants = {{
    {{"", ""},
     {"Welcome to {name}!", "{name} में आपका स्वागत है!"},
     {"Browse our range below and order online in a few taps.", "नीचे हमारा सामान देखें और कुछ ही टैप में ऑनलाइन ऑर्डर करें।"},
     {"See what we offer below, then book or ask us on WhatsApp or by phone.",
      "नीचे देखिए हम क्या-क्या करते हैं, फिर WhatsApp या फ़ोन पर बुक कीजिए या पूछिए।"}},
    {{"{name}: quality and care you can trust", "{name}: भरोसा, गुणवत्ता और अपनापन"},
     {"Namaste!", "नमस्ते!"},
     {"We look forward to serving you.", "आपकी सेवा का इंतज़ार रहेगा।"},
     {"", ""}},
    {{"Your neighbourhood {noun}{in_city}, a tap away", "{in_city}{noun} — अब बस एक टैप दूर"},
     {"", ""},
     {"Visit us, call us or order online today.", "आज ही आइए, फ़ोन कीजिए या ऑनलाइन ऑर्डर कीजिए।"},
     {"Visit us, call us or message us on WhatsApp today.", "आज ही आइए, फ़ोन कीजिए या WhatsApp पर संदेश भेजिए।"}},
    {{"Good value and honest service{in_city}", "{in_city}सही दाम, ईमानदार सेवा"},
     {"Thank you for choosing {name}.", "{name} चुनने के लिए धन्यवाद।"},
     {"Every customer matters to us.", "हमारे लिए हर ग्राहक ख़ास है।"},
     {"", ""}},
}};

// Words around a city that say "this is where the shop is".
constexpr std::string_view kCityBefore = "in|at|near|from";
constexpr std::string_view kCityAfter = "mein|me|main|se|ka|ki|ke|में|से|का|की|के";
// A city opening a clause before the name: "Navi Mumbai mein Sai Mobiles".
constexpr std::string_view kCityLocative = "mein|me|main|में";
// Words between a name marker and the name: "name is X", "naam hai X".
constexpr std::string_view kMarkerFill = "is|hai|h|was|है|था";
// Words a title leaves in lower case: "Punjab da Dhaba", "House of Spices".
constexpr std::string_view kTitleSmallWords = "and|of|the|&|n|ki|ka|ke|da|di|de|aur";
// Lower-case English words kept lower case inside a title-cased name.
constexpr std::array<std::string_view, 4> kSmallWords = {"and", "of", "the", "&"};

constexpr std::array<std::string_view, 30> kSampleDescriptions = {
    "Sharma Kirana, fresh vegetables and groceries in Jaipur",
    "Gupta ji ki bakery Lucknow mein, cakes aur biscuits",
    "डॉ. वर्मा क्लिनिक, भोपाल",
    "Royal Tailors - ladies and gents stitching, Indore",
    "Shree Ganesh Jewellers, Surat, gold and silver",
    "शर्मा किराना स्टोर, जयपुर",
    "Annapurna Bhojanalaya Varanasi mein shuddh shakahari thali",
    "New Balaji Mobile Repair Centre near bus stand, Indore",
    "Krishna Dairy - doodh, paneer, ghee, Mathura. Call 98290 12345",
    "Glamour Unisex Salon in Pune, haircut, facial and bridal makeup",
    "Apollo Medical Store, 24x7 chemist in Nagpur with home delivery",
    "Vidya Book Depot, school books, copies aur stationery, Patna",
    "Jain Hardware & Sanitary, paints, pipes, taps - Ahmedabad",
    "Sai Fashion Point, sarees, kurtis and lehengas in Kolkata",
    "मीनाक्षी ब्यूटी पार्लर, इंदौर में",
    "राजू दर्ज़ी, ब्लाउज़ और सूट की सिलाई, कानपुर",
    "गोपाल डेयरी - शुद्ध दूध, दही, पनीर, आगरा",
    "बाबा का ढाबा, अमृतसर, शुद्ध शाकाहारी खाना",
    "श्री राम मेडिकल स्टोर, पटना, सभी दवाइयाँ उपलब्ध",
    "Lakshmi General Store, Chennai, daily needs and snacks",
    "Punjab Da Dhaba, Ludhiana, chicken biryani aur butter chicken",
    "Om Sai Electronics - mobiles, chargers, earphones and TV, Hyderabad",
    "Dr. Mehta's Child Clinic, Ahmedabad, paediatrician",
    "Hamari dukaan ka naam Balaji Kirana hai, Kota mein, ghar tak delivery",
    "fresh organic vegetables and fruits, home delivery in Bengaluru",
    "Rajasthan Sweets & Bakers, Udaipur, mithai, namkeen aur birthday cakes",
    "मनोज मोबाइल शॉप, गोरखपुर, मोबाइल रिपेयर और एक्सेसरीज़",
    "Saraswati Stationers near Govt school, Dehradun - pens, notebooks, xerox",
    "Anand Tailors & Boutique, Chandigarh, alteration and stitching",
    "Bikaner Namkeen Bhandar, wholesale and retail, Bikaner",
};

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

/// The first `max_bytes` bytes of `text`, not cutting a UTF-8 sequence.
std::string_view Head(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

std::uint64_t Fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

/// How many of the '|'-separated (possibly multi-word) patterns occur in the text.
std::size_t CountMatches(const detail::TokenIndex& index, std::string_view patterns) {
    std::size_t count = 0;
    detail::ForEachAlternative(patterns, [&](std::string_view pattern) {
        if (index.Find(pattern) != std::string_view::npos) {
            ++count;
        }
    });
    return count;
}

bool Is(const std::vector<Token>& tokens, std::size_t i, std::string_view list) {
    return i < tokens.size() && TokenMatchesAny(tokens[i].text, list);
}

/// A word every description uses: no business name is made of these alone.
bool IsGeneric(const Token& token) {
    if (token.numeric || TokenMatchesAny(token.text, detail::NameLexicon().generic)) {
        return true;
    }
    const auto in_pattern = [&](std::string_view pattern) {
        bool found = false;
        detail::ForEachAlternative(pattern, [&](std::string_view phrase) {
            while (!found && !phrase.empty()) {
                const std::size_t space = phrase.find(' ');
                found = TokenMatchesAny(token.text, phrase.substr(0, space));
                phrase = space == std::string_view::npos ? std::string_view() : phrase.substr(space + 1);
            }
        });
        return found;
    };
    for (const detail::SectorKeyword& keyword : detail::SectorKeywords()) {
        if (in_pattern(keyword.pattern)) {
            return true;
        }
    }
    for (const detail::SpecialityKeyword& keyword : detail::SpecialityKeywords()) {
        if (in_pattern(keyword.pattern)) {
            return true;
        }
    }
    return false;
}

// ------------------------------------------------------------------------------------------
// Reading the description
// ------------------------------------------------------------------------------------------

struct CityMatch {
    std::size_t city;
    std::size_t at;
    std::size_t length;
};

/// Every city mention, longest first where spellings overlap ("Navi Mumbai" over "Mumbai").
std::vector<CityMatch> FindCities(const detail::TokenIndex& index) {
    std::vector<CityMatch> all;
    const auto cities = detail::Cities();
    for (std::size_t c = 0; c < cities.size(); ++c) {
        detail::ForEachAlternative(cities[c].patterns, [&](std::string_view pattern) {
            index.ForEachMatch(pattern, [&](std::size_t at, std::size_t length) {
                all.push_back({c, at, length});
                return true;
            });
        });
    }
    std::sort(all.begin(), all.end(), [](const CityMatch& a, const CityMatch& b) {
        return a.at != b.at ? a.at < b.at : (a.length != b.length ? a.length > b.length : a.city < b.city);
    });
    std::vector<CityMatch> matches;
    for (const CityMatch& match : all) {
        if (matches.empty() || match.at >= matches.back().at + matches.back().length) {
            matches.push_back(match);
        }
    }
    return matches;
}

std::size_t CityLengthAt(const std::vector<CityMatch>& cities, std::size_t i) {
    for (const CityMatch& match : cities) {
        if (match.at == i) {
            return match.length;
        }
    }
    return 0;
}

/// Tokens that are contact details ("mobile 98290…", "phone no."), not hints of a business.
std::vector<bool> ContactTokens(const std::vector<Token>& tokens) {
    std::vector<bool> ignored(tokens.size(), false);
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (Is(tokens, i, detail::NameLexicon().contact_cues) &&
            (tokens[i + 1].numeric || Is(tokens, i + 1, "no|number|नंबर|num"))) {
            ignored[i] = true;
        }
    }
    return ignored;
}

detail::TypeGuess GuessType(const detail::TokenIndex& index) {
    return detail::GuessBusinessType(index, ContactTokens(index.Tokens()));
}

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool empty() const { return begin == end; }
};

/// Whether tokens [begin, end) can be a business name.
bool IsNameLike(const std::vector<Token>& tokens, const std::vector<CityMatch>& cities, Span span, bool later_clause) {
    const detail::NameWords& words = detail::NameLexicon();
    if (span.empty() || span.end - span.begin > kMaxNameWords) {
        return false;
    }
    bool specific = false;
    bool shop_noun = false;
    bool all_capitalised = true;
    bool capitalised_specific = false;
    bool title_case = true;
    for (std::size_t i = span.begin; i < span.end; ++i) {
        if (Is(tokens, i, words.disqualify)) {
            return false;
        }
        // A city alone is a place, not a name ("In Jaipur"); "Delhi Darbar" still is one.
        const bool in_city = std::any_of(cities.begin(), cities.end(),
                                         [&](const CityMatch& m) { return i >= m.at && i < m.at + m.length; });
        const bool generic = in_city || IsGeneric(tokens[i]);
        specific = specific || !generic;
        shop_noun = shop_noun || Is(tokens, i, words.shop_nouns);
        // Digits ("A-1 Tailors") neither make nor break a title.
        all_capitalised = all_capitalised && (tokens[i].capitalised || tokens[i].numeric);
        capitalised_specific = capitalised_specific || (tokens[i].capitalised && !generic);
        title_case = title_case && (tokens[i].capitalised || tokens[i].numeric || Is(tokens, i, kTitleSmallWords));
    }
    // "Fresh Mart": every word is common, but it is written as a title and names a shop.
    const bool title = all_capitalised && shop_noun && span.end - span.begin <= kMaxTitleWords;
    if (!specific && !title) {
        return false;
    }
    // A later clause is a name when it says so with a shop noun or is written as a title ("Tashi
    // Fast Food"), not when a sentence merely starts with a capital ("Punjabi wadi and papad").
    return !later_clause || shop_noun || (capitalised_specific && title_case);
}

/// Tokens from `begin` up to a stop word, a city or the end of the clause.
Span NameFrom(const std::vector<Token>& tokens, const std::vector<CityMatch>& cities, std::size_t begin) {
    const detail::NameWords& words = detail::NameLexicon();
    while (begin < tokens.size() && Is(tokens, begin, words.stop) &&
           (begin + 1 == tokens.size() || !tokens[begin + 1].clause_start)) {
        ++begin;
    }
    std::size_t end = begin;
    while (end < tokens.size() && (end == begin || !tokens[end].clause_start)) {
        if (end > begin &&
            (Is(tokens, end, words.stop) || Is(tokens, end, words.disqualify) || CityLengthAt(cities, end) > 0)) {
            break;
        }
        ++end;
    }
    return {begin, end};
}

/// A name in a clause that also carries a price or a quantity ("Amritsari Wadi 320 Kilo",
/// "Sharma Sweets kaju katli ₹900/kg"): only what ends at a shop noun before the amount is a name
/// ("Sharma Sweets"); without such a noun the clause describes goods, and `span` comes back empty.
Span BeforeAmount(const std::vector<Token>& tokens, const std::vector<bool>& amounts, Span span,
                  std::size_t clause_end) {
    std::size_t amount = span.begin;
    while (amount < clause_end && !amounts[amount]) {
        ++amount;
    }
    if (amount == clause_end) {
        return span;
    }
    for (std::size_t i = std::min(span.end, amount); i > span.begin; --i) {
        if (Is(tokens, i - 1, detail::NameLexicon().shop_nouns)) {
            return {span.begin, i};
        }
    }
    return {};
}

std::size_t ClauseEnd(const std::vector<Token>& tokens, std::size_t begin) {
    std::size_t end = begin + 1;
    while (end < tokens.size() && !tokens[end].clause_start) {
        ++end;
    }
    return end;
}

Span FindName(const std::vector<Token>& tokens, const std::vector<CityMatch>& cities,
              const std::vector<bool>& amounts) {
    const detail::NameWords& words = detail::NameLexicon();
    // "… called Balaji Stores", "dukaan ka naam Balaji Kirana hai", "दुकान का नाम शर्मा स्टोर है"
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::size_t length = 0;
        bool marker = false;
        detail::ForEachAlternative(words.markers, [&](std::string_view pattern) {
            marker = marker || MatchesAt(tokens, i, pattern, &length);
        });
        if (!marker) {
            continue;
        }
        std::size_t begin = i + length;
        while (Is(tokens, begin, kMarkerFill)) {
            ++begin;
        }
        if (begin < tokens.size() && (begin == i + length || !tokens[begin].clause_start)) {
            const Span span = BeforeAmount(tokens, amounts, NameFrom(tokens, cities, begin), ClauseEnd(tokens, begin));
            if (IsNameLike(tokens, cities, span, false)) {
                return span;
            }
        }
    }
    // Otherwise the first clause that reads like a name, usually the very first.
    bool first_clause = true;
    for (std::size_t begin = 0; begin < tokens.size();) {
        const std::size_t clause_end = ClauseEnd(tokens, begin);
        std::size_t start = begin;
        if (Is(tokens, start, words.intro)) {
            while (start < clause_end && (Is(tokens, start, words.intro) || Is(tokens, start, words.intro_fill))) {
                ++start;
            }
        }
        // "Navi Mumbai mein Sai Mobiles": the place comes first, then the name.
        if (const std::size_t city = CityLengthAt(cities, start); city > 0 && Is(tokens, start + city, kCityLocative)) {
            start += city + 1;
        }
        if (start < clause_end) {
            Span span = NameFrom(tokens, cities, start);
            span.end = std::min(span.end, clause_end);
            // Too long for a name: keep it up to its first shop noun ("Ganesh Electricals repair of …").
            if (span.end - span.begin > kMaxNameWords) {
                for (std::size_t i = span.begin + 1; i < span.end; ++i) {
                    if (Is(tokens, i, words.shop_nouns)) {
                        span.end = i + 1;
                        break;
                    }
                }
            }
            span = BeforeAmount(tokens, amounts, span, clause_end);
            if (IsNameLike(tokens, cities, span, !first_clause)) {
                return span;
            }
        }
        first_clause = false;
        begin = clause_end;
    }
    return {};
}

/// The name as written, cleaned: symbols and emoji dropped, all-lower-case words title-cased.
std::string CleanName(std::string_view raw) {
    std::string kept;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const std::size_t start = pos;
        const char32_t cp = sitegen::DecodeUtf8(raw, pos);
        const bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
                            sitegen::IsDevanagari(cp) || (cp >= 0x00C0 && cp <= 0x024F);
        if (letter || cp == '&' || cp == '\'' || cp == '.' || cp == '-' || cp == 0x2019) {
            kept.append(raw.substr(start, pos - start));
        } else {
            kept.push_back(' ');
        }
    }
    std::string line = sitegen::CleanLine(kept);
    while (!line.empty() && (line.back() == '.' || line.back() == '-' || line.back() == '&' || line.back() == '\'')) {
        line.pop_back();
        line = std::string(sitegen::TrimSpace(line));
    }
    std::string out;
    std::size_t word_start = 0;
    bool first = true;
    while (word_start < line.size()) {
        std::size_t word_end = line.find(' ', word_start);
        if (word_end == std::string::npos) {
            word_end = line.size();
        }
        std::string word = line.substr(word_start, word_end - word_start);
        const bool lower = std::all_of(word.begin(), word.end(),
                                       [](char c) { return (c >= 'a' && c <= 'z') || c == '\'' || c == '.'; });
        const bool small = std::find(kSmallWords.begin(), kSmallWords.end(), word) != kSmallWords.end();
        if (lower && !word.empty() && (first || !small)) {
            word[0] = static_cast<char>(word[0] - 'a' + 'A');
        }
        out += (first ? "" : " ") + word;
        first = false;
        word_start = word_end + 1;
    }
    return sitegen::FitChars(out, sitegen::kMaxBusinessNameChars);
}

std::optional<CityMatch> ChooseCity(const std::vector<Token>& tokens, const std::vector<CityMatch>& cities, Span name) {
    std::optional<CityMatch> last;
    for (const CityMatch& match : cities) {
        if (match.at >= name.begin && match.at < name.end) {
            continue;  // "Delhi Darbar": part of the name, not the location
        }
        const std::size_t after = match.at + match.length;
        // "Sharma Kirana Store Jaipur": the city right after the name is where the shop is.
        const bool ends_name = !name.empty() && match.at == name.end;
        const bool alone = tokens[match.at].clause_start && (after == tokens.size() || tokens[after].clause_start);
        if ((match.at > 0 && Is(tokens, match.at - 1, kCityBefore)) || Is(tokens, after, kCityAfter) || alone ||
            ends_name) {
            return match;
        }
        last = match;
    }
    return last;
}

/// An Indian mobile number written anywhere in `text`.
std::string FindPhone(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (!IsDigit(text[i]) && text[i] != '+') {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size()) {
            const char c = text[j];
            const bool separator = c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
            if (IsDigit(c) || (separator && j + 1 < text.size() && IsDigit(text[j + 1]))) {
                ++j;
            } else {
                break;
            }
        }
        if (auto phone = sitegen::NormalizeIndianMobile(text.substr(i, j - i))) {
            return *phone;
        }
        i = j;
    }
    return {};
}

struct ClockTime {
    int hour = 0;
    int minute = 0;
    char meridiem = 0;  // 'a', 'p' or 0
};

/// Parses "9", "9:30", "9.30 am", "10pm" at `pos`; advances `pos` past it.
std::optional<ClockTime> ParseTime(std::string_view text, std::size_t& pos) {
    ClockTime time;
    std::size_t i = pos;
    std::size_t digits = 0;
    while (i < text.size() && IsDigit(text[i]) && digits < 2) {
        time.hour = time.hour * 10 + (text[i++] - '0');
        ++digits;
    }
    if (digits == 0 || (i < text.size() && IsDigit(text[i])) || time.hour > 12 || time.hour == 0) {
        return std::nullopt;
    }
    if (i + 2 < text.size() && (text[i] == ':' || text[i] == '.') && IsDigit(text[i + 1]) && IsDigit(text[i + 2])) {
        time.minute = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
        i += 3;
        if (time.minute > 59) {
            return std::nullopt;
        }
    }
    std::size_t j = i;
    while (j < text.size() && text[j] == ' ') {
        ++j;
    }
    for (std::string_view mark : {"a.m.", "p.m.", "am", "pm"}) {
        if (text.substr(j).starts_with(mark)) {
            time.meridiem = mark[0];
            i = j + mark.size();
            break;
        }
    }
    pos = i;
    return time;
}

std::string FormatTime(ClockTime time) {
    std::string out = std::to_string(time.hour);
    if (time.minute > 0) {
        out += (time.minute < 10 ? ":0" : ":") + std::to_string(time.minute);
    }
    return out + (time.meridiem == 'p' ? " PM" : " AM");
}

/// Opening hours such as "9 am to 10 pm" or "10:30-8pm", as "9 AM – 10 PM".
std::string FindHours(std::string_view original) {
    const std::string text = sitegen::AsciiLower(original);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!IsDigit(text[i]) || (i > 0 && (IsDigit(text[i - 1]) || (text[i - 1] >= 'a' && text[i - 1] <= 'z')))) {
            continue;
        }
        std::size_t pos = i;
        std::optional<ClockTime> from = ParseTime(text, pos);
        if (!from) {
            continue;
        }
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
        bool joined = false;
        for (std::string_view joiner : {"to", "till", "until", "se", "-", "–"}) {
            if (text.substr(pos).starts_with(joiner)) {
                pos += joiner.size();
                joined = true;
                break;
            }
        }
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
        std::optional<ClockTime> to = joined ? ParseTime(text, pos) : std::nullopt;
        if (!to || (from->meridiem == 0 && to->meridiem == 0)) {
            continue;
        }
        if (to->meridiem == 0) {
            to->meridiem = from->meridiem;
        }
        if (from->meridiem == 0) {
            // "10 to 9 pm" opens in the morning; "5 to 9 pm" in the evening.
            from->meridiem = from->hour % 12 > to->hour % 12 ? (to->meridiem == 'p' ? 'a' : 'p') : to->meridiem;
        }
        return FormatTime(*from) + " – " + FormatTime(*to);
    }
    return {};
}

// ------------------------------------------------------------------------------------------
// Writing the spec
// ------------------------------------------------------------------------------------------

std::uint16_t SectorBit(Sector sector) {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(sector));
}

/// Specialities that only make sense for some kinds of shop.
bool AppliesTo(Speciality speciality, Sector sector) {
    const std::uint16_t food = SectorBit(Sector::kRestaurant) | SectorBit(Sector::kBakery) |
                               SectorBit(Sector::kGrocery) | SectorBit(Sector::kDairy) | SectorBit(Sector::kGeneral);
    switch (speciality) {
        case Speciality::kPureVeg:
        case Speciality::kNonVeg:
        case Speciality::kEggless:
            return (food & SectorBit(sector)) != 0;
        case Speciality::kHomeVisit:
            return sector == Sector::kClinic || sector == Sector::kSalon || sector == Sector::kTailoring ||
                   sector == Sector::kElectronics;
        case Speciality::kHallmark:
            return sector == Sector::kJewellery;
        default:
            return true;
    }
}

bool Has(const DescriptionAnalysis& analysis, Speciality speciality) {
    return std::find(analysis.specialities.begin(), analysis.specialities.end(), speciality) !=
           analysis.specialities.end();
}

/// A product for the spec from a catalog item, in `language`, placed in `category`.
sitegen::Product FromItem(const sitegen::TypeItem& item, Language language, std::string_view category) {
    sitegen::Product product;
    product.name = item.name.In(language);
    product.description = item.description.In(language);
    product.price = Paise(item.price_paise);
    product.mrp = product.price;  // no MRP and no discount the owner did not state
    product.unit = item.unit.In(language);
    product.category = category;
    product.gst_rate = item.gst_rate;
    product.hsn = item.hsn;
    return product;
}

/// The owner's own words as a product name: first letter of Latin words capitalised.
std::string OwnProductName(std::string_view words) {
    std::string name(words);
    bool start = true;
    for (char& c : name) {
        if (start && c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        start = c == ' ';
    }
    return sitegen::FitChars(name, sitegen::kMaxProductNameChars);
}

/// The type's catalog with the products the owner named first, in the order they named them.
void AddCatalog(SiteSpec& spec, const DescriptionAnalysis& analysis, const sitegen::BusinessType& type,
                const std::vector<detail::NamedProduct>& named) {
    const Language language = spec.language;
    const bool drop_non_veg = Has(analysis, Speciality::kPureVeg) && !Has(analysis, Speciality::kNonVeg);
    const auto category_name = [&](std::string_view slug) -> std::string_view {
        for (const sitegen::TypeCategory& category : type.categories) {
            if (category.slug == slug) {
                return category.name.In(language);
            }
        }
        return {};
    };
    std::vector<std::string> category_order;  // slugs, named products' categories first
    const auto use_category = [&](std::string_view slug) {
        if (std::find(category_order.begin(), category_order.end(), slug) == category_order.end()) {
            category_order.emplace_back(slug);
        }
    };
    std::vector<const sitegen::TypeItem*> added;
    const std::string_view first_slug = type.categories.front().slug;
    for (const detail::NamedProduct& product : named) {
        if (spec.products.size() >= sitegen::kMaxProducts) {
            break;
        }
        std::string_view slug = first_slug;
        sitegen::Product out;
        if (product.item != nullptr) {
            if (std::find(added.begin(), added.end(), product.item) != added.end()) {
                continue;
            }
            added.push_back(product.item);
            // Another type's product goes into this type's category of the same name, if any.
            if (!category_name(product.item->category).empty()) {
                slug = product.item->category;
            }
            out = FromItem(*product.item, language, category_name(slug));
        } else {
            const sitegen::TypeItem& like = type.items.front();
            out = FromItem(like, language, category_name(slug));
            out.name = OwnProductName(product.words);
            out.description.clear();
        }
        if (product.price_paise > 0) {
            out.price = Paise(product.price_paise);
            out.mrp = out.price;
        }
        if (!product.unit.en.empty()) {
            out.unit = product.unit.In(language);
        }
        use_category(slug);
        spec.products.push_back(std::move(out));
    }
    for (const sitegen::TypeItem& item : type.items) {
        if (spec.products.size() >= sitegen::kMaxProducts) {
            break;
        }
        if (std::find(added.begin(), added.end(), &item) != added.end()) {
            continue;
        }
        if (drop_non_veg && TokenMatchesAny("nonveg", item.tags)) {
            continue;
        }
        use_category(item.category);
        spec.products.push_back(FromItem(item, language, category_name(item.category)));
    }
    for (const std::string& slug : category_order) {
        if (spec.categories.size() < sitegen::kMaxCategories) {
            spec.categories.push_back({std::string(category_name(slug)), slug});
        }
    }
}

/// "kaju katli, rasgulla and soan papdi" / "काजू कतली, रसगुल्ला और सोन पापड़ी": what the owner
/// named, else the first few products of the catalog.
std::string Specials(const SiteSpec& spec, std::size_t named_count) {
    constexpr std::size_t kMaxSpecials = 3;
    const std::size_t count = std::min(kMaxSpecials, named_count > 0 ? named_count : spec.products.size());
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count && i < spec.products.size(); ++i) {
        std::string name = spec.products[i].name;
        // Mid-sentence in English: "kaju katli", but "Banarasi" and "iPhone" keep their capitals.
        if (spec.language == Language::kEnglish && name.size() > 1 && name[0] >= 'A' && name[0] <= 'Z' &&
            name[1] >= 'a' && name[1] <= 'z' &&
            !TokenMatchesAny(detail::Fold(name.substr(0, name.find(' '))), kProperWords)) {
            name[0] = static_cast<char>(name[0] - 'A' + 'a');
        }
        names.push_back(std::move(name));
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += i + 1 == names.size() ? (spec.language == Language::kHindi ? " और " : " and ") : ", ";
        }
        out += names[i];
    }
    return out;
}

/// English copy that opens with the owner's products ("kaju katli and …") starts a sentence:
/// its first letter is capitalised.
void CapitaliseStart(std::string& text, Language language) {
    if (language == Language::kEnglish && !text.empty() && text[0] >= 'a' && text[0] <= 'z') {
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    }
}

// Index into kCopyVariants for a non-zero variant (negative values are as good as positive ones).
std::size_t CopyVariantIndex(int variant) {
    return (static_cast<std::size_t>(static_cast<unsigned>(variant)) - 1) % kCopyVariants.size();
}

SiteSpec Compose(const DescriptionAnalysis& analysis, const sitegen::BusinessType& type,
                 const std::vector<detail::NamedProduct>& named, std::uint64_t hash, Language language, int variant) {
    const sitegen::SectorProfile& profile = sitegen::ProfileFor(type.sector);
    SiteSpec spec;
    spec.sector = type.sector;
    spec.business_type = type.id;
    spec.ordering = type.ordering;
    spec.language = language;
    const std::string city = language == Language::kHindi ? analysis.city_hi : analysis.city_en;

    spec.business_name = analysis.business_name;
    if (spec.business_name.empty()) {
        spec.business_name = city.empty()
                                 ? std::string(type.fallback_name.In(language))
                                 : sitegen::FillTemplate(type.city_fallback_name.In(language), "", city, language);
    }
    spec.theme = sitegen::ThemeFrom(profile.palettes[hash % profile.palettes.size()]);

    AddCatalog(spec, analysis, type, named);
    const std::string specials = Specials(spec, named.size());
    const auto fill = [&](std::string_view pattern) {
        std::string text(pattern);
        for (auto at = text.find("{specials}"); at != std::string::npos;
             at = text.find("{specials}", at + specials.size())) {
            text.replace(at, std::string_view("{specials}").size(), specials);
        }
        const std::string_view noun = type.name.In(language);
        for (auto at = text.find("{noun}"); at != std::string::npos; at = text.find("{noun}", at + noun.size())) {
            text.replace(at, std::string_view("{noun}").size(), noun);
        }
        return sitegen::FillTemplate(text, spec.business_name, city, language);
    };

    std::vector<Speciality> applicable;
    for (Speciality speciality : analysis.specialities) {
        if (AppliesTo(speciality, type.sector)) {
            applicable.push_back(speciality);
        }
    }

    // Which of the type's taglines and about texts: fixed by the description, so two shops of
    // one type read differently but one shop reads the same on every run; a copy variant moves on.
    const auto shift = static_cast<std::size_t>(static_cast<unsigned>(variant));
    const CopyVariant* copy_variant = variant == 0 ? nullptr : &kCopyVariants[CopyVariantIndex(variant)];
    if (copy_variant == nullptr || copy_variant->tagline.en.empty() || shift % 2 == 1) {
        spec.tagline = fill(type.taglines[((hash >> 8) + shift) % type.taglines.size()].In(language));
    } else {
        spec.tagline = fill(copy_variant->tagline.In(language));
    }
    for (Speciality speciality : applicable) {
        const detail::SpecialityCopy& copy = detail::CopyFor(speciality);
        if (!copy.tagline_worthy) {
            continue;
        }
        std::string longer = spec.tagline + std::string(kTaglineJoin) + std::string(copy.feature.In(language));
        if (sitegen::Utf8Length(longer).value_or(SIZE_MAX) <= sitegen::kMaxTaglineChars) {
            spec.tagline = std::move(longer);
        }
        break;
    }
    spec.tagline = sitegen::FitChars(spec.tagline, sitegen::kMaxTaglineChars);
    CapitaliseStart(spec.tagline, language);

    spec.about = fill(type.abouts[((hash >> 16) + shift) % type.abouts.size()].In(language));
    if (copy_variant != nullptr && !copy_variant->about_open.en.empty()) {
        spec.about = fill(copy_variant->about_open.In(language)) + " " + spec.about;
    }
    for (Speciality speciality : applicable) {
        const std::string_view sentence = detail::CopyFor(speciality).about_sentence.In(language);
        if (!sentence.empty()) {
            spec.about += " ";
            spec.about += sentence;
        }
    }
    if (copy_variant != nullptr) {
        spec.about += " ";
        const bool no_cart = type.ordering != sitegen::Ordering::kCart && !copy_variant->about_close_no_cart.en.empty();
        spec.about += fill((no_cart ? copy_variant->about_close_no_cart : copy_variant->about_close).In(language));
    }
    spec.about = sitegen::FitChars(spec.about, sitegen::kMaxAboutChars, "…");
    CapitaliseStart(spec.about, language);

    const auto add_feature = [&](std::string_view feature) {
        if (!feature.empty() && spec.features.size() < kMaxFeaturesOut &&
            std::find(spec.features.begin(), spec.features.end(), feature) == spec.features.end()) {
            spec.features.emplace_back(feature);
        }
    };
    for (Speciality speciality : applicable) {
        add_feature(detail::CopyFor(speciality).feature.In(language));
    }
    for (const sitegen::BilingualText& feature : type.features) {
        add_feature(feature.In(language));
    }
    if (variant != 0 && spec.features.size() > 1) {
        // Same features, another lead: the first one is what the storefront shows most.
        const std::size_t rotate = 1 + CopyVariantIndex(variant) % (spec.features.size() - 1);
        std::rotate(spec.features.begin(), spec.features.begin() + static_cast<std::ptrdiff_t>(rotate),
                    spec.features.end());
    }

    spec.contact.phone = analysis.phone;
    spec.contact.whatsapp = analysis.mentions_whatsapp ? analysis.phone : std::string();
    spec.contact.city = sitegen::FitChars(city, sitegen::kMaxCityChars);
    if (Has(analysis, Speciality::kOpen24x7)) {
        spec.contact.hours = LocalText{"Open 24 hours", "24 घंटे खुला"}.In(language);
    } else {
        spec.contact.hours = analysis.hours;
    }
    return spec;
}

struct Reading {
    std::string text;
    detail::TokenIndex index;
};

Reading Read(std::string_view description) {
    std::string text = sitegen::CleanProse(Head(description, kMaxAnalyzedBytes));
    detail::TokenIndex index(detail::Tokenize(text, kMaxTokens));
    return Reading{std::move(text), std::move(index)};
}

DescriptionAnalysis Analyze(const Reading& reading) {
    const std::vector<Token>& tokens = reading.index.Tokens();
    DescriptionAnalysis analysis;
    const detail::TypeGuess guess = GuessType(reading.index);
    analysis.sector = guess.type->sector;
    analysis.sector_score = guess.score;
    analysis.business_type = guess.type->id;
    analysis.type_confidence = guess.confidence;
    for (const detail::NamedProduct& named : detail::FindNamedProducts(reading.index, reading.text, *guess.type)) {
        analysis.named_products.push_back(named.item != nullptr ? named.item->name.en : named.words);
    }

    const std::vector<CityMatch> cities = FindCities(reading.index);
    const Span name = FindName(tokens, cities, detail::AmountTokens(tokens, reading.text));
    if (!name.empty()) {
        const std::size_t begin = tokens[name.begin].begin;
        analysis.business_name =
            CleanName(std::string_view(reading.text).substr(begin, tokens[name.end - 1].end - begin));
    }
    if (const std::optional<CityMatch> city = ChooseCity(tokens, cities, name)) {
        analysis.city_en = detail::Cities()[city->city].en;
        analysis.city_hi = detail::Cities()[city->city].hi;
    }
    analysis.phone = FindPhone(reading.text);
    analysis.mentions_whatsapp = CountMatches(reading.index, detail::NameLexicon().whatsapp) > 0;
    analysis.hours = FindHours(reading.text);

    std::array<bool, detail::kSpecialityCount> seen{};
    for (const detail::SpecialityKeyword& keyword : detail::SpecialityKeywords()) {
        const auto s = static_cast<std::size_t>(keyword.speciality);
        if (!seen[s] && CountMatches(reading.index, keyword.pattern) > 0) {
            seen[s] = true;
        }
    }
    for (std::size_t s = 0; s < seen.size(); ++s) {
        if (seen[s]) {
            analysis.specialities.push_back(static_cast<Speciality>(s));
        }
    }
    return analysis;
}

}  // namespace

DescriptionAnalysis AnalyzeDescription(std::string_view description) {
    return Analyze(Read(description));
}

std::string DetectBusinessType(std::string_view description) {
    return GuessType(Read(description).index).type->id;
}

Sector DetectSector(std::string_view description) {
    return GuessType(Read(description).index).type->sector;
}

SiteSpec GenerateRuleBased(std::string_view description, Language language, int variant) {
    const Reading reading = Read(description);
    DescriptionAnalysis analysis = Analyze(reading);
    const std::uint64_t hash = Fnv1a(detail::Fold(reading.text));
    const detail::TypeGuess guess = GuessType(reading.index);
    std::vector<detail::NamedProduct> named = detail::FindNamedProducts(reading.index, reading.text, *guess.type);
    SiteSpec spec = Compose(analysis, *guess.type, named, hash, language, variant);
    if (sitegen::Validate(spec).empty()) {
        return spec;
    }
    // Never fail: fall back to the parts that come only from our own tables.
    analysis.business_name.clear();
    analysis.phone.clear();
    analysis.hours.clear();
    named.clear();
    return Compose(analysis, *guess.type, named, hash, language, variant);
}

sitegen::RepairContext RepairHintsFor(std::string_view description, Language language) {
    const DescriptionAnalysis analysis = AnalyzeDescription(description);
    sitegen::RepairContext context;
    context.language = language;
    if (analysis.sector_score > 0) {
        context.sector_hint = analysis.sector;
    }
    context.business_name_hint = analysis.business_name;
    context.city_hint = language == Language::kHindi ? analysis.city_hi : analysis.city_en;
    context.description = std::string(description);
    return context;
}

std::span<const std::string_view> SampleDescriptions() {
    return kSampleDescriptions;
}

std::uint64_t RunRuleBasedWorkload(std::size_t rounds) {
    std::uint64_t checksum = 0;
    for (std::size_t round = 0; round < rounds; ++round) {
        for (std::string_view description : kSampleDescriptions) {
            for (Language language : sitegen::kAllLanguages) {
                const SiteSpec spec = GenerateRuleBased(description, language);
                checksum = checksum * 31 + spec.products.size() + spec.tagline.size() + spec.business_name.size();
            }
        }
    }
    return checksum;
}

}  // namespace webdpro::ai
