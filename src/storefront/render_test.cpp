#include "storefront/render.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ai/rules_generator.hpp"
#include "core/embedded.hpp"
#include "http/middleware.hpp"
#include "sitegen/detail/test_fixture.hpp"
#include "sitegen/text.hpp"
#include "storefront/export.hpp"

namespace webdpro::storefront {
namespace {

using sitegen::Language;
using sitegen::Sector;
using sitegen::SiteSpec;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::size_t kHomeBudgetBytes = 50 * 1024;

const Renderer& TheRenderer() {
    static const Renderer renderer = [] {
        auto created = Renderer::CreateEmbedded();
        if (!created) {
            throw std::runtime_error(created.error().message);
        }
        return std::move(*created);
    }();
    return renderer;
}

Site MustRender(const SiteSpec& spec, RenderOptions options = {}) {
    auto site = TheRenderer().Render(spec, options);
    if (!site) {
        ADD_FAILURE() << site.error().message;
        return {};
    }
    return std::move(*site);
}

std::vector<std::string> HtmlPages(const Site& site) {
    std::vector<std::string> pages;
    for (const auto& [path, file] : site.files) {
        if (path.ends_with(".html")) {
            pages.push_back(path);
        }
    }
    return pages;
}

// ---------------------------------------------------------------------------------------------
// A small HTML tag scanner: enough to see every tag and attribute the renderer wrote, so the
// escaping tests can prove that spec text never became a tag or an attribute.
// ---------------------------------------------------------------------------------------------

struct Tag {
    std::string name;                                             // lower case; "/p" for end tags
    std::vector<std::pair<std::string, std::string>> attributes;  // values entity-decoded
};

std::string DecodeEntities(std::string_view text) {
    static const std::map<std::string, std::string> kNamed = {{"amp", "&"}, {"lt", "<"},   {"gt", ">"},  {"quot", "\""},
                                                              {"#39", "'"}, {"#x2F", "/"}, {"#x27", "'"}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            const std::size_t semi = text.find(';', i);
            if (semi != std::string_view::npos) {
                const auto it = kNamed.find(std::string(text.substr(i + 1, semi - i - 1)));
                if (it != kNamed.end()) {
                    out += it->second;
                    i = semi;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

/// Every tag of `html`, skipping the raw text of <script> and <style>. Fails the test on a malformed
/// tag (an unquoted value or an unterminated quote would mean an escaping bug).
std::vector<Tag> ScanTags(std::string_view html, std::vector<std::string>* raw_texts = nullptr) {
    std::vector<Tag> tags;
    std::size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
        if (html.substr(pos, 4) == "<!--") {
            pos = html.find("-->", pos);
            EXPECT_NE(pos, std::string_view::npos);
            continue;
        }
        if (html.substr(pos, 2) == "<!") {
            pos = html.find('>', pos);
            continue;
        }
        Tag tag;
        std::size_t i = pos + 1;
        while (i < html.size() &&
               (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '/' || html[i] == '-')) {
            tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
            ++i;
        }
        EXPECT_FALSE(tag.name.empty()) << "stray '<' at " << pos << ": " << html.substr(pos, 40);
        while (i < html.size() && html[i] != '>') {
            if (html[i] == ' ' || html[i] == '\n' || html[i] == '/') {
                ++i;
                continue;
            }
            std::string name;
            while (i < html.size() && html[i] != '=' && html[i] != ' ' && html[i] != '>' && html[i] != '\n') {
                name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
                ++i;
            }
            std::string value;
            if (i < html.size() && html[i] == '=') {
                ++i;
                EXPECT_EQ(html[i], '"') << "unquoted attribute " << name << " in <" << tag.name << ">";
                const std::size_t end = html.find('"', i + 1);
                value = DecodeEntities(html.substr(i + 1, end - i - 1));
                i = end + 1;
            }
            tag.attributes.emplace_back(name, value);
        }
        pos = i;
        if (tag.name == "script" || tag.name == "style") {
            const std::string close = "</" + tag.name + ">";
            const std::size_t end = html.find(close, pos);
            EXPECT_NE(end, std::string_view::npos);
            if (raw_texts != nullptr && tag.name == "script") {
                raw_texts->emplace_back(html.substr(pos + 1, end - pos - 1));
            }
            pos = end;
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

const std::set<std::string>& AllowedTags() {
    static const std::set<std::string> tags = [] {
        std::set<std::string> names = {"html",     "head",   "meta",     "title",    "link",    "style",   "script",
                                       "body",     "header", "nav",      "main",     "section", "article", "aside",
                                       "footer",   "div",    "span",     "a",        "p",       "h1",      "h2",
                                       "ul",       "ol",     "li",       "img",      "button",  "strong",  "s",
                                       "svg",      "path",   "circle",   "form",     "label",   "input",   "textarea",
                                       "fieldset", "legend", "template", "noscript", "base",    "details", "summary"};
        for (const auto& name : std::set<std::string>(names)) {
            names.insert("/" + name);
        }
        return names;
    }();
    return tags;
}

const std::set<std::string>& AllowedAttributes() {
    static const std::set<std::string> attributes = {"lang",
                                                     "charset",
                                                     "name",
                                                     "content",
                                                     "property",
                                                     "rel",
                                                     "href",
                                                     "type",
                                                     "class",
                                                     "id",
                                                     "src",
                                                     "width",
                                                     "height",
                                                     "alt",
                                                     "loading",
                                                     "decoding",
                                                     "aria-hidden",
                                                     "aria-label",
                                                     "aria-labelledby",
                                                     "aria-current",
                                                     "aria-describedby",
                                                     "aria-live",
                                                     "viewbox",
                                                     "fill",
                                                     "stroke",
                                                     "stroke-width",
                                                     "stroke-linecap",
                                                     "stroke-linejoin",
                                                     "d",
                                                     "cx",
                                                     "cy",
                                                     "r",
                                                     "data-store",
                                                     "data-added",
                                                     "data-cart-count",
                                                     "hidden",
                                                     "data-add",
                                                     "data-name",
                                                     "data-price",
                                                     "data-unit",
                                                     "data-img",
                                                     "disabled",
                                                     "data-cart",
                                                     "data-cart-empty",
                                                     "data-cart-lines",
                                                     "data-cart-totals",
                                                     "data-cart-subtotal",
                                                     "data-cart-delivery",
                                                     "data-fee",
                                                     "data-free-above",
                                                     "data-free",
                                                     "data-cart-total",
                                                     "data-upi",
                                                     "data-msg-utr",
                                                     "data-msg-reserved",
                                                     "data-msg-expires",
                                                     "data-msg-waiting",
                                                     "data-msg-rejected",
                                                     "data-msg-paid",
                                                     "data-msg-cancelled",
                                                     "data-steps",
                                                     "data-msg-confirmed",
                                                     "data-msg-rider",
                                                     "data-msg-out",
                                                     "data-msg-delivered",
                                                     "data-msg-code",
                                                     "data-delivery-code",
                                                     "data-refund",
                                                     "data-msg-requested",
                                                     "data-msg-processed",
                                                     "data-msg-owed",
                                                     "data-msg-returned",
                                                     "data-payment",
                                                     "data-msg-cod",
                                                     "data-msg-unpaid",
                                                     "data-msg-refunded",
                                                     "data-live",
                                                     "data-msg-eta",
                                                     "data-msg-eta-near",
                                                     "data-msg-no-eta",
                                                     "data-msg-store",
                                                     "data-msg-home",
                                                     "data-msg-updated",
                                                     "data-eta",
                                                     "data-map",
                                                     "data-updated",
                                                     "data-call",
                                                     "data-order-nojs",
                                                     "data-locate",
                                                     "data-locate-btn",
                                                     "data-locate-state",
                                                     "data-msg-asking",
                                                     "data-msg-got",
                                                     "role",
                                                     "data-upi-amount",
                                                     "data-upi-payee",
                                                     "data-upi-vpa",
                                                     "data-upi-expires",
                                                     "data-upi-pay",
                                                     "data-upi-link",
                                                     "data-upi-qr",
                                                     "data-upi-form",
                                                     "data-upi-state",
                                                     "data-rzp",
                                                     "data-msg-checking",
                                                     "data-msg-unavailable",
                                                     "data-rzp-amount",
                                                     "data-rzp-pay",
                                                     "data-rzp-state",
                                                     "novalidate",
                                                     "data-alt",
                                                     "data-q",
                                                     "data-sum-lines",
                                                     "method",
                                                     "action",
                                                     "data-done",
                                                     "data-msg-required",
                                                     "data-msg-phone",
                                                     "data-msg-pincode",
                                                     "data-msg-gstin",
                                                     "data-msg-gstin-check",
                                                     "data-gstin-box",
                                                     "autocapitalize",
                                                     "spellcheck",
                                                     "data-msg-empty",
                                                     "data-msg-failed",
                                                     "data-msg-placing",
                                                     "for",
                                                     "autocomplete",
                                                     "required",
                                                     "maxlength",
                                                     "inputmode",
                                                     "pattern",
                                                     "placeholder",
                                                     "rows",
                                                     "value",
                                                     "checked",
                                                     "data-form-error",
                                                     "defer",
                                                     "data-order-placed",
                                                     "data-order-id",
                                                     "data-order-status"};
    return attributes;
}

/// Asserts that every tag and attribute in every page is one the templates write.
void ExpectOnlyTemplateMarkup(const Site& site) {
    for (const auto& page : HtmlPages(site)) {
        std::vector<std::string> scripts;
        for (const auto& tag : ScanTags(site.files.at(page).body, &scripts)) {
            EXPECT_TRUE(AllowedTags().contains(tag.name)) << page << ": <" << tag.name << ">";
            for (const auto& [name, value] : tag.attributes) {
                EXPECT_TRUE(AllowedAttributes().contains(name)) << page << ": <" << tag.name << " " << name << ">";
                if (name == "href" || name == "src" || name == "action") {
                    std::string lower = value;
                    std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return std::tolower(c); });
                    EXPECT_THAT(lower, Not(HasSubstr("javascript:"))) << page;
                    EXPECT_THAT(lower, Not(HasSubstr("data:"))) << page;
                }
            }
            if (tag.name == "script") {
                const bool json_ld = std::ranges::any_of(tag.attributes, [](const auto& a) {
                    return a.first == "type" && a.second == "application/ld+json";
                });
                const bool cart = std::ranges::any_of(tag.attributes, [](const auto& a) {
                    return a.first == "src" && (a.second == "cart.js" || a.second == "../cart.js");
                });
                EXPECT_TRUE(json_ld || cart) << page << ": a script that is neither JSON-LD nor the cart";
            }
        }
        for (const auto& script : scripts) {
            if (!script.empty()) {
                EXPECT_FALSE(nlohmann::json::parse(script, nullptr, false).is_discarded()) << page << ": " << script;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Link resolution under a mount
// ---------------------------------------------------------------------------------------------

/// Resolves `ref` against the URL path `from` (which may end in a file name) like a browser.
std::string ResolveUrlPath(std::string_view from, std::string_view ref) {
    ref = ref.substr(0, ref.find_first_of("?#"));
    std::string joined =
        ref.starts_with('/') ? std::string(ref) : std::string(from.substr(0, from.rfind('/') + 1)) + std::string(ref);
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= joined.size()) {
        const std::size_t slash = std::min(joined.find('/', start), joined.size());
        const std::string segment = joined.substr(start, slash - start);
        if (segment == "..") {
            if (!parts.empty()) {
                parts.pop_back();
            }
        } else if (segment != "." && !segment.empty()) {
            parts.push_back(segment);
        }
        start = slash + 1;
    }
    std::string out;
    for (const auto& part : parts) {
        out += "/" + part;
    }
    if (joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..")) {
        out += "/";
    }
    return out.empty() ? "/" : out;
}

/// Every internal link and resource of every page must land on a file of the site when the store is
/// mounted at `base` (the 404 page is also checked as if served from a deep unknown path).
void ExpectLinksResolve(const Site& site, const std::string& base, bool is_index_link_file) {
    for (const auto& page : HtmlPages(site)) {
        std::vector<std::string> serve_at = {base + page};
        if (page == "404.html" && !is_index_link_file) {
            serve_at = {base + "no/such/page", base + "x"};
        }
        for (const auto& url : serve_at) {
            std::string document_base = url;
            for (const auto& tag : ScanTags(site.files.at(page).body)) {
                for (const auto& [name, value] : tag.attributes) {
                    if (tag.name == "base" && name == "href") {
                        document_base = value;
                    }
                }
            }
            for (const auto& tag : ScanTags(site.files.at(page).body)) {
                for (const auto& [name, value] : tag.attributes) {
                    if ((name != "href" && name != "src" && name != "action") || value.starts_with("https://") ||
                        value.starts_with("tel:") || value.starts_with("#") || tag.name == "base") {
                        continue;
                    }
                    const std::string target = ResolveUrlPath(document_base, value);
                    ASSERT_TRUE(target.starts_with(base)) << page << " → " << value << " leaves " << base;
                    const std::string relative = target.substr(base.size());
                    if (name == "action" && relative.starts_with("api/")) {
                        continue;  // served by the order API, not a file
                    }
                    EXPECT_NE(site.Find(relative), nullptr)
                        << page << " at " << url << ": " << value << " → " << target;
                    if (is_index_link_file && name == "href" && relative.empty()) {
                        ADD_FAILURE() << page << ": links the home page as a folder, which file:// cannot open";
                    }
                }
            }
        }
    }
}

SiteSpec HostileSpec() {
    SiteSpec spec = sitegen::SampleSpec();
    const std::string evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)> </script><!-- &amp; ";
    spec.business_name = "Evil\" onload=\"alert(3)" + evil + "शर्मा";
    spec.tagline = evil + "javascript:alert(4)";
    spec.about = evil + "\n\n</style><style>body{display:none}</style>";
    spec.features = {evil, "{{t_cart}} {{{css_safe}}}"};
    spec.categories = {{"Veg" + evil, "javascript:alert(5)"}, {"</title><script>x</script>", ""}};
    spec.products[0].name = "Tomato" + evil;
    spec.products[0].category = spec.categories[0].name;
    spec.products[0].description = evil + "\u2028</script>";
    spec.products[0].unit = "kg\" data-x=\"";
    spec.products[1].category = spec.categories[0].name;
    spec.products[2].name = "</script><script>alert(6)</script>";
    spec.products[2].category = spec.categories[1].name;
    spec.products[2].hsn = "</script>";
    spec.theme = {"x", "red;}</style><script>alert(7)</script>", "url(javascript:alert(8))", "#fff;}*{x:y"};
    spec.contact = {"javascript:alert(9)", "\"><script>", "<b>Shop 4</b> \"Main\" Road", "Jai<pur>", "9\"AM"};
    return spec;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

TEST(Renderer, RendersEveryPageAndAsset) {
    const SiteSpec spec = sitegen::SampleSpec();
    const Site site = MustRender(spec);
    for (const char* path : {"index.html",       "cart.html",         "checkout.html",  "order.html",
                             "about.html",       "shipping.html",     "returns.html",   "privacy.html",
                             "terms.html",       "404.html",          "sitemap.xml",    "robots.txt",
                             "manifest.json",    "cart.js",           "icon.svg",       "icon-maskable.svg",
                             "img/hero.svg",     "p/tomato.html",     "p/onion.html",   "p/toor-dal.html",
                             "img/p/tomato.svg", "c/vegetables.html", "c/staples.html", "img/c/vegetables.svg"}) {
        EXPECT_NE(site.Find(path), nullptr) << path;
    }
    EXPECT_EQ(site.Find(""), site.Find("index.html"));
    EXPECT_EQ(site.Find("nope.html"), nullptr);
    EXPECT_EQ(site.theme, "bazaar");
    const std::string& home = site.files.at("index.html").body;
    for (const char* text : {"Sharma Kirana", "Tomato", "₹40", "₹50", "20% off", "per kg", "In stock", "Add to cart",
                             "Vegetables", "Home delivery"}) {
        EXPECT_THAT(home, HasSubstr(text));
    }
    EXPECT_THAT(home, HasSubstr("<s>₹50</s>"));
    EXPECT_THAT(home, HasSubstr("<html lang=\"en\">"));
    const std::string& about = site.files.at("about.html").body;
    EXPECT_THAT(about, HasSubstr("href=\"tel:+919829012345\""));
    EXPECT_THAT(about, HasSubstr("https:&#x2F;&#x2F;wa.me&#x2F;919829012345"));
    EXPECT_THAT(about, HasSubstr("google.com&#x2F;maps&#x2F;search"));
    EXPECT_THAT(about, HasSubstr("8 AM – 10 PM"));
    const std::string& checkout = site.files.at("checkout.html").body;
    for (const char* field : {"name=\"name\"", "name=\"phone\"", "name=\"address\"", "name=\"pincode\"",
                              "value=\"COD\"", "action=\"api/orders\""}) {
        EXPECT_THAT(checkout, HasSubstr(field));
    }
}

// A store promises only the payment methods its checkout really takes, everywhere it speaks of
// paying: checkout, footer, features, policies, search-engine data.
TEST(Renderer, PromisesOnlyThePaymentMethodsTheCheckoutTakes) {
    SiteSpec spec = sitegen::SampleSpec();
    spec.features = {"Home delivery", "Pay by UPI or cash", "UPI payments accepted", "Free QR code stickers"};
    const Site cod = MustRender(spec);  // the default: cash on delivery only
    const std::string& checkout = cod.files.at("checkout.html").body;
    EXPECT_THAT(checkout, HasSubstr("value=\"COD\" checked"));
    EXPECT_THAT(checkout, Not(HasSubstr("value=\"UPI\"")));
    EXPECT_THAT(checkout, Not(HasSubstr("value=\"RAZORPAY\"")));
    for (const auto& [path, file] : cod.files) {
        if (!path.ends_with(".html")) {
            continue;
        }
        EXPECT_THAT(file.body, Not(HasSubstr("UPI"))) << path;
        EXPECT_THAT(file.body, Not(HasSubstr("Razorpay"))) << path;
        EXPECT_THAT(file.body, Not(HasSubstr("Calculated on confirmation"))) << path;
    }
    EXPECT_THAT(cod.files.at("index.html").body, HasSubstr("Pay by cash on delivery"));
    EXPECT_THAT(cod.files.at("about.html").body, HasSubstr("Free QR code stickers"));  // not about paying
    EXPECT_THAT(cod.files.at("terms.html").body, HasSubstr("Pay by cash on delivery."));
    EXPECT_THAT(cod.files.at("shipping.html").body, HasSubstr("Delivery is free."));
    EXPECT_THAT(cod.files.at("about.html").body, HasSubstr("\"paymentAccepted\":\"Cash\""));

    const Site online = MustRender(spec, {.checkout = {.cod = true,
                                                       .upi = true,
                                                       .razorpay = false,
                                                       .delivery_fee = Paise(4000),
                                                       .free_delivery_above = Paise(50000),
                                                       .min_order = Paise(0)}});
    const std::string& pay = online.files.at("checkout.html").body;
    EXPECT_THAT(pay, HasSubstr("value=\"UPI\" checked"));
    EXPECT_THAT(pay, HasSubstr("value=\"COD\">"));
    EXPECT_THAT(pay, Not(HasSubstr("value=\"RAZORPAY\"")));
    EXPECT_THAT(pay, HasSubstr("data-fee=\"4000\" data-free-above=\"50000\""));
    EXPECT_THAT(online.files.at("index.html").body, HasSubstr("Pay by UPI or cash on delivery"));
    EXPECT_THAT(online.files.at("shipping.html").body,
                HasSubstr("Delivery costs ₹40 per order, free on orders of ₹500 or more."));
    EXPECT_THAT(online.files.at("privacy.html").body, HasSubstr("UTR"));
    EXPECT_THAT(online.files.at("privacy.html").body, Not(HasSubstr("Razorpay")));

    const Site card_only = MustRender(spec, {.checkout = {.cod = false, .upi = false, .razorpay = true}});
    EXPECT_THAT(card_only.files.at("checkout.html").body, HasSubstr("value=\"RAZORPAY\" checked"));
    EXPECT_THAT(card_only.files.at("checkout.html").body, Not(HasSubstr("value=\"COD\"")));
    EXPECT_THAT(card_only.files.at("shipping.html").body, Not(HasSubstr("Cash on delivery")));

    // The order page carries each way to pay only when the store takes it.
    EXPECT_THAT(card_only.files.at("order.html").body, HasSubstr("data-rzp-pay"));
    EXPECT_THAT(card_only.files.at("order.html").body, Not(HasSubstr("data-upi")));
    EXPECT_THAT(online.files.at("order.html").body, HasSubstr("data-upi-pay"));
    EXPECT_THAT(online.files.at("order.html").body, Not(HasSubstr("data-rzp")));
    EXPECT_THAT(cod.files.at("order.html").body, Not(HasSubstr("data-rzp")));
    ExpectOnlyTemplateMarkup(card_only);
    ExpectOnlyTemplateMarkup(online);
}

TEST(Renderer, EveryFileHasATypeAnEtagAndAMatchingGzip) {
    const Site site = MustRender(sitegen::SampleSpec());
    std::set<std::string> etags;
    for (const auto& [path, file] : site.files) {
        EXPECT_FALSE(file.content_type.empty()) << path;
        EXPECT_NE(file.content_type, "application/octet-stream") << path;
        EXPECT_TRUE(etags.insert(file.etag).second || path.ends_with(".svg")) << path;
        if (path.ends_with(".html") || path == "cart.js") {
            ASSERT_FALSE(file.gzip.empty()) << path;
        }
        if (!file.gzip.empty()) {
            EXPECT_EQ(http::GzipDecompress(file.gzip), file.body) << path;
            EXPECT_EQ(file.gzip_etag, file.etag.substr(0, file.etag.size() - 1) + "-gz\"");
            EXPECT_LT(file.gzip.size(), file.body.size());
        }
    }
    EXPECT_EQ(site.files.at("index.html").content_type, "text/html; charset=utf-8");
    EXPECT_EQ(site.files.at("img/hero.svg").content_type, "image/svg+xml");
}

TEST(Renderer, InlinesOnlyTheCssEachPageUses) {
    const Site site = MustRender(sitegen::SampleSpec());
    const std::string& home = site.files.at("index.html").body;
    const std::string& product = site.files.at("p/tomato.html").body;
    const std::string& checkout = site.files.at("checkout.html").body;
    EXPECT_THAT(home, HasSubstr(".hero{"));
    EXPECT_THAT(home, HasSubstr(".card{"));
    EXPECT_THAT(home, Not(HasSubstr(".form label{")));
    EXPECT_THAT(product, HasSubstr(".pdimg{"));
    EXPECT_THAT(product, Not(HasSubstr(".hero{")));
    EXPECT_THAT(checkout, HasSubstr(".form label{"));
    EXPECT_THAT(checkout, Not(HasSubstr(".card{")));
    for (const auto& page : HtmlPages(site)) {
        EXPECT_THAT(site.files.at(page).body, HasSubstr(":root{--p:#2e7d32;")) << page;
        EXPECT_THAT(site.files.at(page).body, HasSubstr(".top{")) << page;
    }
}

TEST(Renderer, IsDeterministic) {
    const SiteSpec spec =
        ai::GenerateRuleBased("Sharma Kirana, fresh vegetables and groceries in Jaipur", Language::kEnglish);
    const Site a = MustRender(spec);
    const Site b = MustRender(spec);
    ASSERT_EQ(a.files.size(), b.files.size());
    for (const auto& [path, file] : a.files) {
        EXPECT_EQ(file.body, b.files.at(path).body) << path;
        EXPECT_EQ(file.etag, b.files.at(path).etag) << path;
    }
}

TEST(Renderer, LinksResolveUnderAnyMount) {
    const SiteSpec spec =
        ai::GenerateRuleBased("Krishna Dairy - doodh, paneer, ghee, Mathura. Call 98290 12345", Language::kEnglish);
    for (const std::string base : {"/s/krishna-dairy/", "/"}) {
        const Site site = MustRender(spec, {.base_path = base, .slug = "krishna-dairy"});
        ExpectLinksResolve(site, base, false);
        EXPECT_THAT(site.files.at("404.html").body,
                    HasSubstr("<base href=\"" +
                              std::string(base == "/" ? "&#x2F;" : "&#x2F;s&#x2F;krishna-dairy&#x2F;") + "\">"));
    }
    // From disk: no <base> (the 404 page is only ever opened as itself), the home page linked as index.html.
    const Site local = MustRender(spec, {.link_index_files = true});
    ExpectLinksResolve(local, "/", true);
    EXPECT_THAT(local.files.at("404.html").body, Not(HasSubstr("<base")));
}

TEST(Renderer, HostileSpecNeverBecomesMarkupOrScript) {
    const SiteSpec spec = HostileSpec();
    const Site site = MustRender(spec, {.base_path = "/s/evil/", .canonical_root = "https://evil.webdpro.in/"});
    ExpectOnlyTemplateMarkup(site);
    for (const auto& [path, file] : site.files) {
        if (path == "cart.js") {
            continue;
        }
        EXPECT_THAT(file.body, Not(HasSubstr("<script>alert"))) << path;
        EXPECT_THAT(file.body, Not(HasSubstr("<img src=x"))) << path;
        EXPECT_THAT(file.body, Not(HasSubstr("</style><style>"))) << path;
        EXPECT_THAT(file.body, Not(HasSubstr("alert(7)"))) << path;  // CSS colour injection
        EXPECT_THAT(file.body, Not(HasSubstr("\" data-x=\""))) << path;
    }
    // The text still reaches the customer, escaped: Devanagari intact.
    const std::string& home = site.files.at("index.html").body;
    EXPECT_THAT(home, HasSubstr("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"));
    EXPECT_THAT(home, HasSubstr("शर्मा"));
    // Mustache tags inside spec text are text, not template code.
    EXPECT_THAT(home, HasSubstr("{{t_cart}} {{{css_safe}}}"));
    // No hostile link targets: tel: from a non-phone, javascript: categories.
    EXPECT_THAT(site.files.at("about.html").body, Not(HasSubstr("tel:javascript")));
    for (const auto& [path, file] : site.files) {
        EXPECT_FALSE(path.find('<') != std::string::npos || path.find('"') != std::string::npos ||
                     path.find(':') != std::string::npos)
            << path;
    }
    // JSON files stay valid JSON, with the name round-tripped exactly.
    const auto manifest = nlohmann::json::parse(site.files.at("manifest.json").body);
    EXPECT_EQ(manifest["name"], sitegen::CleanLine(spec.business_name));
    // SVG art escaped its initials.
    for (const auto& [path, file] : site.files) {
        if (path.ends_with(".svg")) {
            for (const auto& tag : ScanTags(file.body)) {
                EXPECT_THAT(tag.name,
                            ::testing::AnyOf("svg", "/svg", "rect", "circle", "path", "g", "/g", "text", "/text"))
                    << path;
            }
        }
    }
}

TEST(Renderer, JsonLdParsesAndDescribesBusinessAndProducts) {
    const SiteSpec spec = HostileSpec();
    const Site site = MustRender(spec, {.canonical_root = "https://shop.example.in"});
    std::vector<std::string> scripts;
    ScanTags(site.files.at("index.html").body, &scripts);
    ASSERT_EQ(scripts.size(), 2U);  // JSON-LD; cart.js has no body
    const auto business = nlohmann::json::parse(scripts[0]);
    EXPECT_EQ(business["@type"], "GroceryStore");
    EXPECT_EQ(business["name"], sitegen::CleanLine(spec.business_name));
    EXPECT_EQ(business["url"], "https://shop.example.in/");
    EXPECT_EQ(business["address"]["addressCountry"], "IN");

    scripts.clear();
    const std::string product_page = HtmlPages(site)[0].starts_with("p/") ? HtmlPages(site)[0] : [&] {
        for (const auto& page : HtmlPages(site)) {
            if (page.starts_with("p/")) {
                return page;
            }
        }
        return std::string();
    }();
    ScanTags(site.files.at(product_page).body, &scripts);
    const auto product = nlohmann::json::parse(scripts[0]);
    EXPECT_EQ(product["@type"], "Product");
    EXPECT_EQ(product["offers"]["priceCurrency"], "INR");
    EXPECT_EQ(product["offers"]["availability"], "https://schema.org/InStock");
    EXPECT_TRUE(product["offers"]["url"].get<std::string>().starts_with("https://shop.example.in/p/"));
    EXPECT_THAT(site.files.at(product_page).body,
                HasSubstr("<link rel=\"canonical\" href=\"https:&#x2F;&#x2F;shop.example.in&#x2F;p&#x2F;"));
}

TEST(Renderer, SitemapListsEveryIndexablePageAndOnlyThose) {
    const SiteSpec spec = ai::GenerateRuleBased("Om Sai Electronics - mobiles, chargers, earphones and TV, Hyderabad",
                                                Language::kEnglish);
    const Site site = MustRender(spec, {.base_path = "/", .canonical_root = "https://om-sai.webdpro.in/"});
    const std::string& sitemap = site.files.at("sitemap.xml").body;
    const std::set<std::string> private_pages = {"cart.html", "checkout.html", "order.html", "404.html"};
    for (const auto& page : HtmlPages(site)) {
        const std::string loc =
            "<loc>https://om-sai.webdpro.in/" + (page == "index.html" ? std::string() : page) + "</loc>";
        if (private_pages.contains(page)) {
            EXPECT_THAT(sitemap, Not(HasSubstr(loc))) << page;
            EXPECT_THAT(site.files.at(page).body, HasSubstr("<meta name=\"robots\" content=\"noindex\">")) << page;
        } else {
            EXPECT_THAT(sitemap, HasSubstr(loc)) << page;
            EXPECT_THAT(site.files.at(page).body, Not(HasSubstr("noindex"))) << page;
        }
    }
    EXPECT_THAT(site.files.at("robots.txt").body, HasSubstr("Sitemap: https://om-sai.webdpro.in/sitemap.xml"));
    const auto manifest = nlohmann::json::parse(site.files.at("manifest.json").body);
    EXPECT_EQ(manifest["start_url"], "./");
    EXPECT_EQ(manifest["icons"][0]["type"], "image/svg+xml");
}

TEST(Renderer, HindiStoreUsesHindiStringsAndIndianGrouping) {
    SiteSpec spec = ai::GenerateRuleBased("शर्मा किराना स्टोर, जयपुर", Language::kHindi);
    spec.products[0].price = Paise(12'500'000);
    spec.products[0].mrp = Paise(13'000'050);
    const Site site = MustRender(spec);
    const std::string& home = site.files.at("index.html").body;
    EXPECT_THAT(home, HasSubstr("<html lang=\"hi\">"));
    EXPECT_THAT(home, HasSubstr("कार्ट में डालें"));
    EXPECT_THAT(home, HasSubstr("₹1,25,000"));
    EXPECT_THAT(home, HasSubstr("₹1,30,000.50"));
    EXPECT_THAT(home, HasSubstr("छूट"));
    EXPECT_THAT(site.files.at("checkout.html").body, HasSubstr("कैश ऑन डिलीवरी"));
    EXPECT_THAT(site.files.at("returns.html").body, HasSubstr("रिफ़ंड"));
    EXPECT_THAT(site.files.at("privacy.html").body, HasSubstr("2023"));
    EXPECT_THAT(site.files.at("404.html").body, HasSubstr("पेज नहीं मिला"));
    EXPECT_EQ(nlohmann::json::parse(site.files.at("manifest.json").body)["lang"], "hi");
    // Pure-Devanagari product names still get safe, unique file names.
    for (const auto& [path, file] : site.files) {
        EXPECT_TRUE(std::ranges::all_of(path, [](unsigned char c) { return c < 0x80; })) << path;
    }
}

TEST(Renderer, HomePageStaysWithinTheBudgetForEverySectorAndLanguage) {
    std::set<Sector> seen;
    for (std::string_view description : ai::SampleDescriptions()) {
        for (Language language : sitegen::kAllLanguages) {
            const SiteSpec spec = ai::GenerateRuleBased(description, language);
            seen.insert(spec.sector);
            const Site site = MustRender(spec);
            const std::size_t weight = CompressedPageWeight(site, "index.html");
            EXPECT_GT(weight, 5000U);
            EXPECT_LE(weight, kHomeBudgetBytes) << description << " (" << sitegen::LanguageCode(language) << ")";
        }
    }
    EXPECT_EQ(seen.size(), sitegen::kAllSectors.size());
}

TEST(Renderer, LargestValidSpecStaysWithinTheBudget) {
    SiteSpec spec = sitegen::SampleSpec();
    spec.categories.clear();
    spec.products.clear();
    for (std::size_t c = 0; c < sitegen::kMaxCategories; ++c) {
        spec.categories.push_back({"Category number " + std::to_string(c + 1), ""});
    }
    for (std::size_t p = 0; p < sitegen::kMaxProducts; ++p) {
        spec.products.push_back({"A fairly long product name for item " + std::to_string(p + 1) + " of this shop",
                                 std::string(200, 'x'), Paise(12345 + 100 * static_cast<std::int64_t>(p)),
                                 Paise(15000 + 100 * static_cast<std::int64_t>(p)), "500 g pack",
                                 spec.categories[p % spec.categories.size()].name, 5, "2106"});
    }
    ASSERT_TRUE(sitegen::Validate(spec).empty());
    const Site site = MustRender(spec);
    EXPECT_LE(CompressedPageWeight(site, "index.html"), kHomeBudgetBytes);
    EXPECT_EQ(std::ranges::count_if(site.files, [](const auto& f) { return f.first.starts_with("p/"); }), 60);
}

TEST(Renderer, BookingAndEnquiryStoresHaveNoCart) {
    SiteSpec spec = ai::GenerateRuleBased("Glamour ladies beauty parlour in Pune, facials. WhatsApp 98290 12345",
                                          sitegen::Language::kEnglish);
    ASSERT_EQ(spec.ordering, sitegen::Ordering::kBooking);
    const Site site = MustRender(spec);
    for (const std::string& path : HtmlPages(site)) {
        const std::string& page = site.files.at(path).body;
        EXPECT_THAT(page, Not(HasSubstr("class=\"cartlink\""))) << path;
        EXPECT_THAT(page, Not(HasSubstr("Add to cart"))) << path;
    }
    const std::string& home = site.files.at("index.html").body;
    EXPECT_THAT(home, Not(HasSubstr("Shop now")));
    EXPECT_THAT(home, HasSubstr("Book on WhatsApp"));
    EXPECT_THAT(home, HasSubstr("wa.me&#x2F;919829012345?text=Hello"));

    spec.ordering = sitegen::Ordering::kEnquiry;
    const std::string enquiry = MustRender(spec).files.at("index.html").body;
    EXPECT_THAT(enquiry, HasSubstr("Enquire on WhatsApp"));
    EXPECT_THAT(enquiry, Not(HasSubstr("class=\"cartlink\"")));

    spec.ordering = sitegen::Ordering::kCart;
    EXPECT_THAT(MustRender(spec).files.at("index.html").body, HasSubstr("class=\"cartlink\""));
}

TEST(Renderer, StoresThatSellNothingOnlineSayNothingOfShoppingOrShipping) {
    for (const char* description :
         {"Dr. Mehta's Child Clinic, Ahmedabad. WhatsApp 98290 12345", "Glamour ladies beauty parlour in Pune, facials",
          "Sai mobile repair centre, Indore"}) {
        for (sitegen::Language language : sitegen::kAllLanguages) {
            const SiteSpec spec = ai::GenerateRuleBased(description, language);
            ASSERT_NE(spec.ordering, sitegen::Ordering::kCart) << description;
            const Site site = MustRender(spec);
            EXPECT_EQ(site.Find("shipping.html"), nullptr) << description;
            EXPECT_EQ(site.Find("returns.html"), nullptr) << description;
            EXPECT_EQ(site.Find("checkout.html"), nullptr) << description;
            EXPECT_THAT(site.files.at("sitemap.xml").body, Not(HasSubstr("shipping"))) << description;
            for (const std::string& path : HtmlPages(site)) {
                if (path == "order.html") {
                    continue;  // the tracking page of orders placed before
                }
                const std::string& page = site.files.at(path).body;
                for (const char* text :
                     {"Why shop with us", "Shop now", "Shop by category", "shipping.html", "returns.html",
                      "Track your order", "Cash on delivery", "cash on delivery", "Share this shop", "Online store by",
                      "यह दुकान WhatsApp", "हमसे क्यों ख़रीदें", "ख़रीदारी करें", "डिलीवरी नीति", "कैश ऑन डिलीवरी"}) {
                    EXPECT_THAT(page, Not(HasSubstr(text))) << description << " " << path;
                }
            }
            const std::string& home = site.files.at("index.html").body;
            EXPECT_THAT(home, HasSubstr(language == sitegen::Language::kHindi ? "हम क्या-क्या देते हैं" : "What we offer"));
            EXPECT_THAT(site.files.at("terms.html").body,
                        HasSubstr(language == sitegen::Language::kHindi ? "बुकिंग और पूछताछ" : "Bookings and enquiries"));
        }
    }
    // A shop keeps all of it.
    const Site shop = MustRender(sitegen::SampleSpec());
    EXPECT_NE(shop.Find("shipping.html"), nullptr);
    EXPECT_THAT(shop.files.at("index.html").body, HasSubstr("Why shop with us"));
    EXPECT_THAT(shop.files.at("index.html").body, HasSubstr("returns.html"));
    EXPECT_THAT(shop.files.at("terms.html").body, Not(HasSubstr("Bookings and enquiries")));
}

TEST(Renderer, ShowsStockStatesAndDisablesOutOfStockItems) {
    const SiteSpec spec = sitegen::SampleSpec();
    const Site site = MustRender(spec, {.products = {{.stock = 0}, {.stock = 3}, {.stock = 100}}});
    const std::string& tomato = site.files.at("p/tomato.html").body;
    EXPECT_THAT(tomato, HasSubstr("Out of stock"));
    EXPECT_THAT(tomato, HasSubstr(" disabled>"));
    EXPECT_THAT(tomato, HasSubstr("\"availability\":\"https://schema.org/OutOfStock\""));
    EXPECT_THAT(site.files.at("p/onion.html").body, HasSubstr("Only 3 left"));
    EXPECT_THAT(site.files.at("p/toor-dal.html").body, HasSubstr("In stock"));
}

TEST(Renderer, OwnerPhotosReplaceArtAndUnsafeOnesAreIgnored) {
    const SiteSpec spec = sitegen::SampleSpec();
    const Site site =
        MustRender(spec, {.products = {{.photo = "https://cdn.example.in/t.webp"}, {.photo = "javascript:alert(1)"}},
                          .hero_photo = "media/hero.webp"});
    EXPECT_THAT(site.files.at("p/tomato.html").body, HasSubstr("src=\"https:&#x2F;&#x2F;cdn.example.in&#x2F;t.webp\""));
    EXPECT_EQ(site.Find("img/p/tomato.svg"), nullptr);
    EXPECT_NE(site.Find("img/p/onion.svg"), nullptr);
    EXPECT_THAT(site.files.at("p/onion.html").body, Not(HasSubstr("javascript")));
    EXPECT_THAT(site.files.at("index.html").body, HasSubstr("src=\"media&#x2F;hero.webp\""));
}

TEST(Renderer, ThemesLookDifferentAndUnknownOnesAreRejected) {
    const SiteSpec spec = sitegen::SampleSpec();
    EXPECT_EQ(TheRenderer().Themes(), (std::vector<std::string>{"bazaar", "classic", "clean"}));
    std::set<std::string> homes;
    for (const auto& theme : TheRenderer().Themes()) {
        const Site site = MustRender(spec, {.theme = theme});
        EXPECT_EQ(site.theme, theme);
        homes.insert(site.files.at("index.html").body);
    }
    EXPECT_EQ(homes.size(), 3U);
    auto unknown = TheRenderer().Render(spec, {.theme = "neon"});
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(unknown.error().message, HasSubstr("bazaar, classic, clean"));
    EXPECT_EQ(DefaultThemeFor(Sector::kClinic), "clean");
    EXPECT_EQ(DefaultThemeFor(Sector::kJewellery), "classic");
}

TEST(Renderer, CheckoutOffersAFoldedAwayGstinFieldInEveryThemeAndLanguage) {
    for (const auto& theme : TheRenderer().Themes()) {
        const Site site = MustRender(sitegen::SampleSpec(), {.theme = theme});
        const std::string& checkout = site.files.at("checkout.html").body;
        // <details> without "open": folded away, and it opens without JavaScript.
        EXPECT_THAT(checkout, HasSubstr("<details class=\"b2b\" data-gstin-box>")) << theme;
        EXPECT_THAT(checkout, HasSubstr("Buying for a business? Add GSTIN")) << theme;
        EXPECT_THAT(checkout, HasSubstr("name=\"gstin\"")) << theme;
        EXPECT_THAT(checkout, HasSubstr("data-msg-gstin-check=")) << theme;
        EXPECT_THAT(checkout, HasSubstr(".b2b summary{")) << theme;
        EXPECT_THAT(site.files.at("cart.js").body, HasSubstr("gstinCheckCharacter")) << theme;
    }
    const Site hindi = MustRender(ai::GenerateRuleBased("शर्मा किराना स्टोर, जयपुर", Language::kHindi));
    EXPECT_THAT(hindi.files.at("checkout.html").body, HasSubstr("व्यवसाय के लिए ख़रीद रहे हैं? GSTIN जोड़ें"));
}

TEST(Renderer, RejectsMalformedMounts) {
    const SiteSpec spec = sitegen::SampleSpec();
    for (const char* base : {"s/x/", "/s/x", "/s/../x/", "/s//x/", "/s/x\"/", "/s/<x>/", "/s/x y/"}) {
        EXPECT_FALSE(TheRenderer().Render(spec, {.base_path = base}).has_value()) << base;
    }
    for (const char* root : {"javascript:alert(1)//", "ftp://x/", "https://x/\"><script>", "https://x/?a", "//x/"}) {
        EXPECT_FALSE(TheRenderer().Render(spec, {.canonical_root = root}).has_value()) << root;
    }
}

TEST(Renderer, RendersStoresBeyondTheSpecLimits) {
    // The catalog outgrows the generated spec (owners add products); 200 items must still render.
    SiteSpec spec = sitegen::SampleSpec();
    for (int i = 0; i < 200; ++i) {
        spec.products.push_back({"Item " + std::to_string(i), "", Paise(100 + i), Paise(150 + i), "piece",
                                 i % 2 == 0 ? "Vegetables" : "Unlisted category", 5, "2106"});
    }
    const Site site = MustRender(spec);
    EXPECT_EQ(std::ranges::count_if(site.files, [](const auto& f) { return f.first.starts_with("p/"); }), 203);
    EXPECT_NE(site.Find("c/more.html"), nullptr);  // products of unknown categories are not lost
    EXPECT_LE(CompressedPageWeight(site, "index.html"), kHomeBudgetBytes);
}

/// A store whose one category holds `count` products, with owner-length names and descriptions.
SiteSpec OneBigCategory(int count) {
    SiteSpec spec = sitegen::SampleSpec();
    spec.categories = {{"Vegetables", ""}};
    spec.products.clear();
    for (int i = 0; i < count; ++i) {
        spec.products.push_back({"Fresh farm vegetable number " + std::to_string(i + 1),
                                 "Picked this morning and delivered the same day.", Paise(2000 + i), Paise(2500 + i),
                                 "500 g", "Vegetables", 0, "0702"});
    }
    return spec;
}

TEST(Renderer, EveryFileRendersAloneExactlyAsInTheWholeStore) {
    // Two categories over more than one page each, products of an unknown category, a mount
    // with a canonical root: each page on its own must be the bytes the whole render gives.
    SiteSpec spec = OneBigCategory(60);
    spec.categories.push_back({"Fruit", ""});
    for (int i = 0; i < 30; ++i) {
        spec.products.push_back({"Mango " + std::to_string(i), "", Paise(9000), Paise(9000), "kg",
                                 i % 3 == 0 ? "Unlisted" : "Fruit", 0, ""});
    }
    const RenderOptions options{.base_path = "/s/sharma/", .slug = "sharma", .canonical_root = "https://sharma.in/"};
    const Site site = MustRender(spec, options);
    auto prepared = TheRenderer().Prepare(spec, options);
    ASSERT_TRUE(prepared) << prepared.error().message;
    ASSERT_GT(site.files.size(), 200u);
    for (const auto& [path, file] : site.files) {
        ASSERT_TRUE(TheRenderer().HasPage(**prepared, path)) << path;
        auto one = TheRenderer().RenderPage(**prepared, path);
        ASSERT_TRUE(one && *one) << path;
        EXPECT_EQ((*one)->body, file.body) << path;
        EXPECT_EQ((*one)->etag, file.etag) << path;
        EXPECT_EQ((*one)->gzip_etag, file.gzip_etag) << path;
        EXPECT_EQ((*one)->content_type, file.content_type) << path;
    }
    for (std::string_view path :
         {"p/nothing.html", "c/vegetables.page-1.html", "c/vegetables.page-02.html", "c/vegetables.page-4.html",
          "c/vegetables.page-.html", "c/nothing.html", "img/p/nothing.svg", "../index.html", "index.htm", "p/.html",
          "media/p/1.webp", "c/.html"}) {
        EXPECT_FALSE(TheRenderer().HasPage(**prepared, path)) << path;
        auto none = TheRenderer().RenderPage(**prepared, path);
        ASSERT_TRUE(none) << path;
        EXPECT_FALSE(*none) << path;
    }
    EXPECT_EQ(PagePath(""), "index.html");
    EXPECT_EQ(PagePath("c/"), "c/index.html");
    EXPECT_EQ(PagePath("about.html"), "about.html");
}

TEST(Renderer, ACategoryOf200ProductsIsPaginatedAndEveryPageStaysWithinTheBudget) {
    const SiteSpec spec = OneBigCategory(200);
    const Site site = MustRender(spec, {.canonical_root = "https://sharma.in/"});
    std::vector<std::string> pages = {"c/vegetables.html"};
    for (int n = 2; n <= 9; ++n) {  // 24 a page: 8 full pages and 8 products on the ninth
        pages.push_back("c/vegetables.page-" + std::to_string(n) + ".html");
    }
    EXPECT_EQ(site.Find("c/vegetables.page-10.html"), nullptr);
    EXPECT_EQ(site.Find("c/vegetables.page-1.html"), nullptr);  // page 1 has one name
    const std::string& sitemap = site.Find("sitemap.xml")->body;
    std::set<std::string> seen_products;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const SiteFile* page = site.Find(pages[i]);
        ASSERT_NE(page, nullptr) << pages[i];
        EXPECT_LT(CompressedPageWeight(site, pages[i]), kHomeBudgetBytes) << pages[i];
        EXPECT_LT(page->body.size(), kHomeBudgetBytes * 3) << pages[i];
        const std::string html = DecodeEntities(page->body);  // "/" is written as &#x2F; in attributes
        EXPECT_THAT(sitemap, HasSubstr("<loc>https://sharma.in/" + pages[i] + "</loc>"));
        EXPECT_TRUE(html.contains("<link rel=\"canonical\" href=\"https://sharma.in/" + pages[i] + "\">")) << pages[i];
        if (i > 0) {
            const std::string prev = pages[i - 1].substr(2);
            EXPECT_TRUE(html.contains("<link rel=\"prev\" href=\"" + prev + "\">")) << pages[i];
            EXPECT_TRUE(html.contains("<a rel=\"prev\" href=\"" + prev + "\">")) << pages[i];
        } else {
            EXPECT_FALSE(html.contains("rel=\"prev\"")) << pages[i];
        }
        if (i + 1 < pages.size()) {
            const std::string next = pages[i + 1].substr(2);
            EXPECT_TRUE(html.contains("<link rel=\"next\" href=\"" + next + "\">")) << pages[i];
            EXPECT_TRUE(html.contains("<a rel=\"next\" href=\"" + next + "\">")) << pages[i];
        } else {
            EXPECT_FALSE(html.contains("rel=\"next\"")) << pages[i];
        }
        EXPECT_TRUE(html.contains("Page " + std::to_string(i + 1) + " of 9")) << pages[i];
        for (const auto& tag : ScanTags(page->body)) {
            for (const auto& [name, value] : tag.attributes) {
                if (tag.name == "a" && name == "href" && value.starts_with("../p/")) {
                    seen_products.insert(value);
                }
            }
        }
    }
    EXPECT_EQ(seen_products.size(), 200u);  // every product is on one of the pages
    // The home page shows a bounded selection, whatever the store holds.
    EXPECT_LE(CompressedPageWeight(site, "index.html"), kHomeBudgetBytes);
}

TEST(Renderer, TemplatesUseRawOutputOnlyForPreEncodedValues) {
    for (const auto& file : embedded::themes::Files()) {
        const std::string_view text = file.data;
        for (std::size_t pos = text.find("{{{"); pos != std::string_view::npos; pos = text.find("{{{", pos + 3)) {
            const std::size_t end = text.find("}}}", pos);
            ASSERT_NE(end, std::string_view::npos) << file.path;
            EXPECT_TRUE(text.substr(pos + 3, end - pos - 3).ends_with("_safe"))
                << file.path << ": " << text.substr(pos, end - pos + 3);
        }
        EXPECT_EQ(text.find("{{&"), std::string_view::npos) << file.path;  // Mustache's other unescaped form
    }
}

TEST(Renderer, CreateNamesTheMissingFile) {
    std::vector<EmbeddedFile> files;
    for (const auto& file : embedded::themes::Files()) {
        if (file.path != "base/checkout.mustache") {
            files.push_back(file);
        }
    }
    auto renderer = Renderer::Create(files);
    ASSERT_FALSE(renderer.has_value());
    EXPECT_THAT(renderer.error().message, HasSubstr("base/checkout.mustache"));
}

TEST(ResolveLink, FollowsRelativePathsInsideTheStore) {
    EXPECT_EQ(ResolveLink("p/a.html", "../cart.html"), "cart.html");
    EXPECT_EQ(ResolveLink("p/a.html", "../"), "");
    EXPECT_EQ(ResolveLink("index.html", "img/p/a.svg"), "img/p/a.svg");
    EXPECT_EQ(ResolveLink("index.html", "order.html?id=1#x"), "order.html");
    EXPECT_EQ(ResolveLink("index.html", "../x"), std::nullopt);
    EXPECT_EQ(ResolveLink("index.html", "/etc/passwd"), std::nullopt);
}

TEST(CompressedPageWeight, CountsThePageAndWhatItLoads) {
    const Site site = MustRender(sitegen::SampleSpec());
    const std::size_t home = CompressedPageWeight(site, "index.html");
    const auto& html = site.files.at("index.html");
    EXPECT_GT(home, html.gzip.size() + site.files.at("img/hero.svg").body.size() / 2);
    EXPECT_EQ(CompressedPageWeight(site, "missing.html"), 0U);
}

}  // namespace
}  // namespace webdpro::storefront
