#include "storefront/detail/encode.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sitegen/text.hpp"

namespace webdpro::storefront::detail {
namespace {

bool IsUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

bool IsCombiningMark(char32_t cp) {
    // Devanagari signs that attach to the preceding letter, plus the general combining block.
    // The virama (U+094D) is left out: it starts a conjunct, and "ब्" alone reads as a broken letter.
    return (cp >= 0x0900 && cp <= 0x0903) || (cp >= 0x093A && cp <= 0x094F && cp != 0x093D && cp != 0x094D) ||
           (cp >= 0x0951 && cp <= 0x0957) || cp == 0x0962 || cp == 0x0963 || (cp >= 0x0300 && cp <= 0x036F) ||
           cp == 0x200D;
}

/// Latin for a Devanagari consonant (U+0915–U+0939), "" when `cp` is not one.
std::string_view Consonant(char32_t cp) {
    static constexpr std::array<std::string_view, 0x39 - 0x15 + 1> kConsonants = {
        "k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n",  "t",  "th", "d", "dh",
        "n", "n",  "p", "ph", "b", "bh", "m",   "y", "r",  "r", "l", "l",  "l", "v",  "sh", "sh", "s",  "h"};
    if (cp < 0x0915 || cp > 0x0939) {
        return {};
    }
    return kConsonants[cp - 0x0915];
}

/// Latin for an independent vowel (U+0904–U+0914) or a vowel sign (U+093E–U+094C), or "".
std::string_view Vowel(char32_t cp) {
    switch (cp) {
        case 0x0905:
            return "a";
        case 0x0906:
        case 0x093E:
            return "a";
        case 0x0907:
        case 0x093F:
        case 0x0908:
        case 0x0940:
            return "i";
        case 0x0909:
        case 0x0941:
        case 0x090A:
        case 0x0942:
            return "u";
        case 0x090B:
        case 0x0943:
            return "ri";
        case 0x090F:
        case 0x0947:
            return "e";
        case 0x0910:
        case 0x0948:
            return "ai";
        case 0x0911:
        case 0x0949:
        case 0x0913:
        case 0x094B:
            return "o";
        case 0x0914:
        case 0x094C:
            return "au";
        default:
            return {};
    }
}

}  // namespace

std::string TransliterateDevanagari(std::string_view text) {
    constexpr char32_t kNukta = 0x093C;
    constexpr char32_t kVirama = 0x094D;
    std::string out;
    out.reserve(text.size());
    bool pending_a = false;  // a consonant's inherent vowel, written unless a sign or word end drops it
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = sitegen::DecodeUtf8(text, pos);
        if (std::string_view latin = Consonant(cp); !latin.empty()) {
            if (pending_a) {
                out += 'a';
            }
            // Nukta forms: क़ q, ख़ kh, ग़ g, ज़ z, ड़ r, ढ़ rh, फ़ f.
            std::size_t next = pos;
            if (next < text.size() && sitegen::DecodeUtf8(text, next) == kNukta) {
                pos = next;
                latin = cp == 0x0915   ? "q"
                        : cp == 0x091C ? "z"
                        : cp == 0x092B ? "f"
                        : cp == 0x0921 ? "r"
                        : cp == 0x0922 ? "rh"
                                       : latin;
            }
            out += latin;
            pending_a = true;
            continue;
        }
        if (std::string_view vowel = Vowel(cp); !vowel.empty()) {
            const bool sign = cp >= 0x093E;
            if (pending_a && !sign) {
                out += 'a';
            }
            out += vowel;
            pending_a = false;
            continue;
        }
        if (cp == kVirama || cp == kNukta) {
            pending_a = false;
            continue;
        }
        if (cp == 0x0901 || cp == 0x0902) {  // chandrabindu, anusvara
            if (pending_a) {
                out += 'a';
            }
            out += 'n';
            pending_a = false;
            continue;
        }
        if (cp >= 0x0966 && cp <= 0x096F) {  // Devanagari digits
            out += static_cast<char>('0' + (cp - 0x0966));
            pending_a = false;
            continue;
        }
        pending_a = false;  // word end: the inherent vowel is silent ("टमाटर" → "tamatar")
        if (cp >= 0x0900 && cp <= 0x097F) {
            continue;  // other signs (visarga, danda, …) carry nothing a slug needs
        }
        if (cp != sitegen::kInvalidCodePoint) {
            sitegen::AppendUtf8(out, cp);
        }
    }
    return out;
}

std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (IsUnreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4U];
            out += kHex[c & 0x0FU];
        }
    }
    return out;
}

std::string JsonForScript(const nlohmann::json& json) {
    const std::string raw = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(raw.size() + 16);
    for (char c : raw) {
        // Only ever inside JSON strings (structural JSON has none of these), where \u escapes are
        // equivalent, so the data is unchanged for a JSON parser and inert for the HTML parser.
        switch (c) {
            case '<':
                out += "\\u003c";
                break;
            case '>':
                out += "\\u003e";
                break;
            case '&':
                out += "\\u0026";
                break;
            default:
                out += c;
        }
    }
    return out;
}

bool IsHexColor(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') {
        return false;
    }
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

std::string SafeImageUrl(std::string_view url) {
    constexpr std::size_t kMaxUrl = 2048;
    if (url.empty() || url.size() > kMaxUrl) {
        return {};
    }
    constexpr std::string_view kHttps = "https://";
    if (url.starts_with(kHttps)) {
        if (url.size() == kHttps.size()) {
            return {};
        }
        for (char ch : url) {
            const auto c = static_cast<unsigned char>(ch);
            if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`') {
                return {};
            }
        }
        return std::string(url);
    }
    if (url.front() == '/' || url.find("..") != std::string_view::npos) {
        return {};
    }
    for (char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(IsUnreserved(c) || c == '/')) {
            return {};
        }
    }
    return std::string(url);
}

std::string FirstGrapheme(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size() && text[pos] == ' ') {
        ++pos;
    }
    if (pos >= text.size()) {
        return {};
    }
    const char32_t first = sitegen::DecodeUtf8(text, pos);
    if (first == sitegen::kInvalidCodePoint || sitegen::IsControl(first)) {
        return {};
    }
    std::string out;
    if (first < 0x80) {
        const auto c = static_cast<char>(first);
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        return out;
    }
    sitegen::AppendUtf8(out, first);
    while (pos < text.size()) {
        std::size_t next = pos;
        const char32_t cp = sitegen::DecodeUtf8(text, next);
        if (cp == sitegen::kInvalidCodePoint || !IsCombiningMark(cp)) {
            break;
        }
        sitegen::AppendUtf8(out, cp);
        pos = next;
    }
    return out;
}

}  // namespace webdpro::storefront::detail
