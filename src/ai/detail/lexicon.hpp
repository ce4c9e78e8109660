#pragma once

// Private to src/ai: the words the rule-based generator understands. Every pattern is written
// already folded (see text_match.hpp Fold); a unit test checks that.

#include <cstddef>
#include <span>
#include <string_view>

#include "ai/rules_generator.hpp"
#include "sitegen/sector_profile.hpp"

namespace webdpro::ai::detail {

/// A word or phrase that points to a sector, with how strongly. 5: names the kind of shop
/// ("kirana", "ढाबा"); 3–4: a typical product; 1–2: a weak hint.
struct SectorKeyword {
    sitegen::Sector sector;
    std::string_view pattern;
    int weight;
};
/// Every sector keyword. Data lives for the whole program.
std::span<const SectorKeyword> SectorKeywords();

/// Number of Speciality enumerators.
inline constexpr std::size_t kSpecialityCount = static_cast<std::size_t>(Speciality::kRepair) + 1;

/// A word or phrase that reveals a speciality.
struct SpecialityKeyword {
    Speciality speciality;
    std::string_view pattern;
};
/// Every speciality keyword. Data lives for the whole program.
std::span<const SpecialityKeyword> SpecialityKeywords();

/// Copy for a speciality. Empty strings mean "adds nothing there".
struct SpecialityCopy {
    Speciality speciality;
    sitegen::LocalText feature;
    sitegen::LocalText about_sentence;
    bool tagline_worthy;  ///< strong enough to append to the tagline
};
/// The copy of `speciality`. Data lives for the whole program.
const SpecialityCopy& CopyFor(Speciality speciality);

/// A city of the gazetteer. `patterns` are '|'-separated folded spellings (one or two words
/// each): English, old names and Devanagari.
struct City {
    std::string_view en;
    std::string_view hi;
    std::string_view patterns;
};
/// The gazetteer (about 110 cities). Data lives for the whole program.
std::span<const City> Cities();

/// Folded word lists used to find the business name.
struct NameWords {
    std::string_view markers;       ///< introduce a name: "called", "naam"
    std::string_view intro;         ///< open a sentence before the name: "we", "i", "hamari"
    std::string_view intro_fill;    ///< follow an intro: "run", "a", "small"
    std::string_view stop;          ///< end a name: "in", "near", "mein", "में", "selling"
    std::string_view shop_nouns;    ///< signal a name in a later clause: "store", "dukaan", "भंडार"
    std::string_view generic;       ///< common words that alone are not a name: "and", "best", "shop"
    std::string_view disqualify;    ///< never part of a shop name: "ignore", "instructions", "script"
    std::string_view contact_cues;  ///< "mobile 98…": the cue is contact info, not a sector hint
    std::string_view whatsapp;      ///< "whatsapp", "व्हाट्सएप"
};
/// The word lists for name extraction. Data lives for the whole program.
const NameWords& NameLexicon();

}  // namespace webdpro::ai::detail
