#include "sitegen/text.hpp"

#include <algorithm>

namespace webdpro::sitegen {
namespace {

bool IsAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Shared body of CleanLine and CleanProse.
std::string Clean(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    int pending_newlines = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = DecodeUtf8(text, pos);
        if (cp == kInvalidCodePoint) {
            continue;
        }
        if (keep_newlines && cp == '\n') {
            pending_space = false;
            ++pending_newlines;
            continue;
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x00A0) {
            pending_space = true;
            continue;
        }
        if (IsControl(cp) || cp == 0xFEFF) {
            continue;
        }
        if (!out.empty()) {
            if (pending_newlines > 0) {
                out.append(pending_newlines > 1 ? "\n\n" : "\n");
            } else if (pending_space) {
                out.push_back(' ');
            }
        }
        pending_space = false;
        pending_newlines = 0;
        out.append(text.substr(start, pos - start));
    }
    return out;
}

}  // namespace

char32_t DecodeUtf8(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    int extra = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        cp = lead & 0x1F;
        min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        cp = lead & 0x0F;
        min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        cp = lead & 0x07;
        min = 0x10000;
    } else {
        ++pos;
        return kInvalidCodePoint;
    }
    if (pos + extra >= text.size()) {
        ++pos;
        return kInvalidCodePoint;
    }
    for (int i = 1; i <= extra; ++i) {
        const unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return kInvalidCodePoint;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return kInvalidCodePoint;
    }
    pos += extra + 1;
    return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::optional<std::size_t> Utf8Length(std::string_view text) {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (DecodeUtf8(text, pos) == kInvalidCodePoint) {
            return std::nullopt;
        }
        ++count;
    }
    return count;
}

bool IsControl(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool IsDevanagari(char32_t cp) {
    return (cp >= 0x0900 && cp <= 0x097F) || (cp >= 0xA8E0 && cp <= 0xA8FF);
}

std::string_view TrimSpace(std::string_view text) {
    while (!text.empty() && IsAsciiSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && IsAsciiSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string CleanLine(std::string_view text) {
    return Clean(text, false);
}

std::string CleanProse(std::string_view text) {
    return Clean(text, true);
}

std::string FitChars(std::string_view text, std::size_t max_chars, std::string_view ellipsis) {
    // Byte offset after each of the first max_chars + 1 code points.
    std::size_t pos = 0;
    std::size_t count = 0;
    std::size_t cut = 0;
    const std::size_t ellipsis_chars = Utf8Length(ellipsis).value_or(0);
    const std::size_t keep = max_chars > ellipsis_chars ? max_chars - ellipsis_chars : 0;
    while (pos < text.size() && count <= max_chars) {
        DecodeUtf8(text, pos);
        ++count;
        if (count == keep) {
            cut = pos;
        }
    }
    if (count <= max_chars) {
        return std::string(text);
    }
    std::string_view head = text.substr(0, cut);
    const std::size_t space = head.rfind(' ');
    if (space != std::string_view::npos && space >= head.size() / 3) {
        head = head.substr(0, space);
    }
    head = TrimSpace(head);
    while (!head.empty() && (head.back() == ',' || head.back() == ';' || head.back() == ':' || head.back() == '-')) {
        head.remove_suffix(1);
    }
    std::string out(TrimSpace(head));
    out.append(ellipsis);
    return out;
}

std::string Slugify(std::string_view text, std::size_t max_chars) {
    std::string out;
    bool dash = false;
    for (char c : text) {
        if (IsAsciiAlnum(c)) {
            if (dash && !out.empty()) {
                out.push_back('-');
            }
            dash = false;
            out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        } else {
            dash = true;
        }
        if (out.size() >= max_chars) {
            break;
        }
    }
    out.resize(std::min(out.size(), max_chars));
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out;
}

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace webdpro::sitegen
