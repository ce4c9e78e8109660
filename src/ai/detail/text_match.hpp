#pragma once

// Private to src/ai: folding and tokenising descriptions for keyword matching.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace webdpro::ai::detail {

/// Text folded for matching: ASCII lower case; Devanagari nukta letters (ज़ क़ ड़ …) and the
/// combining nukta folded to the base letter; chandrabindu to anusvara (ँ→ं); candra O to AA
/// (ॉ→ा, ऑ→आ); zero-width joiners dropped. "सब्ज़ियाँ" and "सब्जियां" fold alike.
std::string Fold(std::string_view text);

/// One word of a description.
struct Token {
    std::string text;       ///< folded
    std::size_t begin = 0;  ///< byte span in the original text
    std::size_t end = 0;
    bool clause_start = false;  ///< a clause break (, ; : | ( ) । ! ? " - " ". ") precedes it
    bool capitalised = false;   ///< original starts with an ASCII capital letter
    bool numeric = false;       ///< starts with a digit
};

/// Words of `text`: runs of letters, digits and Devanagari signs; an apostrophe between letters
/// stays inside the word. At most `max_tokens` tokens.
std::vector<Token> Tokenize(std::string_view text, std::size_t max_tokens);

/// Whether `pattern` matches the tokens starting at `index`. A pattern is one or more words
/// separated by single spaces; a word ending in '*' matches any token starting with the rest.
/// Multi-word patterns do not match across a clause break. On a match, `*length` is the number
/// of tokens matched.
bool MatchesAt(const std::vector<Token>& tokens, std::size_t index, std::string_view pattern,
               std::size_t* length = nullptr);

/// Tokens plus a lookup from a word's first bytes to the positions of such words, so that
/// matching hundreds of patterns costs a few probes each instead of a scan of the text.
class TokenIndex final {
public:
    explicit TokenIndex(std::vector<Token> tokens);

    const std::vector<Token>& Tokens() const { return tokens_; }

    /// Calls `visit(index, length)` for each position where `pattern` matches (see MatchesAt),
    /// in text order, until `visit` returns false.
    template <class Visit>
    void ForEachMatch(std::string_view pattern, Visit visit) const {
        const Range range = Candidates(pattern);
        for (std::size_t k = range.first; k < range.last; ++k) {
            const std::size_t index = range.scan_all ? k : positions_[k];
            std::size_t length = 0;
            if (MatchesAt(tokens_, index, pattern, &length) && !visit(index, length)) {
                return;
            }
        }
    }

    /// The first position where `pattern` matches, or std::string_view::npos.
    std::size_t Find(std::string_view pattern) const;

private:
    static constexpr std::size_t kBuckets = 256;
    static constexpr std::size_t kKeyBytes = 3;

    /// Positions to try for a pattern: a slice of positions_, or every token.
    struct Range {
        bool scan_all;
        std::size_t first;
        std::size_t last;
    };

    static std::size_t Bucket(std::string_view key);
    Range Candidates(std::string_view pattern) const;

    std::vector<Token> tokens_;
    std::vector<std::uint16_t> positions_;              ///< token indices grouped by bucket, in text order
    std::array<std::uint16_t, kBuckets + 1> starts_{};  ///< bucket b is positions_[starts_[b], starts_[b + 1])
};

/// Whether `token` alone matches any of the '|'-separated single-word patterns in `patterns`.
bool TokenMatchesAny(std::string_view token, std::string_view patterns);

/// Calls `visit(word)` for each '|'-separated entry of `patterns`.
template <class Visit>
void ForEachAlternative(std::string_view patterns, Visit visit) {
    while (!patterns.empty()) {
        const std::size_t bar = patterns.find('|');
        visit(patterns.substr(0, bar));
        if (bar == std::string_view::npos) {
            break;
        }
        patterns.remove_prefix(bar + 1);
    }
}

}  // namespace webdpro::ai::detail
