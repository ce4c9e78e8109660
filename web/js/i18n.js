// UI strings in English and Hindi, the language switch, and number/date formatting.
// The chosen language is remembered in localStorage and mirrored in <html lang>.
// Strings use {name} placeholders; t() falls back to English, then to the key itself.

const STORAGE_KEY = 'webdpro.lang';
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिंदी' },
];

const en = {
  'app.name': 'WebDPro',
  'skip': 'Skip to content',
  'loading': 'Loading…',
  'lang.label': 'Language',
  'nav.main': 'Main menu',
  'nav.dashboard': 'Dashboard',
  'nav.store': 'Store',
  'nav.products': 'Products',
  'nav.orders': 'Orders',
  'nav.riders': 'Riders',
  'nav.settings': 'Settings',
  'nav.deliveries': 'My deliveries',
  'nav.cash': 'Cash',
  'nav.tenants': 'Tenants',
  'nav.platform': 'Platform',
  'nav.my_orders': 'My orders',

  'role.BUSINESS_OWNER': 'Owner',
  'role.DELIVERY_AGENT': 'Rider',
  'role.SUPER_ADMIN': 'Platform admin',
  'role.CUSTOMER': 'Customer',

  'landing.signin': 'Sign in',
  'landing.start': 'Start free with your phone',
  'landing.title': 'Your shop online, in one sentence',
  'landing.lead': 'Write what you sell and where. WebDPro builds your store, takes UPI, Razorpay and cash-on-delivery orders, and follows your riders on the map.',
  'landing.features': 'What you get',
  'landing.f1_title': 'Store in seconds',
  'landing.f1_body': 'Products, prices, photos and pages made from your description, in English or Hindi.',
  'landing.f2_title': 'Orders that add up',
  'landing.f2_body': 'Stock never oversold. UPI, Razorpay or cash on delivery. GST invoices when you need them.',
  'landing.f3_title': 'Your own riders',
  'landing.f3_body': 'Assign deliveries, see riders live on the map, and settle the cash they collect.',
  'landing.status': 'status',

  'login.title': 'Sign in',
  'login.lead': 'Enter your mobile number. We will send a 6-digit code by SMS.',
  'login.new_here': 'New to WebDPro? The same code creates your account.',
  'login.phone': 'Mobile number',
  'login.phone_hint': '10 digits, for example 98123 45678',
  'login.send': 'Send code',
  'login.sending': 'Sending…',
  'login.code_title': 'Enter the code',
  'login.code_sent': 'We sent a 6-digit code to {phone}.',
  'login.change': 'Change number',
  'login.code': '6-digit code',
  'login.code_hint': 'The code works for {minutes} minutes.',
  'login.verify': 'Verify and sign in',
  'login.verifying': 'Checking…',
  'login.resend': 'Send a new code',
  'login.resend_in': 'New code in {time}',
  'login.resent': 'A new code is on its way.',
  'login.signed_in': 'Signed in. Opening your account…',

  'err.phone_required': 'Enter your mobile number.',
  'err.phone_invalid': 'Enter a 10-digit Indian mobile number that starts with 6, 7, 8 or 9.',
  'err.code_required': 'Enter the 6-digit code from the SMS.',
  'err.code_invalid': 'The code has 6 digits.',
  'err.code_wrong': 'That code is not right.',
  'err.code_wrong_left': 'That code is not right. {n} tries left.',
  'err.code_wrong_last': 'That code is not right. 1 try left.',
  'err.code_dead': 'This code can no longer be used. Ask for a new code.',
  'err.rate_limited': 'Too many tries. Please wait {time} and try again.',
  'err.offline': 'You are offline. Check your internet connection and try again.',
  'err.network': 'Could not reach WebDPro. Check your connection and try again.',
  'err.timeout': 'This is taking too long. Your network may be slow. Please try again.',
  'err.server': 'Something went wrong on our side. Please try again.',
  'err.generic': 'That did not work. Please try again.',
  'err.not_found': 'We could not find that.',
  'err.forbidden': 'You do not have permission to do that.',
  'err.conflict': 'That already exists or has changed.',
  'err.invalid': 'Some details are not right.',
  'err.session': 'Please sign in again.',
  'err.ref': 'Reference: {id}',
  'offline.banner': 'You are offline. We will try again when you are back online.',

  'welcome.title': 'Name your business',
  'welcome.lead': 'This is the name customers will see on your online store.',
  'welcome.name': 'Business name',
  'welcome.name_hint': 'For example: Sharma Kirana Store',
  'welcome.name_required': 'Enter your business name.',
  'welcome.name_short': 'Use at least 2 letters.',
  'welcome.name_length': 'Use 2 to 80 letters.',
  'welcome.create': 'Create my business',
  'welcome.creating': 'Creating…',
  'welcome.created': '{name} is ready.',
  'welcome.shopper': 'Only here to shop?',
  'welcome.shopper_link': 'See my orders',
  'welcome.sell_question': 'Do you run a shop?',
  'welcome.sell_link': 'Name your business',

  'choose.title': 'Choose a business',
  'choose.lead': 'Your number is linked to more than one business. Which one do you want to open?',
  'choose.open': 'Open {name}',

  'dash.kicker': 'Dashboard',
  'dash.greeting': 'Namaste, {name}',
  'dash.setup_title': 'Get your shop online',
  'dash.setup_lead': '{done} of {total} steps done',
  'dash.step_business': 'Business created',
  'dash.step_store': 'Describe your business — we build the store',
  'dash.step_products': 'Check products and prices',
  'dash.step_riders': 'Invite a delivery rider',
  'dash.step_share': 'Share your store link with customers',
  'dash.today': 'Today',
  'dash.no_orders_title': 'No orders yet',
  'dash.no_orders_body': 'Orders, sales and cash to collect will show here once customers start ordering.',
  'dash.done': 'Done',
  'dash.todo': 'To do',

  'empty.store_title': 'Your store is not built yet',
  'empty.store_body': 'Describe your shop in one sentence and WebDPro builds the store, with products, prices and pictures.',
  'empty.products_title': 'No products yet',
  'empty.products_body': 'Products appear here once your store is built. You will be able to change prices and stock.',
  'empty.orders_title': 'No orders yet',
  'empty.orders_body': 'When a customer orders from your store, the order shows up here.',
  'empty.deliveries_title': 'No deliveries for you yet',
  'empty.deliveries_body': 'When {business} gives you a delivery, it shows up here with the address and the amount to collect.',
  'empty.cash_title': 'No cash collected yet',
  'empty.cash_body': 'Cash you collect on deliveries is recorded here, so you and the owner see the same amount.',
  'empty.platform_title': 'No platform numbers yet',
  'empty.platform_body': 'Stores generated, orders, revenue and AI costs across all businesses will show here.',
  'empty.my_orders_title': 'No orders yet',
  'empty.my_orders_body': 'Orders you place in WebDPro stores will show here so you can track them.',
  'empty.soon': 'Coming soon',

  'riders.title': 'Riders',
  'riders.lead': 'Riders sign in with their own mobile number and see only your shop’s deliveries.',
  'riders.invite_title': 'Invite a rider',
  'riders.name': 'Rider’s name',
  'riders.phone': 'Rider’s mobile number',
  'riders.invite': 'Invite rider',
  'riders.inviting': 'Inviting…',
  'riders.invited': '{name} can now sign in with {phone}.',
  'riders.list_title': 'Your riders',
  'riders.empty_title': 'No riders yet',
  'riders.empty_body': 'Invite the people who deliver for you. They will see the deliveries you assign them.',
  'riders.remove': 'Remove',
  'riders.remove_label': 'Remove {name}',
  'riders.remove_title': 'Remove {name}?',
  'riders.remove_body': '{name} will no longer see your shop’s deliveries. You can invite them again later.',
  'riders.removed': '{name} was removed.',
  'confirm.cancel': 'Cancel',
  'riders.added_on': 'Added {date}',
  'riders.name_required': 'Enter the rider’s name.',
  'riders.no_name': 'Rider',
  'riders.already': 'This number is already one of your riders.',
  'riders.is_owner': 'That is the owner’s number. Invite someone else’s number.',

  'tenants.title': 'Tenants',
  'tenants.lead': 'Every business on WebDPro.',
  'tenants.empty_title': 'No businesses yet',
  'tenants.empty_body': 'Businesses appear here as soon as an owner names their business.',
  'tenants.count': '{n} businesses',
  'tenants.count_one': '1 business',

  'settings.title': 'Settings',
  'settings.account': 'Your account',
  'settings.name': 'Name',
  'settings.phone': 'Mobile number',
  'settings.no_name': 'Not set',
  'settings.business': 'Business',
  'settings.role': 'Your role',
  'settings.switch': 'Switch business',
  'settings.current': 'Current',
  'settings.signout': 'Sign out',
  'settings.signing_out': 'Signing out…',

  'retry': 'Try again',

  'dash.step_publish': 'Publish your store',
  'describe.title': 'Describe your business',
  'describe.lead': 'One or two sentences: the shop name, what you sell and where. We build the whole store from it.',
  'describe.label': 'About your business',
  'describe.placeholder': 'For example: Sharma Kirana, fresh vegetables and groceries in Jaipur',
  'describe.hint': 'Write in English or Hindi, as you would tell a customer.',
  'describe.example_label': 'Name · what you sell · town',
  'describe.clear': 'Clear',
  'describe.language': 'Store language',
  'describe.submit': 'Build my store',
  'describe.submitting': 'Starting…',
  'describe.required': 'Tell us about your business in a sentence.',
  'describe.short': 'Write a little more: the shop name, what you sell and where.',
  'gen.title': 'Building your store',
  'gen.steps': 'Steps',
  'gen.step_spec': 'Understanding your business',
  'gen.step_code': 'Writing pages',
  'gen.step_images': 'Drawing pictures',
  'gen.step_assembly': 'Putting it together',
  'gen.state_done': 'Done',
  'gen.state_active': 'Working',
  'gen.state_failed': 'Stopped',
  'gen.working': 'This usually takes under a minute. You can keep this page open.',
  'gen.ready': 'Your store is ready.',
  'gen.done_toast': '{name} is ready. Have a look!',
  'gen.by_ai': 'Written by AI ({name})',
  'gen.by_rules': 'Written by WebDPro’s built-in writer',
  'gen.passed_over': '{n} other AI options were busy or not set up',
  'gen.passed_over_one': 'another AI option was busy or not set up',
  'gen.failed': 'We could not build the store. Please try again.',
  'gen.pages': '{n} pages',
  'gen.images': '{n} pictures',
  'gen.products': '{n} products in your catalogue',
  'gen.failed_reason': 'We could not build the store: {reason}',
  'gen.retry': 'Try again',
  'gen.retrying': 'Starting again…',
  'gen.change': 'Change the description',
  'store.list_title': 'Your stores',
  'store.untitled': 'New store',
  'store.another': 'Build another store',
  'store.describe_cta': 'Describe your business',
  'store.status_generating': 'Building',
  'store.status_draft': 'Draft',
  'store.status_paid': 'Ready to publish',
  'store.status_published': 'Live',
  'store.status_failed': 'Failed',
  'store.preview': 'Preview',
  'store.open_preview': 'Open preview',
  'store.preview_draft': 'Only you can see this until you publish.',
  'store.preview_live': 'This is what your customers see.',
  'store.publish_card': 'Publish',
  'store.draft_lead': 'Your store is a draft. Publish it so customers can open it and order.',
  'store.publish': 'Publish store',
  'store.publishing': 'Publishing…',
  'store.publish_title': 'Publish your store?',
  'store.publish_body': 'Anyone with the link will see your store and can order.',
  'store.published': 'Your store is live.',
  'store.unpublish': 'Take store offline',
  'store.unpublishing': 'Taking offline…',
  'store.unpublish_title': 'Take your store offline?',
  'store.unpublish_body': 'Customers will not be able to open the store or order until you publish it again.',
  'store.unpublished': 'Your store is offline.',
  'store.live_title': 'Your store is live',
  'store.live_lead': 'Share this link with your customers:',
  'store.open_public': 'Open store',
  'store.share_whatsapp': 'Share on WhatsApp',
  'store.share_text': 'Order from {name} online: {url}',
  'store.paid_needed': 'A custom domain needs a paid plan. Remove the domain, or upgrade your plan to use it.',
  'store.edit': 'Edit details',
  'store.business_name': 'Business name',
  'store.tagline': 'Tagline',
  'store.tagline_hint': 'A short line under your name, for example: Fresh every morning',
  'store.about': 'About your shop',
  'store.theme': 'Look',
  'store.theme_bazaar': 'Bazaar',
  'store.theme_clean': 'Clean',
  'store.theme_classic': 'Classic',
  'store.primary': 'Main colour',
  'store.accent': 'Accent colour',
  'store.contact': 'Contact',
  'store.phone': 'Phone',
  'store.whatsapp': 'WhatsApp number',
  'store.address': 'Address',
  'store.city': 'City',
  'store.hours': 'Opening hours',
  'store.hours_hint': 'For example: 8 am to 9 pm, closed Tuesday',
  'store.location': 'Location on the map',
  'store.latitude': 'Latitude',
  'store.longitude': 'Longitude',
  'store.use_location': 'Use my location',
  'store.locating': 'Finding you…',
  'store.location_failed': 'Could not get your location. Allow location access or type the numbers.',
  'store.number_invalid': 'Enter a number, for example 26.9124',
  'store.field_invalid': 'Please check this.',
  'store.save': 'Save changes',
  'store.saving': 'Saving…',
  'store.saved': 'Saved.',
  'store.nothing_changed': 'Nothing has changed.',
  'store.regenerate_title': 'Write new copy',
  'store.regenerate_lead': 'Get fresh text for your pages. Your products, colours and contact details stay as they are.',
  'store.regenerate_body': 'The text on your pages will be written again.',
  'store.regenerate': 'Write new copy',
  'store.regenerating': 'Writing new copy…',
  'store.regenerated': 'New copy is ready.',
  'store.domain_title': 'Your own web address',
  'store.domain': 'Domain',
  'store.domain_hint': 'Optional. A domain you own, for example www.sharmakirana.in',
  'store.domain_required': 'Enter a domain such as www.sharmakirana.in',
  'store.domain_save': 'Save domain',
  'store.domain_remove': 'Remove',
  'store.domain_saved': 'Domain saved.',
  'store.domain_paid': 'Your own domain needs a paid plan. Your store keeps working on its free WebDPro address.',
  'store.domain_removed': 'Domain removed.',
};

const hi = {
  'app.name': 'WebDPro',
  'skip': 'सीधे मुख्य भाग पर जाएँ',
  'loading': 'लोड हो रहा है…',
  'lang.label': 'भाषा',
  'nav.main': 'मुख्य मेन्यू',
  'nav.dashboard': 'डैशबोर्ड',
  'nav.store': 'स्टोर',
  'nav.products': 'सामान',
  'nav.orders': 'ऑर्डर',
  'nav.riders': 'राइडर',
  'nav.settings': 'सेटिंग',
  'nav.deliveries': 'मेरी डिलीवरी',
  'nav.cash': 'नकद',
  'nav.tenants': 'व्यवसाय',
  'nav.platform': 'प्लेटफ़ॉर्म',
  'nav.my_orders': 'मेरे ऑर्डर',

  'role.BUSINESS_OWNER': 'मालिक',
  'role.DELIVERY_AGENT': 'राइडर',
  'role.SUPER_ADMIN': 'प्लेटफ़ॉर्म एडमिन',
  'role.CUSTOMER': 'ग्राहक',

  'landing.signin': 'साइन इन',
  'landing.start': 'अपने फ़ोन से मुफ़्त शुरू करें',
  'landing.title': 'एक वाक्य में आपकी दुकान ऑनलाइन',
  'landing.lead': 'लिखिए कि आप क्या और कहाँ बेचते हैं। WebDPro आपका स्टोर बनाता है, UPI, Razorpay और कैश-ऑन-डिलीवरी ऑर्डर लेता है, और नक्शे पर आपके राइडर दिखाता है।',
  'landing.features': 'आपको क्या मिलता है',
  'landing.f1_title': 'सेकंडों में स्टोर',
  'landing.f1_body': 'आपके विवरण से सामान, दाम, फ़ोटो और पेज — हिंदी या अंग्रेज़ी में।',
  'landing.f2_title': 'सही हिसाब वाले ऑर्डर',
  'landing.f2_body': 'स्टॉक से ज़्यादा कभी नहीं बिकेगा। UPI, Razorpay या कैश ऑन डिलीवरी। ज़रूरत हो तो GST बिल।',
  'landing.f3_title': 'आपके अपने राइडर',
  'landing.f3_body': 'डिलीवरी सौंपें, राइडर को नक्शे पर लाइव देखें, और उनके वसूले गए नकद का हिसाब करें।',
  'landing.status': 'स्थिति',

  'login.title': 'साइन इन करें',
  'login.lead': 'अपना मोबाइल नंबर डालें। हम SMS से 6 अंकों का कोड भेजेंगे।',
  'login.new_here': 'WebDPro पर नए हैं? इसी कोड से आपका खाता बन जाएगा।',
  'login.phone': 'मोबाइल नंबर',
  'login.phone_hint': '10 अंक, जैसे 98123 45678',
  'login.send': 'कोड भेजें',
  'login.sending': 'भेज रहे हैं…',
  'login.code_title': 'कोड डालें',
  'login.code_sent': 'हमने {phone} पर 6 अंकों का कोड भेजा है।',
  'login.change': 'नंबर बदलें',
  'login.code': '6 अंकों का कोड',
  'login.code_hint': 'कोड {minutes} मिनट तक चलेगा।',
  'login.verify': 'जाँचें और साइन इन करें',
  'login.verifying': 'जाँच रहे हैं…',
  'login.resend': 'नया कोड भेजें',
  'login.resend_in': 'नया कोड {time} में',
  'login.resent': 'नया कोड भेज दिया है।',
  'login.signed_in': 'साइन इन हो गया। आपका खाता खुल रहा है…',

  'err.phone_required': 'अपना मोबाइल नंबर डालें।',
  'err.phone_invalid': '6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर डालें।',
  'err.code_required': 'SMS में आया 6 अंकों का कोड डालें।',
  'err.code_invalid': 'कोड में 6 अंक होते हैं।',
  'err.code_wrong': 'यह कोड सही नहीं है।',
  'err.code_wrong_left': 'यह कोड सही नहीं है। {n} कोशिशें बाकी हैं।',
  'err.code_wrong_last': 'यह कोड सही नहीं है। 1 कोशिश बाकी है।',
  'err.code_dead': 'यह कोड अब काम नहीं करेगा। नया कोड मँगाएँ।',
  'err.rate_limited': 'बहुत ज़्यादा कोशिशें हो गईं। {time} रुककर फिर कोशिश करें।',
  'err.offline': 'आप ऑफ़लाइन हैं। इंटरनेट कनेक्शन देखकर फिर कोशिश करें।',
  'err.network': 'WebDPro से जुड़ नहीं पाए। कनेक्शन देखकर फिर कोशिश करें।',
  'err.timeout': 'बहुत देर लग रही है। शायद नेटवर्क धीमा है। फिर कोशिश करें।',
  'err.server': 'हमारी तरफ़ से कुछ गड़बड़ हुई। फिर कोशिश करें।',
  'err.generic': 'यह नहीं हो पाया। फिर कोशिश करें।',
  'err.not_found': 'यह नहीं मिला।',
  'err.forbidden': 'आपको यह करने की अनुमति नहीं है।',
  'err.conflict': 'यह पहले से मौजूद है या बदल चुका है।',
  'err.invalid': 'कुछ जानकारी सही नहीं है।',
  'err.session': 'कृपया फिर से साइन इन करें।',
  'err.ref': 'संदर्भ: {id}',
  'offline.banner': 'आप ऑफ़लाइन हैं। इंटरनेट वापस आने पर हम फिर कोशिश करेंगे।',

  'welcome.title': 'अपने व्यवसाय का नाम रखें',
  'welcome.lead': 'यही नाम ग्राहक आपके ऑनलाइन स्टोर पर देखेंगे।',
  'welcome.name': 'व्यवसाय का नाम',
  'welcome.name_hint': 'जैसे: शर्मा किराना स्टोर',
  'welcome.name_required': 'अपने व्यवसाय का नाम डालें।',
  'welcome.name_short': 'कम से कम 2 अक्षर लिखें।',
  'welcome.name_length': '2 से 80 अक्षर लिखें।',
  'welcome.create': 'मेरा व्यवसाय बनाएँ',
  'welcome.creating': 'बना रहे हैं…',
  'welcome.created': '{name} तैयार है।',
  'welcome.shopper': 'सिर्फ़ ख़रीदारी करनी है?',
  'welcome.shopper_link': 'मेरे ऑर्डर देखें',
  'welcome.sell_question': 'आपकी दुकान है?',
  'welcome.sell_link': 'अपने व्यवसाय का नाम रखें',

  'choose.title': 'व्यवसाय चुनें',
  'choose.lead': 'आपका नंबर एक से ज़्यादा व्यवसायों से जुड़ा है। कौन-सा खोलना है?',
  'choose.open': '{name} खोलें',

  'dash.kicker': 'डैशबोर्ड',
  'dash.greeting': 'नमस्ते, {name}',
  'dash.setup_title': 'अपनी दुकान ऑनलाइन लाएँ',
  'dash.setup_lead': '{total} में से {done} काम पूरे',
  'dash.step_business': 'व्यवसाय बन गया',
  'dash.step_store': 'अपने व्यवसाय के बारे में बताएँ — स्टोर हम बनाएँगे',
  'dash.step_products': 'सामान और दाम जाँचें',
  'dash.step_riders': 'डिलीवरी राइडर जोड़ें',
  'dash.step_share': 'स्टोर का लिंक ग्राहकों को भेजें',
  'dash.today': 'आज',
  'dash.no_orders_title': 'अभी कोई ऑर्डर नहीं',
  'dash.no_orders_body': 'ग्राहक ऑर्डर देना शुरू करेंगे, तब ऑर्डर, बिक्री और वसूली जाने वाली नकद राशि यहाँ दिखेगी।',
  'dash.done': 'पूरा',
  'dash.todo': 'बाकी',

  'empty.store_title': 'आपका स्टोर अभी बना नहीं है',
  'empty.store_body': 'एक वाक्य में अपनी दुकान के बारे में लिखें, WebDPro सामान, दाम और तस्वीरों के साथ स्टोर बना देगा।',
  'empty.products_title': 'अभी कोई सामान नहीं',
  'empty.products_body': 'स्टोर बनने के बाद सामान यहाँ दिखेगा। आप दाम और स्टॉक बदल सकेंगे।',
  'empty.orders_title': 'अभी कोई ऑर्डर नहीं',
  'empty.orders_body': 'जब कोई ग्राहक आपके स्टोर से ऑर्डर करेगा, वह यहाँ दिखेगा।',
  'empty.deliveries_title': 'अभी आपके लिए कोई डिलीवरी नहीं',
  'empty.deliveries_body': 'जब {business} आपको डिलीवरी देगा, वह पते और वसूली की राशि के साथ यहाँ दिखेगी।',
  'empty.cash_title': 'अभी कोई नकद नहीं लिया',
  'empty.cash_body': 'डिलीवरी पर लिया गया नकद यहाँ दर्ज होगा, ताकि आप और मालिक एक ही राशि देखें।',
  'empty.platform_title': 'अभी प्लेटफ़ॉर्म के आँकड़े नहीं',
  'empty.platform_body': 'सभी व्यवसायों के बने स्टोर, ऑर्डर, कमाई और AI का ख़र्च यहाँ दिखेगा।',
  'empty.my_orders_title': 'अभी कोई ऑर्डर नहीं',
  'empty.my_orders_body': 'WebDPro स्टोर से किए आपके ऑर्डर यहाँ दिखेंगे, ताकि आप उन्हें ट्रैक कर सकें।',
  'empty.soon': 'जल्द आ रहा है',

  'riders.title': 'राइडर',
  'riders.lead': 'राइडर अपने मोबाइल नंबर से साइन इन करते हैं और सिर्फ़ आपकी दुकान की डिलीवरी देखते हैं।',
  'riders.invite_title': 'राइडर जोड़ें',
  'riders.name': 'राइडर का नाम',
  'riders.phone': 'राइडर का मोबाइल नंबर',
  'riders.invite': 'राइडर जोड़ें',
  'riders.inviting': 'जोड़ रहे हैं…',
  'riders.invited': '{name} अब {phone} से साइन इन कर सकते हैं।',
  'riders.list_title': 'आपके राइडर',
  'riders.empty_title': 'अभी कोई राइडर नहीं',
  'riders.empty_body': 'जो लोग आपके लिए डिलीवरी करते हैं, उन्हें जोड़ें। आप जो डिलीवरी देंगे, वे उन्हें दिखेंगी।',
  'riders.remove': 'हटाएँ',
  'riders.remove_label': '{name} को हटाएँ',
  'riders.remove_title': '{name} को हटाएँ?',
  'riders.remove_body': '{name} को अब आपकी दुकान की डिलीवरी नहीं दिखेंगी। आप बाद में उन्हें फिर जोड़ सकते हैं।',
  'riders.removed': '{name} को हटा दिया गया।',
  'confirm.cancel': 'रद्द करें',
  'riders.added_on': '{date} को जोड़ा',
  'riders.name_required': 'राइडर का नाम डालें।',
  'riders.no_name': 'राइडर',
  'riders.already': 'यह नंबर पहले से आपके राइडर का है।',
  'riders.is_owner': 'यह मालिक का नंबर है। किसी और का नंबर डालें।',

  'tenants.title': 'व्यवसाय',
  'tenants.lead': 'WebDPro पर सभी व्यवसाय।',
  'tenants.empty_title': 'अभी कोई व्यवसाय नहीं',
  'tenants.empty_body': 'जैसे ही कोई मालिक अपने व्यवसाय का नाम रखेगा, वह यहाँ दिखेगा।',
  'tenants.count': '{n} व्यवसाय',
  'tenants.count_one': '1 व्यवसाय',

  'settings.title': 'सेटिंग',
  'settings.account': 'आपका खाता',
  'settings.name': 'नाम',
  'settings.phone': 'मोबाइल नंबर',
  'settings.no_name': 'नहीं दिया',
  'settings.business': 'व्यवसाय',
  'settings.role': 'आपकी भूमिका',
  'settings.switch': 'व्यवसाय बदलें',
  'settings.current': 'अभी खुला',
  'settings.signout': 'साइन आउट करें',
  'settings.signing_out': 'साइन आउट हो रहा है…',

  'retry': 'फिर कोशिश करें',

  'dash.step_publish': 'अपना स्टोर प्रकाशित करें',
  'describe.title': 'अपने व्यवसाय के बारे में बताएँ',
  'describe.lead': 'एक-दो वाक्य: दुकान का नाम, आप क्या बेचते हैं और कहाँ। पूरा स्टोर हम इसी से बनाएँगे।',
  'describe.label': 'आपका व्यवसाय',
  'describe.placeholder': 'उदाहरण: शर्मा किराना, जयपुर में ताज़ी सब्ज़ियाँ और किराने का सामान',
  'describe.hint': 'हिंदी या अंग्रेज़ी में लिखें, जैसे ग्राहक को बताते हैं।',
  'describe.example_label': 'नाम · क्या बेचते हैं · शहर',
  'describe.clear': 'मिटाएँ',
  'describe.language': 'स्टोर की भाषा',
  'describe.submit': 'मेरा स्टोर बनाएँ',
  'describe.submitting': 'शुरू हो रहा है…',
  'describe.required': 'एक वाक्य में अपने व्यवसाय के बारे में लिखें।',
  'describe.short': 'थोड़ा और लिखें: दुकान का नाम, क्या बेचते हैं और कहाँ।',
  'gen.title': 'आपका स्टोर बन रहा है',
  'gen.steps': 'चरण',
  'gen.step_spec': 'आपके व्यवसाय को समझ रहे हैं',
  'gen.step_code': 'पन्ने लिख रहे हैं',
  'gen.step_images': 'तस्वीरें बना रहे हैं',
  'gen.step_assembly': 'सब जोड़ रहे हैं',
  'gen.state_done': 'पूरा',
  'gen.state_active': 'चल रहा है',
  'gen.state_failed': 'रुक गया',
  'gen.working': 'आम तौर पर एक मिनट से कम लगता है। यह पन्ना खुला रखें।',
  'gen.ready': 'आपका स्टोर तैयार है।',
  'gen.done_toast': '{name} तैयार है। देखिए!',
  'gen.by_ai': 'AI ने लिखा ({name})',
  'gen.by_rules': 'WebDPro के अपने लेखक ने लिखा',
  'gen.passed_over': '{n} दूसरे AI विकल्प व्यस्त थे या चालू नहीं थे',
  'gen.passed_over_one': 'एक दूसरा AI विकल्प व्यस्त था या चालू नहीं था',
  'gen.failed': 'हम स्टोर नहीं बना पाए। कृपया फिर से कोशिश करें।',
  'gen.pages': '{n} पन्ने',
  'gen.images': '{n} तस्वीरें',
  'gen.products': 'आपकी सूची में {n} सामान',
  'gen.failed_reason': 'हम स्टोर नहीं बना पाए: {reason}',
  'gen.retry': 'फिर से कोशिश करें',
  'gen.retrying': 'फिर से शुरू हो रहा है…',
  'gen.change': 'विवरण बदलें',
  'store.list_title': 'आपके स्टोर',
  'store.untitled': 'नया स्टोर',
  'store.another': 'एक और स्टोर बनाएँ',
  'store.describe_cta': 'अपने व्यवसाय के बारे में बताएँ',
  'store.status_generating': 'बन रहा है',
  'store.status_draft': 'ड्राफ़्ट',
  'store.status_paid': 'प्रकाशन के लिए तैयार',
  'store.status_published': 'लाइव',
  'store.status_failed': 'नहीं बना',
  'store.preview': 'झलक',
  'store.open_preview': 'झलक खोलें',
  'store.preview_draft': 'प्रकाशित करने तक इसे सिर्फ़ आप देख सकते हैं।',
  'store.preview_live': 'आपके ग्राहक यही देखते हैं।',
  'store.publish_card': 'प्रकाशित करें',
  'store.draft_lead': 'आपका स्टोर अभी ड्राफ़्ट है। प्रकाशित करें ताकि ग्राहक इसे खोलकर ऑर्डर कर सकें।',
  'store.publish': 'स्टोर प्रकाशित करें',
  'store.publishing': 'प्रकाशित हो रहा है…',
  'store.publish_title': 'स्टोर प्रकाशित करें?',
  'store.publish_body': 'लिंक वाला कोई भी व्यक्ति आपका स्टोर देख सकेगा और ऑर्डर कर सकेगा।',
  'store.published': 'आपका स्टोर लाइव है।',
  'store.unpublish': 'स्टोर ऑफ़लाइन करें',
  'store.unpublishing': 'ऑफ़लाइन हो रहा है…',
  'store.unpublish_title': 'स्टोर ऑफ़लाइन करें?',
  'store.unpublish_body': 'जब तक आप फिर से प्रकाशित नहीं करते, ग्राहक स्टोर नहीं खोल पाएँगे और ऑर्डर नहीं कर पाएँगे।',
  'store.unpublished': 'आपका स्टोर ऑफ़लाइन है।',
  'store.live_title': 'आपका स्टोर लाइव है',
  'store.live_lead': 'यह लिंक अपने ग्राहकों को भेजें:',
  'store.open_public': 'स्टोर खोलें',
  'store.share_whatsapp': 'WhatsApp पर भेजें',
  'store.share_text': '{name} से ऑनलाइन ऑर्डर करें: {url}',
  'store.paid_needed': 'अपने डोमेन के लिए पेड प्लान चाहिए। डोमेन हटाएँ या प्लान बदलें।',
  'store.edit': 'विवरण बदलें',
  'store.business_name': 'व्यवसाय का नाम',
  'store.tagline': 'टैगलाइन',
  'store.tagline_hint': 'नाम के नीचे एक छोटी पंक्ति, जैसे: हर सुबह ताज़ा',
  'store.about': 'आपकी दुकान के बारे में',
  'store.theme': 'रूप',
  'store.theme_bazaar': 'बाज़ार',
  'store.theme_clean': 'सादा',
  'store.theme_classic': 'क्लासिक',
  'store.primary': 'मुख्य रंग',
  'store.accent': 'दूसरा रंग',
  'store.contact': 'संपर्क',
  'store.phone': 'फ़ोन',
  'store.whatsapp': 'WhatsApp नंबर',
  'store.address': 'पता',
  'store.city': 'शहर',
  'store.hours': 'खुलने का समय',
  'store.hours_hint': 'जैसे: सुबह 8 से रात 9 बजे, मंगलवार बंद',
  'store.location': 'नक्शे पर जगह',
  'store.latitude': 'अक्षांश',
  'store.longitude': 'देशांतर',
  'store.use_location': 'मेरी जगह लें',
  'store.locating': 'जगह ढूँढ रहे हैं…',
  'store.location_failed': 'आपकी जगह नहीं मिली। लोकेशन की अनुमति दें या अंक लिखें।',
  'store.number_invalid': 'एक संख्या लिखें, जैसे 26.9124',
  'store.field_invalid': 'कृपया इसे जाँचें।',
  'store.save': 'बदलाव सहेजें',
  'store.saving': 'सहेज रहे हैं…',
  'store.saved': 'सहेज लिया।',
  'store.nothing_changed': 'कुछ नहीं बदला।',
  'store.regenerate_title': 'नया विवरण लिखवाएँ',
  'store.regenerate_lead': 'पन्नों के लिए नया लेख पाएँ। आपका सामान, रंग और संपर्क जैसे हैं वैसे रहेंगे।',
  'store.regenerate_body': 'आपके पन्नों का लेख फिर से लिखा जाएगा।',
  'store.regenerate': 'नया विवरण लिखवाएँ',
  'store.regenerating': 'नया विवरण लिख रहे हैं…',
  'store.regenerated': 'नया विवरण तैयार है।',
  'store.domain_title': 'आपका अपना वेब पता',
  'store.domain': 'डोमेन',
  'store.domain_hint': 'ज़रूरी नहीं। आपका अपना डोमेन, जैसे www.sharmakirana.in',
  'store.domain_required': 'www.sharmakirana.in जैसा डोमेन लिखें',
  'store.domain_save': 'डोमेन सहेजें',
  'store.domain_remove': 'हटाएँ',
  'store.domain_saved': 'डोमेन सहेज लिया।',
  'store.domain_paid': 'अपने डोमेन के लिए पेड प्लान चाहिए। आपका स्टोर WebDPro के मुफ़्त पते पर चलता रहेगा।',
  'store.domain_removed': 'डोमेन हटा दिया।',
};

const STRINGS = { en, hi };

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && STRINGS[stored]) {
      return stored;
    }
  } catch {
    // Storage can be blocked (private mode, strict settings); fall through to the browser's choice.
  }
  const preferred = (navigator.languages || [navigator.language || 'en']).map((l) => String(l).toLowerCase());
  return preferred.some((l) => l.startsWith('hi')) ? 'hi' : 'en';
}

let current = readStoredLang();

/** The active language code ("en" or "hi"). */
export function lang() {
  return current;
}

/** The string for `key` in the active language with {placeholders} filled from `vars`. */
export function t(key, vars) {
  const template = STRINGS[current][key] ?? en[key] ?? key;
  if (!vars) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** True when `key` exists (used to map server codes to strings). */
export function has(key) {
  return key in en;
}

/**
 * Fills every [data-i18n] element under `root` with its string, and every
 * [data-i18n-attr="attr:key;attr:key"] attribute. Sets <html lang> and marks the page ready.
 */
export function applyI18n(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) {
        el.setAttribute(attr, t(key));
      }
    }
  }
  document.documentElement.dataset.i18nReady = '';
}

/** Switches language, remembers it, updates the page and tells listeners ("langchange" on window). */
export function setLang(code) {
  if (!STRINGS[code] || code === current) {
    return;
  }
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  applyI18n();
  window.dispatchEvent(new CustomEvent('langchange', { detail: { lang: code } }));
}

/** Intl locale for the active language: Indian grouping (1,00,000) in both. */
export function locale() {
  return current === 'hi' ? 'hi-IN' : 'en-IN';
}

export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

export function formatDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "0:27" style countdown text. */
export function formatSeconds(total) {
  const s = Math.max(0, Math.ceil(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Builds the two-button language switch (English / हिंदी) with aria-pressed state,
 * kept in sync on every language change.
 */
export function languageSwitch() {
  const group = document.createElement('div');
  group.className = 'lang-switch';
  group.setAttribute('role', 'group');
  const sync = () => {
    // A switch that was shown and then removed from the page stops listening.
    if (group.isConnected) {
      group.dataset.shown = '';
    } else if ('shown' in group.dataset) {
      window.removeEventListener('langchange', sync);
      return;
    }
    group.setAttribute('aria-label', t('lang.label'));
    for (const button of group.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === current));
    }
  };
  for (const { code, label } of LANGUAGES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.lang = code;
    button.dataset.lang = code;
    button.textContent = label;
    button.addEventListener('click', () => setLang(code));
    group.append(button);
  }
  sync();
  window.addEventListener('langchange', sync);
  return group;
}
