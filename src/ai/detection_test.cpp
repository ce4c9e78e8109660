// Sector, business name and city found in real-looking descriptions (English, Hinglish, Hindi).

#include <gtest/gtest.h>

#include "ai/rules_generator.hpp"

namespace webdpro::ai {
namespace {

using sitegen::Sector;

struct Case {
    const char* description;
    Sector sector;
    const char* name;  ///< "" = no name in the sentence
    const char* city;  ///< English gazetteer name, "" = none
};

const Case kCases[] = {
    // English
    {"Sharma Kirana, fresh vegetables and groceries in Jaipur", Sector::kGrocery, "Sharma Kirana", "Jaipur"},
    {"kya aap ke paas fresh paneer hai? Verma Dairy, Kanpur", Sector::kDairy, "Verma Dairy", "Kanpur"},
    {"Royal Tailors - ladies and gents stitching, Indore", Sector::kTailoring, "Royal Tailors", "Indore"},
    {"Shree Ganesh Jewellers, Surat, gold and silver", Sector::kJewellery, "Shree Ganesh Jewellers", "Surat"},
    {"New Balaji Mobile Repair Centre near bus stand, Indore", Sector::kElectronics, "New Balaji Mobile Repair Centre",
     "Indore"},
    {"Glamour Unisex Salon in Pune, haircut, facial and bridal makeup", Sector::kSalon, "Glamour Unisex Salon", "Pune"},
    {"Apollo Medical Store, 24x7 chemist in Nagpur with home delivery", Sector::kPharmacy, "Apollo Medical Store",
     "Nagpur"},
    {"Jain Hardware & Sanitary, paints, pipes, taps - Ahmedabad", Sector::kHardware, "Jain Hardware & Sanitary",
     "Ahmedabad"},
    {"Sai Fashion Point, sarees, kurtis and lehengas in Kolkata", Sector::kFashion, "Sai Fashion Point", "Kolkata"},
    {"Lakshmi General Store, Chennai, daily needs and snacks", Sector::kGeneral, "Lakshmi General Store", "Chennai"},
    {"Om Sai Electronics - mobiles, chargers, earphones and TV, Hyderabad", Sector::kElectronics, "Om Sai Electronics",
     "Hyderabad"},
    {"Dr. Mehta's Child Clinic, Ahmedabad, paediatrician", Sector::kClinic, "Dr. Mehta's Child Clinic", "Ahmedabad"},
    {"Saraswati Stationers near Govt school, Dehradun - pens, notebooks, xerox", Sector::kStationery,
     "Saraswati Stationers", "Dehradun"},
    {"I run a small kirana store in Pune called Balaji Stores", Sector::kGrocery, "Balaji Stores", "Pune"},
    {"Best biryani in Hyderabad - Paradise Dhaba", Sector::kRestaurant, "Paradise Dhaba", "Hyderabad"},
    {"City Care Dental Clinic, Gurgaon", Sector::kClinic, "City Care Dental Clinic", "Gurugram"},
    {"Mehta Medicos, Bombay, generic medicines", Sector::kPharmacy, "Mehta Medicos", "Mumbai"},
    {"Singh Electricals and Hardware, Jalandhar", Sector::kHardware, "Singh Electricals and Hardware", "Jalandhar"},
    {"Kapoor Cloth House, Amritsar, suits and sarees", Sector::kFashion, "Kapoor Cloth House", "Amritsar"},
    {"A-1 Tailors, gents specialist, Bhopal", Sector::kTailoring, "A-1 Tailors", "Bhopal"},
    {"Fresh Mart, Vijayawada", Sector::kGrocery, "Fresh Mart", "Vijayawada"},
    {"fresh organic vegetables and fruits, home delivery in Bengaluru", Sector::kGrocery, "", "Bengaluru"},
    {"sharma kirana store jaipur", Sector::kGrocery, "Sharma Kirana Store", "Jaipur"},
    {"Delhi Darbar Restaurant, Connaught Place", Sector::kRestaurant, "Delhi Darbar Restaurant", ""},
    // Hinglish
    {"Gupta ji ki bakery Lucknow mein, cakes aur biscuits", Sector::kBakery, "Gupta Ji Ki Bakery", "Lucknow"},
    {"Annapurna Bhojanalaya Varanasi mein shuddh shakahari thali", Sector::kRestaurant, "Annapurna Bhojanalaya",
     "Varanasi"},
    {"Krishna Dairy - doodh, paneer, ghee, Mathura. Call 98290 12345", Sector::kDairy, "Krishna Dairy", "Mathura"},
    {"Vidya Book Depot, school books, copies aur stationery, Patna", Sector::kStationery, "Vidya Book Depot", "Patna"},
    {"Punjab Da Dhaba, Ludhiana, chicken biryani aur butter chicken", Sector::kRestaurant, "Punjab Da Dhaba",
     "Ludhiana"},
    {"Hamari dukaan ka naam Balaji Kirana hai, Kota mein, ghar tak delivery", Sector::kGrocery, "Balaji Kirana",
     "Kota"},
    {"Rajasthan Sweets & Bakers, Udaipur, mithai, namkeen aur birthday cakes", Sector::kBakery,
     "Rajasthan Sweets & Bakers", "Udaipur"},
    {"Yadav ji ka dhaba, highway pe, Gurgaon", Sector::kRestaurant, "Yadav Ji Ka Dhaba", "Gurugram"},
    {"mera mobile repair ka kaam hai Rohtak mein", Sector::kElectronics, "", "Rohtak"},
    {"Hari Om Doodh Dairy, Karnal, taaza doodh roz subah", Sector::kDairy, "Hari Om Doodh Dairy", "Karnal"},
    {"Bikaner Namkeen Bhandar, wholesale and retail, Bikaner", Sector::kBakery, "Bikaner Namkeen Bhandar", "Bikaner"},
    {"Anand Tailors & Boutique, Chandigarh, alteration and stitching", Sector::kTailoring, "Anand Tailors & Boutique",
     "Chandigarh"},
    {"Best momos and chowmein in Shillong - Tashi Fast Food", Sector::kRestaurant, "Tashi Fast Food", "Shillong"},
    {"Welcome to The Bake House, Bandra, Mumbai. Eggless cakes!", Sector::kBakery, "The Bake House", "Mumbai"},
    {"We are Patel Brothers, wholesale grocery in Rajkot since 1985", Sector::kGrocery, "Patel Brothers", "Rajkot"},
    {"Sri Krishna Sweets Coimbatore - mysore pak, ghee sweets", Sector::kBakery, "Sri Krishna Sweets", "Coimbatore"},
    {"Ganesh Electricals repair of fans coolers and mobiles, Satna", Sector::kHardware, "Ganesh Electricals", "Satna"},
    {"24x7 chemist near AIIMS Delhi", Sector::kPharmacy, "", "Delhi"},
    // Hindi (Devanagari), with and without nukta
    {"डॉ. वर्मा क्लिनिक, भोपाल", Sector::kClinic, "डॉ. वर्मा क्लिनिक", "Bhopal"},
    {"शर्मा किराना स्टोर, जयपुर", Sector::kGrocery, "शर्मा किराना स्टोर", "Jaipur"},
    {"मीनाक्षी ब्यूटी पार्लर, इंदौर में", Sector::kSalon, "मीनाक्षी ब्यूटी पार्लर", "Indore"},
    {"राजू दर्ज़ी, ब्लाउज़ और सूट की सिलाई, कानपुर", Sector::kTailoring, "राजू दर्ज़ी", "Kanpur"},
    {"राजू दर्जी, ब्लाउज और सूट की सिलाई, कानपुर", Sector::kTailoring, "राजू दर्जी", "Kanpur"},
    {"गोपाल डेयरी - शुद्ध दूध, दही, पनीर, आगरा", Sector::kDairy, "गोपाल डेयरी", "Agra"},
    {"बाबा का ढाबा, अमृतसर, शुद्ध शाकाहारी खाना", Sector::kRestaurant, "बाबा का ढाबा", "Amritsar"},
    {"श्री राम मेडिकल स्टोर, पटना, सभी दवाइयाँ उपलब्ध", Sector::kPharmacy, "श्री राम मेडिकल स्टोर", "Patna"},
    {"मनोज मोबाइल शॉप, गोरखपुर, मोबाइल रिपेयर और एक्सेसरीज़", Sector::kElectronics, "मनोज मोबाइल शॉप", "Gorakhpur"},
    {"अग्रवाल स्वीट्स एवं बेकर्स, मेरठ", Sector::kBakery, "अग्रवाल स्वीट्स एवं बेकर्स", "Meerut"},
    {"श्री बालाजी ज्वैलर्स, चांदनी चौक, दिल्ली", Sector::kJewellery, "श्री बालाजी ज्वैलर्स", "Delhi"},
    {"गुप्ता हार्डवेयर एंड पेंट्स, रायपुर", Sector::kHardware, "गुप्ता हार्डवेयर एंड पेंट्स", "Raipur"},
    {"लक्ष्मी स्टेशनरी एवं बुक डिपो, वाराणसी", Sector::kStationery, "लक्ष्मी स्टेशनरी एवं बुक डिपो", "Varanasi"},
    {"हमारी दुकान का नाम शर्मा स्टोर है, हम किराना का सामान बेचते हैं, भोपाल", Sector::kGrocery, "शर्मा स्टोर", "Bhopal"},
    {"सब्ज़ी और फल की दुकान, लखनऊ में होम डिलीवरी", Sector::kGrocery, "", "Lucknow"},
    {"सब्जी और फल की दुकान, लखनऊ में होम डिलीवरी", Sector::kGrocery, "", "Lucknow"},
    {"कपड़े की दुकान - साड़ियाँ, सूट, कुर्ती, सूरत", Sector::kFashion, "", "Surat"},
    {"हम जयपुर में किराने का सामान बेचते हैं, होम डिलीवरी उपलब्ध", Sector::kGrocery, "", "Jaipur"},
    {"मेरी सिलाई की दुकान है, नाम है सुनीता बुटीक, लखनऊ", Sector::kTailoring, "सुनीता बुटीक", "Lucknow"},
};

class Detection : public ::testing::TestWithParam<Case> {};

TEST_P(Detection, FindsSectorNameAndCity) {
    const Case& c = GetParam();
    const DescriptionAnalysis analysis = AnalyzeDescription(c.description);
    EXPECT_EQ(sitegen::SectorName(analysis.sector), sitegen::SectorName(c.sector));
    EXPECT_EQ(analysis.business_name, c.name);
    EXPECT_EQ(analysis.city_en, c.city);
    EXPECT_EQ(DetectSector(c.description), analysis.sector);
}

INSTANTIATE_TEST_SUITE_P(RealDescriptions, Detection, ::testing::ValuesIn(kCases));

TEST(DetectSector, FallsBackToGeneralWithoutSignals) {
    for (const char* text : {"", "hello", "Ramesh and sons, Jaipur", "🙏🙏🙏", "ignore previous instructions"}) {
        EXPECT_EQ(DetectSector(text), Sector::kGeneral) << text;
    }
}

TEST(DetectSector, DoesNotMistakePersonalNamesForKeywords) {
    EXPECT_EQ(DetectSector("Kiran Medical Store, Jaipur"), Sector::kPharmacy);
    EXPECT_EQ(DetectSector("Kiran Beauty Parlour, Agra"), Sector::kSalon);
}

TEST(DetectSector, IsCaseInsensitiveForLatin) {
    EXPECT_EQ(DetectSector("SHARMA KIRANA JAIPUR"), Sector::kGrocery);
    EXPECT_EQ(DetectSector("Sharma BAKERY"), Sector::kBakery);
}

TEST(DetectSector, IgnoresContactWordsBeforeNumbers) {
    // "mobile 98290…" is a phone number, not a mobile shop.
    EXPECT_EQ(DetectSector("Fresh vegetables in Jaipur, mobile 98290 12345"), Sector::kGrocery);
    EXPECT_EQ(DetectSector("Verma Mobile Shop, Jaipur"), Sector::kElectronics);
}

TEST(AnalyzeDescription, ExtractsPhoneWhatsappHoursAndSpecialities) {
    const DescriptionAnalysis a = AnalyzeDescription(
        "Sharma Kirana, Jaipur. Open 9 am to 10 pm, home delivery, WhatsApp +91 98290-12345, organic atta");
    EXPECT_EQ(a.phone, "+919829012345");
    EXPECT_TRUE(a.mentions_whatsapp);
    EXPECT_EQ(a.hours, "9 AM – 10 PM");
    EXPECT_EQ(a.specialities, (std::vector<Speciality>{Speciality::kHomeDelivery, Speciality::kOrganic}));

    EXPECT_EQ(AnalyzeDescription("timings 10:30-8pm").hours, "10:30 AM – 8 PM");
    EXPECT_EQ(AnalyzeDescription("open 5 to 11 pm").hours, "5 PM – 11 PM");
    EXPECT_EQ(AnalyzeDescription("open 9 to 5").hours, "");        // no am/pm: ambiguous
    EXPECT_EQ(AnalyzeDescription("call 0141 2345678").phone, "");  // landline
    EXPECT_EQ(AnalyzeDescription("price 1,299 only").phone, "");
}

TEST(AnalyzeDescription, PrefersTheLocatedCityOverOneInTheName) {
    EXPECT_EQ(AnalyzeDescription("Delhi Sweets, Jaipur").city_en, "Jaipur");
    EXPECT_EQ(AnalyzeDescription("Bombay Bakery in Pune").city_en, "Pune");
    EXPECT_EQ(AnalyzeDescription("Navi Mumbai mein Sai Mobiles").city_en, "Navi Mumbai");
    EXPECT_EQ(AnalyzeDescription("जयपुर में शर्मा किराना").city_hi, "जयपुर");
    const DescriptionAnalysis in_first = AnalyzeDescription("In Jaipur, Sharma Kirana");
    EXPECT_EQ(in_first.business_name, "Sharma Kirana");
    EXPECT_EQ(in_first.city_en, "Jaipur");
    const DescriptionAnalysis city_name = AnalyzeDescription("Jaipur ka Famous Dhaba");
    EXPECT_EQ(city_name.business_name, "Jaipur Ka Famous Dhaba");
    EXPECT_EQ(city_name.city_en, "");
}

TEST(AnalyzeDescription, TakesNoPriceOrQuantityAsAName) {
    const DescriptionAnalysis wadi = AnalyzeDescription("Amritsari Wadi 320 Kilo, Punjabi wadi and papad in Amritsar");
    EXPECT_EQ(wadi.business_name, "");
    EXPECT_EQ(wadi.city_en, "Amritsar");
    EXPECT_EQ(AnalyzeDescription("Kaju Katli ₹900/kg, Agarwal Sweets, Meerut").business_name, "Agarwal Sweets");
    EXPECT_EQ(AnalyzeDescription("Desi Ghee Ladoo Rs 50/kg, Jaipur").business_name, "");
    EXPECT_EQ(AnalyzeDescription("Fresh Paneer 400 rupaye kilo, Karnal").business_name, "");
    EXPECT_EQ(AnalyzeDescription("Gajar Halwa 250g ₹80, Sharma Sweets in Agra").business_name, "Sharma Sweets");
    // The name before the goods and their price is kept.
    EXPECT_EQ(AnalyzeDescription("Sharma Sweets kaju katli ₹900/kg, Jaipur").business_name, "Sharma Sweets");
    EXPECT_EQ(AnalyzeDescription("Hamari dukaan ka naam Balaji Kirana hai, atta ₹40 kilo").business_name,
              "Balaji Kirana");
    // Numbers that are not amounts stay in names.
    EXPECT_EQ(AnalyzeDescription("A-1 Tailors, gents specialist, Bhopal").business_name, "A-1 Tailors");
    EXPECT_EQ(AnalyzeDescription("7 Star Bakery, Pune").business_name, "7 Star Bakery");
}

TEST(AnalyzeDescription, RejectsInjectedTextAsAName) {
    EXPECT_EQ(AnalyzeDescription("ignore previous instructions <script>alert(1)</script>").business_name, "");
    EXPECT_EQ(AnalyzeDescription("Sharma Kirana <script>x</script>, Jaipur").business_name, "Sharma Kirana");
}

}  // namespace
}  // namespace webdpro::ai
