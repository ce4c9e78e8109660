#include "stores/slug.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "sitegen/text.hpp"

namespace webdpro::stores {
namespace {

/// Latin spelling of the consonants U+0915..U+0939, in code point order.
constexpr std::array<std::string_view, 0x39 - 0x15 + 1> kConsonants = {
    "k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n",  "t",  "th", "d", "dh",
    "n", "n",  "p", "ph", "b", "bh", "m",   "y", "r",  "r", "l", "l",  "l", "v",  "sh", "sh", "s",  "h",
};

/// Independent vowels U+0904..U+0914.
constexpr std::array<std::string_view, 0x14 - 0x04 + 1> kVowels = {
    "a", "a", "a", "i", "i", "u", "u", "ri", "li", "e", "e", "e", "ai", "o", "o", "o", "au",
};

/// Vowel signs (matras) U+093E..U+094C.
constexpr std::array<std::string_view, 0x4C - 0x3E + 1> kMatras = {
    "a", "i", "i", "u", "u", "ri", "ri", "e", "e", "e", "ai", "o", "o", "o", "au",
};

/// Precomposed nukta letters U+0958..U+095F.
constexpr std::array<std::string_view, 8> kNuktaLetters = {"q", "kh", "g", "z", "r", "rh", "f", "y"};

constexpr char32_t kVirama = 0x094D;
constexpr char32_t kNukta = 0x093C;
constexpr char32_t kAnusvara = 0x0902;
constexpr char32_t kChandrabindu = 0x0901;
constexpr char32_t kVisarga = 0x0903;
constexpr char32_t kAvagraha = 0x093D;
constexpr char32_t kOm = 0x0950;

bool IsConsonant(char32_t cp) {
    return (cp >= 0x0915 && cp <= 0x0939) || (cp >= 0x0958 && cp <= 0x095F);
}

std::string_view ConsonantSound(char32_t cp) {
    if (cp >= 0x0958) {
        return kNuktaLetters[cp - 0x0958];
    }
    return kConsonants[cp - 0x0915];
}

/// The sound a consonant takes with a combining nukta (क + ़ = क़), or nullopt when unchanged.
std::optional<std::string_view> WithNukta(char32_t consonant) {
    switch (consonant) {
        case 0x0915:
            return "q";
        case 0x091C:
            return "z";
        case 0x092B:
            return "f";
        case 0x0921:
            return "r";
        case 0x0922:
            return "rh";
        default:
            return std::nullopt;
    }
}

/// Labials after which an anusvara sounds like 'm' ("चंपा" → "champa").
bool IsLabial(char32_t cp) {
    return cp >= 0x092A && cp <= 0x092E;
}

/// Walks Devanagari syllables and writes their Latin spelling.
class Transliterator {
public:
    void Consonant(char32_t cp) {
        FlushInherentVowel();
        if (anusvara_pos_ && IsLabial(cp)) {
            out_[*anusvara_pos_] = 'm';
        }
        anusvara_pos_.reset();
        last_consonant_ = cp;
        last_consonant_pos_ = out_.size();
        out_ += ConsonantSound(cp);
        pending_a_ = true;
        ++syllables_;
    }
    void Nukta() {
        if (!last_consonant_) {
            return;
        }
        if (auto sound = WithNukta(*last_consonant_)) {
            out_.resize(last_consonant_pos_);
            out_ += *sound;
        }
        last_consonant_.reset();
    }
    void Matra(char32_t cp) {
        pending_a_ = false;
        out_ += kMatras[cp - 0x093E];
    }
    void Virama() { pending_a_ = false; }
    void Nasal() {
        FlushInherentVowel();
        anusvara_pos_ = out_.size();
        out_ += 'n';
    }
    void Visarga() {
        FlushInherentVowel();
        out_ += 'h';
    }
    void Vowel(char32_t cp) {
        FlushInherentVowel();
        anusvara_pos_.reset();
        out_ += kVowels[cp - 0x0904];
        ++syllables_;
    }
    void Literal(std::string_view text) {
        EndWord();
        out_ += text;
    }
    void EndWord() {
        // Hindi drops the final inherent vowel ("कमल" is "kamal"), except in one-letter words.
        if (pending_a_ && syllables_ == 1) {
            out_ += 'a';
        }
        pending_a_ = false;
        syllables_ = 0;
        last_consonant_.reset();
        anusvara_pos_.reset();
    }
    std::string Take() {
        EndWord();
        return std::move(out_);
    }

private:
    void FlushInherentVowel() {
        if (pending_a_) {
            out_ += 'a';
            pending_a_ = false;
        }
        last_consonant_.reset();
    }

    std::string out_;
    bool pending_a_ = false;
    int syllables_ = 0;
    std::optional<char32_t> last_consonant_;
    std::size_t last_consonant_pos_ = 0;
    std::optional<std::size_t> anusvara_pos_;
};

constexpr std::array<std::string_view, 62> kReserved = {
    "www",     "api",       "app",     "admin",   "s",        "static",   "assets",  "login",     "logout",
    "auth",    "help",      "support", "mail",    "email",    "cdn",      "status",  "docs",      "blog",
    "webdpro", "dashboard", "store",   "stores",  "shop",     "m",        "ftp",     "smtp",      "imap",
    "pop",     "root",      "system",  "preview", "test",     "dev",      "staging", "signup",    "register",
    "account", "accounts",  "billing", "pay",     "payments", "checkout", "cart",    "media",     "img",
    "images",  "js",        "css",     "public",  "owner",    "agent",    "agents",  "rider",     "metrics",
    "healthz", "readyz",    "about",   "terms",   "privacy",  "security", "ns1",     "localhost",
};

bool IsSlugChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// Cuts `slug` to `max_chars`, at the last '-' when that keeps at least half, and strips any
/// trailing '-'.
std::string CutSlug(std::string slug, std::size_t max_chars) {
    if (slug.size() > max_chars) {
        const auto dash = slug.rfind('-', max_chars);
        slug.resize(dash != std::string::npos && dash >= max_chars / 2 ? dash : max_chars);
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    return slug;
}

}  // namespace

std::string TransliterateDevanagari(std::string_view text) {
    Transliterator t;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = sitegen::DecodeUtf8(text, pos);
        if (IsConsonant(cp)) {
            t.Consonant(cp);
        } else if (cp == kNukta) {
            t.Nukta();
        } else if (cp >= 0x093E && cp <= 0x094C) {
            t.Matra(cp);
        } else if (cp == kVirama) {
            t.Virama();
        } else if (cp == kAnusvara || cp == kChandrabindu) {
            t.Nasal();
        } else if (cp == kVisarga) {
            t.Visarga();
        } else if (cp >= 0x0904 && cp <= 0x0914) {
            t.Vowel(cp);
        } else if (cp == kAvagraha || cp == 0x200C || cp == 0x200D) {
            // Silent marks and zero-width (non-)joiners: nothing to spell.
        } else if (cp == kOm) {
            t.Literal("om");
        } else if (cp >= 0x0966 && cp <= 0x096F) {
            t.Literal(std::string(1, static_cast<char>('0' + (cp - 0x0966))));
        } else if (cp == 0x0964 || cp == 0x0965) {
            t.Literal(" ");  // danda: the end of a sentence
        } else {
            t.Literal(text.substr(start, pos - start));
        }
    }
    return t.Take();
}

bool IsReservedSlug(std::string_view slug) {
    return std::find(kReserved.begin(), kReserved.end(), slug) != kReserved.end();
}

bool IsWellFormedSlug(std::string_view slug) {
    if (slug.size() < kMinSlugChars || slug.size() > kMaxSlugChars || !IsSlugChar(slug.front()) || slug.back() == '-') {
        return false;
    }
    return std::all_of(slug.begin(), slug.end(), [](char c) { return IsSlugChar(c) || c == '-'; });
}

std::string BaseSlug(std::string_view business_name, std::string_view fallback) {
    const std::string latin = TransliterateDevanagari(business_name);
    std::string slug;
    bool separator = false;
    std::size_t pos = 0;
    while (pos < latin.size()) {
        const char32_t cp = sitegen::DecodeUtf8(latin, pos);
        if (cp == U'\'' || cp == U'\u2019' || cp == U'`') {
            continue;  // "Sharma's" is one word
        }
        if (cp < 0x80 && IsSlugChar(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp))) {
            if (separator && !slug.empty()) {
                slug += '-';
            }
            separator = false;
            slug += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else {
            separator = true;
        }
    }
    slug = CutSlug(std::move(slug), kMaxSlugChars);
    if (slug.size() < kMinSlugChars) {
        return std::string(fallback);
    }
    if (IsReservedSlug(slug)) {
        return "my-" + slug;
    }
    return slug;
}

std::string WithSuffix(std::string_view base, int n) {
    if (n <= 1) {
        return std::string(base);
    }
    const std::string suffix = "-" + std::to_string(n);
    return CutSlug(std::string(base), kMaxSlugChars - suffix.size()) + suffix;
}

}  // namespace webdpro::stores
