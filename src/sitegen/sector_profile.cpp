#include "sitegen/sector_profile.hpp"

#include "sitegen/text.hpp"

namespace webdpro::sitegen {
namespace {

constexpr std::int64_t kApparelThresholdPaise = 2'500 * 100;  // ₹2,500 per piece (GST, 22 Sep 2025)

// One row per sector, in the order of the Sector enum (a test checks the order).
constexpr std::array<SectorProfile, kAllSectors.size()> kProfiles = {{
    {
        Sector::kGrocery,
        {"kirana store", "किराना स्टोर"},
        {{{"Mandi Green", "#2e7d32", "#f9a825", "#f4f9f1"}, {"Haldi Leaf", "#33691e", "#ef6c00", "#fffaf0"}}},
        5,
        "2106",
        "piece",
        0,
        0,
        {{{"Fresh vegetables, fruits and daily groceries{in_city}", "{in_city}ताज़ी सब्ज़ियाँ, फल और रोज़ का राशन"},
          {"Your everyday kirana store{in_city}, now online", "{in_city}आपकी रोज़ की किराना दुकान, अब ऑनलाइन"}}},
        {"{name} is a trusted neighbourhood kirana store{in_city}. We stock fresh vegetables and fruits, atta, "
         "rice, dal, oil, spices and everyday household needs at fair prices.",
         "{name} {in_city}आपकी भरोसेमंद मोहल्ले की किराना दुकान है। हमारे यहाँ ताज़ी सब्ज़ियाँ, फल, आटा, चावल, दाल, तेल, "
         "मसाले और घर की रोज़मर्रा की ज़रूरत का सामान सही दाम पर मिलता है।"},
        {{{"Fresh stock every day", "रोज़ ताज़ा माल"},
          {"Fair prices on daily needs", "रोज़मर्रा के सामान पर सही दाम"},
          {"Pay by UPI or cash on delivery", "UPI या कैश ऑन डिलीवरी से भुगतान"},
          {"Easy online ordering", "आसान ऑनलाइन ऑर्डर"}}},
        {"Apna Kirana Store", "अपना किराना स्टोर"},
        {"{city} Kirana Store", "{city} किराना स्टोर"},
    },
    {
        Sector::kRestaurant,
        {"restaurant", "भोजनालय"},
        {{{"Masala Red", "#b71c1c", "#ff8f00", "#fff8f1"}, {"Tandoor", "#8d3b12", "#e0a100", "#fdf6ec"}}},
        5,
        "996331",
        "plate",
        0,
        0,
        {{{"Home-style food, freshly cooked{in_city}", "{in_city}घर जैसा खाना, ताज़ा बना हुआ"},
          {"Hot thalis, curries and snacks{in_city}", "{in_city}गरमा-गरम थाली, सब्ज़ियाँ और नाश्ता"}}},
        {"{name} serves freshly cooked, home-style food{in_city}. From hearty thalis and tandoori breads to rice, "
         "curries and evening snacks, every dish is made to order with quality ingredients.",
         "{name} {in_city}ताज़ा बना घर जैसा खाना परोसता है। भरपेट थाली, तंदूरी रोटी, चावल, सब्ज़ियाँ और शाम का नाश्ता — "
         "हर व्यंजन अच्छी सामग्री से ऑर्डर पर बनाया जाता है।"},
        {{{"Freshly cooked to order", "ऑर्डर पर ताज़ा बना खाना"},
          {"Takeaway and delivery", "टेकअवे और डिलीवरी"},
          {"Hygienic kitchen", "साफ़-सुथरी रसोई"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Apna Dhaba", "अपना ढाबा"},
        {"{city} Family Restaurant", "{city} फ़ैमिली रेस्टोरेंट"},
    },
    {
        Sector::kClinic,
        {"clinic", "क्लिनिक"},
        {{{"Care Blue", "#1565c0", "#00897b", "#f4f8fc"}, {"Calm Teal", "#00695c", "#1e88e5", "#f3faf9"}}},
        0,
        "999312",
        "consultation",
        0,
        0,
        {{{"Caring, unhurried medical consultations{in_city}", "{in_city}भरोसेमंद इलाज और सलाह"},
          {"Your family doctor{in_city}", "{in_city}आपके परिवार का डॉक्टर"}}},
        {"{name} offers consultations, routine tests and minor procedures{in_city}. Book a visit online, skip the "
         "queue, and get clear advice from a qualified doctor.",
         "{name} {in_city}डॉक्टर से परामर्श, सामान्य जाँचें और छोटी प्रक्रियाएँ उपलब्ध कराता है। ऑनलाइन समय बुक करें, "
         "लाइन से बचें और योग्य डॉक्टर से साफ़ सलाह पाएँ।"},
        {{{"Qualified doctor", "योग्य डॉक्टर"},
          {"Book appointments online", "ऑनलाइन अपॉइंटमेंट"},
          {"Routine lab tests", "सामान्य लैब जाँचें"},
          {"Clean, safe clinic", "साफ़ और सुरक्षित क्लिनिक"}}},
        {"Family Health Clinic", "फ़ैमिली हेल्थ क्लिनिक"},
        {"{city} Family Clinic", "{city} फ़ैमिली क्लिनिक"},
    },
    {
        Sector::kFashion,
        {"boutique", "बुटीक"},
        {{{"Rani Pink", "#ad1457", "#f9a825", "#fff5f8"}, {"Indigo Silk", "#4527a0", "#d81b60", "#f8f6ff"}}},
        5,
        "6211",
        "piece",
        kApparelThresholdPaise,
        18,
        {{{"Sarees, suits and everyday fashion{in_city}", "{in_city}साड़ियाँ, सूट और रोज़ के फ़ैशन के कपड़े"},
          {"Ethnic and everyday wear for the whole family{in_city}",
           "{in_city}पूरे परिवार के लिए एथनिक और रोज़ाना पहनावा"}}},
        {"{name} brings you handpicked sarees, suits, kurtis and everyday wear for women, men and kids{in_city}. "
         "New designs arrive every season, at prices that feel fair.",
         "{name} {in_city}महिलाओं, पुरुषों और बच्चों के लिए चुनी हुई साड़ियाँ, सूट, कुर्तियाँ और रोज़ के कपड़े लाता है। "
         "हर सीज़न नए डिज़ाइन, सही दाम पर।"},
        {{{"New designs every season", "हर सीज़न नए डिज़ाइन"},
          {"Quality fabrics", "अच्छी क्वालिटी का कपड़ा"},
          {"Fair, fixed prices", "सही और तय दाम"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"New Fashion Point", "न्यू फ़ैशन पॉइंट"},
        {"{city} Fashion House", "{city} फ़ैशन हाउस"},
    },
    {
        Sector::kBakery,
        {"bakery", "बेकरी"},
        {{{"Caramel", "#8d5524", "#e91e63", "#fff8f0"}, {"Strawberry Cream", "#ad2f5d", "#8d5524", "#fff6f8"}}},
        5,
        "1905",
        "piece",
        0,
        0,
        {{{"Fresh cakes, breads and biscuits baked daily{in_city}", "{in_city}रोज़ ताज़ा बने केक, ब्रेड और बिस्कुट"},
          {"Baked fresh every morning{in_city}", "{in_city}हर सुबह ताज़ा बेक किया हुआ"}}},
        {"{name} bakes fresh cakes, pastries, breads and cookies every day{in_city}. Order a custom cake for "
         "birthdays and celebrations, or pick up tea-time favourites like rusk and nankhatai.",
         "{name} {in_city}हर दिन ताज़ा केक, पेस्ट्री, ब्रेड और कुकीज़ बनाता है। जन्मदिन और त्योहारों के लिए मनपसंद केक "
         "ऑर्डर करें, या चाय के साथ रस्क और नानखटाई ले जाएँ।"},
        {{{"Baked fresh daily", "रोज़ ताज़ा बेकिंग"},
          {"Custom cakes on order", "ऑर्डर पर मनपसंद केक"},
          {"Eggless options", "एगलेस विकल्प"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Fresh Bake House", "फ़्रेश बेक हाउस"},
        {"{city} Bakers", "{city} बेकर्स"},
    },
    {
        Sector::kPharmacy,
        {"medical store", "मेडिकल स्टोर"},
        {{{"Pharma Teal", "#00796b", "#e53935", "#f2fbfa"}, {"Plus Green", "#2e7d32", "#1565c0", "#f5fbf6"}}},
        5,
        "3004",
        "pack",
        0,
        0,
        {{{"Genuine medicines and health essentials{in_city}", "{in_city}असली दवाइयाँ और सेहत का हर ज़रूरी सामान"},
          {"Your trusted chemist{in_city}", "{in_city}आपका भरोसेमंद केमिस्ट"}}},
        {"{name} is a licensed chemist{in_city} stocking genuine medicines, health devices, first aid and "
         "personal care products. Prescription medicines are dispensed only against a valid prescription.",
         "{name} {in_city}एक लाइसेंसशुदा केमिस्ट है, जहाँ असली दवाइयाँ, हेल्थ डिवाइस, प्राथमिक उपचार और पर्सनल केयर का "
         "सामान मिलता है। पर्ची वाली दवाइयाँ केवल डॉक्टर की वैध पर्ची पर दी जाती हैं।"},
        {{{"Genuine medicines", "असली दवाइयाँ"},
          {"Rx medicines on valid prescription", "पर्ची पर ही डॉक्टरी दवाइयाँ"},
          {"Health devices and first aid", "हेल्थ डिवाइस और प्राथमिक उपचार"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Apna Medical Store", "अपना मेडिकल स्टोर"},
        {"{city} Medical Store", "{city} मेडिकल स्टोर"},
    },
    {
        Sector::kElectronics,
        {"mobile and electronics shop", "मोबाइल और इलेक्ट्रॉनिक्स शॉप"},
        {{{"Circuit Indigo", "#283593", "#00b8d4", "#f5f6fc"}, {"Graphite", "#263238", "#ff6d00", "#f7f8f9"}}},
        18,
        "8517",
        "piece",
        0,
        0,
        {{{"Mobiles, accessories and quick repairs{in_city}", "{in_city}मोबाइल, एक्सेसरीज़ और फटाफट रिपेयर"},
          {"Latest phones and gadgets at the best price{in_city}", "{in_city}नए फ़ोन और गैजेट, सबसे अच्छे दाम पर"}}},
        {"{name} sells smartphones, chargers, earphones and everyday electronics{in_city}, with a repair desk for "
         "screens, batteries and charging ports. Every product comes with a proper GST bill.",
         "{name} {in_city}स्मार्टफ़ोन, चार्जर, ईयरफ़ोन और रोज़ के इलेक्ट्रॉनिक्स बेचता है, और स्क्रीन, बैटरी व चार्जिंग "
         "पोर्ट की रिपेयर भी करता है। हर सामान के साथ पक्का GST बिल।"},
        {{{"Genuine products with GST bill", "GST बिल के साथ असली सामान"},
          {"Repairs while you wait", "आपके सामने रिपेयर"},
          {"Brand warranty", "ब्रांड वारंटी"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Smart Mobile Point", "स्मार्ट मोबाइल पॉइंट"},
        {"{city} Mobile Centre", "{city} मोबाइल सेंटर"},
    },
    {
        Sector::kSalon,
        {"salon", "सैलून"},
        {{{"Rose Mauve", "#8e245f", "#d4a017", "#fdf5f8"}, {"Lavender", "#6a1b9a", "#ec407a", "#faf5fc"}}},
        5,
        "999721",
        "service",
        0,
        0,
        {{{"Haircuts, grooming and beauty care{in_city}", "{in_city}हेयरकट, ग्रूमिंग और ब्यूटी केयर"},
          {"Look good, feel good{in_city}", "{in_city}अच्छे दिखें, अच्छा महसूस करें"}}},
        {"{name} is a friendly salon{in_city} for haircuts, hair colour, facials, waxing and bridal makeup. "
         "Trained stylists, hygienic tools and products you can trust.",
         "{name} {in_city}हेयरकट, हेयर कलर, फ़ेशियल, वैक्सिंग और ब्राइडल मेकअप के लिए एक भरोसेमंद सैलून है। प्रशिक्षित "
         "स्टाइलिस्ट, साफ़ औज़ार और भरोसेमंद प्रोडक्ट।"},
        {{{"Trained stylists", "प्रशिक्षित स्टाइलिस्ट"},
          {"Hygienic, sanitised tools", "साफ़ और सैनिटाइज़ किए औज़ार"},
          {"Book a slot online", "ऑनलाइन स्लॉट बुक करें"},
          {"Bridal and party makeup", "ब्राइडल और पार्टी मेकअप"}}},
        {"Style Studio Salon", "स्टाइल स्टूडियो सैलून"},
        {"{city} Unisex Salon", "{city} यूनिसेक्स सैलून"},
    },
    {
        Sector::kHardware,
        {"hardware store", "हार्डवेयर स्टोर"},
        {{{"Steel Blue", "#37474f", "#f57c00", "#f6f7f8"}, {"Brick", "#8d2f1f", "#546e7a", "#faf6f4"}}},
        18,
        "7326",
        "piece",
        0,
        0,
        {{{"Paints, plumbing, electricals and tools{in_city}", "{in_city}पेंट, प्लंबिंग, बिजली का सामान और औज़ार"},
          {"Everything to build and repair your home{in_city}", "{in_city}घर बनाने और मरम्मत का हर सामान"}}},
        {"{name} supplies paints, sanitary fittings, pipes, electrical goods, cement and tools{in_city}, for "
         "homeowners and contractors alike. Genuine brands, GST bills and honest advice on what your job needs.",
         "{name} {in_city}घर मालिकों और ठेकेदारों के लिए पेंट, सैनिटरी फ़िटिंग, पाइप, बिजली का सामान, सीमेंट और औज़ार "
         "उपलब्ध कराता है। असली ब्रांड, GST बिल और काम के हिसाब से सही सलाह।"},
        {{{"Genuine brands with GST bill", "GST बिल के साथ असली ब्रांड"},
          {"Contractor rates on bulk orders", "थोक ऑर्डर पर ठेकेदार रेट"},
          {"Expert advice", "जानकार सलाह"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Apna Hardware Store", "अपना हार्डवेयर स्टोर"},
        {"{city} Hardware & Sanitary", "{city} हार्डवेयर एंड सैनिटरी"},
    },
    {
        Sector::kStationery,
        {"stationery shop", "स्टेशनरी की दुकान"},
        {{{"Notebook Blue", "#1e4fa3", "#fbc02d", "#f7f9fe"}, {"Crayon", "#c62828", "#1e88e5", "#fffdf5"}}},
        18,
        "9608",
        "piece",
        0,
        0,
        {{{"School, office and art supplies{in_city}", "{in_city}स्कूल, ऑफ़िस और आर्ट का हर सामान"},
          {"Notebooks, pens and books for every class{in_city}", "{in_city}हर क्लास के लिए कॉपी, पेन और किताबें"}}},
        {"{name} stocks notebooks, pens, pencils, art supplies, office essentials and books{in_city}. Get your "
         "whole school list in one order, at fair prices.",
         "{name} {in_city}कॉपियाँ, पेन, पेंसिल, आर्ट का सामान, ऑफ़िस की ज़रूरतें और किताबें रखता है। पूरी स्कूल लिस्ट "
         "एक ही ऑर्डर में, सही दाम पर।"},
        {{{"Complete school lists", "पूरी स्कूल लिस्ट एक जगह"},
          {"Office supplies in bulk", "ऑफ़िस का सामान थोक में"},
          {"Fair prices", "सही दाम"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Vidya Stationers", "विद्या स्टेशनर्स"},
        {"{city} Book Depot", "{city} बुक डिपो"},
    },
    {
        Sector::kDairy,
        {"dairy", "डेयरी"},
        {{{"Dairy Blue", "#0d47a1", "#7cb342", "#f7fbff"}, {"Cream Meadow", "#2f6b3a", "#f2c14e", "#fffdf6"}}},
        5,
        "0403",
        "pack",
        0,
        0,
        {{{"Pure milk, fresh paneer and desi ghee{in_city}", "{in_city}शुद्ध दूध, ताज़ा पनीर और देसी घी"},
          {"Fresh from the dairy, every morning{in_city}", "{in_city}हर सुबह डेयरी से ताज़ा"}}},
        {"{name} offers pure milk, curd, fresh paneer, ghee and butter{in_city}. Everything arrives fresh every "
         "morning and is kept cold until it reaches you.",
         "{name} {in_city}शुद्ध दूध, दही, ताज़ा पनीर, घी और मक्खन देता है। सब कुछ रोज़ सुबह ताज़ा आता है और आप तक "
         "पहुँचने तक ठंडा रखा जाता है।"},
        {{{"Fresh every morning", "हर सुबह ताज़ा"},
          {"Monthly milk subscription", "मासिक दूध सब्सक्रिप्शन"},
          {"Pure, unadulterated", "शुद्ध, बिना मिलावट"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Gokul Dairy", "गोकुल डेयरी"},
        {"{city} Dairy", "{city} डेयरी"},
    },
    {
        Sector::kJewellery,
        {"jewellery showroom", "ज्वेलरी शोरूम"},
        {{{"Royal Gold", "#7a5200", "#c9a227", "#fffaf0"}, {"Maroon Kundan", "#7b1f3a", "#c9a227", "#fff8f3"}}},
        3,
        "7113",
        "piece",
        0,
        0,
        {{{"Hallmarked gold and pure silver jewellery{in_city}", "{in_city}हॉलमार्क सोने और शुद्ध चाँदी के गहने"},
          {"Jewellery for every celebration{in_city}", "{in_city}हर ख़ुशी के मौक़े के लिए गहने"}}},
        {"{name} sells BIS-hallmarked gold jewellery, silver ornaments and gift coins{in_city}. Prices shown are "
         "indicative; the final price follows the day's metal rate, exact weight and making charges.",
         "{name} {in_city}BIS हॉलमार्क सोने के गहने, चाँदी के आभूषण और उपहार सिक्के बेचता है। दिखाए गए दाम अनुमानित हैं; "
         "अंतिम दाम उस दिन के भाव, सही वज़न और बनवाई के हिसाब से तय होगा।"},
        {{{"BIS hallmarked gold", "BIS हॉलमार्क सोना"},
          {"Transparent making charges", "साफ़-साफ़ बनवाई"},
          {"Old gold exchange", "पुराने सोने का एक्सचेंज"},
          {"Purity you can trust", "भरोसेमंद शुद्धता"}}},
        {"Shubh Jewellers", "शुभ ज्वेलर्स"},
        {"{city} Jewellers", "{city} ज्वेलर्स"},
    },
    {
        Sector::kTailoring,
        {"tailoring shop", "सिलाई की दुकान"},
        {{{"Thread Maroon", "#6d1b2f", "#c48a2c", "#fbf7f2"}, {"Denim", "#2c4a6e", "#d9822b", "#f6f8fb"}}},
        5,
        "9988",
        "service",
        0,
        0,
        {{{"Perfect-fit stitching for ladies and gents{in_city}", "{in_city}लेडीज़ और जेंट्स की परफ़ेक्ट फ़िटिंग सिलाई"},
          {"Made to measure, ready on time{in_city}", "{in_city}नाप से सिलाई, समय पर तैयार"}}},
        {"{name} stitches blouses, suits, kurtis, shirts and trousers to your exact measurements{in_city}, and "
         "takes alterations of every kind. Bring your fabric, tell us the design, and collect it on the promised day.",
         "{name} {in_city}ब्लाउज़, सूट, कुर्ती, शर्ट और पैंट आपके सही नाप से सिलता है, और हर तरह की ऑल्टरेशन भी करता है। "
         "अपना कपड़ा लाइए, डिज़ाइन बताइए और तय दिन पर ले जाइए।"},
        {{{"Perfect fit, exact measurements", "सही नाप, परफ़ेक्ट फ़िटिंग"},
          {"Ready on the promised day", "तय दिन पर तैयार"},
          {"Alterations of all kinds", "हर तरह की ऑल्टरेशन"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Perfect Fit Tailors", "परफ़ेक्ट फ़िट टेलर्स"},
        {"{city} Tailors", "{city} टेलर्स"},
    },
    {
        Sector::kGeneral,
        {"general store", "जनरल स्टोर"},
        {{{"Saffron", "#c2410c", "#0f766e", "#fff8f2"}, {"Peacock", "#0f5e75", "#e0a100", "#f4fafb"}}},
        5,
        "2106",
        "piece",
        0,
        0,
        {{{"Daily needs, all under one roof{in_city}", "{in_city}रोज़ की ज़रूरत का हर सामान, एक ही जगह"},
          {"Groceries, snacks and household essentials{in_city}", "{in_city}राशन, नमकीन और घर का ज़रूरी सामान"}}},
        {"{name} is your neighbourhood general store{in_city} for groceries, snacks, personal care and household "
         "essentials. Order online and we will keep it ready for you.",
         "{name} {in_city}आपका मोहल्ले का जनरल स्टोर है, जहाँ राशन, नमकीन, पर्सनल केयर और घर का ज़रूरी सामान मिलता है। "
         "ऑनलाइन ऑर्डर करें, हम सामान तैयार रखेंगे।"},
        {{{"Everything under one roof", "सब कुछ एक ही जगह"},
          {"Fair prices", "सही दाम"},
          {"Easy online ordering", "आसान ऑनलाइन ऑर्डर"},
          {"Pay by UPI or cash", "UPI या नकद भुगतान"}}},
        {"Apna General Store", "अपना जनरल स्टोर"},
        {"{city} General Store", "{city} जनरल स्टोर"},
    },
}};

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
}

}  // namespace

const SectorProfile& ProfileFor(Sector sector) {
    return kProfiles[static_cast<std::size_t>(sector)];
}

Theme ThemeFrom(const Palette& palette) {
    return Theme{std::string(palette.name), std::string(palette.primary), std::string(palette.accent),
                 std::string(palette.background)};
}

std::string FillTemplate(std::string_view pattern, std::string_view name, std::string_view city, Language language) {
    std::string in_city;
    if (!city.empty()) {
        in_city = language == Language::kHindi ? std::string(city) + " में " : " in " + std::string(city);
    }
    std::string out(pattern);
    ReplaceAll(out, "{name}", name);
    ReplaceAll(out, "{city}", city);
    ReplaceAll(out, "{in_city}", in_city);
    return CleanLine(out);
}

int DefaultGstRate(const SectorProfile& profile, Paise price) {
    if (profile.gst_threshold_paise > 0 && price.value > profile.gst_threshold_paise) {
        return profile.gst_rate_above;
    }
    return profile.default_gst_rate;
}

}  // namespace webdpro::sitegen
