#include "ai/detail/catalog.hpp"

#include <array>

namespace webdpro::ai::detail {
namespace {

using sitegen::LocalText;
using sitegen::Sector;

constexpr std::int64_t Rs(std::int64_t rupees) {
    return rupees * 100;
}

// Units, in both languages.
constexpr LocalText kKg = {"kg", "किलो"};
constexpr LocalText k500G = {"500 g", "500 ग्राम"};
constexpr LocalText k400G = {"400 g", "400 ग्राम"};
constexpr LocalText k300G = {"300 g", "300 ग्राम"};
constexpr LocalText k250G = {"250 g", "250 ग्राम"};
constexpr LocalText k200G = {"200 g", "200 ग्राम"};
constexpr LocalText k100G = {"100 g", "100 ग्राम"};
constexpr LocalText kLitre = {"litre", "लीटर"};
constexpr LocalText k500Ml = {"500 ml", "500 मि.ली."};
constexpr LocalText k200Ml = {"200 ml", "200 मि.ली."};
constexpr LocalText k4Litre = {"4 litre", "4 लीटर"};
constexpr LocalText kDozen = {"dozen", "दर्जन"};
constexpr LocalText kPiece = {"piece", "पीस"};
constexpr LocalText kTwoPieces = {"2 pieces", "2 पीस"};
constexpr LocalText kSixPieces = {"6 pieces", "6 पीस"};
constexpr LocalText kPack = {"pack", "पैक"};
constexpr LocalText k5KgPack = {"5 kg pack", "5 किलो पैक"};
constexpr LocalText k20KgBag = {"20 kg bag", "20 किलो बोरी"};
constexpr LocalText k50KgBag = {"50 kg bag", "50 किलो बोरी"};
constexpr LocalText kPlate = {"plate", "प्लेट"};
constexpr LocalText kCup = {"cup", "कप"};
constexpr LocalText kGlass = {"glass", "गिलास"};
constexpr LocalText kConsultation = {"consultation", "परामर्श"};
constexpr LocalText kTest = {"test", "जाँच"};
constexpr LocalText kPackage = {"package", "पैकेज"};
constexpr LocalText kService = {"service", "सेवा"};
constexpr LocalText kPair = {"pair", "जोड़ी"};
constexpr LocalText kSet = {"set", "सेट"};
constexpr LocalText kStrip = {"strip", "पत्ता"};
constexpr LocalText kBottle = {"bottle", "बोतल"};
constexpr LocalText kBox = {"box", "डिब्बा"};
constexpr LocalText kRoll = {"roll", "रोल"};
constexpr LocalText kJar = {"jar", "जार"};
constexpr LocalText kTin = {"tin", "डिब्बा"};
constexpr LocalText kMonth = {"month", "महीना"};

// clang-format off

// ---------------------------------------------------------------------------------- grocery
constexpr CatalogCategory kGroceryCategories[] = {
    {{"Vegetables", "सब्ज़ियाँ"}, "vegetables", "vegetable*|veg|veggies|sabzi*|sabji*|subzi*|सब्ज*|fresh*|taza|taaza|ताजा|ताजी"},
    {{"Fruits", "फल"}, "fruits", "fruit*|phal|फल"},
    {{"Atta, Rice & Dal", "आटा, चावल और दाल"}, "atta-rice-dal", "atta|aata|rice|chawal|dal|daal|pulses|grain*|ration|आटा|चावल|दाल|अनाज|राशन"},
    {{"Oil, Spices & Essentials", "तेल, मसाले और ज़रूरी सामान"}, "oil-spices", "oil|tel|masala*|spice*|sugar|tea|chai|तेल|मसाले|चीनी|चाय"},
    {{"Household & Personal Care", "घरेलू और पर्सनल केयर"}, "household", "household|soap|detergent|sabun|साबुन"},
};
constexpr CatalogItem kGroceryItems[] = {
    {{"Desi tomato", "देसी टमाटर"}, {"Firm, juicy tomatoes from this morning's mandi.", "आज सुबह मंडी से आए सख़्त, रसीले टमाटर।"},
     Rs(40), Rs(50), kKg, 0, 0, "0702", "tomato*|tamatar|टमाटर"},
    {{"Onion", "प्याज़"}, {"Dry red onions that keep well.", "अच्छी तरह सूखे लाल प्याज़, जो लंबे चलते हैं।"},
     Rs(35), Rs(40), kKg, 0, 0, "0703", "onion*|pyaz|pyaaz|प्याज"},
    {{"Potato", "आलू"}, {"Everyday potatoes for sabzi, parathas and fries.", "सब्ज़ी, पराठे और फ्राइज़ के लिए रोज़ के आलू।"},
     Rs(30), Rs(35), kKg, 0, 0, "0701", "potato*|aloo|alu|आलू"},
    {{"Lady finger (bhindi)", "भिंडी"}, {"Tender green bhindi, sorted by hand.", "हाथ से छाँटी हुई नरम हरी भिंडी।"},
     Rs(30), Rs(35), k500G, 0, 0, "0709", "bhindi|okra|भिंडी"},
    {{"Green coriander", "हरा धनिया"}, {"A fresh bunch for garnish and chutney.", "सजावट और चटनी के लिए ताज़ा गड्डी।"},
     Rs(10), 0, k100G, 0, 0, "0709", "dhaniya|coriander|धनिया"},
    {{"Banana", "केला"}, {"Ripe robusta bananas, sold by the dozen.", "पके हुए केले, दर्जन के भाव।"},
     Rs(60), Rs(70), kDozen, 1, 0, "0803", "banana*|kela|केला|केले"},
    {{"Shimla apple", "शिमला सेब"}, {"Crisp red apples from Himachal.", "हिमाचल के कुरकुरे लाल सेब।"},
     Rs(160), Rs(180), kKg, 1, 0, "0808", "apple*|seb|सेब"},
    {{"Whole wheat atta", "गेहूँ का आटा"}, {"Chakki-ground flour for soft rotis.", "मुलायम रोटियों के लिए चक्की पिसा गेहूँ का आटा।"},
     Rs(265), Rs(300), k5KgPack, 2, 5, "1101", "atta|aata|wheat|gehu*|आटा|गेहूं"},
    {{"Basmati rice", "बासमती चावल"}, {"Aged long-grain basmati for pulao and biryani.", "पुलाव और बिरयानी के लिए पुराना, लंबे दाने का बासमती।"},
     Rs(120), Rs(140), kKg, 2, 5, "1006", "rice|basmati|chawal|चावल|बासमती"},
    {{"Toor dal", "अरहर (तूर) दाल"}, {"Unpolished arhar dal that cooks soft.", "बिना पॉलिश की अरहर दाल, जल्दी गलती है।"},
     Rs(150), Rs(170), kKg, 2, 5, "0713", "dal|daal|toor|arhar|दाल|अरहर"},
    {{"Moong dal", "मूंग दाल"}, {"Yellow split moong, light and quick to cook.", "पीली धुली मूंग, हल्की और जल्दी पकने वाली।"},
     Rs(130), Rs(145), kKg, 2, 5, "0713", "moong|मूंग"},
    {{"Kachi ghani mustard oil", "कच्ची घानी सरसों तेल"}, {"Cold-pressed mustard oil with a sharp aroma.", "तेज़ खुशबू वाला कच्ची घानी सरसों का तेल।"},
     Rs(175), Rs(195), kLitre, 3, 5, "1514", "oil|tel|mustard|sarson|तेल|सरसों"},
    {{"Sugar", "चीनी"}, {"Clean, fine-grain sugar.", "साफ़, महीन दाने वाली चीनी।"},
     Rs(46), Rs(50), kKg, 3, 5, "1701", "sugar|cheeni|chini|चीनी"},
    {{"Iodised salt", "आयोडीन युक्त नमक"}, {"Free-flowing iodised salt.", "आयोडीन युक्त बारीक नमक।"},
     Rs(28), Rs(30), kKg, 3, 0, "2501", "salt|namak|नमक"},
    {{"Turmeric powder", "हल्दी पाउडर"}, {"Bright, aromatic haldi.", "गहरे रंग की, खुशबूदार हल्दी।"},
     Rs(60), Rs(70), k200G, 3, 5, "0910", "haldi|turmeric|masala*|हल्दी|मसाले"},
    {{"Assam CTC tea", "असम सीटीसी चाय पत्ती"}, {"Strong leaf for kadak chai.", "कड़क चाय के लिए तेज़ चाय पत्ती।"},
     Rs(260), Rs(290), k500G, 3, 5, "0902", "tea|chai|चाय"},
    {{"Organic jaggery", "जैविक गुड़"}, {"Chemical-free jaggery from sugarcane farms.", "गन्ने के खेतों से, बिना केमिकल का गुड़।"},
     Rs(90), Rs(100), kKg, 3, 5, "1701", "organic|jaggery|gud|gur|जैविक|गुड"},
    {{"Bathing soap, pack of 4", "नहाने का साबुन, 4 का पैक"}, {"Gentle bathing bars for the family.", "पूरे परिवार के लिए हल्का नहाने का साबुन।"},
     Rs(160), Rs(180), kPack, 4, 5, "3401", "soap|sabun|साबुन"},
    {{"Detergent powder", "डिटर्जेंट पाउडर"}, {"For bucket and machine wash.", "बाल्टी और मशीन, दोनों की धुलाई के लिए।"},
     Rs(110), Rs(125), kKg, 4, 18, "3402", "detergent|washing|डिटर्जेंट"},
};

// ------------------------------------------------------------------------------- restaurant
// Restaurant service (SAC 996331) is 5% without input tax credit.
constexpr CatalogCategory kRestaurantCategories[] = {
    {{"Thalis", "थाली"}, "thalis", "thali*|meal*|lunch|dinner|khana|थाली|खाना"},
    {{"Main Course", "मुख्य व्यंजन"}, "main-course", "curry|curries|paneer|sabzi|main course|पनीर|सब्जी"},
    {{"Breads & Rice", "रोटी और चावल"}, "breads-rice", "roti|naan|paratha*|tandoor*|rice|biryani|रोटी|नान|बिरयानी"},
    {{"Snacks", "नाश्ता"}, "snacks", "snack*|nashta|samosa*|chaat|chai|tea|chole|नाश्ता|समोसा|चाय"},
    {{"Drinks & Desserts", "पेय और मिठाई"}, "drinks-desserts", "lassi|sweet*|dessert*|mithai|लस्सी|मिठाई"},
};
constexpr CatalogItem kRestaurantItems[] = {
    {{"Special veg thali", "स्पेशल शाकाहारी थाली"}, {"Two sabzis, dal, rice, four rotis, salad, raita and a sweet.", "दो सब्ज़ियाँ, दाल, चावल, चार रोटी, सलाद, रायता और मिठाई।"},
     Rs(220), 0, kPlate, 0, 5, "996331", "special|thali*|थाली"},
    {{"Mini thali", "मिनी थाली"}, {"One sabzi, dal, rice and three rotis.", "एक सब्ज़ी, दाल, चावल और तीन रोटी।"},
     Rs(140), 0, kPlate, 0, 5, "996331", "mini|thali*|थाली"},
    {{"Dal makhani", "दाल मखनी"}, {"Black urad simmered overnight with butter and cream.", "रातभर धीमी आँच पर मक्खन और मलाई के साथ पकी काली उड़द।"},
     Rs(200), 0, kPlate, 1, 5, "996331", "dal|makhani|दाल"},
    {{"Paneer butter masala", "पनीर बटर मसाला"}, {"Soft paneer in a rich tomato-butter gravy.", "टमाटर-मक्खन की गाढ़ी ग्रेवी में नरम पनीर।"},
     Rs(240), 0, kPlate, 1, 5, "996331", "paneer|पनीर"},
    {{"Mix veg", "मिक्स वेज"}, {"Seasonal vegetables cooked home-style.", "मौसमी सब्ज़ियाँ, घर जैसे स्वाद में।"},
     Rs(180), 0, kPlate, 1, 5, "996331", "mix veg|sabzi"},
    {{"Butter chicken", "बटर चिकन"}, {"Tandoori chicken in a creamy tomato gravy.", "मलाईदार टमाटर ग्रेवी में तंदूरी चिकन।"},
     Rs(320), 0, kPlate, 1, 5, "996331", "chicken|चिकन", true},
    {{"Egg curry", "अंडा करी"}, {"Two boiled eggs in onion-tomato masala.", "प्याज़-टमाटर मसाले में दो उबले अंडे।"},
     Rs(140), 0, kPlate, 1, 5, "996331", "egg*|anda|अंडा", true},
    {{"Tandoori roti", "तंदूरी रोटी"}, {"Whole wheat roti from the clay oven.", "मिट्टी के तंदूर में सिकी गेहूँ की रोटी।"},
     Rs(15), 0, kPiece, 2, 5, "996331", "roti|tandoor*|रोटी"},
    {{"Butter naan", "बटर नान"}, {"Soft naan brushed with butter.", "मक्खन लगा नरम नान।"},
     Rs(45), 0, kPiece, 2, 5, "996331", "naan|नान"},
    {{"Aloo paratha", "आलू पराठा"}, {"Stuffed parathas with curd and pickle.", "दही और अचार के साथ भरवां पराठे।"},
     Rs(80), 0, kTwoPieces, 2, 5, "996331", "paratha*|पराठा"},
    {{"Jeera rice", "जीरा राइस"}, {"Basmati tempered with cumin and ghee.", "घी और जीरे के तड़के वाला बासमती।"},
     Rs(130), 0, kPlate, 2, 5, "996331", "rice|चावल"},
    {{"Veg biryani", "वेज बिरयानी"}, {"Dum-cooked basmati with vegetables and whole spices.", "सब्ज़ियों और खड़े मसालों के साथ दम पर पका बासमती।"},
     Rs(180), 0, kPlate, 2, 5, "996331", "biryani|बिरयानी"},
    {{"Chicken biryani", "चिकन बिरयानी"}, {"Hyderabadi-style dum biryani with tender chicken.", "नरम चिकन के साथ हैदराबादी अंदाज़ की दम बिरयानी।"},
     Rs(260), 0, kPlate, 2, 5, "996331", "biryani|chicken|बिरयानी|चिकन", true},
    {{"Chole bhature", "छोले भटूरे"}, {"Spicy Punjabi chole with two fluffy bhature.", "तीखे पंजाबी छोले और दो फूले हुए भटूरे।"},
     Rs(120), 0, kPlate, 3, 5, "996331", "chole|bhature|छोले"},
    {{"Samosa", "समोसा"}, {"Crisp samosas with tamarind and mint chutney.", "इमली और पुदीने की चटनी के साथ कुरकुरे समोसे।"},
     Rs(30), 0, kTwoPieces, 3, 5, "996331", "samosa*|समोसा"},
    {{"Masala chai", "मसाला चाय"}, {"Kadak chai with ginger and cardamom.", "अदरक-इलायची वाली कड़क चाय।"},
     Rs(20), 0, kCup, 3, 5, "996331", "chai|tea|चाय"},
    {{"Sweet lassi", "मीठी लस्सी"}, {"Thick Punjabi lassi topped with malai.", "ऊपर से मलाई वाली गाढ़ी पंजाबी लस्सी।"},
     Rs(60), 0, kGlass, 4, 5, "996331", "lassi|लस्सी"},
    {{"Gulab jamun", "गुलाब जामुन"}, {"Warm gulab jamun in cardamom syrup.", "इलायची की चाशनी में गरम गुलाब जामुन।"},
     Rs(50), 0, kTwoPieces, 4, 5, "996331", "gulab jamun|sweet*|मिठाई"},
};

// ----------------------------------------------------------------------------------- clinic
// Health care by a clinical establishment is exempt: SAC 999312 (medical), 999316 (lab).
constexpr CatalogCategory kClinicCategories[] = {
    {{"Consultations", "परामर्श"}, "consultations", "doctor*|consult*|opd|physician|डाक्टर|परामर्श"},
    {{"Lab Tests", "लैब जाँच"}, "lab-tests", "lab|test*|pathology|diagnostic*|blood|जांच|टेस्ट"},
    {{"Procedures", "प्रक्रियाएँ"}, "procedures", "dressing|injection*|ecg|nebuli*"},
    {{"Health Packages", "हेल्थ पैकेज"}, "health-packages", "checkup*|check up|package*|full body"},
};
constexpr CatalogItem kClinicItems[] = {
    {{"General physician consultation", "सामान्य चिकित्सक परामर्श"}, {"Consultation with the doctor, with a written prescription.", "डॉक्टर से परामर्श, लिखित पर्चे के साथ।"},
     Rs(400), 0, kConsultation, 0, 0, "999312", "general|physician|mbbs"},
    {{"Follow-up visit (within 7 days)", "फ़ॉलो-अप विज़िट (7 दिन के भीतर)"}, {"Review of reports and progress after your first visit.", "पहली विज़िट के बाद रिपोर्ट और सुधार की जाँच।"},
     Rs(200), 0, kConsultation, 0, 0, "999312", "follow*"},
    {{"Child specialist consultation", "शिशु रोग विशेषज्ञ परामर्श"}, {"Check-up, growth tracking and advice for children.", "बच्चों की जाँच, बढ़त पर नज़र और सलाह।"},
     Rs(600), 0, kConsultation, 0, 0, "999312", "child*|paediatric*|pediatric*|baby|kids|बच्चों|शिशु"},
    {{"Video consultation", "वीडियो परामर्श"}, {"Talk to the doctor from home on a video call.", "घर बैठे वीडियो कॉल पर डॉक्टर से बात करें।"},
     Rs(300), 0, kConsultation, 0, 0, "999312", "online|video|tele*"},
    {{"Doctor home visit", "घर पर डॉक्टर विज़िट"}, {"The doctor visits you at home, within city limits.", "शहर की सीमा के भीतर डॉक्टर आपके घर आएँगे।"},
     Rs(1000), 0, kService, 0, 0, "999312", "home visit*|घर"},
    {{"Blood sugar test (fasting)", "ब्लड शुगर जाँच (फ़ास्टिंग)"}, {"Quick glucometer reading; come on an empty stomach.", "ग्लूकोमीटर से तुरंत जाँच; खाली पेट आएँ।"},
     Rs(80), Rs(100), kTest, 1, 0, "999316", "sugar|diabet*|शुगर"},
    {{"Complete blood count (CBC)", "सीबीसी (कम्प्लीट ब्लड काउंट)"}, {"Haemoglobin, white cells and platelets; report the same day.", "हीमोग्लोबिन, श्वेत कोशिकाएँ और प्लेटलेट्स; रिपोर्ट उसी दिन।"},
     Rs(300), Rs(350), kTest, 1, 0, "999316", "cbc|blood"},
    {{"Thyroid profile (T3, T4, TSH)", "थायरॉइड प्रोफ़ाइल (T3, T4, TSH)"}, {"Sample taken at the clinic; report in 24 hours.", "सैंपल क्लिनिक पर; रिपोर्ट 24 घंटे में।"},
     Rs(500), Rs(650), kTest, 1, 0, "999316", "thyroid|थायराइड"},
    {{"Lipid profile", "लिपिड प्रोफ़ाइल"}, {"Cholesterol and triglycerides; 10–12 hours fasting.", "कोलेस्ट्रॉल और ट्राइग्लिसराइड; 10–12 घंटे खाली पेट।"},
     Rs(550), Rs(700), kTest, 1, 0, "999316", "lipid|cholesterol|heart"},
    {{"ECG", "ईसीजी"}, {"12-lead ECG with the doctor's reading.", "12-लीड ईसीजी, डॉक्टर की रिपोर्ट के साथ।"},
     Rs(300), 0, kTest, 2, 0, "999316", "ecg|heart"},
    {{"Wound dressing", "मरहम-पट्टी"}, {"Cleaning and dressing of minor wounds.", "छोटे घावों की सफ़ाई और पट्टी।"},
     Rs(150), 0, kService, 2, 0, "999312", "dressing|wound|पट्टी"},
    {{"Injection (administration)", "इंजेक्शन लगाना"}, {"Given by trained staff; medicine not included.", "प्रशिक्षित स्टाफ़ द्वारा; दवा शामिल नहीं।"},
     Rs(50), 0, kService, 2, 0, "999312", "injection*|इंजेक्शन"},
    {{"Nebulization", "नेबुलाइज़ेशन"}, {"For cough and breathing trouble.", "खाँसी और साँस की तकलीफ़ में।"},
     Rs(150), 0, kService, 2, 0, "999312", "nebuli*|asthma"},
    {{"Full body check-up", "फुल बॉडी चेकअप"}, {"Doctor consultation plus CBC, sugar, lipid, thyroid, liver and kidney tests.", "डॉक्टर परामर्श के साथ सीबीसी, शुगर, लिपिड, थायरॉइड, लिवर और किडनी जाँच।"},
     Rs(1499), Rs(2500), kPackage, 3, 0, "999316", "checkup*|full body|package*"},
    {{"Diabetes care package", "डायबिटीज़ केयर पैकेज"}, {"Consultation, HbA1c, fasting sugar and diet advice.", "परामर्श, HbA1c, फ़ास्टिंग शुगर और खान-पान की सलाह।"},
     Rs(999), Rs(1300), kPackage, 3, 0, "999316", "diabet*|sugar|शुगर"},
};

// ---------------------------------------------------------------------------------- fashion
// Apparel and footwear up to ₹2,500 a piece: 5%; above: 18%. Sarees are fabric (ch. 50/52): 5%.
constexpr CatalogCategory kFashionCategories[] = {
    {{"Women", "महिलाएँ"}, "women", "ladies|women*|saree*|sari*|kurti*|suit*|lehenga*|dupatta*|साड*|कुर्ती|लेडीज"},
    {{"Men", "पुरुष"}, "men", "gents|men|mens|shirt*|jeans|kurta*|पुरुष|जेंट्स"},
    {{"Kids", "बच्चे"}, "kids", "kids|children|baby|बच्चों|बच्चे"},
    {{"Footwear & Accessories", "फ़ुटवियर और एक्सेसरीज़"}, "footwear-accessories", "footwear|shoe*|jutti*|chappal*|accessor*"},
};
constexpr CatalogItem kFashionItems[] = {
    {{"Cotton printed kurti", "कॉटन प्रिंटेड कुर्ती"}, {"Breathable everyday kurti; sizes S to XXL.", "रोज़ पहनने लायक हवादार कुर्ती; साइज़ S से XXL।"},
     Rs(599), Rs(899), kPiece, 0, 5, "6204", "kurti*|कुर्ती"},
    {{"Banarasi silk saree", "बनारसी सिल्क साड़ी"}, {"Rich zari border with a matching blouse piece.", "ज़री बॉर्डर और मैचिंग ब्लाउज़ पीस के साथ।"},
     Rs(3499), Rs(4999), kPiece, 0, 5, "5007", "saree*|sari*|banarasi|silk|साड*|बनारसी"},
    {{"Handloom cotton saree", "हैंडलूम कॉटन साड़ी"}, {"Soft handloom cotton for daily wear.", "रोज़ के लिए मुलायम हैंडलूम कॉटन।"},
     Rs(899), Rs(1199), kPiece, 0, 5, "5208", "saree*|sari*|cotton|handloom|साड*"},
    {{"Anarkali suit set", "अनारकली सूट सेट"}, {"Georgette kurta, churidar and dupatta.", "जॉर्जेट का कुर्ता, चूड़ीदार और दुपट्टा।"},
     Rs(1799), Rs(2499), kSet, 0, 5, "6204", "suit*|anarkali|सूट"},
    {{"Bridal lehenga choli", "ब्राइडल लहंगा चोली"}, {"Embroidered lehenga with choli and net dupatta.", "कढ़ाईदार लहंगा, चोली और नेट दुपट्टा।"},
     Rs(5999), Rs(7999), kSet, 0, 18, "6204", "lehenga*|bridal|wedding|लहंगा"},
    {{"Chiffon dupatta", "शिफ़ॉन दुपट्टा"}, {"Light dupatta in solid colours.", "सादे रंगों में हल्का दुपट्टा।"},
     Rs(349), Rs(499), kPiece, 0, 5, "6214", "dupatta*|दुपट्टा"},
    {{"Cotton leggings", "कॉटन लेगिंग्स"}, {"Stretchable, ankle-length.", "खिंचने वाली, टखने तक की।"},
     Rs(299), Rs(399), kPiece, 0, 5, "6104", "leggings"},
    {{"Men's cotton shirt", "पुरुषों की कॉटन शर्ट"}, {"Formal and casual shirts, regular fit.", "फ़ॉर्मल और कैज़ुअल शर्ट, रेगुलर फ़िट।"},
     Rs(799), Rs(1199), kPiece, 1, 5, "6205", "shirt*|शर्ट"},
    {{"Kurta pyjama set", "कुर्ता पायजामा सेट"}, {"Cotton kurta and pyjama for festivals and pujas.", "त्योहार और पूजा के लिए कॉटन कुर्ता-पायजामा।"},
     Rs(1299), Rs(1799), kSet, 1, 5, "6203", "kurta*|कुर्ता"},
    {{"Stretch denim jeans", "स्ट्रेच डेनिम जींस"}, {"Mid-rise jeans in blue and black.", "नीले और काले रंग में मिड-राइज़ जींस।"},
     Rs(1199), Rs(1699), kPiece, 1, 5, "6203", "jeans|denim|जींस"},
    {{"Nehru jacket", "नेहरू जैकेट"}, {"Textured jacket to wear over a kurta.", "कुर्ते के ऊपर पहनने के लिए टेक्सचर्ड जैकेट।"},
     Rs(2899), Rs(3499), kPiece, 1, 18, "6203", "jacket*|nehru"},
    {{"Girls' party frock", "लड़कियों की पार्टी फ़्रॉक"}, {"Flared frock for ages 2 to 10.", "2 से 10 साल के लिए घेरदार फ़्रॉक।"},
     Rs(499), Rs(699), kPiece, 2, 5, "6204", "frock*|girls"},
    {{"Kids' cotton T-shirt", "बच्चों की कॉटन टी-शर्ट"}, {"Soft printed tees for ages 2 to 12.", "2 से 12 साल के लिए मुलायम प्रिंटेड टी-शर्ट।"},
     Rs(299), Rs(399), kPiece, 2, 5, "6109", "t shirt*|tshirt*|tee*"},
    {{"Embroidered juttis", "कढ़ाईदार जूतियाँ"}, {"Handmade leather juttis with a cushioned sole.", "गद्देदार तले वाली, हाथ से बनी चमड़े की जूतियाँ।"},
     Rs(699), Rs(999), kPair, 3, 5, "6403", "jutti*|footwear|जूती"},
    {{"Oxidised jhumkas", "ऑक्सीडाइज़्ड झुमके"}, {"Light earrings that go with ethnic wear.", "एथनिक कपड़ों के साथ जँचने वाले हल्के झुमके।"},
     Rs(199), Rs(299), kPair, 3, 3, "7117", "jhumka*|earring*|झुमके"},
};

// ----------------------------------------------------------------------------------- bakery
constexpr CatalogCategory kBakeryCategories[] = {
    {{"Cakes & Pastries", "केक और पेस्ट्री"}, "cakes-pastries", "cake*|pastr*|birthday*|केक|पेस्ट्री"},
    {{"Breads", "ब्रेड और पाव"}, "breads", "bread*|pav|pao|bun*|ब्रेड|पाव"},
    {{"Biscuits & Cookies", "बिस्कुट और कुकीज़"}, "biscuits-cookies", "biscuit*|cookie*|rusk|toast|nankhatai|बिस्कुट|कुकीज"},
    {{"Snacks", "स्नैक्स"}, "snacks", "puff*|patties|khari|snack*"},
    {{"Sweets", "मिठाई"}, "sweets", "sweet*|mithai|halwai|ladoo|laddu|kaju|misthan*|mishthan*|मिठाई|लड्डू|मिष्ठान*"},
};
constexpr CatalogItem kBakeryItems[] = {
    {{"Black forest cake", "ब्लैक फ़ॉरेस्ट केक"}, {"Chocolate sponge, cream and cherries; eggless on request.", "चॉकलेट स्पंज, क्रीम और चेरी; कहने पर एगलेस।"},
     Rs(450), Rs(500), k500G, 0, 5, "1905", "black forest|cake*|केक"},
    {{"Chocolate truffle cake", "चॉकलेट ट्रफ़ल केक"}, {"Rich ganache layers for birthdays.", "जन्मदिन के लिए गाढ़ी गनाश की परतें।"},
     Rs(950), Rs(1100), kKg, 0, 5, "1905", "chocolate|truffle|cake*"},
    {{"Custom birthday cake", "कस्टम बर्थडे केक"}, {"Your flavour, message and design; order a day ahead.", "आपकी पसंद का फ़्लेवर, संदेश और डिज़ाइन; एक दिन पहले ऑर्डर करें।"},
     Rs(1200), 0, kKg, 0, 5, "1905", "birthday*|custom|party|wedding|बर्थडे|जन्मदिन"},
    {{"Pineapple pastry", "पाइनएप्पल पेस्ट्री"}, {"Light sponge with pineapple cream.", "पाइनएप्पल क्रीम वाला हल्का स्पंज।"},
     Rs(60), 0, kPiece, 0, 5, "1905", "pastr*|पेस्ट्री"},
    {{"Eggless fruit cake", "एगलेस फ्रूट केक"}, {"Tea-time cake loaded with tutti-frutti.", "टूटी-फ्रूटी से भरपूर, चाय के साथ का केक।"},
     Rs(180), Rs(200), k300G, 0, 5, "1905", "eggless|fruit cake|एगलेस"},
    {{"Fresh white bread", "ताज़ा सफ़ेद ब्रेड"}, {"Soft sandwich loaf, baked this morning.", "आज सुबह बनी नरम सैंडविच ब्रेड।"},
     Rs(40), Rs(45), k400G, 1, 0, "1905", "bread*|ब्रेड"},
    {{"Brown bread", "ब्राउन ब्रेड"}, {"Whole wheat loaf with a soft crumb.", "गेहूँ की नरम ब्राउन ब्रेड।"},
     Rs(55), Rs(60), k400G, 1, 0, "1905", "brown|bread*"},
    {{"Ladi pav", "लादी पाव"}, {"Soft pav for pav bhaji and vada pav.", "पाव भाजी और वड़ा पाव के लिए नरम पाव।"},
     Rs(30), 0, kSixPieces, 1, 0, "1905", "pav|pao|पाव"},
    {{"Butter cookies", "बटर कुकीज़"}, {"Melt-in-the-mouth cookies made with butter.", "मक्खन से बनी, मुँह में घुल जाने वाली कुकीज़।"},
     Rs(220), Rs(250), k400G, 2, 5, "1905", "cookie*|butter"},
    {{"Atta biscuits", "आटा बिस्कुट"}, {"Whole wheat biscuits, lightly sweet.", "गेहूँ के आटे के हल्के मीठे बिस्कुट।"},
     Rs(140), Rs(160), k500G, 2, 5, "1905", "biscuit*|atta|बिस्कुट"},
    {{"Milk rusk", "मिल्क रस्क"}, {"Double-baked rusk for chai.", "चाय के साथ, दो बार सिका कुरकुरा रस्क।"},
     Rs(70), Rs(80), k300G, 2, 5, "1905", "rusk|toast|रस्क"},
    {{"Nankhatai", "नानखटाई"}, {"Ghee and cardamom shortbread.", "घी और इलायची वाली नानखटाई।"},
     Rs(120), Rs(135), k250G, 2, 5, "1905", "nankhatai|नानखटाई"},
    {{"Veg puff", "वेज पफ़"}, {"Flaky puff with a spicy potato-peas filling.", "मसालेदार आलू-मटर भरी परतदार पफ़।"},
     Rs(25), 0, kPiece, 3, 5, "1905", "puff*|patties|पफ"},
    {{"Masala khari", "मसाला खारी"}, {"Crisp, layered khari with spices.", "मसाले वाली कुरकुरी, परतदार खारी।"},
     Rs(60), Rs(70), k200G, 3, 5, "1905", "khari|खारी"},
    {{"Kaju katli", "काजू कतली"}, {"Cashew fudge with silver varq.", "चाँदी के वर्क वाली काजू कतली।"},
     Rs(300), Rs(325), k250G, 4, 5, "2106", "kaju*|katli|sweet*|mithai|मिठाई|काजू"},
    {{"Motichoor ladoo", "मोतीचूर लड्डू"}, {"Boondi ladoo made in pure ghee.", "शुद्ध घी के बूंदी लड्डू।"},
     Rs(280), Rs(300), k500G, 4, 5, "2106", "ladoo|laddu|motichoor|लड्डू"},
};

// --------------------------------------------------------------------------------- pharmacy
constexpr CatalogCategory kPharmacyCategories[] = {
    {{"Medicines", "दवाइयाँ"}, "medicines", "medicine*|dawa*|davai*|tablet*|syrup|दवा|दवाई|दवाइयां"},
    {{"Health Devices", "हेल्थ डिवाइस"}, "health-devices", "device*|bp|glucometer|thermometer|sugar"},
    {{"First Aid", "प्राथमिक उपचार"}, "first-aid", "first aid|bandage*|antiseptic|sanitizer|sanitiser"},
    {{"Personal & Baby Care", "पर्सनल और बेबी केयर"}, "personal-baby-care", "baby|diaper*|personal care|cosmetic*|skin"},
};
constexpr CatalogItem kPharmacyItems[] = {
    {{"Paracetamol 650 mg, 15 tablets", "पैरासिटामोल 650 मि.ग्रा., 15 गोलियाँ"}, {"For fever and body ache. Take as your doctor advises.", "बुख़ार और बदन दर्द में। डॉक्टर की सलाह से लें।"},
     Rs(32), Rs(35), kStrip, 0, 5, "3004", "fever|paracetamol|बुखार"},
    {{"Cetirizine 10 mg, 10 tablets", "सेटिरिज़िन 10 मि.ग्रा., 10 गोलियाँ"}, {"For allergy, sneezing and a runny nose.", "एलर्जी, छींक और बहती नाक में।"},
     Rs(20), Rs(22), kStrip, 0, 5, "3004", "allergy"},
    {{"ORS sachets, pack of 5", "ओआरएस घोल, 5 पैकेट"}, {"WHO-formula oral rehydration salts.", "WHO फ़ॉर्मूला वाला जीवन रक्षक घोल।"},
     Rs(100), Rs(110), kPack, 0, 5, "3004", "ors|dehydration"},
    {{"Cough syrup, 100 ml", "खाँसी का सिरप, 100 मि.ली."}, {"Relief from dry and wet cough.", "सूखी और बलगम वाली खाँसी में आराम।"},
     Rs(110), Rs(125), kBottle, 0, 5, "3004", "cough|syrup|खांसी"},
    {{"Antacid gel, 200 ml", "एंटासिड जेल, 200 मि.ली."}, {"Quick relief from acidity and heartburn.", "एसिडिटी और सीने की जलन में जल्दी आराम।"},
     Rs(140), Rs(155), kBottle, 0, 5, "3004", "acidity|antacid|gas"},
    {{"Vitamin B-complex, 20 capsules", "विटामिन बी-कॉम्प्लेक्स, 20 कैप्सूल"}, {"Everyday nutritional support.", "रोज़ाना पोषण के लिए।"},
     Rs(45), Rs(50), kStrip, 0, 5, "3004", "vitamin*"},
    {{"Digital thermometer", "डिजिटल थर्मामीटर"}, {"Reads in about 60 seconds, with a beep.", "लगभग 60 सेकंड में बीप के साथ रीडिंग।"},
     Rs(199), Rs(250), kPiece, 1, 5, "9025", "thermometer|थर्मामीटर"},
    {{"Glucometer with 10 strips", "ग्लूकोमीटर, 10 स्ट्रिप्स के साथ"}, {"Check blood sugar at home in seconds.", "घर पर सेकंडों में ब्लड शुगर जाँचें।"},
     Rs(899), Rs(1200), kPiece, 1, 5, "9027", "glucometer|sugar|diabet*|शुगर"},
    {{"Glucose test strips, 50", "ग्लूकोज़ टेस्ट स्ट्रिप्स, 50"}, {"Check your glucometer model before ordering.", "ऑर्डर से पहले अपने ग्लूकोमीटर का मॉडल मिला लें।"},
     Rs(750), Rs(999), kPack, 1, 5, "3822", "strips|sugar"},
    {{"Automatic BP monitor", "ऑटोमैटिक बीपी मशीन"}, {"Upper-arm monitor with memory for two users.", "ऊपरी बाँह वाली मशीन, दो लोगों की मेमोरी।"},
     Rs(1599), Rs(2200), kPiece, 1, 5, "9018", "bp|blood pressure|बीपी"},
    {{"Adhesive bandages, 20", "बैंडेज पट्टियाँ, 20"}, {"Washproof strips for small cuts.", "छोटी चोट के लिए पानी-रोधी पट्टियाँ।"},
     Rs(40), Rs(45), kPack, 2, 5, "3005", "bandage*|band aid"},
    {{"Surgical cotton roll, 100 g", "सर्जिकल रुई, 100 ग्राम"}, {"Soft, absorbent cotton.", "मुलायम, सोखने वाली रुई।"},
     Rs(60), Rs(65), kRoll, 2, 5, "3005", "cotton"},
    {{"Antiseptic liquid, 250 ml", "एंटीसेप्टिक लिक्विड, 250 मि.ली."}, {"For first aid and personal hygiene.", "प्राथमिक उपचार और साफ़-सफ़ाई के लिए।"},
     Rs(115), Rs(125), kBottle, 2, 18, "3808", "antiseptic"},
    {{"Hand sanitizer, 500 ml", "हैंड सैनिटाइज़र, 500 मि.ली."}, {"70% alcohol, gentle on hands.", "70% अल्कोहल, हाथों पर कोमल।"},
     Rs(150), Rs(200), kBottle, 2, 18, "3808", "sanitizer|sanitiser"},
    {{"Baby diapers, medium, 20", "बेबी डायपर, मीडियम, 20"}, {"Soft, leak-proof, up to 12 hours dry.", "मुलायम, लीक-प्रूफ़, 12 घंटे तक सूखा।"},
     Rs(399), Rs(499), kPack, 3, 5, "9619", "diaper*|baby|बेबी"},
    {{"Fluoride toothpaste, 150 g", "फ़्लोराइड टूथपेस्ट, 150 ग्राम"}, {"For strong teeth and fresh breath.", "मज़बूत दाँत और ताज़ी साँस के लिए।"},
     Rs(110), Rs(125), kPiece, 3, 5, "3306", "toothpaste|dental"},
    {{"Sunscreen SPF 50, 50 g", "सनस्क्रीन SPF 50, 50 ग्राम"}, {"Non-greasy sun protection for daily use.", "रोज़ के लिए, बिना चिपचिपाहट वाली धूप से सुरक्षा।"},
     Rs(399), Rs(450), kPiece, 3, 18, "3304", "sunscreen|skin"},
};

// ------------------------------------------------------------------------------ electronics
constexpr CatalogCategory kElectronicsCategories[] = {
    {{"Mobiles", "मोबाइल फ़ोन"}, "mobiles", "mobile*|phone*|smartphone*|मोबाइल|फोन"},
    {{"Accessories", "एक्सेसरीज़"}, "accessories", "accessor*|charger*|cable*|cover*|power bank|screen guard|tempered"},
    {{"Audio", "ऑडियो"}, "audio", "earphone*|headphone*|earbuds|speaker*|audio|bluetooth"},
    {{"Repairs", "रिपेयर"}, "repairs", "repair*|servicing|रिपेयर|मरम्मत"},
    {{"TV & Home", "टीवी और होम"}, "tv-home", "tv|television*|led|टीवी"},
};
constexpr CatalogItem kElectronicsItems[] = {
    {{"Smartphone 4 GB + 64 GB", "स्मार्टफ़ोन 4 GB + 64 GB"}, {"6.7-inch display, 5000 mAh battery, dual SIM.", "6.7 इंच डिस्प्ले, 5000 mAh बैटरी, डुअल सिम।"},
     Rs(8999), Rs(10999), kPiece, 0, 18, "8517", "smartphone*|budget"},
    {{"5G smartphone 8 GB + 128 GB", "5G स्मार्टफ़ोन 8 GB + 128 GB"}, {"50 MP camera and fast charging.", "50 MP कैमरा और फ़ास्ट चार्जिंग।"},
     Rs(15999), Rs(18999), kPiece, 0, 18, "8517", "5g|camera|smartphone*"},
    {{"Keypad mobile", "कीपैड मोबाइल"}, {"Long battery life, torch and FM radio.", "लंबी चलने वाली बैटरी, टॉर्च और FM रेडियो।"},
     Rs(1199), Rs(1499), kPiece, 0, 18, "8517", "keypad"},
    {{"20 W fast charger", "20 W फ़ास्ट चार्जर"}, {"Type-C charger with overheat protection.", "ओवरहीट सुरक्षा वाला टाइप-सी चार्जर।"},
     Rs(499), Rs(799), kPiece, 1, 18, "8504", "charger*|चार्जर"},
    {{"USB Type-C cable, 1 m", "USB टाइप-सी केबल, 1 मीटर"}, {"Braided cable for charging and data.", "चार्जिंग और डेटा के लिए मज़बूत ब्रेडेड केबल।"},
     Rs(199), Rs(299), kPiece, 1, 18, "8544", "cable*|usb"},
    {{"Power bank 10000 mAh", "पावर बैंक 10000 mAh"}, {"Charges a phone about twice; two USB ports.", "फ़ोन को लगभग दो बार चार्ज करे; दो USB पोर्ट।"},
     Rs(999), Rs(1499), kPiece, 1, 18, "8507", "power bank|powerbank"},
    {{"Tempered glass screen guard", "टेम्पर्ड ग्लास स्क्रीन गार्ड"}, {"Edge-to-edge protection, fitted free at the shop.", "किनारे तक सुरक्षा, दुकान पर मुफ़्त लगाया जाता है।"},
     Rs(149), Rs(249), kPiece, 1, 18, "7007", "tempered|screen guard|glass"},
    {{"Mobile back cover", "मोबाइल बैक कवर"}, {"Shock-proof covers for popular models.", "लोकप्रिय मॉडलों के लिए शॉक-प्रूफ़ कवर।"},
     Rs(199), Rs(349), kPiece, 1, 18, "3926", "cover*|case"},
    {{"Memory card 64 GB", "मेमोरी कार्ड 64 GB"}, {"Class 10 microSD for phones and cameras.", "फ़ोन और कैमरे के लिए क्लास 10 माइक्रोएसडी।"},
     Rs(549), Rs(799), kPiece, 1, 18, "8523", "memory card|sd card"},
    {{"Wireless earbuds", "वायरलेस ईयरबड्स"}, {"Up to 30 hours with the case.", "केस के साथ 30 घंटे तक।"},
     Rs(1299), Rs(2499), kPair, 2, 18, "8518", "earbuds|wireless|bluetooth"},
    {{"Wired earphones with mic", "माइक वाले ईयरफ़ोन"}, {"Clear calls and deep bass.", "साफ़ कॉल और दमदार बेस।"},
     Rs(249), Rs(399), kPiece, 2, 18, "8518", "earphone*|headphone*"},
    {{"Bluetooth speaker", "ब्लूटूथ स्पीकर"}, {"Portable 10 W speaker, splash-proof.", "पोर्टेबल 10 W स्पीकर, छींटों से सुरक्षित।"},
     Rs(1499), Rs(2199), kPiece, 2, 18, "8518", "speaker*|bluetooth"},
    {{"Screen replacement", "स्क्रीन बदलवाना"}, {"Price for common models; exact quote after inspection.", "आम मॉडलों का दाम; सही दाम जाँच के बाद।"},
     Rs(1800), 0, kService, 3, 18, "998716", "screen|display|broken|repair*"},
    {{"Battery replacement", "बैटरी बदलवाना"}, {"Quality battery with a 3-month warranty.", "3 महीने की वारंटी वाली अच्छी बैटरी।"},
     Rs(900), 0, kService, 3, 18, "998716", "battery|repair*"},
    {{"Charging port repair", "चार्जिंग पोर्ट रिपेयर"}, {"Fixes loose or dead ports, usually the same day.", "ढीला या चार्ज न होने वाला पोर्ट, अक्सर उसी दिन ठीक।"},
     Rs(400), 0, kService, 3, 18, "998716", "charging|port|repair*"},
    {{"32-inch smart LED TV", "32 इंच स्मार्ट LED टीवी"}, {"HD ready, built-in apps, wall mount included.", "HD रेडी, इनबिल्ट ऐप्स, वॉल माउंट शामिल।"},
     Rs(11999), Rs(15999), kPiece, 4, 18, "8528", "tv|television*|led|टीवी"},
};

// ------------------------------------------------------------------------------------ salon
// Beauty and physical well-being services: 5% without input tax credit since 22 Sep 2025.
constexpr CatalogCategory kSalonCategories[] = {
    {{"Hair", "बाल"}, "hair", "hair*|haircut*|cutting|हेयर|बाल"},
    {{"Skin & Facials", "स्किन और फ़ेशियल"}, "skin-facials", "facial*|skin|cleanup|फेशियल"},
    {{"Grooming", "ग्रूमिंग"}, "grooming", "beard|shave|shaving|waxing|threading|manicure|pedicure|nail*|massage"},
    {{"Bridal & Makeup", "ब्राइडल और मेकअप"}, "bridal-makeup", "bridal|makeup|make up|mehndi|mehendi|wedding|party|ब्राइडल|मेकअप"},
};
constexpr CatalogItem kSalonItems[] = {
    {{"Men's haircut", "पुरुषों का हेयरकट"}, {"Cut, wash and style by a senior stylist.", "सीनियर स्टाइलिस्ट से कट, वॉश और स्टाइल।"},
     Rs(150), 0, kService, 0, 5, "999721", "gents|men|haircut*|cutting"},
    {{"Women's haircut", "महिलाओं का हेयरकट"}, {"Consultation, cut and blow-dry.", "सलाह, कट और ब्लो-ड्राई।"},
     Rs(400), 0, kService, 0, 5, "999721", "ladies|women|haircut*"},
    {{"Hair spa", "हेयर स्पा"}, {"Deep conditioning for dry, frizzy hair.", "रूखे, उलझे बालों के लिए डीप कंडीशनिंग।"},
     Rs(800), Rs(1000), kService, 0, 5, "999721", "spa"},
    {{"Global hair colour", "ग्लोबल हेयर कलर"}, {"Ammonia-free colour; price for shoulder length.", "अमोनिया-फ़्री कलर; कंधे तक के बालों का दाम।"},
     Rs(1500), Rs(2000), kService, 0, 5, "999721", "colour|color|highlights"},
    {{"Keratin treatment", "केराटिन ट्रीटमेंट"}, {"Smooth, frizz-free hair for up to 4 months.", "4 महीने तक मुलायम, सुलझे बाल।"},
     Rs(3500), Rs(4500), kService, 0, 5, "999721", "keratin|smoothening|straightening"},
    {{"Fruit facial", "फ्रूट फ़ेशियल"}, {"A refreshing facial for a natural glow.", "प्राकृतिक निखार के लिए ताज़गी भरा फ़ेशियल।"},
     Rs(700), Rs(900), kService, 1, 5, "999722", "facial*|फेशियल"},
    {{"Gold facial", "गोल्ड फ़ेशियल"}, {"Festive glow facial with massage.", "मसाज के साथ त्योहारी निखार वाला फ़ेशियल।"},
     Rs(1200), Rs(1500), kService, 1, 5, "999722", "gold|glow|facial*"},
    {{"Beard trim and styling", "दाढ़ी ट्रिम और स्टाइलिंग"}, {"Shape-up with a hot towel finish.", "गरम तौलिये के साथ दाढ़ी की सही शेप।"},
     Rs(80), 0, kService, 2, 5, "999721", "beard|दाढी"},
    {{"Clean shave", "क्लीन शेव"}, {"Classic razor shave with aftershave.", "आफ़्टरशेव के साथ उस्तरे से शेव।"},
     Rs(60), 0, kService, 2, 5, "999721", "shave|shaving"},
    {{"Eyebrow threading", "आइब्रो थ्रेडिंग"}, {"Neat shaping in minutes.", "मिनटों में साफ़ शेप।"},
     Rs(40), 0, kService, 2, 5, "999722", "threading|eyebrow*"},
    {{"Full arms waxing", "फुल आर्म्स वैक्सिंग"}, {"Gentle wax for smooth skin.", "मुलायम त्वचा के लिए हल्का वैक्स।"},
     Rs(250), Rs(300), kService, 2, 5, "999722", "waxing|wax"},
    {{"Manicure", "मैनीक्योर"}, {"Nail shaping, cuticle care and polish.", "नाखूनों की शेप, क्यूटिकल केयर और पॉलिश।"},
     Rs(450), 0, kService, 2, 5, "999722", "manicure|nail*"},
    {{"Pedicure", "पेडीक्योर"}, {"Soak, scrub, massage and polish.", "भिगोना, स्क्रब, मसाज और पॉलिश।"},
     Rs(550), 0, kService, 2, 5, "999722", "pedicure"},
    {{"Head massage", "हेड मसाज"}, {"Warm oil champi, 20 minutes.", "गुनगुने तेल से 20 मिनट की चंपी।"},
     Rs(300), 0, kService, 2, 5, "999729", "massage|champi"},
    {{"Party makeup", "पार्टी मेकअप"}, {"HD makeup with hairstyling.", "हेयरस्टाइल के साथ HD मेकअप।"},
     Rs(2500), Rs(3000), kService, 3, 5, "999722", "party|makeup"},
    {{"Bridal makeup", "ब्राइडल मेकअप"}, {"HD bridal look with draping and hairdo; trial on request.", "ड्रेपिंग और हेयरडू के साथ HD ब्राइडल लुक; कहने पर ट्रायल।"},
     Rs(12000), Rs(15000), kService, 3, 5, "999722", "bridal|wedding|dulhan|दुल्हन"},
};

// --------------------------------------------------------------------------------- hardware
constexpr CatalogCategory kHardwareCategories[] = {
    {{"Paints", "पेंट"}, "paints", "paint*|putty|emulsion|पेंट"},
    {{"Plumbing & Sanitary", "प्लंबिंग और सैनिटरी"}, "plumbing-sanitary", "plumb*|sanitary*|pipe*|tap*|bath*|पाइप|नल|सैनिटरी"},
    {{"Electricals", "बिजली का सामान"}, "electricals", "electric*|wire*|switch*|mcb|बिजली"},
    {{"Tools & Fasteners", "औज़ार और फ़ास्टनर"}, "tools-fasteners", "tool*|screw*|nails|lock*|adhesive|औजार"},
    {{"Building Material", "निर्माण सामग्री"}, "building-material", "cement|sand|building material*|सीमेंट"},
};
constexpr CatalogItem kHardwareItems[] = {
    {{"Interior emulsion, 4 litre", "इंटीरियर इमल्शन, 4 लीटर"}, {"Washable matt finish, about 220 sq ft per coat.", "धुलने योग्य मैट फ़िनिश, एक कोट में लगभग 220 वर्ग फ़ुट।"},
     Rs(1450), Rs(1700), k4Litre, 0, 18, "3209", "emulsion|interior|paint*"},
    {{"Exterior emulsion, 4 litre", "एक्सटीरियर इमल्शन, 4 लीटर"}, {"Weather-proof paint for outer walls.", "बाहरी दीवारों के लिए मौसम-रोधी पेंट।"},
     Rs(1950), Rs(2300), k4Litre, 0, 18, "3209", "exterior|paint*"},
    {{"Enamel paint, 1 litre", "इनेमल पेंट, 1 लीटर"}, {"Glossy finish for doors, grills and metal.", "दरवाज़ों, ग्रिल और लोहे के लिए चमकदार फ़िनिश।"},
     Rs(380), Rs(420), kLitre, 0, 18, "3208", "enamel"},
    {{"Wall putty, 20 kg", "वॉल पुट्टी, 20 किलो"}, {"White cement putty for a smooth base.", "चिकनी सतह के लिए व्हाइट सीमेंट पुट्टी।"},
     Rs(850), Rs(950), k20KgBag, 0, 18, "3214", "putty|पुट्टी"},
    {{"Paint brush, 4 inch", "पेंट ब्रश, 4 इंच"}, {"Synthetic bristles that do not shed.", "सिंथेटिक बाल, जो झड़ते नहीं।"},
     Rs(120), Rs(150), kPiece, 0, 18, "9603", "brush*"},
    {{"CPVC pipe ¾ inch, 3 m", "सीपीवीसी पाइप ¾ इंच, 3 मीटर"}, {"For hot and cold water lines.", "गरम और ठंडे पानी की लाइन के लिए।"},
     Rs(420), Rs(480), kPiece, 1, 18, "3917", "cpvc|pipe*|पाइप"},
    {{"Chrome bib tap", "क्रोम बिब टैप (नल)"}, {"Brass body with a quarter-turn spindle.", "पीतल की बॉडी, क्वार्टर-टर्न स्पिंडल।"},
     Rs(650), Rs(850), kPiece, 1, 18, "8481", "tap*|faucet|नल"},
    {{"Wash basin with pedestal", "पेडेस्टल वॉश बेसिन"}, {"White ceramic basin, standard size.", "सफ़ेद सिरेमिक बेसिन, स्टैंडर्ड साइज़।"},
     Rs(1800), Rs(2400), kPiece, 1, 18, "6910", "basin|sanitary*"},
    {{"PTFE (teflon) tape", "टेफ़्लॉन टेप"}, {"Leak-proof seal for threaded joints.", "चूड़ीदार जोड़ों को लीक-प्रूफ़ बनाए।"},
     Rs(20), 0, kRoll, 1, 18, "3919", "teflon|tape"},
    {{"Copper wire 1.5 sq mm, 90 m", "कॉपर वायर 1.5 वर्ग मि.मी., 90 मीटर"}, {"FR-grade house wire, ISI marked.", "FR ग्रेड घरेलू तार, ISI मार्क।"},
     Rs(1450), Rs(1850), kRoll, 2, 18, "8544", "wire*|wiring|तार"},
    {{"Modular switch, 6 A", "मॉड्यूलर स्विच, 6 A"}, {"Smooth-action switch in white.", "स्मूद चलने वाला सफ़ेद स्विच।"},
     Rs(45), Rs(60), kPiece, 2, 18, "8536", "switch*|स्विच"},
    {{"MCB, 32 A single pole", "एमसीबी, 32 A सिंगल पोल"}, {"Protects circuits from overload.", "ओवरलोड से सर्किट की सुरक्षा।"},
     Rs(220), Rs(300), kPiece, 2, 18, "8536", "mcb"},
    {{"Wood screws, box of 100", "लकड़ी के पेंच, 100 का डिब्बा"}, {"Zinc-plated, assorted sizes.", "ज़िंक प्लेटेड, अलग-अलग साइज़।"},
     Rs(120), Rs(150), kBox, 3, 18, "7318", "screw*|पेंच"},
    {{"Synthetic wood adhesive, 1 kg", "सिंथेटिक वुड एडहेसिव, 1 किलो"}, {"Strong bond for furniture and laminates.", "फ़र्नीचर और लैमिनेट के लिए मज़बूत जोड़।"},
     Rs(320), Rs(360), kPack, 3, 18, "3506", "adhesive|glue|fevicol"},
    {{"Steel padlock", "स्टील ताला"}, {"Hardened shackle with three keys.", "तीन चाबियों वाला मज़बूत ताला।"},
     Rs(350), Rs(450), kPiece, 3, 18, "8301", "lock*|padlock|ताला"},
    {{"OPC 53-grade cement, 50 kg", "ओपीसी 53 ग्रेड सीमेंट, 50 किलो"}, {"For slabs, columns and plaster.", "छत, कॉलम और प्लास्टर के लिए।"},
     Rs(380), Rs(420), k50KgBag, 4, 18, "2523", "cement|सीमेंट"},
};

// ------------------------------------------------------------------------------- stationery
// Notebooks, pencils, crayons, erasers, sharpeners and printed books are nil-rated since
// 22 Sep 2025; geometry boxes 5%; pens, markers, staplers and bags stay at 18%.
constexpr CatalogCategory kStationeryCategories[] = {
    {{"Notebooks", "कॉपियाँ"}, "notebooks", "notebook*|copy|copies|register*|कापी|कापियां"},
    {{"Pens & Pencils", "पेन और पेंसिल"}, "pens-pencils", "pen|pens|pencil*|marker*|पेन|पेंसिल"},
    {{"Art & Craft", "आर्ट और क्राफ़्ट"}, "art-craft", "art|craft|colour*|color*|crayon*|drawing"},
    {{"School & Office", "स्कूल और ऑफ़िस"}, "school-office", "office|stapler|calculator|geometry|school"},
    {{"Books & Bags", "किताबें और बैग"}, "books-bags", "book|books|kitab*|dictionary|bag*|किताब*|पुस्तक*"},
};
constexpr CatalogItem kStationeryItems[] = {
    {{"Long notebook, 172 pages", "लंबी कॉपी, 172 पेज"}, {"Single-line ruled, with a sturdy cover.", "एक लाइन वाली, मज़बूत कवर के साथ।"},
     Rs(60), Rs(65), kPiece, 0, 0, "4820", "notebook*|copy|कापी"},
    {{"Notebooks, pack of 6", "कॉपियाँ, 6 का पैक"}, {"A4 ruled, 200 pages each.", "A4 लाइन वाली, हर एक 200 पेज।"},
     Rs(330), Rs(360), kPack, 0, 0, "4820", "notebook*|copies|कापियां"},
    {{"Ball pens, pack of 10", "बॉल पेन, 10 का पैक"}, {"Smooth blue ink, 0.7 mm tip.", "स्मूद नीली स्याही, 0.7 मि.मी. टिप।"},
     Rs(100), Rs(120), kPack, 1, 18, "9608", "pen|pens|पेन"},
    {{"Gel pen", "जेल पेन"}, {"Dark, quick-drying ink.", "गाढ़ी, जल्दी सूखने वाली स्याही।"},
     Rs(20), 0, kPiece, 1, 18, "9608", "gel|pen"},
    {{"HB pencils, box of 10", "HB पेंसिल, 10 का डिब्बा"}, {"Break-resistant lead for school.", "स्कूल के लिए न टूटने वाली लीड।"},
     Rs(60), Rs(70), kBox, 1, 0, "9609", "pencil*|पेंसिल"},
    {{"Eraser", "रबर (इरेज़र)"}, {"Soft, dust-free eraser.", "मुलायम, बिना धूल का रबर।"},
     Rs(5), 0, kPiece, 1, 0, "4016", "eraser|rubber|रबर"},
    {{"Sharpener", "शार्पनर"}, {"Steel blade with a shavings box.", "स्टील ब्लेड, कचरा डिब्बी के साथ।"},
     Rs(10), 0, kPiece, 1, 0, "8214", "sharpener"},
    {{"Whiteboard marker", "व्हाइटबोर्ड मार्कर"}, {"Bold ink that wipes off easily.", "गाढ़ी स्याही, आसानी से मिटे।"},
     Rs(35), Rs(40), kPiece, 1, 18, "9608", "marker*"},
    {{"Wax crayons, 24 shades", "वैक्स क्रेयॉन, 24 रंग"}, {"Bright, non-toxic colours for kids.", "बच्चों के लिए चमकीले, सुरक्षित रंग।"},
     Rs(80), Rs(99), kBox, 2, 0, "9609", "crayon*|colour*|color*"},
    {{"Glue stick", "ग्लू स्टिक"}, {"Mess-free glue for paper and card.", "कागज़ और कार्ड के लिए बिना गंदगी वाली गोंद।"},
     Rs(30), 0, kPiece, 2, 18, "3506", "glue|गोंद"},
    {{"Geometry box", "ज्योमेट्री बॉक्स"}, {"Compass, divider, scale, protractor and set squares.", "परकार, डिवाइडर, स्केल, चाँदा और सेट स्क्वेयर।"},
     Rs(150), Rs(180), kBox, 3, 5, "7326", "geometry|compass"},
    {{"Stapler with pins", "स्टेपलर, पिन के साथ"}, {"Staples up to 20 sheets.", "20 पन्नों तक स्टेपल करे।"},
     Rs(120), Rs(150), kPiece, 3, 18, "8472", "stapler"},
    {{"Scientific calculator", "साइंटिफ़िक कैलकुलेटर"}, {"240 functions, for classes 9 to 12.", "240 फ़ंक्शन, कक्षा 9 से 12 के लिए।"},
     Rs(650), Rs(800), kPiece, 3, 18, "8470", "calculator"},
    {{"Hindi–English dictionary", "हिंदी-अंग्रेज़ी शब्दकोश"}, {"Pocket edition with 40,000 words.", "40,000 शब्दों वाला पॉकेट संस्करण।"},
     Rs(250), Rs(299), kPiece, 4, 0, "4901", "dictionary|book|books|शब्दकोश"},
    {{"School bag", "स्कूल बैग"}, {"Padded straps and three compartments.", "गद्देदार पट्टे और तीन खाने।"},
     Rs(699), Rs(999), kPiece, 4, 18, "4202", "bag*|बैग"},
};

// ------------------------------------------------------------------------------------ dairy
// Fresh milk, loose curd, buttermilk and paneer: nil; ghee, butter, cheese, packed lassi,
// milk drinks, sweets and kulfi: 5% since 22 Sep 2025.
constexpr CatalogCategory kDairyCategories[] = {
    {{"Milk", "दूध"}, "milk", "milk|doodh|dudh|दूध"},
    {{"Curd, Paneer & More", "दही, पनीर और अन्य"}, "curd-paneer", "curd|dahi|paneer|chaach|lassi|cheese|दही|पनीर|छाछ"},
    {{"Ghee & Butter", "घी और मक्खन"}, "ghee-butter", "ghee|butter|makkhan|घी|मक्खन"},
    {{"Sweets & Treats", "मिठाई और कुल्फ़ी"}, "sweets-treats", "sweet*|mithai|kulfi|ice cream|rasgulla|मिठाई"},
};
constexpr CatalogItem kDairyItems[] = {
    {{"Full cream milk", "फुल क्रीम दूध"}, {"Fresh, rich milk, kept chilled.", "ताज़ा, गाढ़ा दूध, ठंडा रखा हुआ।"},
     Rs(68), 0, kLitre, 0, 0, "0401", "full cream|milk|दूध"},
    {{"Toned milk", "टोंड दूध"}, {"Lighter milk for tea and daily use.", "चाय और रोज़ के लिए हल्का दूध।"},
     Rs(28), 0, k500Ml, 0, 0, "0401", "toned"},
    {{"Buffalo milk", "भैंस का दूध"}, {"Thick milk, great for curd and khoa.", "गाढ़ा दूध, दही और खोया के लिए बढ़िया।"},
     Rs(70), 0, kLitre, 0, 0, "0401", "buffalo|bhains|भैंस"},
    {{"Desi cow milk", "देसी गाय का दूध"}, {"Fresh milk from desi cows.", "देसी गायों का ताज़ा दूध।"},
     Rs(60), 0, kLitre, 0, 0, "0401", "cow|gaay|gai|गाय"},
    {{"Monthly milk subscription, 1 litre a day", "मासिक दूध सब्सक्रिप्शन, 1 लीटर रोज़"}, {"30 days of full cream milk; pause any day.", "30 दिन फुल क्रीम दूध; किसी भी दिन रोक सकते हैं।"},
     Rs(1990), Rs(2040), kMonth, 0, 0, "0401", "subscription|monthly|daily"},
    {{"Fresh dahi (loose)", "ताज़ा दही (खुला)"}, {"Set every night from whole milk.", "हर रात पूरे दूध से जमाया हुआ।"},
     Rs(40), 0, k500G, 1, 0, "0403", "dahi|curd|दही"},
    {{"Fresh malai paneer", "ताज़ा मलाई पनीर"}, {"Soft paneer, made every day.", "रोज़ बनने वाला मुलायम पनीर।"},
     Rs(90), Rs(100), k200G, 1, 0, "0406", "paneer|पनीर"},
    {{"Masala chaach", "मसाला छाछ"}, {"Buttermilk with roasted jeera and mint.", "भुने जीरे और पुदीने वाली छाछ।"},
     Rs(20), 0, k500Ml, 1, 0, "0403", "chaach|chhach|chaas|buttermilk|छाछ"},
    {{"Sweet lassi bottle", "मीठी लस्सी (बोतल)"}, {"Thick lassi, chilled.", "ठंडी, गाढ़ी लस्सी।"},
     Rs(30), 0, k200Ml, 1, 5, "0403", "lassi|लस्सी"},
    {{"Cheese slices", "चीज़ स्लाइस"}, {"Processed cheese, 10 slices.", "प्रोसेस्ड चीज़, 10 स्लाइस।"},
     Rs(140), Rs(150), k200G, 1, 5, "0406", "cheese"},
    {{"Desi ghee", "देसी घी"}, {"Danedar ghee with a rich aroma.", "सौंधी खुशबू वाला दानेदार घी।"},
     Rs(650), Rs(720), kLitre, 2, 5, "0405", "ghee|घी"},
    {{"White butter (makkhan)", "सफ़ेद मक्खन"}, {"Homemade-style unsalted butter.", "घर जैसा, बिना नमक का मक्खन।"},
     Rs(300), 0, k500G, 2, 5, "0405", "butter|makkhan|मक्खन"},
    {{"Rasgulla, 1 kg tin", "रसगुल्ला, 1 किलो डिब्बा"}, {"Spongy rasgullas in light syrup.", "हल्की चाशनी में स्पंजी रसगुल्ले।"},
     Rs(280), Rs(300), kTin, 3, 5, "2106", "rasgulla|sweet*|रसगुल्ला"},
    {{"Malai kulfi", "मलाई कुल्फ़ी"}, {"Slow-cooked milk kulfi with pistachio.", "धीमी आँच पर पके दूध की पिस्ता कुल्फ़ी।"},
     Rs(40), 0, kPiece, 3, 5, "2105", "kulfi|ice cream|कुल्फी"},
    {{"Kesar badam milk", "केसर बादाम दूध"}, {"Chilled flavoured milk.", "ठंडा फ़्लेवर्ड दूध।"},
     Rs(35), 0, k200Ml, 3, 5, "2202", "flavoured|badam|kesar"},
};

// -------------------------------------------------------------------------------- jewellery
// Gold, silver and jewellery: 3%. Indicative prices at a 22K rate near ₹12,500/g.
constexpr CatalogCategory kJewelleryCategories[] = {
    {{"Gold", "सोना"}, "gold", "gold|sona|sone|सोना|सोने"},
    {{"Silver", "चाँदी"}, "silver", "silver|chandi|chaandi|चांदी"},
    {{"Coins & Gifts", "सिक्के और उपहार"}, "coins-gifts", "coin*|gift*|pooja|puja|सिक्के"},
    {{"Fashion Jewellery", "फ़ैशन ज्वेलरी"}, "fashion-jewellery", "artificial|imitation|kundan|fashion"},
};
constexpr CatalogItem kJewelleryItems[] = {
    {{"22K gold ring, 4 g", "22 कैरेट सोने की अंगूठी, 4 ग्राम"}, {"BIS hallmarked; the price follows the day's gold rate.", "BIS हॉलमार्क; दाम आज के सोने के भाव से बदलता है।"},
     Rs(55000), Rs(58000), kPiece, 0, 3, "7113", "ring*|अंगूठी"},
    {{"22K gold jhumkas, 6 g", "22 कैरेट सोने के झुमके, 6 ग्राम"}, {"Traditional temple design.", "पारंपरिक टेंपल डिज़ाइन।"},
     Rs(82000), Rs(86000), kPair, 0, 3, "7113", "jhumka*|earring*|झुमके"},
    {{"22K gold chain, 10 g", "22 कैरेट सोने की चेन, 10 ग्राम"}, {"Rope pattern, 20 inch.", "रोप डिज़ाइन, 20 इंच।"},
     Rs(134000), Rs(140000), kPiece, 0, 3, "7113", "chain*|चेन"},
    {{"Gold mangalsutra, 8 g", "सोने का मंगलसूत्र, 8 ग्राम"}, {"Black-bead mangalsutra with a gold pendant.", "सोने के पेंडेंट वाला काले मोतियों का मंगलसूत्र।"},
     Rs(108000), Rs(114000), kPiece, 0, 3, "7113", "mangalsutra|मंगलसूत्र"},
    {{"22K bridal necklace set, 20 g", "22 कैरेट ब्राइडल नेकलेस सेट, 20 ग्राम"}, {"Necklace with matching earrings.", "मैचिंग झुमकों के साथ नेकलेस।"},
     Rs(270000), Rs(285000), kSet, 0, 3, "7113", "bridal|necklace|wedding*|shaadi|हार"},
    {{"Diamond nose pin, 18K", "हीरे की नथ, 18 कैरेट"}, {"A single sparkling diamond set in gold.", "सोने में जड़ा एक चमकदार हीरा।"},
     Rs(8500), Rs(9999), kPiece, 0, 3, "7113", "diamond*|nose pin|हीरा|हीरे"},
    {{"Silver payal, 50 g", "चाँदी की पायल, 50 ग्राम"}, {"Ghungroo payal with a secure hook.", "घुंघरू वाली पायल, मज़बूत हुक के साथ।"},
     Rs(9500), Rs(10500), kPair, 1, 3, "7113", "payal|anklet*|पायल"},
    {{"Silver toe rings", "चाँदी के बिछिया"}, {"Adjustable pair.", "एडजस्ट होने वाली जोड़ी।"},
     Rs(1200), Rs(1400), kPair, 1, 3, "7113", "bichhiya|toe ring*|बिछिया"},
    {{"Kids' silver bracelet", "बच्चों का चाँदी का ब्रेसलेट"}, {"Light, with smooth edges.", "हल्का, चिकने किनारों वाला।"},
     Rs(3500), Rs(4000), kPiece, 1, 3, "7113", "bracelet|kids"},
    {{"24K gold coin, 1 g", "24 कैरेट सोने का सिक्का, 1 ग्राम"}, {"999 purity in a sealed pack.", "999 शुद्धता, सील पैक।"},
     Rs(13500), Rs(13900), kPiece, 2, 3, "7118", "coin*|सिक्का"},
    {{"Silver coin, 10 g", "चाँदी का सिक्का, 10 ग्राम"}, {"999 silver, Lakshmi-Ganesh design.", "999 चाँदी, लक्ष्मी-गणेश डिज़ाइन।"},
     Rs(1900), Rs(2000), kPiece, 2, 3, "7118", "coin*|silver coin"},
    {{"Silver pooja thali set", "चाँदी की पूजा थाली सेट"}, {"Thali, diya, bowl and spoon, about 150 g.", "थाली, दीया, कटोरी और चम्मच, लगभग 150 ग्राम।"},
     Rs(28000), Rs(30000), kSet, 2, 3, "7114", "pooja|puja|thali|पूजा"},
    {{"Kundan necklace set (imitation)", "कुंदन नेकलेस सेट (आर्टिफ़िशियल)"}, {"Festive set with earrings, gold-tone finish.", "झुमकों के साथ त्योहारी सेट, गोल्ड-टोन फ़िनिश।"},
     Rs(1499), Rs(1999), kSet, 3, 3, "7117", "kundan|artificial|imitation"},
    {{"American diamond earrings", "अमेरिकन डायमंड इयररिंग्स"}, {"Sparkling AD studs, skin-friendly.", "चमकदार AD टॉप्स, त्वचा के लिए सुरक्षित।"},
     Rs(599), Rs(899), kPair, 3, 3, "7117", "american diamond|artificial"},
};

// -------------------------------------------------------------------------------- tailoring
// Tailoring services (SAC heading 9988): 5%.
constexpr CatalogCategory kTailoringCategories[] = {
    {{"Ladies Stitching", "लेडीज़ सिलाई"}, "ladies-stitching", "ladies|women|blouse*|suit*|kurti*|lehenga*|लेडीज|ब्लाउज"},
    {{"Gents Stitching", "जेंट्स सिलाई"}, "gents-stitching", "gents|men|shirt*|pant*|trouser*|kurta*|safari|coat*|blazer|जेंट्स"},
    {{"Alterations", "ऑल्टरेशन"}, "alterations", "alteration*|fitting|rafoo|darning|रफू"},
};
constexpr CatalogItem kTailoringItems[] = {
    {{"Blouse stitching", "ब्लाउज़ सिलाई"}, {"Simple blouse from your fabric, ready in 3 days.", "आपके कपड़े से सादा ब्लाउज़, 3 दिन में तैयार।"},
     Rs(450), Rs(500), kPiece, 0, 5, "9988", "blouse*|ब्लाउज"},
    {{"Designer blouse with lining", "लाइनिंग वाला डिज़ाइनर ब्लाउज़"}, {"Princess cut, padding and a back design.", "प्रिंसेस कट, पैडिंग और पीछे का डिज़ाइन।"},
     Rs(950), Rs(1100), kPiece, 0, 5, "9988", "designer|blouse*"},
    {{"Salwar suit stitching", "सलवार सूट सिलाई"}, {"Kurta and salwar with piping.", "पाइपिंग के साथ कुर्ता और सलवार।"},
     Rs(600), Rs(700), kSet, 0, 5, "9988", "salwar|suit*|सूट"},
    {{"Kurti stitching", "कुर्ती सिलाई"}, {"Straight or A-line kurti.", "सीधी या A-लाइन कुर्ती।"},
     Rs(350), 0, kPiece, 0, 5, "9988", "kurti*|कुर्ती"},
    {{"Lehenga stitching", "लहंगा सिलाई"}, {"Can-can lehenga with blouse, with a trial fitting.", "ट्रायल फ़िटिंग के साथ कैन-कैन लहंगा और ब्लाउज़।"},
     Rs(2500), Rs(3000), kSet, 0, 5, "9988", "lehenga*|bridal|लहंगा"},
    {{"Saree fall and pico", "साड़ी फ़ॉल और पीको"}, {"Ready the same day.", "उसी दिन तैयार।"},
     Rs(150), 0, kPiece, 0, 5, "9988", "fall|pico|saree*|साड*"},
    {{"Shirt stitching", "शर्ट सिलाई"}, {"Formal or casual, from your fabric.", "फ़ॉर्मल या कैज़ुअल, आपके कपड़े से।"},
     Rs(450), Rs(500), kPiece, 1, 5, "9988", "shirt*|शर्ट"},
    {{"Trouser stitching", "पैंट सिलाई"}, {"Formal trouser with belt loops and pockets.", "बेल्ट लूप और जेबों वाली फ़ॉर्मल पैंट।"},
     Rs(500), Rs(550), kPiece, 1, 5, "9988", "pant*|trouser*|पैंट"},
    {{"Kurta pyjama stitching", "कुर्ता पायजामा सिलाई"}, {"Traditional fit, ready in 5 days.", "पारंपरिक फ़िटिंग, 5 दिन में तैयार।"},
     Rs(800), Rs(900), kSet, 1, 5, "9988", "kurta*|pyjama|कुर्ता"},
    {{"Blazer stitching", "ब्लेज़र सिलाई"}, {"Fully lined blazer with two trials.", "पूरी लाइनिंग वाला ब्लेज़र, दो ट्रायल के साथ।"},
     Rs(2800), Rs(3200), kPiece, 1, 5, "9988", "blazer|coat*|suit*|safari"},
    {{"School uniform stitching", "स्कूल यूनिफ़ॉर्म सिलाई"}, {"Shirt with trouser or skirt, per set.", "शर्ट के साथ पैंट या स्कर्ट, प्रति सेट।"},
     Rs(550), Rs(600), kSet, 1, 5, "9988", "uniform*|school"},
    {{"Pant length alteration", "पैंट की लंबाई ठीक करना"}, {"Shortened with a neat hem.", "साफ़ तुरपाई के साथ छोटा करना।"},
     Rs(80), 0, kPiece, 2, 5, "9988", "length|alteration*"},
    {{"Fitting alteration", "फ़िटिंग ठीक करना"}, {"Taken in or let out at the sides.", "साइड से टाइट या ढीला करना।"},
     Rs(150), 0, kPiece, 2, 5, "9988", "fitting|loose|tight|alteration*"},
    {{"Zip replacement", "ज़िप बदलना"}, {"For trousers, skirts and bags.", "पैंट, स्कर्ट और बैग के लिए।"},
     Rs(100), 0, kPiece, 2, 5, "9988", "zip*"},
    {{"Rafoo (darning)", "रफ़ू"}, {"Invisible mending of small tears.", "छोटे छेदों की बारीक रफ़ू।"},
     Rs(120), 0, kPiece, 2, 5, "9988", "rafoo|darning|रफू"},
};

// ---------------------------------------------------------------------------------- general
constexpr CatalogCategory kGeneralCategories[] = {
    {{"Groceries", "राशन"}, "groceries", "grocer*|ration|atta|rice|dal|राशन"},
    {{"Snacks & Drinks", "नमकीन और पेय"}, "snacks-drinks", "snack*|namkeen|biscuit*|chips|drink*|coffee|नमकीन"},
    {{"Personal Care", "पर्सनल केयर"}, "personal-care", "personal care|soap|shampoo|toothpaste|cosmetic*"},
    {{"Household", "घरेलू सामान"}, "household", "household|detergent|cleaning|utensil*"},
    {{"Stationery", "स्टेशनरी"}, "stationery", "stationery|pen|pens|notebook*|copy"},
};
constexpr CatalogItem kGeneralItems[] = {
    {{"Whole wheat atta, 5 kg", "गेहूँ का आटा, 5 किलो"}, {"Chakki-ground, for soft rotis.", "चक्की पिसा, मुलायम रोटियों के लिए।"},
     Rs(265), Rs(300), kPack, 0, 5, "1101", "atta|aata|आटा"},
    {{"Sona masoori rice", "सोना मसूरी चावल"}, {"Everyday rice, light and fluffy.", "रोज़ के लिए हल्का, खिला-खिला चावल।"},
     Rs(70), Rs(80), kKg, 0, 5, "1006", "rice|chawal|चावल"},
    {{"Toor dal", "अरहर दाल"}, {"Unpolished arhar dal.", "बिना पॉलिश की अरहर दाल।"},
     Rs(150), Rs(170), kKg, 0, 5, "0713", "dal|daal|दाल"},
    {{"Sugar", "चीनी"}, {"Clean, fine-grain sugar.", "साफ़, महीन दाने वाली चीनी।"},
     Rs(46), Rs(50), kKg, 0, 5, "1701", "sugar|cheeni|चीनी"},
    {{"Refined sunflower oil", "रिफ़ाइंड सूरजमुखी तेल"}, {"Light oil for everyday cooking.", "रोज़ के खाने के लिए हल्का तेल।"},
     Rs(160), Rs(180), kLitre, 0, 5, "1512", "oil|tel|तेल"},
    {{"Aloo bhujia, 400 g", "आलू भुजिया, 400 ग्राम"}, {"Crunchy Bikaneri-style namkeen.", "कुरकुरी बीकानेरी नमकीन।"},
     Rs(110), Rs(120), kPack, 1, 5, "2106", "bhujia|namkeen|नमकीन"},
    {{"Glucose biscuits, pack of 6", "ग्लूकोज़ बिस्कुट, 6 का पैक"}, {"A tea-time favourite.", "चाय के साथ सबका पसंदीदा।"},
     Rs(60), Rs(65), kPack, 1, 5, "1905", "biscuit*|बिस्कुट"},
    {{"Instant noodles, pack of 4", "इंस्टेंट नूडल्स, 4 का पैक"}, {"Ready in two minutes.", "दो मिनट में तैयार।"},
     Rs(56), Rs(60), kPack, 1, 5, "1902", "noodles|maggi"},
    {{"Instant coffee, 50 g", "इंस्टेंट कॉफ़ी, 50 ग्राम"}, {"Rich aroma in every cup.", "हर कप में गहरी खुशबू।"},
     Rs(180), Rs(195), kJar, 1, 5, "2101", "coffee"},
    {{"Bathing soap, pack of 4", "नहाने का साबुन, 4 का पैक"}, {"Gentle bathing bars for the family.", "पूरे परिवार के लिए हल्का नहाने का साबुन।"},
     Rs(160), Rs(180), kPack, 2, 5, "3401", "soap|sabun|साबुन"},
    {{"Shampoo, 180 ml", "शैम्पू, 180 मि.ली."}, {"For soft, manageable hair.", "मुलायम, सुलझे बालों के लिए।"},
     Rs(160), Rs(185), kBottle, 2, 5, "3305", "shampoo"},
    {{"Toothpaste, 150 g", "टूथपेस्ट, 150 ग्राम"}, {"For strong teeth and fresh breath.", "मज़बूत दाँत और ताज़ी साँस के लिए।"},
     Rs(110), Rs(125), kPiece, 2, 5, "3306", "toothpaste"},
    {{"Coconut oil, 200 ml", "नारियल तेल, 200 मि.ली."}, {"Pure coconut oil for hair and skin.", "बालों और त्वचा के लिए शुद्ध नारियल तेल।"},
     Rs(95), Rs(105), kBottle, 2, 5, "1513", "coconut|hair oil"},
    {{"Detergent powder, 1 kg", "डिटर्जेंट पाउडर, 1 किलो"}, {"For bucket and machine wash.", "बाल्टी और मशीन, दोनों की धुलाई के लिए।"},
     Rs(110), Rs(125), kPack, 3, 18, "3402", "detergent|washing"},
    {{"Dishwash bar", "बर्तन धोने की बट्टी"}, {"Cuts grease, gentle on hands.", "चिकनाई हटाए, हाथों पर कोमल।"},
     Rs(35), Rs(40), kPiece, 3, 18, "3402", "dishwash|utensil*|बर्तन"},
    {{"Long notebook, 172 pages", "लंबी कॉपी, 172 पेज"}, {"Single-line ruled, with a sturdy cover.", "एक लाइन वाली, मज़बूत कवर के साथ।"},
     Rs(60), Rs(65), kPiece, 4, 0, "4820", "notebook*|copy|कापी"},
    {{"Ball pens, pack of 10", "बॉल पेन, 10 का पैक"}, {"Smooth blue ink, 0.7 mm tip.", "स्मूद नीली स्याही, 0.7 मि.मी. टिप।"},
     Rs(100), Rs(120), kPack, 4, 18, "9608", "pen|pens|पेन"},
};

// clang-format on

// In the order of the Sector enum (a test checks it).
constexpr std::array<Catalog, sitegen::kAllSectors.size()> kCatalogs = {{
    {Sector::kGrocery, kGroceryCategories, kGroceryItems},
    {Sector::kRestaurant, kRestaurantCategories, kRestaurantItems},
    {Sector::kClinic, kClinicCategories, kClinicItems},
    {Sector::kFashion, kFashionCategories, kFashionItems},
    {Sector::kBakery, kBakeryCategories, kBakeryItems},
    {Sector::kPharmacy, kPharmacyCategories, kPharmacyItems},
    {Sector::kElectronics, kElectronicsCategories, kElectronicsItems},
    {Sector::kSalon, kSalonCategories, kSalonItems},
    {Sector::kHardware, kHardwareCategories, kHardwareItems},
    {Sector::kStationery, kStationeryCategories, kStationeryItems},
    {Sector::kDairy, kDairyCategories, kDairyItems},
    {Sector::kJewellery, kJewelleryCategories, kJewelleryItems},
    {Sector::kTailoring, kTailoringCategories, kTailoringItems},
    {Sector::kGeneral, kGeneralCategories, kGeneralItems},
}};

}  // namespace

const Catalog& CatalogFor(Sector sector) {
    return kCatalogs[static_cast<std::size_t>(sector)];
}

}  // namespace webdpro::ai::detail
