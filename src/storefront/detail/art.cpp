#include "storefront/detail/art.hpp"

#include <array>
#include <cstdio>

#include "sitegen/text.hpp"
#include "storefront/detail/encode.hpp"

namespace webdpro::storefront::detail {
namespace {

// Motifs, drawn on a 24×24 grid for stroke-only rendering.
constexpr Motif kBasket{"basket",
                        "M3 10h18l-2.2 9.2a1 1 0 0 1-1 .8H6.2a1 1 0 0 1-1-.8zM8 10l3-6m5 6-3-6M9 14v3m3-3v3m3-3v3"};
constexpr Motif kLeaf{"leaf", "M5 19C5 10 11 5 20 4c0 9-5 15-13 15zm0 0 8-8"};
constexpr Motif kApple{
    "apple", "M12 7C9 5 4 6 4 12c0 4 3 8 5 8 1 0 2-.6 3-.6s2 .6 3 .6c2 0 5-4 5-8 0-6-5-7-8-5zm0 0c0-2 1-4 3-4"};
constexpr Motif kSack{"sack", "M8 3h8l-1.5 3c3 2 5.5 6 5.5 10a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5c0-4 2.5-8 5.5-10zm1.5 3h5"};
constexpr Motif kJar{"jar", "M8 3h8v3H8zM7 6h10v15H7zm-1 5h12M6 16h12"};
constexpr Motif kBottle{"bottle", "M9 2h6v3l2 4v12a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V9l2-4zm-2 11h10"};
constexpr Motif kBowl{"bowl", "M3 11h18a9 9 0 0 1-18 0zM8 3c-1 2 1 3 0 5m4-5c-1 2 1 3 0 5m4-5c-1 2 1 3 0 5"};
constexpr Motif kCup{"cup", "M4 8h13v6a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5zm13 2h2a2 2 0 0 1 0 4h-2M8 2v3m4-3v3"};
constexpr Motif kCake{"cake",
                      "M4 21h16v-8H4zm0-5c2.7 2 5.3-2 8 0s5.3-2 8 0m-8-3V9m0-4.5c-1 1.2-1 2.5 0 3 1-.5 1-1.8 0-3z"};
constexpr Motif kBread{"bread", "M5 10a4 4 0 0 1 1-7h12a4 4 0 0 1 1 7v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1z"};
constexpr Motif kCross{"cross", "M9 3h6v6h6v6h-6v6H9v-6H3V9h6z"};
constexpr Motif kPill{"pill", "M10.5 20.5a5 5 0 0 1-7-7l7-7a5 5 0 0 1 7 7zM7 10l7 7"};
constexpr Motif kShirt{"shirt", "M8 3 3 6l2 5 3-1v11h8V10l3 1 2-5-5-3c-1 2-2.5 2.5-4 2.5S9 5 8 3z"};
constexpr Motif kDress{"dress", "M9 2h6l-1 5 5 14H5l5-14zm.5 5h5"};
constexpr Motif kPhone{"phone", "M7 2h10v20H7zm4 16h2"};
constexpr Motif kBulb{"bulb",
                      "M9 18h6m-5 3h4M12 3a6 6 0 0 0-4 10.5c.8.8 1 1.5 1 2.5h6c0-1 .2-1.7 1-2.5A6 6 0 0 0 12 3z"};
constexpr Motif kHeadphones{"headphones", "M4 14v-2a8 8 0 0 1 16 0v2M4 14h3v6H4zm13 0h3v6h-3z"};
constexpr Motif kScissors{
    "scissors", "M9 6a3 3 0 1 1-6 0 3 3 0 0 1 6 0zm0 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0zM8.1 7.9 20 19M8.1 16.1 20 5"};
constexpr Motif kSparkle{"sparkle", "m12 3 2 7 7 2-7 2-2 7-2-7-7-2 7-2zm7-1v4m-2-2h4"};
constexpr Motif kWrench{"wrench", "M15 3a5 5 0 0 0-4.6 6.9L3 17.3 6.7 21l7.4-7.4A5 5 0 0 0 21 9l-3 3-3-1-1-3z"};
constexpr Motif kRoller{"roller", "M4 3h14v5H4zm14 2h2v6h-8v3m-2 0h4v7h-4z"};
constexpr Motif kPencil{"pencil", "m4 20 1-5L16 4l4 4L9 19zm10-14 4 4"};
constexpr Motif kBook{"book", "M4 4h6a3 3 0 0 1 2 1 3 3 0 0 1 2-1h6v15h-6a2 2 0 0 0-2 1 2 2 0 0 0-2-1H4zm8 1v15"};
constexpr Motif kDiamond{"diamond", "M7 3h10l4 6-9 12L3 9zM3 9h18M9.5 3 8 9l4 12 4-12-1.5-6"};
constexpr Motif kSpool{"spool", "M6 3h12M6 21h12M8 3v18m8-18v18M8 8l8 3m-8 1 8 3m-8 1 8 2"};
constexpr Motif kBag{"bag", "M5 8h14l-1 13H6zm4 0V6a3 3 0 0 1 6 0v2"};
constexpr Motif kPacket{"packet", "M6 3h12l-1 3 1 3v9l-1 3H7l-1-3V9l1-3zm3 9h6"};
constexpr Motif kDrop{"drop", "M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z"};

struct Keyword {
    std::string_view word;  // lower-case ASCII or Devanagari
    const Motif* motif;
};

// First match wins, so specific words come before general ones.
constexpr Keyword kKeywords[] = {
    {"earphone", &kHeadphones},
    {"headphone", &kHeadphones},
    {"speaker", &kHeadphones},
    {"earbud", &kHeadphones},
    {"charger", &kBulb},
    {"cable", &kBulb},
    {"bulb", &kBulb},
    {"led", &kBulb},
    {"wire", &kBulb},
    {"switch", &kBulb},
    {"बल्ब", &kBulb},
    {"mobile", &kPhone},
    {"phone", &kPhone},
    {"screen", &kPhone},
    {"battery", &kPhone},
    {"मोबाइल", &kPhone},
    {"फ़ोन", &kPhone},
    {"paint", &kRoller},
    {"पेंट", &kRoller},
    {"tap", &kWrench},
    {"pipe", &kWrench},
    {"tool", &kWrench},
    {"repair", &kWrench},
    {"cement", &kSack},
    {"पाइप", &kWrench},
    {"cake", &kCake},
    {"pastr", &kCake},
    {"mithai", &kCake},
    {"sweet", &kCake},
    {"केक", &kCake},
    {"मिठाई", &kCake},
    {"bread", &kBread},
    {"rusk", &kBread},
    {"bun", &kBread},
    {"biscuit", &kBread},
    {"cookie", &kBread},
    {"nankhatai", &kBread},
    {"ब्रेड", &kBread},
    {"बिस्कुट", &kBread},
    {"रस्क", &kBread},
    {"milk", &kBottle},
    {"doodh", &kBottle},
    {"lassi", &kBottle},
    {"juice", &kBottle},
    {"drink", &kBottle},
    {"दूध", &kBottle},
    {"लस्सी", &kBottle},
    {"tea", &kCup},
    {"chai", &kCup},
    {"coffee", &kCup},
    {"चाय", &kCup},
    {"ghee", &kJar},
    {"butter", &kJar},
    {"curd", &kJar},
    {"dahi", &kJar},
    {"paneer", &kPacket},
    {"घी", &kJar},
    {"दही", &kJar},
    {"पनीर", &kPacket},
    {"oil", &kDrop},
    {"तेल", &kDrop},
    {"masala", &kJar},
    {"spice", &kJar},
    {"pickle", &kJar},
    {"achar", &kJar},
    {"मसाले", &kJar},
    {"मसाला", &kJar},
    {"atta", &kSack},
    {"rice", &kSack},
    {"dal", &kSack},
    {"flour", &kSack},
    {"sugar", &kSack},
    {"staple", &kSack},
    {"grain", &kSack},
    {"आटा", &kSack},
    {"चावल", &kSack},
    {"दाल", &kSack},
    {"चीनी", &kSack},
    {"fruit", &kApple},
    {"apple", &kApple},
    {"banana", &kApple},
    {"mango", &kApple},
    {"फल", &kApple},
    {"vegetable", &kLeaf},
    {"sabzi", &kLeaf},
    {"tomato", &kApple},
    {"onion", &kLeaf},
    {"potato", &kLeaf},
    {"organic", &kLeaf},
    {"सब्ज़ी", &kLeaf},
    {"सब्जी", &kLeaf},
    {"snack", &kPacket},
    {"namkeen", &kPacket},
    {"chips", &kPacket},
    {"नमकीन", &kPacket},
    {"thali", &kBowl},
    {"curry", &kBowl},
    {"biryani", &kBowl},
    {"थाली", &kBowl},
    {"medicine", &kPill},
    {"tablet", &kPill},
    {"syrup", &kBottle},
    {"दवा", &kPill},
    {"consult", &kCross},
    {"test", &kCross},
    {"जाँच", &kCross},
    {"saree", &kDress},
    {"kurti", &kDress},
    {"lehenga", &kDress},
    {"suit", &kDress},
    {"blouse", &kSpool},
    {"साड़ी", &kDress},
    {"shirt", &kShirt},
    {"kurta", &kShirt},
    {"stitch", &kSpool},
    {"alteration", &kScissors},
    {"सिलाई", &kSpool},
    {"hair", &kScissors},
    {"facial", &kSparkle},
    {"makeup", &kSparkle},
    {"wax", &kSparkle},
    {"spa", &kSparkle},
    {"बाल", &kScissors},
    {"फ़ेशियल", &kSparkle},
    {"gold", &kDiamond},
    {"silver", &kDiamond},
    {"ring", &kDiamond},
    {"necklace", &kDiamond},
    {"सोना", &kDiamond},
    {"चाँदी", &kDiamond},
    {"notebook", &kBook},
    {"book", &kBook},
    {"copy", &kBook},
    {"register", &kBook},
    {"कॉपी", &kBook},
    {"किताब", &kBook},
    {"pen", &kPencil},
    {"pencil", &kPencil},
    {"पेन", &kPencil},
    {"gift", &kBag},
    {"first aid", &kCross},
    {"device", &kBulb},
    {"soap", &kDrop},
    {"detergent", &kPacket},
    {"household", &kBag},
    {"personal", &kSparkle},
    {"coin", &kDiamond},
    {"सब्ज़", &kLeaf},
    {"सब्ज", &kLeaf},
    {"टमाटर", &kApple},
    {"प्याज", &kLeaf},
    {"आलू", &kLeaf},
    {"धनिया", &kLeaf},
    {"साबुन", &kDrop},
    {"घरेलू", &kBag},
    {"नमक", &kJar},
    {"चाय", &kCup},
    {"केला", &kApple},
    {"सेब", &kApple},
};

const Motif& ForSector(sitegen::Sector sector) {
    using sitegen::Sector;
    switch (sector) {
        case Sector::kGrocery:
            return kBasket;
        case Sector::kRestaurant:
            return kBowl;
        case Sector::kClinic:
            return kCross;
        case Sector::kFashion:
            return kShirt;
        case Sector::kBakery:
            return kCake;
        case Sector::kPharmacy:
            return kPill;
        case Sector::kElectronics:
            return kPhone;
        case Sector::kSalon:
            return kScissors;
        case Sector::kHardware:
            return kWrench;
        case Sector::kStationery:
            return kPencil;
        case Sector::kDairy:
            return kBottle;
        case Sector::kJewellery:
            return kDiamond;
        case Sector::kTailoring:
            return kSpool;
        case Sector::kGeneral:
            return kBag;
    }
    return kBag;
}

/// The few number formats the art needs, without <format> (not in g++ 12).
std::string Str(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}
std::string Str(int value) {
    return std::to_string(value);
}
std::string Str(std::string_view value) {
    return std::string(value);
}

/// Replaces each "{}" or "{:g}" in `pattern`, in order, with the next argument.
template <class... Args>
std::string Format(std::string_view pattern, const Args&... args) {
    const std::array<std::string, sizeof...(Args)> parts{Str(args)...};
    std::string out;
    out.reserve(pattern.size() + 64);
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && next < parts.size()) {
            const std::size_t close = pattern.find('}', i);
            out += parts[next++];
            i = close;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

/// `motif` drawn into a box of `size` at (x, y) with `stroke`.
std::string MotifGroup(const Motif& motif, double x, double y, double size, std::string_view stroke,
                       double stroke_width) {
    const double scale = size / 24.0;
    return Format(
        "<g transform=\"translate({:g} {:g}) scale({:g})\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:g}\" "
        "stroke-linecap=\"round\" stroke-linejoin=\"round\"><path d=\"{}\"/></g>",
        x, y, scale, stroke, stroke_width / scale, motif.path);
}

bool IsAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// True when `word` occurs in `text` at the start of a word ("pen" in "gel pens", not in "open").
/// Devanagari keywords match anywhere: Hindi words carry their own boundaries poorly in ASCII terms.
bool ContainsWordStart(std::string_view text, std::string_view word) {
    const bool ascii = static_cast<unsigned char>(word.front()) < 0x80;
    for (std::size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
        if (!ascii || pos == 0 || !IsAsciiLetter(text[pos - 1])) {
            return true;
        }
    }
    return false;
}

constexpr std::string_view kFont = "system-ui,Roboto,'Noto Sans','Noto Sans Devanagari',sans-serif";

}  // namespace

std::uint64_t Fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

const Motif& SectorMotif(sitegen::Sector sector) {
    return ForSector(sector);
}

const Motif* FindMotif(std::string_view text) {
    const std::string lower = sitegen::AsciiLower(text);
    for (const auto& keyword : kKeywords) {
        if (ContainsWordStart(lower, keyword.word)) {
            return keyword.motif;
        }
    }
    return nullptr;
}

const Motif& MotifFor(std::string_view text, sitegen::Sector sector) {
    const Motif* motif = FindMotif(text);
    return motif != nullptr ? *motif : ForSector(sector);
}

std::string ProductArt(const Motif& motif, std::string_view initial, const StoreColors& colors, std::uint64_t seed) {
    // Four compositions and two grounds, chosen by the seed, so a grid does not look stamped.
    constexpr std::array<std::array<int, 3>, 4> kDiscs = {{{112, 52, 58}, {48, 116, 54}, {80, 80, 62}, {118, 112, 50}}};
    const auto& disc = kDiscs[seed % kDiscs.size()];
    const bool warm = ((seed >> 8U) & 1U) != 0;
    const std::string& ground = warm ? colors.accent_tint : colors.tint;
    const std::string disc_fill = ToHex(
        Mix(ParseHexOr(warm ? colors.tint : colors.accent_tint, "#ffffff"), ParseHexOr("#ffffff", "#ffffff"), 0.35));
    std::string svg = Format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 160\"><rect width=\"160\" height=\"160\" "
        "fill=\"{}\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
        ground, disc[0], disc[1], disc[2], disc_fill);
    svg += MotifGroup(motif, 38, 34, 84, colors.primary_dark, 3.2);
    if (!initial.empty()) {
        svg += Format(
            "<circle cx=\"134\" cy=\"134\" r=\"18\" fill=\"{}\"/><text x=\"134\" y=\"140.5\" font-family=\"{}\" "
            "font-size=\"18\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#fff\">{}</text>",
            colors.primary, kFont, EscapeXml(initial));
    }
    svg += "</svg>";
    return svg;
}

std::string CategoryArt(const Motif& motif, const StoreColors& colors) {
    std::string svg = Format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><circle cx=\"32\" cy=\"32\" r=\"32\" "
        "fill=\"{}\"/><circle cx=\"46\" cy=\"16\" r=\"9\" fill=\"{}\"/>",
        colors.tint, colors.accent_tint);
    svg += MotifGroup(motif, 16, 16, 32, colors.primary_dark, 2.2);
    svg += "</svg>";
    return svg;
}

std::string HeroArt(const Motif& motif, const StoreColors& colors) {
    std::string svg = Format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 180\"><circle cx=\"196\" cy=\"36\" r=\"28\" "
        "fill=\"{}\"/><path d=\"M8 172h224\" stroke=\"{}\" stroke-width=\"3\" stroke-linecap=\"round\"/>"
        "<rect x=\"36\" y=\"66\" width=\"168\" height=\"106\" rx=\"3\" fill=\"#fff\" stroke=\"{}\" "
        "stroke-width=\"3\"/>",
        colors.accent_tint, colors.primary_dark, colors.primary_dark);
    // Striped, scalloped awning.
    constexpr int kStripes = 8;
    constexpr double kLeft = 26;
    constexpr double kWidth = 188.0 / kStripes;
    for (int i = 0; i < kStripes; ++i) {
        svg += Format("<path d=\"M{:g} 44h{:g}v24a{:g} {:g} 0 0 1-{:g} 0z\" fill=\"{}\"/>", kLeft + i * kWidth, kWidth,
                      kWidth / 2, kWidth / 2, kWidth, i % 2 == 0 ? colors.primary : colors.accent);
    }
    svg += Format(
        "<rect x=\"26\" y=\"34\" width=\"188\" height=\"12\" rx=\"3\" fill=\"{}\"/>"
        "<rect x=\"52\" y=\"92\" width=\"80\" height=\"62\" rx=\"3\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>"
        "<rect x=\"146\" y=\"100\" width=\"40\" height=\"72\" rx=\"2\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>"
        "<circle cx=\"177\" cy=\"138\" r=\"2.5\" fill=\"{}\"/>",
        colors.primary_dark, colors.tint, colors.primary_dark, colors.accent_tint, colors.primary_dark,
        colors.primary_dark);
    svg += MotifGroup(motif, 72, 103, 40, colors.primary_dark, 2.6);
    svg += "</svg>";
    return svg;
}

std::string IconArt(std::string_view initial, const StoreColors& colors, bool maskable) {
    std::string svg = Format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\"><rect width=\"512\" height=\"512\" "
        "rx=\"{}\" fill=\"{}\"/><circle cx=\"400\" cy=\"112\" r=\"{}\" fill=\"{}\"/>",
        maskable ? 0 : 112, colors.primary, maskable ? 0 : 56, colors.accent);
    svg += Format(
        "<text x=\"256\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" font-weight=\"700\" text-anchor=\"middle\" "
        "fill=\"#fff\">{}</text></svg>",
        maskable ? 330 : 352, kFont, maskable ? 220 : 280, EscapeXml(initial.empty() ? "W" : initial));
    return svg;
}

}  // namespace webdpro::storefront::detail
