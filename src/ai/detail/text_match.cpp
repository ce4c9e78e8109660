#include "ai/detail/text_match.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "sitegen/text.hpp"

namespace webdpro::ai::detail {
namespace {

using sitegen::DecodeUtf8;
using sitegen::kInvalidCodePoint;

/// Precomposed nukta letters U+0958–U+095F and their base letters.
constexpr std::array<char32_t, 8> kNuktaBase = {0x0915, 0x0916, 0x0917, 0x091C, 0x0921, 0x0922, 0x092B, 0x092F};

/// Words after which a '.' abbreviates rather than ends a clause ("Dr. Verma", "डॉ. वर्मा").
constexpr std::array<std::string_view, 16> kAbbreviations = {
    "dr", "mr", "mrs", "ms", "st", "sh", "shri", "smt", "pvt", "co", "no", "jr", "sr", "डा", "श्री", "सं",
};

bool IsWordCodePoint(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    if (cp >= 0x0900 && cp <= 0x097F) {
        return cp != 0x0964 && cp != 0x0965 && cp != 0x0970;  // dandas and the abbreviation sign
    }
    if (cp == 0x200C || cp == 0x200D) {
        return true;  // joiners sit inside Devanagari words
    }
    return cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7;
}

bool IsClauseBreak(char32_t cp) {
    switch (cp) {
        case ',':
        case ';':
        case ':':
        case '|':
        case '(':
        case ')':
        case '[':
        case ']':
        case '{':
        case '}':
        case '!':
        case '?':
        case '"':
        case '\n':
        case 0x201C:  // “
        case 0x201D:  // ”
        case 0x2013:  // –
        case 0x2014:  // —
        case 0x0964:  // ।
        case 0x0965:  // ॥
            return true;
        default:
            return false;
    }
}

bool IsAbbreviation(std::string_view folded) {
    const auto length = sitegen::Utf8Length(folded).value_or(0);
    return length == 1 || std::find(kAbbreviations.begin(), kAbbreviations.end(), folded) != kAbbreviations.end();
}

bool WordMatches(std::string_view token, std::string_view word) {
    if (!word.empty() && word.back() == '*') {
        word.remove_suffix(1);
        return token.starts_with(word);
    }
    return token == word;
}

}  // namespace

std::string Fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = DecodeUtf8(text, pos);
        if (cp == kInvalidCodePoint || cp == 0x093C || cp == 0x200C || cp == 0x200D) {
            continue;
        }
        if (cp >= 'A' && cp <= 'Z') {
            out.push_back(static_cast<char>(cp - 'A' + 'a'));
        } else if (cp >= 0x0958 && cp <= 0x095F) {
            sitegen::AppendUtf8(out, kNuktaBase[cp - 0x0958]);
        } else if (cp == 0x0901) {
            sitegen::AppendUtf8(out, 0x0902);
        } else if (cp == 0x0949) {
            sitegen::AppendUtf8(out, 0x093E);
        } else if (cp == 0x0911) {
            sitegen::AppendUtf8(out, 0x0906);
        } else {
            out.append(text.substr(start, pos - start));
        }
    }
    return out;
}

std::vector<Token> Tokenize(std::string_view text, std::size_t max_tokens) {
    std::vector<Token> tokens;
    bool clause_break = false;
    bool gap_space = false;
    bool gap_hyphen = false;
    std::size_t word_begin = std::string_view::npos;
    std::size_t pos = 0;

    const auto finish_word = [&](std::size_t end) {
        Token token;
        token.begin = word_begin;
        token.end = end;
        token.text = Fold(text.substr(word_begin, end - word_begin));
        token.clause_start = tokens.empty() || clause_break || (gap_hyphen && gap_space);
        token.capitalised = text[word_begin] >= 'A' && text[word_begin] <= 'Z';
        token.numeric = text[word_begin] >= '0' && text[word_begin] <= '9';
        tokens.push_back(std::move(token));
        word_begin = std::string_view::npos;
        clause_break = gap_space = gap_hyphen = false;
    };

    while (pos < text.size() && tokens.size() < max_tokens) {
        const std::size_t start = pos;
        const char32_t cp = DecodeUtf8(text, pos);
        const bool in_word = word_begin != std::string_view::npos;
        if (IsWordCodePoint(cp)) {
            if (!in_word) {
                word_begin = start;
            }
            continue;
        }
        // An apostrophe between letters stays in the word: "Sharma's".
        if ((cp == '\'' || cp == 0x2019) && in_word && pos < text.size()) {
            std::size_t next = pos;
            if (IsWordCodePoint(DecodeUtf8(text, next))) {
                continue;
            }
        }
        if (in_word) {
            finish_word(start);
        }
        if (cp == '.') {
            const bool ends_clause = pos >= text.size() || text[pos] == ' ' || text[pos] == '\n';
            if (ends_clause && (tokens.empty() || !IsAbbreviation(tokens.back().text))) {
                clause_break = true;
            }
        } else if (cp == '-') {
            gap_hyphen = true;
        } else if (cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x00A0) {
            gap_space = true;
        } else if (IsClauseBreak(cp)) {
            clause_break = true;
        }
    }
    if (word_begin != std::string_view::npos && tokens.size() < max_tokens) {
        finish_word(text.size());
    }
    return tokens;
}

bool MatchesAt(const std::vector<Token>& tokens, std::size_t index, std::string_view pattern, std::size_t* length) {
    // Fast rejection: nearly every call fails on the first byte.
    if (index >= tokens.size()) {
        return false;
    }
    const std::string_view first = tokens[index].text;
    for (std::size_t i = 0; i < 3 && i < pattern.size(); ++i) {
        if (pattern[i] == '*' || pattern[i] == ' ') {
            break;
        }
        if (i >= first.size() || first[i] != pattern[i]) {
            return false;
        }
    }
    std::size_t count = 0;
    while (!pattern.empty()) {
        const std::size_t space = pattern.find(' ');
        const std::string_view word = pattern.substr(0, space);
        const std::size_t at = index + count;
        if (at >= tokens.size() || (count > 0 && tokens[at].clause_start) || !WordMatches(tokens[at].text, word)) {
            return false;
        }
        ++count;
        if (space == std::string_view::npos) {
            break;
        }
        pattern.remove_prefix(space + 1);
    }
    if (length != nullptr) {
        *length = count;
    }
    return count > 0;
}

TokenIndex::TokenIndex(std::vector<Token> tokens) : tokens_(std::move(tokens)) {
    // Counting sort of token indices by bucket; the order within a bucket stays the text order.
    std::array<std::uint16_t, kBuckets> counts{};
    std::vector<std::uint16_t> bucket_of(tokens_.size());
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        const std::string_view text = tokens_[i].text;
        bucket_of[i] = static_cast<std::uint16_t>(Bucket(text.substr(0, kKeyBytes)));
        ++counts[bucket_of[i]];
    }
    for (std::size_t b = 0; b < kBuckets; ++b) {
        starts_[b + 1] = static_cast<std::uint16_t>(starts_[b] + counts[b]);
    }
    positions_.resize(tokens_.size());
    std::array<std::uint16_t, kBuckets> next{};
    std::copy(starts_.begin(), starts_.end() - 1, next.begin());
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        positions_[next[bucket_of[i]]++] = static_cast<std::uint16_t>(i);
    }
}

std::size_t TokenIndex::Find(std::string_view pattern) const {
    std::size_t found = std::string_view::npos;
    ForEachMatch(pattern, [&](std::size_t index, std::size_t) {
        found = index;
        return false;
    });
    return found;
}

std::size_t TokenIndex::Bucket(std::string_view key) {
    std::size_t hash = key.size();
    for (char c : key) {
        hash = hash * 131 + static_cast<unsigned char>(c);
    }
    return hash % kBuckets;
}

TokenIndex::Range TokenIndex::Candidates(std::string_view pattern) const {
    std::string_view word = pattern.substr(0, pattern.find(' '));
    const bool prefix = word.ends_with('*');
    if (prefix) {
        word.remove_suffix(1);
    }
    // A token lands in the bucket of its first kKeyBytes bytes; a pattern word can name that
    // bucket if it is exact or has at least kKeyBytes literal bytes.
    if (prefix && word.size() < kKeyBytes) {
        return {true, 0, tokens_.size()};
    }
    const std::size_t bucket = Bucket(word.substr(0, kKeyBytes));
    return {false, starts_[bucket], starts_[bucket + 1]};
}

bool TokenMatchesAny(std::string_view token, std::string_view patterns) {
    bool found = false;
    ForEachAlternative(patterns, [&](std::string_view word) { found = found || WordMatches(token, word); });
    return found;
}

}  // namespace webdpro::ai::detail
