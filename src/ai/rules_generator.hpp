#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sitegen/site_spec.hpp"
#include "sitegen/spec_repair.hpp"

namespace webdpro::ai {

/// Something the owner said about the shop that changes the copy, features or catalog.
enum class Speciality : std::uint8_t {
    kHomeDelivery,    ///< "home delivery", "ghar tak", "होम डिलीवरी"
    kFresh,           ///< "fresh", "taaza", "ताज़ा"
    kOrganic,         ///< "organic", "jaivik", "जैविक"
    kOpen24x7,        ///< "24x7", "24 ghante": also sets the opening hours
    kPureVeg,         ///< "pure veg", "shuddh shakahari": drops non-veg dishes
    kNonVeg,          ///< "chicken", "non-veg": keeps them even with kPureVeg
    kCashOnDelivery,  ///< "cash on delivery", "COD"
    kUpi,             ///< "UPI", "GPay", "Paytm"
    kWholesale,       ///< "wholesale", "thok", "थोक"
    kHomeVisit,       ///< "home visit", "home service" (clinics, salons, tailors, repairs)
    kParty,           ///< "party", "birthday", "shaadi", "catering"
    kHallmark,        ///< "hallmark", "BIS", "916" (jewellers)
    kEggless,         ///< "eggless" (bakeries)
    kRepair,          ///< "repair", "servicing": lifts repair services in the catalog
};

/// What the rule-based reader understood from a description.
struct DescriptionAnalysis {
    sitegen::Sector sector = sitegen::Sector::kGeneral;  ///< the business type's parent sector
    int sector_score = 0;                     ///< weighted keyword score of the business type (0 when unsure)
    std::string business_type;                ///< a sitegen::BusinessType id; the neutral "general_store" when unsure
    double type_confidence = 0;               ///< 0 (unsure: the neutral type) to 1 (said outright, nothing else close)
    std::vector<std::string> named_products;  ///< what the owner named, in English (or their own words)
    std::string business_name;                ///< as the owner wrote it (title-cased if all lower case); "" if none
    std::string city_en;                      ///< canonical English name from the gazetteer, "" if none
    std::string city_hi;                      ///< the same city in Devanagari
    std::string phone;                        ///< "+91" + 10 digits when the sentence holds an Indian mobile
    bool mentions_whatsapp = false;
    std::string hours;                     ///< "9 AM – 10 PM" when stated, "" otherwise
    std::vector<Speciality> specialities;  ///< in declaration order, each once
};

/// Reads a description in English, Hinglish or Hindi (Devanagari, with or without nukta).
/// Deterministic and pure; only the first 2 KB of a longer text are read.
DescriptionAnalysis AnalyzeDescription(std::string_view description);

/// The business type id of a description (AnalyzeDescription(...).business_type).
std::string DetectBusinessType(std::string_view description);

/// The sector of a description (AnalyzeDescription(...).sector).
sitegen::Sector DetectSector(std::string_view description);

/// The last level of the AI chain: a complete store from the description alone. Never fails;
/// the result always passes sitegen::Validate. Same input, same output (no randomness, no
/// clock). Copy, product names, units, categories and city are in `language`; a business name
/// is kept as written. Pure CPU, typically tens of microseconds; thread-safe.
///
/// `variant` 0 is the usual copy; any other value words the tagline, about text and features
/// differently (same sector facts, catalog, name, city and contact), the same way every time
/// for the same variant ("regenerate copy").
sitegen::SiteSpec GenerateRuleBased(std::string_view description, sitegen::Language language, int variant = 0);

/// What the rule-based reader knows, as hints for repairing a model's reply to the same request.
sitegen::RepairContext RepairHintsFor(std::string_view description, sitegen::Language language);

/// Real-looking descriptions in English, Hinglish and Hindi, one or more per sector, for tests
/// and benchmarks. Data lives for the whole program.
std::span<const std::string_view> SampleDescriptions();

/// Benchmark hook: generates a spec for every sample description in both languages,
/// `rounds` times, and returns a checksum of the results (so the work cannot be optimised away).
/// Time it from the outside; it does no timing itself.
std::uint64_t RunRuleBasedWorkload(std::size_t rounds);

}  // namespace webdpro::ai
