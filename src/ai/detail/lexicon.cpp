#include "ai/detail/lexicon.hpp"

#include <array>

namespace webdpro::ai::detail {
namespace {

using sitegen::Sector;

// clang-format off
constexpr SectorKeyword kSectorKeywords[] = {
    // Grocery / kirana
    {Sector::kGrocery, "kirana", 5},          {Sector::kGrocery, "kirane", 5},        {Sector::kGrocery, "kiraana", 5},
              {Sector::kGrocery, "kiryana", 5},       {Sector::kGrocery, "grocer*", 5},
    {Sector::kGrocery, "provision*", 4},      {Sector::kGrocery, "supermarket", 4},   {Sector::kGrocery, "ration", 4},
    {Sector::kGrocery, "mart", 2},            {Sector::kGrocery, "sabzi*", 4},        {Sector::kGrocery, "sabji*", 4},
    {Sector::kGrocery, "subzi*", 4},          {Sector::kGrocery, "vegetable*", 3},    {Sector::kGrocery, "veggies", 3},
    {Sector::kGrocery, "fruit*", 2},          {Sector::kGrocery, "atta", 3},          {Sector::kGrocery, "aata", 3},
    {Sector::kGrocery, "dal", 2},             {Sector::kGrocery, "daal", 2},          {Sector::kGrocery, "chawal", 2},
    {Sector::kGrocery, "rice", 1},            {Sector::kGrocery, "masala*", 1},       {Sector::kGrocery, "anaj", 3},
    {Sector::kGrocery, "daily needs", 3},     {Sector::kGrocery, "किरान*", 5},        {Sector::kGrocery, "परचून", 5},
    {Sector::kGrocery, "पंसारी", 4},          {Sector::kGrocery, "ग्रोसरी", 5},        {Sector::kGrocery, "राशन", 4},
    {Sector::kGrocery, "सब्ज*", 4},           {Sector::kGrocery, "आटा", 3},           {Sector::kGrocery, "दाल", 2},
    {Sector::kGrocery, "चावल", 2},            {Sector::kGrocery, "फल", 2},            {Sector::kGrocery, "अनाज", 3},
    // Restaurant / dhaba
    {Sector::kRestaurant, "restaurant*", 5},  {Sector::kRestaurant, "restro", 5},     {Sector::kRestaurant, "dhaba", 5},
    {Sector::kRestaurant, "dhabha", 5},       {Sector::kRestaurant, "bhojnalaya", 5}, {Sector::kRestaurant, "bhojanalaya", 5},
    {Sector::kRestaurant, "cafe", 4},         {Sector::kRestaurant, "canteen", 4},    {Sector::kRestaurant, "eatery", 5},
    {Sector::kRestaurant, "hotel", 2},        {Sector::kRestaurant, "thali*", 4},     {Sector::kRestaurant, "biryani", 4},
    {Sector::kRestaurant, "food", 2},         {Sector::kRestaurant, "tiffin", 4},     {Sector::kRestaurant, "mess", 3},
    {Sector::kRestaurant, "caterer*", 4},     {Sector::kRestaurant, "catering", 3},   {Sector::kRestaurant, "kitchen", 2},
    {Sector::kRestaurant, "momos", 3},       {Sector::kRestaurant, "chowmein", 3},   {Sector::kRestaurant, "chinese food", 3},
            {Sector::kRestaurant, "pizza*", 3},     {Sector::kRestaurant, "burger*", 3},
    {Sector::kRestaurant, "chaat", 3},        {Sector::kRestaurant, "paratha*", 3},   {Sector::kRestaurant, "dosa", 3},
    {Sector::kRestaurant, "idli", 3},         {Sector::kRestaurant, "samosa*", 3},    {Sector::kRestaurant, "naan", 3},
    {Sector::kRestaurant, "tandoor*", 3},     {Sector::kRestaurant, "dine in", 3},    {Sector::kRestaurant, "dining", 3},
    {Sector::kRestaurant, "takeaway", 3},     {Sector::kRestaurant, "fast food", 4},  {Sector::kRestaurant, "chai", 2},
    {Sector::kRestaurant, "ढाबा", 5},         {Sector::kRestaurant, "भोजनालय", 5},    {Sector::kRestaurant, "रेस्टोरेंट", 5},
    {Sector::kRestaurant, "रेस्तरां", 5},      {Sector::kRestaurant, "होटल", 2},       {Sector::kRestaurant, "थाली", 4},
    {Sector::kRestaurant, "बिरयानी", 4},      {Sector::kRestaurant, "खाना", 3},       {Sector::kRestaurant, "भोजन", 3},
    {Sector::kRestaurant, "टिफिन", 4},        {Sector::kRestaurant, "कैफे", 4},       {Sector::kRestaurant, "नाश्ता", 2},
    // Clinic
    {Sector::kClinic, "clinic*", 5},          {Sector::kClinic, "polyclinic", 5},     {Sector::kClinic, "doctor*", 5},
    {Sector::kClinic, "dr", 5},               {Sector::kClinic, "dawakhana", 5},      {Sector::kClinic, "davakhana", 5},
    {Sector::kClinic, "hospital", 5},       {Sector::kClinic, "nursing home", 5},
    {Sector::kClinic, "dental", 5},           {Sector::kClinic, "dentist", 5},        {Sector::kClinic, "physician", 5},
    {Sector::kClinic, "diagnostic*", 4},      {Sector::kClinic, "pathology", 4},      {Sector::kClinic, "lab", 2},
    {Sector::kClinic, "physiotherap*", 5},    {Sector::kClinic, "homeopath*", 5},     {Sector::kClinic, "vaidya", 4},
    {Sector::kClinic, "hakim", 4},            {Sector::kClinic, "mbbs", 5},           {Sector::kClinic, "opd", 4},
    {Sector::kClinic, "consultation*", 3},    {Sector::kClinic, "checkup*", 3},       {Sector::kClinic, "health", 1},
    {Sector::kClinic, "paediatric*", 5},      {Sector::kClinic, "pediatric*", 5},     {Sector::kClinic, "child specialist", 5},
    {Sector::kClinic, "क्लिनिक", 5},          {Sector::kClinic, "डा", 5},             {Sector::kClinic, "डाक्टर", 5},
    {Sector::kClinic, "दवाखाना", 5},          {Sector::kClinic, "अस्पताल", 5},        {Sector::kClinic, "चिकित्सालय", 5},
    {Sector::kClinic, "चिकित्सक", 5},         {Sector::kClinic, "वैद्य", 4},          {Sector::kClinic, "हकीम", 4},
    {Sector::kClinic, "जांच", 2},
    // Fashion
    {Sector::kFashion, "boutique*", 5},       {Sector::kFashion, "fashion*", 5},      {Sector::kFashion, "garment*", 5},
    {Sector::kFashion, "apparel*", 5},        {Sector::kFashion, "cloth*", 4},        {Sector::kFashion, "kapda*", 4},
    {Sector::kFashion, "kapde", 4},           {Sector::kFashion, "kapra", 4},         {Sector::kFashion, "saree*", 4},
    {Sector::kFashion, "sari", 4},            {Sector::kFashion, "saris", 4},         {Sector::kFashion, "kurti*", 4},
    {Sector::kFashion, "kurta*", 3},          {Sector::kFashion, "lehenga*", 4},      {Sector::kFashion, "dupatta*", 3},
    {Sector::kFashion, "jeans", 3},           {Sector::kFashion, "shirts", 2},        {Sector::kFashion, "tshirt*", 3},
    {Sector::kFashion, "t shirt*", 3},        {Sector::kFashion, "readymade", 4},     {Sector::kFashion, "ready made", 4},
    {Sector::kFashion, "dresses", 3},         {Sector::kFashion, "ethnic wear", 4},   {Sector::kFashion, "wear", 2},
    {Sector::kFashion, "footwear", 3},        {Sector::kFashion, "textile*", 4},      {Sector::kFashion, "vastra*", 4},
    {Sector::kFashion, "suits", 2},           {Sector::kFashion, "कपड*", 4},          {Sector::kFashion, "साड*", 4},
    {Sector::kFashion, "कुर्ती", 4},          {Sector::kFashion, "बुटीक", 5},         {Sector::kFashion, "फैशन", 5},
    {Sector::kFashion, "वस्त्र*", 4},         {Sector::kFashion, "गारमेंट*", 5},      {Sector::kFashion, "रेडीमेड", 4},
    {Sector::kFashion, "लहंगा", 4},
    // Bakery (and sweet shops)
    {Sector::kBakery, "bakery", 5},           {Sector::kBakery, "baker*", 5},         {Sector::kBakery, "bake*", 3},
    {Sector::kBakery, "cake*", 4},            {Sector::kBakery, "pastr*", 4},         {Sector::kBakery, "biscuit*", 3},
    {Sector::kBakery, "cookie*", 3},          {Sector::kBakery, "bread*", 3},         {Sector::kBakery, "rusk", 3},
    {Sector::kBakery, "puff*", 2},            {Sector::kBakery, "patisserie", 5},     {Sector::kBakery, "confectioner*", 4},
    {Sector::kBakery, "sweets", 4},           {Sector::kBakery, "sweet shop", 5},     {Sector::kBakery, "mithai", 4},
    {Sector::kBakery, "halwai", 5},           {Sector::kBakery, "misthan*", 5},       {Sector::kBakery, "mishthan*", 5},
    {Sector::kBakery, "namkeen*", 3},       {Sector::kBakery, "bhujia", 3},         {Sector::kBakery, "नमकीन", 3},
    {Sector::kBakery, "ladoo", 3},            {Sector::kBakery, "laddu", 3},          {Sector::kBakery, "बेकरी", 5},
    {Sector::kBakery, "बेकर्स", 5},           {Sector::kBakery, "केक", 4},            {Sector::kBakery, "बिस्कुट", 3},
    {Sector::kBakery, "ब्रेड", 3},            {Sector::kBakery, "मिठाई", 4},          {Sector::kBakery, "हलवाई", 5},
    {Sector::kBakery, "मिष्ठान*", 5},         {Sector::kBakery, "मिष्टान*", 5},       {Sector::kBakery, "पेस्ट्री", 4},
    // Pharmacy
    {Sector::kPharmacy, "pharmacy", 5},       {Sector::kPharmacy, "pharma*", 5},      {Sector::kPharmacy, "chemist*", 5},
    {Sector::kPharmacy, "druggist*", 5},      {Sector::kPharmacy, "medical store", 6}, {Sector::kPharmacy, "medical hall", 6},
    {Sector::kPharmacy, "medical shop", 6},   {Sector::kPharmacy, "medicos", 5},      {Sector::kPharmacy, "medico", 5},
    {Sector::kPharmacy, "medical*", 3},       {Sector::kPharmacy, "medicine*", 4},    {Sector::kPharmacy, "dawa", 3},
    {Sector::kPharmacy, "dawai*", 4},         {Sector::kPharmacy, "davai*", 4},       {Sector::kPharmacy, "surgical*", 3},
    {Sector::kPharmacy, "jan aushadhi", 5},   {Sector::kPharmacy, "aushadhi*", 4},    {Sector::kPharmacy, "दवा", 4},
    {Sector::kPharmacy, "दवाई", 4},           {Sector::kPharmacy, "दवाइयां", 4},      {Sector::kPharmacy, "दवाएं", 4},
    {Sector::kPharmacy, "मेडिकल", 4},         {Sector::kPharmacy, "मेडिकल स्टोर", 6},  {Sector::kPharmacy, "केमिस्ट", 5},
    {Sector::kPharmacy, "फार्मेसी", 5},       {Sector::kPharmacy, "औषधि*", 4},        {Sector::kPharmacy, "औषधालय", 5},
    // Electronics and mobiles
    {Sector::kElectronics, "electronic*", 5}, {Sector::kElectronics, "mobile*", 4},   {Sector::kElectronics, "phone*", 2},
    {Sector::kElectronics, "smartphone*", 4}, {Sector::kElectronics, "repair*", 2},   {Sector::kElectronics, "laptop*", 4},
    {Sector::kElectronics, "computer*", 4},   {Sector::kElectronics, "tv", 3},        {Sector::kElectronics, "television*", 3},
    {Sector::kElectronics, "charger*", 3},    {Sector::kElectronics, "earphone*", 3}, {Sector::kElectronics, "headphone*", 3},
    {Sector::kElectronics, "speaker*", 2},    {Sector::kElectronics, "gadget*", 4},   {Sector::kElectronics, "cctv", 4},
    {Sector::kElectronics, "appliance*", 4},  {Sector::kElectronics, "recharge", 3},  {Sector::kElectronics, "telecom", 4},
    {Sector::kElectronics, "cellular", 4},    {Sector::kElectronics, "मोबाइल", 4},    {Sector::kElectronics, "इलेक्ट्रानिक*", 5},
    {Sector::kElectronics, "रिपेयर", 2},      {Sector::kElectronics, "फोन", 2},       {Sector::kElectronics, "टीवी", 3},
    {Sector::kElectronics, "लैपटाप", 4},      {Sector::kElectronics, "कंप्यूटर", 4},  {Sector::kElectronics, "चार्जर", 3},
    // Salon and parlour
    {Sector::kSalon, "salon*", 5},            {Sector::kSalon, "saloon*", 5},         {Sector::kSalon, "parlour*", 5},
    {Sector::kSalon, "parlor*", 5},           {Sector::kSalon, "beauty", 4},          {Sector::kSalon, "spa", 3},
    {Sector::kSalon, "unisex", 4},            {Sector::kSalon, "barber*", 5},         {Sector::kSalon, "hair*", 3},
    {Sector::kSalon, "makeup", 3},            {Sector::kSalon, "make up", 3},         {Sector::kSalon, "bridal", 2},
    {Sector::kSalon, "facial*", 3},           {Sector::kSalon, "threading", 3},       {Sector::kSalon, "waxing", 3},
    {Sector::kSalon, "grooming", 3},          {Sector::kSalon, "nail*", 2},           {Sector::kSalon, "mehndi", 2},
    {Sector::kSalon, "mehendi", 2},           {Sector::kSalon, "naai", 4},            {Sector::kSalon, "सैलून", 5},
    {Sector::kSalon, "पार्लर", 5},            {Sector::kSalon, "ब्यूटी", 4},          {Sector::kSalon, "नाई", 4},
    {Sector::kSalon, "हेयर", 3},              {Sector::kSalon, "मेकअप", 3},           {Sector::kSalon, "स्पा", 3},
    // Hardware
    {Sector::kHardware, "hardware*", 5},      {Sector::kHardware, "paint*", 4},       {Sector::kHardware, "sanitary*", 5},
    {Sector::kHardware, "plumbing", 4},       {Sector::kHardware, "plumber*", 3},     {Sector::kHardware, "pipe*", 3},
    {Sector::kHardware, "tiles", 3},          {Sector::kHardware, "cement", 4},       {Sector::kHardware, "building material*", 5},
    {Sector::kHardware, "tools", 3},          {Sector::kHardware, "electricals", 3},  {Sector::kHardware, "electrical*", 2},
    {Sector::kHardware, "bath fitting*", 4},  {Sector::kHardware, "fittings", 2},     {Sector::kHardware, "screw*", 2},
    {Sector::kHardware, "plywood", 4},        {Sector::kHardware, "marble", 3},       {Sector::kHardware, "sariya", 4},
    {Sector::kHardware, "taps", 3},           {Sector::kHardware, "हार्डवेयर", 5},    {Sector::kHardware, "पेंट", 4},
    {Sector::kHardware, "सैनिटरी", 5},        {Sector::kHardware, "सीमेंट", 4},       {Sector::kHardware, "पाइप", 3},
    {Sector::kHardware, "औजार", 3},           {Sector::kHardware, "नल", 2},           {Sector::kHardware, "टाइल्स", 3},
    {Sector::kHardware, "प्लंबिंग", 4},
    // Stationery and books
    {Sector::kStationery, "stationery", 5},   {Sector::kStationery, "stationary", 5}, {Sector::kStationery, "stationer*", 5},
    {Sector::kStationery, "book", 3},         {Sector::kStationery, "books", 3},      {Sector::kStationery, "bookstore", 5},
    {Sector::kStationery, "bookshop", 5},     {Sector::kStationery, "book depot", 5}, {Sector::kStationery, "copy", 3},
    {Sector::kStationery, "copies", 3},       {Sector::kStationery, "notebook*", 4},  {Sector::kStationery, "pen", 2},
    {Sector::kStationery, "pens", 3},         {Sector::kStationery, "pencil*", 3},    {Sector::kStationery, "xerox", 4},
    {Sector::kStationery, "photocopy", 4},    {Sector::kStationery, "printout*", 3},  {Sector::kStationery, "lamination", 3},
    {Sector::kStationery, "office supplies", 4}, {Sector::kStationery, "school supplies", 4}, {Sector::kStationery, "kitab*", 4},
    {Sector::kStationery, "kitaab*", 4},      {Sector::kStationery, "pustak*", 4},    {Sector::kStationery, "स्टेशनरी", 5},
    {Sector::kStationery, "किताब*", 4},       {Sector::kStationery, "कापी", 3},       {Sector::kStationery, "कापियां", 3},
    {Sector::kStationery, "पेन", 2},          {Sector::kStationery, "पेंसिल", 3},     {Sector::kStationery, "पुस्तक*", 4},
    // Dairy
    {Sector::kDairy, "dairy", 5},             {Sector::kDairy, "dairies", 5},         {Sector::kDairy, "doodh", 5},
    {Sector::kDairy, "dudh", 5},              {Sector::kDairy, "milk", 4},            {Sector::kDairy, "paneer", 3},
    {Sector::kDairy, "ghee", 3},              {Sector::kDairy, "dahi", 3},            {Sector::kDairy, "curd", 3},
    {Sector::kDairy, "lassi", 2},             {Sector::kDairy, "chaach", 3},          {Sector::kDairy, "chhach", 3},
    {Sector::kDairy, "chaas", 3},             {Sector::kDairy, "butter", 1},          {Sector::kDairy, "khoya", 3},
    {Sector::kDairy, "mawa", 3},              {Sector::kDairy, "cheese", 2},          {Sector::kDairy, "gaushala", 3},
    {Sector::kDairy, "milk parlour", 6},      {Sector::kDairy, "ice cream", 3},       {Sector::kDairy, "ice cream parlour", 6},
    {Sector::kDairy, "डेयरी", 5},             {Sector::kDairy, "डेरी", 5},            {Sector::kDairy, "दूध", 5},
    {Sector::kDairy, "पनीर", 3},              {Sector::kDairy, "घी", 3},              {Sector::kDairy, "दही", 3},
    {Sector::kDairy, "छाछ", 3},               {Sector::kDairy, "मक्खन", 2},           {Sector::kDairy, "लस्सी", 2},
    {Sector::kDairy, "मावा", 3},              {Sector::kDairy, "खोया", 3},
    // Jewellery
    {Sector::kJewellery, "jewel*", 5},        {Sector::kJewellery, "jeweler*", 5},    {Sector::kJewellery, "gold", 4},
    {Sector::kJewellery, "silver", 3},        {Sector::kJewellery, "sona", 4},        {Sector::kJewellery, "sone", 4},
    {Sector::kJewellery, "chandi", 4},        {Sector::kJewellery, "chaandi", 4},     {Sector::kJewellery, "ornament*", 4},
    {Sector::kJewellery, "diamond*", 4},      {Sector::kJewellery, "sarraf*", 5},     {Sector::kJewellery, "saraf", 5},
    {Sector::kJewellery, "saraaf", 5},        {Sector::kJewellery, "sunar", 5},       {Sector::kJewellery, "hallmark*", 4},
    {Sector::kJewellery, "mangalsutra", 4},   {Sector::kJewellery, "kundan", 3},      {Sector::kJewellery, "bangle*", 2},
    {Sector::kJewellery, "payal", 3},         {Sector::kJewellery, "ज्वेलर्स", 5},    {Sector::kJewellery, "ज्वैलर्स", 5},
    {Sector::kJewellery, "ज्वेलरी", 5},       {Sector::kJewellery, "ज्वैलरी", 5},     {Sector::kJewellery, "सोना", 4},
    {Sector::kJewellery, "सोने", 4},          {Sector::kJewellery, "चांदी", 4},       {Sector::kJewellery, "आभूषण", 5},
    {Sector::kJewellery, "गहने", 5},          {Sector::kJewellery, "सर्राफ*", 5},     {Sector::kJewellery, "सुनार", 5},
    {Sector::kJewellery, "हीरा", 3},          {Sector::kJewellery, "हीरे", 3},
    // Tailoring
    {Sector::kTailoring, "tailor*", 5},       {Sector::kTailoring, "darzi", 5},       {Sector::kTailoring, "darji", 5},
    {Sector::kTailoring, "stitch*", 4},       {Sector::kTailoring, "silai", 4},       {Sector::kTailoring, "alteration*", 4},
    {Sector::kTailoring, "measurement*", 2},  {Sector::kTailoring, "embroider*", 2},  {Sector::kTailoring, "uniform*", 2},
    {Sector::kTailoring, "दर्जी", 5},         {Sector::kTailoring, "टेलर*", 5},       {Sector::kTailoring, "सिलाई", 5},
    // General store
    {Sector::kGeneral, "general store*", 6},  {Sector::kGeneral, "departmental store*", 5}, {Sector::kGeneral, "department store*", 5},
    {Sector::kGeneral, "variety store*", 5},  {Sector::kGeneral, "gift*", 2},       {Sector::kGeneral, "जनरल स्टोर", 6},
};

constexpr SpecialityKeyword kSpecialityKeywords[] = {
    {Speciality::kHomeDelivery, "home delivery"}, {Speciality::kHomeDelivery, "free delivery"},
    {Speciality::kHomeDelivery, "delivery"},      {Speciality::kHomeDelivery, "deliver*"},
    {Speciality::kHomeDelivery, "doorstep"},      {Speciality::kHomeDelivery, "ghar tak"},
    {Speciality::kHomeDelivery, "होम डिलीवरी"},    {Speciality::kHomeDelivery, "डिलीवरी"},
    {Speciality::kHomeDelivery, "घर तक"},
    {Speciality::kFresh, "fresh*"},               {Speciality::kFresh, "taza"},       {Speciality::kFresh, "taaza"},
    {Speciality::kFresh, "tazi"},                 {Speciality::kFresh, "taazi"},      {Speciality::kFresh, "ताजा"},
    {Speciality::kFresh, "ताजी"},                 {Speciality::kFresh, "ताजे"},
    {Speciality::kOrganic, "organic"},            {Speciality::kOrganic, "jaivik"},   {Speciality::kOrganic, "जैविक"},
    {Speciality::kOrganic, "chemical free"},
    {Speciality::kOpen24x7, "24x7"},              {Speciality::kOpen24x7, "24 7"},    {Speciality::kOpen24x7, "24 hours"},
    {Speciality::kOpen24x7, "24 hrs"},            {Speciality::kOpen24x7, "24hrs"},   {Speciality::kOpen24x7, "24 ghante"},
    {Speciality::kOpen24x7, "24 घंटे"},           {Speciality::kOpen24x7, "round the clock"},
    {Speciality::kOpen24x7, "all night"},
    {Speciality::kPureVeg, "pure veg*"},          {Speciality::kPureVeg, "veg only"}, {Speciality::kPureVeg, "only veg"},
    {Speciality::kPureVeg, "vegetarian"},         {Speciality::kPureVeg, "shuddh shakahari"},
    {Speciality::kPureVeg, "shakahari"},          {Speciality::kPureVeg, "शाकाहारी"}, {Speciality::kPureVeg, "jain"},
    {Speciality::kNonVeg, "non veg*"},            {Speciality::kNonVeg, "nonveg"},    {Speciality::kNonVeg, "chicken"},
    {Speciality::kNonVeg, "mutton"},              {Speciality::kNonVeg, "fish"},      {Speciality::kNonVeg, "egg"},
    {Speciality::kNonVeg, "eggs"},                {Speciality::kNonVeg, "kebab*"},    {Speciality::kNonVeg, "मांसाहारी"},
    {Speciality::kNonVeg, "चिकन"},                {Speciality::kNonVeg, "मटन"},
    {Speciality::kCashOnDelivery, "cash on delivery"}, {Speciality::kCashOnDelivery, "cod"},
    {Speciality::kUpi, "upi"},                    {Speciality::kUpi, "gpay"},         {Speciality::kUpi, "google pay"},
    {Speciality::kUpi, "paytm"},                  {Speciality::kUpi, "phonepe"},      {Speciality::kUpi, "phone pe"},
    {Speciality::kWholesale, "wholesale*"},       {Speciality::kWholesale, "thok"},   {Speciality::kWholesale, "थोक"},
    {Speciality::kWholesale, "bulk"},
    {Speciality::kHomeVisit, "home visit*"},      {Speciality::kHomeVisit, "home service"},
    {Speciality::kHomeVisit, "doorstep service"}, {Speciality::kHomeVisit, "घर पर"},
    {Speciality::kParty, "party"},                {Speciality::kParty, "parties"},    {Speciality::kParty, "birthday*"},
    {Speciality::kParty, "wedding*"},             {Speciality::kParty, "shaadi"},     {Speciality::kParty, "catering"},
    {Speciality::kParty, "पार्टी"},               {Speciality::kParty, "शादी"},
    {Speciality::kHallmark, "hallmark*"},         {Speciality::kHallmark, "bis"},     {Speciality::kHallmark, "916"},
    {Speciality::kHallmark, "हालमार्क"},
    {Speciality::kEggless, "eggless"},            {Speciality::kEggless, "egg free"}, {Speciality::kEggless, "एगलेस"},
    {Speciality::kRepair, "repair*"},             {Speciality::kRepair, "servicing"}, {Speciality::kRepair, "service cent*"},
    {Speciality::kRepair, "रिपेयर"},              {Speciality::kRepair, "मरम्मत"},
};

// In the order of the Speciality enum (a test checks it).
constexpr std::array<SpecialityCopy, kSpecialityCount> kSpecialityCopy = {{
    {Speciality::kHomeDelivery, {"Home delivery", "होम डिलीवरी"},
     {"We deliver to your doorstep.", "हम घर तक डिलीवरी करते हैं।"}, true},
    {Speciality::kFresh, {"Fresh stock every day", "रोज़ ताज़ा माल"},
     {"Stock is refreshed every morning.", "माल हर सुबह ताज़ा आता है।"}, false},
    {Speciality::kOrganic, {"Organic range", "जैविक उत्पाद"},
     {"We also keep an organic range.", "हमारे यहाँ जैविक उत्पाद भी मिलते हैं।"}, true},
    {Speciality::kOpen24x7, {"Open 24x7", "24 घंटे खुला"},
     {"We are open 24 hours, every day.", "हम हर दिन 24 घंटे खुले रहते हैं।"}, true},
    {Speciality::kPureVeg, {"Pure vegetarian", "शुद्ध शाकाहारी"},
     {"Our kitchen is purely vegetarian.", "हमारी रसोई पूरी तरह शाकाहारी है।"}, true},
    {Speciality::kNonVeg, {"Veg and non-veg", "शाकाहारी और मांसाहारी"}, {"", ""}, false},
    {Speciality::kCashOnDelivery, {"Cash on delivery", "कैश ऑन डिलीवरी"}, {"", ""}, false},
    {Speciality::kUpi, {"UPI payments accepted", "UPI से भुगतान"}, {"", ""}, false},
    {Speciality::kWholesale, {"Wholesale rates on bulk orders", "थोक ऑर्डर पर खास दाम"},
     {"Ask us for wholesale rates on bulk orders.", "थोक ऑर्डर पर खास दाम के लिए हमसे बात करें।"}, true},
    {Speciality::kHomeVisit, {"Home visits available", "घर पर सेवा उपलब्ध"},
     {"Home visits can be booked too.", "घर पर सेवा भी बुक की जा सकती है।"}, true},
    {Speciality::kParty, {"Party and bulk orders", "पार्टी और बल्क ऑर्डर"},
     {"We take orders for parties and functions.", "पार्टी और समारोह के ऑर्डर भी लिए जाते हैं।"}, false},
    {Speciality::kHallmark, {"BIS hallmarked gold", "BIS हॉलमार्क सोना"}, {"", ""}, false},
    {Speciality::kEggless, {"100% eggless", "100% एगलेस"},
     {"Everything we bake is eggless.", "हमारी हर बेकरी चीज़ एगलेस है।"}, true},
    {Speciality::kRepair, {"", ""}, {"", ""}, false},
}};

// Spellings are folded: lower-case ASCII; Devanagari without nukta or chandrabindu.
constexpr City kCities[] = {
    {"Delhi", "दिल्ली", "delhi|new delhi|dilli|दिल्ली|नई दिल्ली"},
    {"Mumbai", "मुंबई", "mumbai|bombay|मुंबई|मुम्बई|बम्बई|बंबई"},
    {"Navi Mumbai", "नवी मुंबई", "navi mumbai|नवी मुंबई"},
    {"Kolkata", "कोलकाता", "kolkata|calcutta|कोलकाता|कलकत्ता"},
    {"Chennai", "चेन्नई", "chennai|madras|चेन्नई"},
    {"Bengaluru", "बेंगलुरु", "bengaluru|bangalore|बेंगलुरु|बेंगलुरू|बंगलौर|बैंगलोर"},
    {"Hyderabad", "हैदराबाद", "hyderabad|हैदराबाद"},
    {"Ahmedabad", "अहमदाबाद", "ahmedabad|amdavad|अहमदाबाद"},
    {"Pune", "पुणे", "pune|poona|पुणे"},
    {"Jaipur", "जयपुर", "jaipur|जयपुर"},
    {"Lucknow", "लखनऊ", "lucknow|lakhnau|लखनऊ"},
    {"Kanpur", "कानपुर", "kanpur|कानपुर"},
    {"Nagpur", "नागपुर", "nagpur|नागपुर"},
    {"Indore", "इंदौर", "indore|इंदौर|इन्दौर"},
    {"Bhopal", "भोपाल", "bhopal|भोपाल"},
    {"Patna", "पटना", "patna|पटना"},
    {"Surat", "सूरत", "surat|सूरत"},
    {"Vadodara", "वडोदरा", "vadodara|baroda|वडोदरा|बडौदा"},
    {"Rajkot", "राजकोट", "rajkot|राजकोट"},
    {"Ludhiana", "लुधियाना", "ludhiana|लुधियाना"},
    {"Amritsar", "अमृतसर", "amritsar|अमृतसर"},
    {"Jalandhar", "जालंधर", "jalandhar|jullundur|जालंधर"},
    {"Chandigarh", "चंडीगढ़", "chandigarh|चंडीगढ"},
    {"Agra", "आगरा", "agra|आगरा"},
    {"Varanasi", "वाराणसी", "varanasi|banaras|benaras|kashi|वाराणसी|बनारस|काशी"},
    {"Prayagraj", "प्रयागराज", "prayagraj|allahabad|प्रयागराज|इलाहाबाद"},
    {"Meerut", "मेरठ", "meerut|मेरठ"},
    {"Ghaziabad", "ग़ाज़ियाबाद", "ghaziabad|गाजियाबाद"},
    {"Noida", "नोएडा", "noida|नोएडा|नोयडा"},
    {"Gurugram", "गुरुग्राम", "gurugram|gurgaon|गुरुग्राम|गुडगांव"},
    {"Faridabad", "फ़रीदाबाद", "faridabad|फरीदाबाद"},
    {"Dehradun", "देहरादून", "dehradun|देहरादून"},
    {"Haridwar", "हरिद्वार", "haridwar|हरिद्वार"},
    {"Rishikesh", "ऋषिकेश", "rishikesh|ऋषिकेश"},
    {"Haldwani", "हल्द्वानी", "haldwani|हल्द्वानी"},
    {"Shimla", "शिमला", "shimla|simla|शिमला"},
    {"Jammu", "जम्मू", "jammu|जम्मू"},
    {"Srinagar", "श्रीनगर", "srinagar|श्रीनगर"},
    {"Jodhpur", "जोधपुर", "jodhpur|जोधपुर"},
    {"Udaipur", "उदयपुर", "udaipur|उदयपुर"},
    {"Kota", "कोटा", "kota|कोटा"},
    {"Ajmer", "अजमेर", "ajmer|अजमेर"},
    {"Bikaner", "बीकानेर", "bikaner|बीकानेर"},
    {"Alwar", "अलवर", "alwar|अलवर"},
    {"Bhilwara", "भीलवाड़ा", "bhilwara|भीलवाडा"},
    {"Sikar", "सीकर", "sikar|सीकर"},
    {"Jaisalmer", "जैसलमेर", "jaisalmer|जैसलमेर"},
    {"Gwalior", "ग्वालियर", "gwalior|ग्वालियर"},
    {"Jabalpur", "जबलपुर", "jabalpur|जबलपुर"},
    {"Ujjain", "उज्जैन", "ujjain|उज्जैन"},
    {"Satna", "सतना", "satna|सतना"},
    {"Rewa", "रीवा", "rewa|रीवा"},
    {"Raipur", "रायपुर", "raipur|रायपुर"},
    {"Bilaspur", "बिलासपुर", "bilaspur|बिलासपुर"},
    {"Bhilai", "भिलाई", "bhilai|भिलाई"},
    {"Ranchi", "रांची", "ranchi|रांची"},
    {"Jamshedpur", "जमशेदपुर", "jamshedpur|जमशेदपुर"},
    {"Dhanbad", "धनबाद", "dhanbad|धनबाद"},
    {"Bokaro", "बोकारो", "bokaro|बोकारो"},
    {"Bhagalpur", "भागलपुर", "bhagalpur|भागलपुर"},
    {"Muzaffarpur", "मुज़फ़्फ़रपुर", "muzaffarpur|मुजफ्फरपुर"},
    {"Darbhanga", "दरभंगा", "darbhanga|दरभंगा"},
    {"Gorakhpur", "गोरखपुर", "gorakhpur|गोरखपुर"},
    {"Bareilly", "बरेली", "bareilly|बरेली"},
    {"Moradabad", "मुरादाबाद", "moradabad|मुरादाबाद"},
    {"Aligarh", "अलीगढ़", "aligarh|अलीगढ"},
    {"Mathura", "मथुरा", "mathura|मथुरा"},
    {"Vrindavan", "वृंदावन", "vrindavan|vrindaban|वृंदावन|वृन्दावन"},
    {"Jhansi", "झांसी", "jhansi|झांसी"},
    {"Ayodhya", "अयोध्या", "ayodhya|अयोध्या"},
    {"Saharanpur", "सहारनपुर", "saharanpur|सहारनपुर"},
    {"Mirzapur", "मिर्ज़ापुर", "mirzapur|मिर्जापुर"},
    {"Panipat", "पानीपत", "panipat|पानीपत"},
    {"Karnal", "करनाल", "karnal|करनाल"},
    {"Rohtak", "रोहतक", "rohtak|रोहतक"},
    {"Hisar", "हिसार", "hisar|hissar|हिसार"},
    {"Patiala", "पटियाला", "patiala|पटियाला"},
    {"Bhubaneswar", "भुवनेश्वर", "bhubaneswar|bhubaneshwar|भुवनेश्वर"},
    {"Cuttack", "कटक", "cuttack|कटक"},
    {"Guwahati", "गुवाहाटी", "guwahati|gauhati|गुवाहाटी"},
    {"Siliguri", "सिलीगुड़ी", "siliguri|सिलीगुडी"},
    {"Nashik", "नासिक", "nashik|nasik|नासिक"},
    {"Aurangabad", "औरंगाबाद", "aurangabad|sambhajinagar|औरंगाबाद"},
    {"Solapur", "सोलापुर", "solapur|sholapur|सोलापुर"},
    {"Kolhapur", "कोल्हापुर", "kolhapur|कोल्हापुर"},
    {"Thane", "ठाणे", "thane|ठाणे"},
    {"Amravati", "अमरावती", "amravati|अमरावती"},
    {"Goa", "गोवा", "goa|panaji|panjim|गोवा|पणजी"},
    {"Bhavnagar", "भावनगर", "bhavnagar|भावनगर"},
    {"Jamnagar", "जामनगर", "jamnagar|जामनगर"},
    {"Gandhinagar", "गांधीनगर", "gandhinagar|गांधीनगर"},
    {"Mangaluru", "मंगलुरु", "mangaluru|mangalore|मंगलुरु|मंगलौर"},
    {"Mysuru", "मैसूरु", "mysuru|mysore|मैसूर|मैसूरु"},
    {"Hubballi", "हुबली", "hubballi|hubli|हुबली"},
    {"Kochi", "कोच्चि", "kochi|cochin|कोच्चि"},
    {"Thiruvananthapuram", "तिरुवनंतपुरम", "thiruvananthapuram|trivandrum|तिरुवनंतपुरम"},
    {"Kozhikode", "कोझिकोड", "kozhikode|calicut|कोझिकोड"},
    {"Coimbatore", "कोयंबटूर", "coimbatore|कोयंबटूर"},
    {"Madurai", "मदुरै", "madurai|मदुरै"},
    {"Tiruchirappalli", "तिरुचिरापल्ली", "tiruchirappalli|trichy|तिरुचिरापल्ली"},
    {"Vijayawada", "विजयवाड़ा", "vijayawada|विजयवाडा"},
    {"Visakhapatnam", "विशाखापत्तनम", "visakhapatnam|vizag|विशाखापत्तनम"},
    {"Tirupati", "तिरुपति", "tirupati|तिरुपति"},
    {"Warangal", "वारंगल", "warangal|वारंगल"},
    {"Puducherry", "पुडुचेरी", "puducherry|pondicherry|पुडुचेरी"},
    {"Shillong", "शिलांग", "shillong|शिलांग"},
    {"Agartala", "अगरतला", "agartala|अगरतला"},
    {"Gangtok", "गंगटोक", "gangtok|गंगटोक"},
};
// clang-format on

constexpr NameWords kNameWords = {
    // markers
    "called|named|naam|name|नाम",
    // intro (opens a sentence before the name)
    "we|i|hum|humari|hamari|humara|hamara|meri|mera|mere|my|our|this|welcome|hello|hi|namaste|हम|हमारी|हमारा|"
    "मेरी|मेरा|मेरे|नमस्ते|यह",
    // intro_fill (may follow an intro)
    "are|am|is|run|runs|own|owns|have|has|a|an|ek|small|chhoti|choti|chhota|chota|local|family|log|ki|ka|"
    "hai|एक|छोटी|छोटा|की|का|है|to|shop|dukaan|dukan|store|business|दुकान",
    // stop (ends a name)
    "in|at|near|mein|me|se|from|since|with|for|selling|sells|sell|offering|offers|provides|providing|serving|"
    "serves|located|opposite|opp|behind|beside|which|that|who|where|hai|he|h|hain|is|are|was|has|have|having|"
    "dealing|dealer*|specialist*|specializ*|specialis*|में|से|पर|के|पास|है|हैं|जो|जहां|वाले|वाली",
    // shop nouns
    "store|stores|shop|shoppe|dukaan|dukan|bhandar|bhandaar|centre|center|emporium|mart|traders|enterprises|"
    "house|point|corner|palace|bazaar|bazar|mahal|kendra|sweets|jewellers|jewelers|tailors|bakers|bakery|"
    "electricals|opticals|traders|agencies|agency|brothers|bros|sons|works|studio|gallery|company|"
    "dhaba|restaurant|clinic|medicals|medical|mobiles|electronics|salon|parlour|dairy|hardware|stationers|"
    "boutique|collection|भंडार|दुकान|स्टोर|सेंटर|केंद्र|ढाबा|भोजनालय|क्लिनिक|डेयरी|ज्वेलर्स|टेलर्स|बेकरी|"
    "मेडिकल|सैलून|पार्लर|हार्डवेयर|स्टेशनरी|बुटीक|शाप",
    // generic: common words that alone are not a name
    "and|aur|&|or|the|a|an|of|for|in|at|near|from|mein|me|all|best|good|great|quality|new|top|cheap|low|price|prices|"
    "rates|items|"
    "products|daily|everyday|local|available|also|only|more|range|shop|store|stores|dukaan|dukan|online|"
    "service|services|ladies|gents|women|men|kids|family|home|our|we|your|with|ki|ka|ke|ji|wala|wali|wale|"
    "sab|kuch|sabhi|hum|log|open|timings|time|am|pm|to|se|tak|और|व|सब|सभी|अच्छा|अच्छी|सस्ता|ताजा|दुकान|"
    "में|की|का|के|बहुत|भी|रोज|रोजाना|घर|लिए|kaam|kam|dhandha|vyapar|business|काम|धंधा|व्यापार|samaan|saman|saamaan|bechte|"
    "bechta|bechti|"
    "milta|milti|सामान|बेचते|बेचता|बेचती|मिलता|मिलती|मिलते|उपलब्ध|हम|यहां",
    // disqualify
    "ignore*|instruction*|prompt*|system|script|javascript|http*|www|assistant|jailbreak|override|previous|"
    // a question is not a name: "kya aap ke paas paneer hai, Verma Dairy"
    "kya|kyaa|kaise|kahan|kahaan|kitna|kitne|kitni|paas|क्या|कहां|कैसे|कितना",
    // contact cues
    "mobile|mob|phone|ph|call|contact|whatsapp|wa|number|no|tel|मोबाइल|फोन|संपर्क|नंबर",
    // whatsapp
    "whatsapp|whats app|व्हाट्सएप|व्हाट्सऐप|वाट्सएप",
};

}  // namespace

std::span<const SectorKeyword> SectorKeywords() {
    return kSectorKeywords;
}

std::span<const SpecialityKeyword> SpecialityKeywords() {
    return kSpecialityKeywords;
}

const SpecialityCopy& CopyFor(Speciality speciality) {
    return kSpecialityCopy[static_cast<std::size_t>(speciality)];
}

std::span<const City> Cities() {
    return kCities;
}

const NameWords& NameLexicon() {
    return kNameWords;
}

}  // namespace webdpro::ai::detail
