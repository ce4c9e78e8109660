#include "storefront/render.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include "core/money.hpp"
#include "http/middleware.hpp"
#include "http/static_files.hpp"
#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"
#include "storefront/detail/art.hpp"
#include "storefront/detail/color.hpp"
#include "storefront/detail/encode.hpp"

namespace webdpro::storefront {

using sitegen::Language;
using sitegen::Sector;
using sitegen::SiteSpec;

namespace {

/// Page templates every theme set must provide in base/ (themes may override any of them).
constexpr std::array<std::string_view, 14> kTemplates = {
    "head",    "header", "footer",   "card",  "contactbox", "home",   "category",
    "product", "cart",   "checkout", "order", "about",      "policy", "404",
};
/// Partials any page may include. header, footer and card are templates too, but each is rendered
/// once per store (per depth, per product) and reaches pages pre-rendered as header_safe,
/// footer_safe and card_safe: mstch's cost grows with every tag it resolves, and those three
/// would otherwise be resolved again on each of hundreds of pages.
constexpr std::array<std::string_view, 2> kPartials = {"head", "contactbox"};
constexpr std::array<std::string_view, 4> kPolicies = {"shipping", "returns", "privacy", "terms"};
constexpr std::array<std::string_view, 3> kReservedFolders = {"base", "i18n", "policies"};

/// Products shown on the home page in all, and the most and fewest per category section.
constexpr std::size_t kHomeProducts = 24;
constexpr std::size_t kHomePerCategoryMax = 8;
constexpr std::size_t kHomePerCategoryMin = 2;
constexpr std::size_t kRelatedProducts = 4;
constexpr std::size_t kTitleChars = 70;
constexpr std::size_t kDescriptionChars = 160;
/// Below this a gzip variant saves less than its own headers cost.
constexpr std::size_t kMinGzipBytes = 256;

// ---------------------------------------------------------------------------------------------
// View model: the spec, cleaned and enriched, independent of the template engine
// ---------------------------------------------------------------------------------------------

enum class Stock : std::uint8_t { kIn, kLow, kOut };

struct ProductView {
    std::string id;       // slug, unique in the store
    std::string cart_id;  // what the cart posts: the catalog id when known, else the slug
    std::string name;
    std::vector<std::string> paragraphs;
    std::string description_line;
    std::string unit;
    std::string category;
    std::size_t category_index = 0;
    Paise price;
    Paise mrp;
    std::string price_text;
    std::string mrp_text;  // "" when there is no discount
    std::string off_text;  // "20% off"
    std::string image;     // relative to the store root, or an absolute https URL
    bool image_is_art = true;
    Stock stock = Stock::kIn;
    std::string stock_label;
    std::int64_t gst_rate = 0;
    std::string hsn;
};

struct CategoryView {
    std::string name;
    std::string slug;
    std::string image;
    std::vector<std::size_t> products;
};

struct StoreView {
    std::string slug;
    std::string name;
    std::string initial;
    std::string tagline;
    std::vector<std::string> about;
    std::vector<std::string> features;
    std::string city;
    std::string address_line;
    std::string hours;
    std::string phone;  // +91XXXXXXXXXX or ""
    std::string phone_display;
    std::string whatsapp;  // 91XXXXXXXXXX or ""
    std::string map_url;
    std::string share_url;
    std::string hero_image;
    bool hero_is_photo = false;
    std::string hero_share_image;  // the owner's large hero photo for link previews, or ""
    std::vector<CategoryView> categories;
    std::vector<ProductView> products;
};

/// Replaces every "{key}" in `pattern`.
std::string Fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out(pattern);
    for (const auto& [key, value] : values) {
        std::string token;  // built by appends: g++ 12 -O3 misreports "{" + string as an overflow
        token.reserve(key.size() + 2);
        token += '{';
        token += key;
        token += '}';
        for (std::size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size())) {
            out.replace(pos, token.size(), value);
        }
    }
    return out;
}

std::vector<std::string> Paragraphs(std::string_view prose) {
    std::vector<std::string> out;
    const std::string clean = sitegen::CleanProse(prose);
    std::size_t start = 0;
    while (start <= clean.size()) {
        const std::size_t end = std::min(clean.find('\n', start), clean.size());
        std::string line = sitegen::CleanLine(std::string_view(clean).substr(start, end - start));
        if (!line.empty()) {
            out.push_back(std::move(line));
        }
        start = end + 1;
    }
    return out;
}

/// An ASCII slug for a name in any script ("देसी टमाटर" → "desi-tamatar"); "" when it would hold no
/// letter at all (a bare "4" makes a poor URL).
std::string ReadableSlug(std::string_view name) {
    std::string slug = sitegen::Slugify(detail::TransliterateDevanagari(name), sitegen::kMaxSlugChars);
    if (std::ranges::none_of(slug, [](char c) { return c >= 'a' && c <= 'z'; })) {
        slug.clear();
    }
    return slug;
}

/// A slug unique within `used`: `base` (or `fallback` when empty), then base-2, base-3, …
std::string UniqueSlug(std::string base, std::string_view fallback, std::set<std::string>& used) {
    if (base.empty()) {
        base = std::string(fallback);
    }
    std::string slug = base;
    for (int n = 2; used.contains(slug); ++n) {
        slug = base + "-" + std::to_string(n);
    }
    used.insert(slug);
    return slug;
}

/// "₹1,250" for whole rupees, "₹12.50" otherwise: how Indian shops write prices.
std::string DisplayPrice(Paise amount) {
    std::string text = FormatInr(amount);
    if (text.ends_with(".00")) {
        text.resize(text.size() - 3);
    }
    return text;
}

/// "+91 98290 12345".
std::string DisplayPhone(std::string_view e164) {
    if (e164.size() != 13) {
        return std::string(e164);
    }
    return std::string(e164.substr(0, 3)) + " " + std::string(e164.substr(3, 5)) + " " + std::string(e164.substr(8));
}

std::string_view SchemaType(Sector sector) {
    switch (sector) {
        case Sector::kGrocery:
            return "GroceryStore";
        case Sector::kRestaurant:
            return "Restaurant";
        case Sector::kClinic:
            return "MedicalClinic";
        case Sector::kFashion:
        case Sector::kTailoring:
            return "ClothingStore";
        case Sector::kBakery:
            return "Bakery";
        case Sector::kPharmacy:
            return "Pharmacy";
        case Sector::kElectronics:
            return "ElectronicsStore";
        case Sector::kSalon:
            return "BeautySalon";
        case Sector::kHardware:
            return "HardwareStore";
        case Sector::kJewellery:
            return "JewelryStore";
        case Sector::kStationery:
        case Sector::kDairy:
        case Sector::kGeneral:
            return "Store";
    }
    return "Store";
}

bool IsPerishable(Sector sector) {
    return sector == Sector::kGrocery || sector == Sector::kRestaurant || sector == Sector::kBakery ||
           sector == Sector::kDairy;
}

bool IsServices(Sector sector) {
    return sector == Sector::kClinic || sector == Sector::kSalon || sector == Sector::kTailoring;
}

/// Validated, normalized RenderOptions pieces.
struct Mount {
    std::string base_path;
    std::string root;  // canonical root with trailing '/', or ""
};

Result<Mount> CheckMount(const RenderOptions& options) {
    Mount mount;
    const std::string& base = options.base_path;
    if (!base.empty()) {
        const bool shape_ok = base.front() == '/' && base.back() == '/' && base.find("//") == std::string::npos &&
                              base.find("/./") == std::string::npos && base.find("/../") == std::string::npos;
        const bool chars_ok = std::ranges::all_of(base, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.' || c == '~' || c == '/';
        });
        if (!shape_ok || !chars_ok) {
            return Fail(ErrorCode::kInvalidArgument,
                        "base_path must be empty or a path that starts and ends with '/', like /s/my-shop/");
        }
        mount.base_path = base;
    }
    if (!options.canonical_root.empty()) {
        std::string root = options.canonical_root;
        if (!root.ends_with('/')) {
            root += '/';
        }
        const bool scheme_ok = root.starts_with("https://") || root.starts_with("http://");
        const bool chars_ok = std::ranges::all_of(root, [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c > 0x20 && c < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`' &&
                   c != '?' && c != '#';
        });
        if (!scheme_ok || !chars_ok || root.size() > 300) {
            return Fail(ErrorCode::kInvalidArgument,
                        "canonical_root must be an http(s) URL of the store's home, like https://my-shop.example.in/");
        }
        mount.root = std::move(root);
    }
    return mount;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Renderer state
// ---------------------------------------------------------------------------------------------

namespace {

/// CSS sections a page may inline: "common" always, plus those of its kind ("/*@name*/" lines in
/// base.css and theme.css start a section). Only what a page uses is inlined, so product pages do
/// not carry the checkout form's rules.
constexpr std::array<std::string_view, 5> kCssSections = {"common", "home", "cards", "product", "forms"};

enum class PageKind : std::uint8_t { kHome, kCategory, kProduct, kForms, kOther };

struct ThemeData {
    std::map<std::string, std::string, std::less<>> css;  // section → base.css part + theme.css part
    std::map<std::string, std::string> templates;
};

/// Splits a CSS file into its "/*@name*/" sections, appending each to `out[name]`.
bool AppendCssSections(std::string_view css, std::map<std::string, std::string, std::less<>>& out) {
    std::string section = "common";
    while (!css.empty()) {
        const std::size_t eol = css.find('\n');
        std::string_view line = css.substr(0, eol);
        css = eol == std::string_view::npos ? std::string_view() : css.substr(eol + 1);
        if (line.starts_with("/*@") && line.ends_with("*/")) {
            section = std::string(line.substr(3, line.size() - 5));
            if (std::ranges::find(kCssSections, section) == kCssSections.end()) {
                return false;
            }
            continue;
        }
        if (line.starts_with("/*") || line.empty()) {
            continue;
        }
        out[section] += line;
        out[section] += '\n';
    }
    return true;
}

struct StringTable {
    std::map<std::string, std::string, std::less<>> raw;
    mstch::map node;  // "t_KEY" → text: flat, because mstch resolves dotted names ("t.key") slowly
    std::map<std::string, std::string> policies;  // name → template
    std::string_view Get(std::string_view key) const {
        const auto it = raw.find(key);
        return it == raw.end() ? std::string_view() : std::string_view(it->second);
    }
};

}  // namespace

struct Renderer::Impl {
    std::map<std::string, ThemeData, std::less<>> themes;
    std::array<StringTable, 2> strings;  // by Language
    std::string cart_js;
};

namespace {

/// Everything one Render call shares between its pages.
struct RenderJob {
    const ThemeData* theme = nullptr;
    const StringTable* strings = nullptr;
    const SiteSpec* spec = nullptr;
    const RenderOptions* options = nullptr;
    Mount mount;
    detail::StoreColors colors;
    StoreView store;
    std::array<std::string, 5> css;  // by PageKind
    mstch::node store_node;
    std::array<mstch::node, 2> nav;     // by depth
    std::array<std::string, 2> header;  // pre-rendered, by depth
    std::array<std::string, 2> footer;
    std::array<std::vector<std::string>, 2> cards;  // pre-rendered product cards, by depth and product
    std::map<std::string, std::string> partials;
    std::map<std::string, std::string> files;  // output path → bytes, before finishing

    std::string_view T(std::string_view key) const { return strings->Get(key); }
    std::string Rel(int depth) const { return depth == 0 ? std::string() : std::string("../"); }
    std::string Home(int depth) const { return Rel(depth) + (options->link_index_files ? "index.html" : "./"); }
    /// An image reference from a page at `depth`: art and relative photos are store-relative.
    std::string ImageFrom(std::string_view image, int depth) const {
        if (image.starts_with("https://")) {
            return std::string(image);
        }
        return Rel(depth) + std::string(image);
    }
    /// Absolute URL for a store path, or "" without a canonical root.
    std::string Absolute(std::string_view path) const {
        if (mount.root.empty()) {
            return {};
        }
        return mount.root + (path == "index.html" ? std::string() : std::string(path));
    }
};

/// A catalog id is plain ASCII ("prd_…"): anything else is not trusted into the page.
bool IsCartId(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::ranges::all_of(id, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string StockLabel(const RenderJob& job, Stock stock, std::int64_t left) {
    switch (stock) {
        case Stock::kOut:
            return std::string(job.T("out_of_stock"));
        case Stock::kLow:
            return Fill(job.T("only_left"), {{"n", std::to_string(left)}});
        case Stock::kIn:
            return std::string(job.T("in_stock"));
    }
    return {};
}

void BuildStore(RenderJob& job) {
    const SiteSpec& spec = *job.spec;
    const RenderOptions& options = *job.options;
    StoreView& store = job.store;
    store.slug = sitegen::Slugify(options.slug, sitegen::kMaxSlugChars);
    if (store.slug.empty()) {
        store.slug = "store";
    }
    store.name = sitegen::CleanLine(spec.business_name);
    if (store.name.empty()) {
        store.name = std::string(sitegen::ProfileFor(spec.sector).fallback_name.In(spec.language));
    }
    store.initial = detail::FirstGrapheme(store.name);
    store.tagline = sitegen::CleanLine(spec.tagline);
    store.about = Paragraphs(spec.about);
    for (const auto& feature : spec.features) {
        if (auto line = sitegen::CleanLine(feature); !line.empty()) {
            store.features.push_back(std::move(line));
        }
    }
    store.city = sitegen::CleanLine(spec.contact.city);
    const std::string address = sitegen::CleanLine(spec.contact.address);
    store.address_line = address;
    if (!store.city.empty() && address.find(store.city) == std::string::npos) {
        store.address_line += address.empty() ? store.city : ", " + store.city;
    }
    store.hours = sitegen::CleanLine(spec.contact.hours);
    store.phone = sitegen::NormalizeIndianMobile(spec.contact.phone).value_or("");
    store.phone_display = DisplayPhone(store.phone);
    // Shops in India almost always answer WhatsApp on their mobile number.
    const std::string whatsapp = sitegen::NormalizeIndianMobile(spec.contact.whatsapp).value_or(store.phone);
    store.whatsapp = whatsapp.empty() ? std::string() : whatsapp.substr(1);
    if (!store.address_line.empty()) {
        store.map_url = "https://www.google.com/maps/search/?api=1&query=" +
                        detail::PercentEncode(store.name + ", " + store.address_line);
    }
    std::string share = Fill(job.T("share_text"), {{"shop", store.name}});
    if (!store.tagline.empty()) {
        share += " — " + store.tagline;
    }
    if (!job.mount.root.empty()) {
        share += " " + job.mount.root;
    }
    store.share_url = "https://wa.me/?text=" + detail::PercentEncode(share);

    // Categories: the spec's, deduplicated by name, with unique slugs.
    std::set<std::string> used_slugs;
    std::map<std::string, std::size_t> by_name;
    for (const auto& category : spec.categories) {
        std::string name = sitegen::CleanLine(category.name);
        if (name.empty() || by_name.contains(name)) {
            continue;
        }
        CategoryView view;
        view.slug = UniqueSlug(ReadableSlug(category.slug.empty() ? name : category.slug),
                               "category-" + std::to_string(store.categories.size() + 1), used_slugs);
        view.name = name;
        by_name[name] = store.categories.size();
        store.categories.push_back(std::move(view));
    }
    const Paise zero(0);
    std::set<std::string> used_ids;
    std::optional<std::size_t> other;
    for (std::size_t i = 0; i < spec.products.size(); ++i) {
        const auto& product = spec.products[i];
        const ProductState state = i < options.products.size() ? options.products[i] : ProductState{};
        ProductView view;
        view.name = sitegen::CleanLine(product.name);
        if (view.name.empty()) {
            continue;
        }
        view.id = UniqueSlug(ReadableSlug(view.name), "item-" + std::to_string(i + 1), used_ids);
        view.cart_id = IsCartId(state.product_id) ? state.product_id : view.id;
        view.paragraphs = Paragraphs(product.description);
        view.description_line = sitegen::CleanLine(product.description);
        view.unit = sitegen::CleanLine(product.unit);
        view.price = std::max(product.price, zero);
        view.mrp = std::max(product.mrp, zero);
        view.price_text = DisplayPrice(view.price);
        if (view.mrp > view.price) {
            view.mrp_text = DisplayPrice(view.mrp);
            const std::int64_t percent = (view.mrp.value - view.price.value) * 100 / view.mrp.value;
            if (percent >= 1) {
                view.off_text = std::to_string(percent) + "% " + std::string(job.T("off"));
            }
        }
        view.gst_rate = product.gst_rate;
        view.hsn = sitegen::CleanLine(product.hsn);
        const std::string category = sitegen::CleanLine(product.category);
        if (auto it = by_name.find(category); it != by_name.end()) {
            view.category_index = it->second;
        } else {
            if (!other) {
                CategoryView more;
                more.name = std::string(job.T("other"));
                more.slug = UniqueSlug("more", "more", used_slugs);
                other = store.categories.size();
                store.categories.push_back(std::move(more));
            }
            view.category_index = *other;
        }
        view.category = store.categories[view.category_index].name;
        if (std::string photo = detail::SafeImageUrl(state.photo); !photo.empty()) {
            view.image = std::move(photo);
            view.image_is_art = false;
        } else {
            view.image = "img/p/" + view.id + ".svg";
        }
        std::int64_t left = 0;
        if (state.stock) {
            left = *state.stock;
            view.stock = left <= 0 ? Stock::kOut : (left <= state.low_stock_threshold ? Stock::kLow : Stock::kIn);
        }
        view.stock_label = StockLabel(job, view.stock, left);
        store.categories[view.category_index].products.push_back(store.products.size());
        store.products.push_back(std::move(view));
    }
    // Categories without products are not worth a page.
    std::vector<CategoryView> kept;
    std::vector<std::size_t> remap(store.categories.size());
    for (std::size_t c = 0; c < store.categories.size(); ++c) {
        if (!store.categories[c].products.empty()) {
            remap[c] = kept.size();
            kept.push_back(std::move(store.categories[c]));
        }
    }
    store.categories = std::move(kept);
    for (auto& product : store.products) {
        product.category_index = remap[product.category_index];
    }
    for (auto& category : store.categories) {
        category.image = "img/c/" + category.slug + ".svg";
    }
    if (std::string hero = detail::SafeImageUrl(options.hero_photo); !hero.empty()) {
        store.hero_image = std::move(hero);
        store.hero_is_photo = true;
        store.hero_share_image = detail::SafeImageUrl(options.hero_share_photo);
        if (store.hero_share_image.empty()) {
            store.hero_share_image = store.hero_image;
        }
    } else {
        store.hero_image = "img/hero.svg";
    }
}

// ---------------------------------------------------------------------------------------------
// Template context
// ---------------------------------------------------------------------------------------------

mstch::node StoreNode(const RenderJob& job) {
    const StoreView& s = job.store;
    mstch::map node{
        {"slug", s.slug},
        {"name", s.name},
        {"initial", s.initial},
        {"tagline", s.tagline},
        {"city", s.city},
        {"address_line", s.address_line},
        {"hours", s.hours},
        {"phone_display", s.phone_display},
        {"share_url", s.share_url},
        {"map_url", s.map_url},
        {"has_contact", !s.phone.empty() || !s.whatsapp.empty()},
    };
    node["tel"] = s.phone.empty() ? std::string() : "tel:" + s.phone;
    node["wa_url"] = s.whatsapp.empty() ? std::string() : "https://wa.me/" + s.whatsapp;
    return node;
}

mstch::node NavNode(const RenderJob& job, int depth) {
    mstch::array nav;
    for (const auto& category : job.store.categories) {
        nav.emplace_back(
            mstch::map{{"name", category.name}, {"href", job.Rel(depth) + "c/" + category.slug + ".html"}});
    }
    return nav;
}

std::string WhatsAppOrderUrl(const RenderJob& job, const ProductView& product) {
    if (job.store.whatsapp.empty()) {
        return {};
    }
    const std::string item = product.name + " (" + product.unit + ", " + product.price_text + ")";
    return "https://wa.me/" + job.store.whatsapp + "?text=" +
           detail::PercentEncode(Fill(job.T("whatsapp_order_text"), {{"shop", job.store.name}, {"item", item}}));
}

std::string_view StockClass(Stock stock) {
    switch (stock) {
        case Stock::kIn:
            return "in";
        case Stock::kLow:
            return "low";
        case Stock::kOut:
            return "none";
    }
    return "in";
}

mstch::map ProductNode(const RenderJob& job, const ProductView& p, int depth) {
    return mstch::map{
        {"id", p.id},
        {"cart_id", p.cart_id},
        {"name", p.name},
        {"href", job.Rel(depth) + "p/" + p.id + ".html"},
        {"img", job.ImageFrom(p.image, depth)},
        {"img_root", p.image},
        {"price", p.price_text},
        {"price_paise", std::to_string(p.price.value)},
        {"mrp", p.mrp_text},
        {"off", p.off_text},
        {"unit", p.unit},
        {"out", p.stock == Stock::kOut},
        {"stock_class", std::string(StockClass(p.stock))},
        {"stock_label", p.stock_label},
    };
}

/// What every page at `depth` shares.
mstch::map CommonContext(const RenderJob& job, int depth, PageKind kind) {
    const auto d = static_cast<std::size_t>(depth);
    mstch::map context = job.strings->node;
    context.merge(mstch::map{
        {"store", job.store_node},
        {"nav", job.nav[d]},
        {"r", job.Rel(depth)},
        {"home", job.Home(depth)},
        {"css_safe", job.css[static_cast<std::size_t>(kind)]},
        {"theme_color", job.colors.primary},
        {"header_safe", job.header[d]},
        {"footer_safe", job.footer[d]},
    });
    if (job.options->preview) {
        context["preview"] = true;
        context["noindex"] = true;
    }
    return context;
}

/// What is particular to one page; `page` names the body class.
mstch::map PageFields(std::string_view page, std::string title, std::string description) {
    return mstch::map{
        {"page", std::string(page)},
        {"og_type", std::string("website")},
        {"title", sitegen::FitChars(title, kTitleChars, "…")},
        {"description", sitegen::FitChars(description, kDescriptionChars, "…")},
    };
}

/// A single page's whole context.
mstch::map PageContext(const RenderJob& job, std::string_view page, int depth, std::string title,
                       std::string description, PageKind kind = PageKind::kOther) {
    mstch::map context = CommonContext(job, depth, kind);
    context.merge(PageFields(page, std::move(title), std::move(description)));
    return context;
}

/// Separates pages rendered in one batch. A C0 control character: templates hold none and every
/// spec string is cleaned of them, so it can only come from the batch wrapper.
constexpr char kPageSeparator = '\x1e';

/// Pages per mstch call in RenderBatch: large enough that the template is parsed rarely, small
/// enough that mstch's output strings stay below malloc's mmap threshold (≈128 KB), where every
/// growth would cost fresh pages.
constexpr std::size_t kBatchPages = 16;

/// Renders many pages of one template at `depth`, kBatchPages per mstch call: mstch parses the
/// template and its partials on every call, which dominated the time of a 200-product store when
/// each page was its own call. Each element of `pages` holds one page's own fields; shared values
/// resolve from the enclosing context. nullopt if an output cannot be split back into exactly one
/// string per page (cannot happen with cleaned input; checked anyway).
std::optional<std::vector<std::string>> RenderBatch(const RenderJob& job, std::string_view name, int depth,
                                                    PageKind kind, mstch::array pages) {
    std::vector<std::string> out;
    out.reserve(pages.size());
    const std::string batch =
        "{{#pages}}" + job.theme->templates.at(std::string(name)) + std::string(1, kPageSeparator) + "{{/pages}}";
    mstch::map context = CommonContext(job, depth, kind);
    for (std::size_t first = 0; first < pages.size(); first += kBatchPages) {
        const std::size_t last = std::min(pages.size(), first + kBatchPages);
        context["pages"] = mstch::array(std::make_move_iterator(pages.begin() + static_cast<std::ptrdiff_t>(first)),
                                        std::make_move_iterator(pages.begin() + static_cast<std::ptrdiff_t>(last)));
        const std::string all = mstch::render(batch, context, job.partials);
        std::size_t start = 0;
        for (std::size_t end = all.find(kPageSeparator); end != std::string::npos;
             end = all.find(kPageSeparator, start)) {
            out.push_back(all.substr(start, end - start));
            start = end + 1;
        }
        if (out.size() != last || start != all.size()) {
            return std::nullopt;
        }
    }
    return out;
}

/// {"card_safe": the pre-rendered card of product `index` at `depth`}.
mstch::node CardNode(const RenderJob& job, std::size_t index, int depth) {
    return mstch::map{{"card_safe", job.cards[static_cast<std::size_t>(depth)][index]}};
}

std::string PageTitle(const RenderJob& job, std::string_view page) {
    return Fill(job.T("page_title"), {{"page", page}, {"shop", job.store.name}});
}

void SetCanonical(const RenderJob& job, mstch::map& context, std::string_view path) {
    if (const std::string url = job.Absolute(path); !url.empty()) {
        context["canonical"] = url;
    }
}

std::string Render(const RenderJob& job, std::string_view name, const mstch::map& context) {
    const auto it = job.theme->templates.find(std::string(name));
    return mstch::render(it->second, context, job.partials);
}

// ---------------------------------------------------------------------------------------------
// JSON-LD, sitemap, robots, manifest
// ---------------------------------------------------------------------------------------------

nlohmann::json BusinessJsonLd(const RenderJob& job) {
    const StoreView& s = job.store;
    nlohmann::json ld = {
        {"@context", "https://schema.org"},
        {"@type", SchemaType(job.spec->sector)},
        {"name", s.name},
        {"description", s.tagline},
        {"currenciesAccepted", "INR"},
        {"paymentAccepted", "Cash, UPI, Credit Card, Debit Card"},
    };
    if (!s.phone.empty()) {
        ld["telephone"] = s.phone;
    }
    if (!s.address_line.empty() || !s.city.empty()) {
        nlohmann::json address = {{"@type", "PostalAddress"}, {"addressCountry", "IN"}};
        if (const std::string street = sitegen::CleanLine(job.spec->contact.address); !street.empty()) {
            address["streetAddress"] = street;
        }
        if (!s.city.empty()) {
            address["addressLocality"] = s.city;
        }
        ld["address"] = std::move(address);
    }
    if (!job.mount.root.empty()) {
        ld["url"] = job.mount.root;
        ld["image"] = job.mount.root + "icon.svg";
    }
    return ld;
}

nlohmann::json ProductJsonLd(const RenderJob& job, const ProductView& p) {
    nlohmann::json offer = {
        {"@type", "Offer"},
        {"price", FormatDecimal(p.price)},
        {"priceCurrency", "INR"},
        {"availability", p.stock == Stock::kOut ? "https://schema.org/OutOfStock" : "https://schema.org/InStock"},
        {"seller", {{"@type", "Organization"}, {"name", job.store.name}}},
    };
    nlohmann::json ld = {
        {"@context", "https://schema.org"}, {"@type", "Product"},         {"name", p.name}, {"sku", p.id},
        {"category", p.category},           {"offers", std::move(offer)},
    };
    if (!p.description_line.empty()) {
        ld["description"] = p.description_line;
    }
    if (!job.mount.root.empty()) {
        ld["offers"]["url"] = job.Absolute("p/" + p.id + ".html");
        ld["image"] = p.image.starts_with("https://") ? p.image : job.Absolute(p.image);
    }
    return ld;
}

std::string Sitemap(const RenderJob& job, const std::vector<std::string>& pages) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& page : pages) {
        std::string loc;
        if (!job.mount.root.empty()) {
            loc = job.Absolute(page);
        } else {
            loc = job.mount.base_path + (page == "index.html" ? std::string() : page);
            if (loc.empty()) {
                loc = "./";
            }
        }
        xml += "<url><loc>" + EscapeXml(loc) + "</loc></url>\n";
    }
    xml += "</urlset>\n";
    return xml;
}

std::string Robots(const RenderJob& job) {
    std::string text = "User-agent: *\nAllow: /\n";
    const std::string& base = job.mount.base_path;
    for (std::string_view page : {"cart.html", "checkout.html", "order.html"}) {
        if (!base.empty()) {
            text += "Disallow: " + base + std::string(page) + "\n";
        }
    }
    if (!job.mount.root.empty()) {
        text += "Sitemap: " + job.mount.root + "sitemap.xml\n";
    }
    return text;
}

std::string Manifest(const RenderJob& job) {
    const nlohmann::json manifest = {
        {"name", job.store.name},
        {"short_name", sitegen::FitChars(job.store.name, 12)},
        {"description", job.store.tagline},
        {"lang", std::string(sitegen::LanguageCode(job.spec->language))},
        {"dir", "ltr"},
        {"start_url", "./"},
        {"scope", "./"},
        {"display", "standalone"},
        {"background_color", job.colors.background},
        {"theme_color", job.colors.primary},
        {"icons",
         nlohmann::json::array({
             {{"src", "icon.svg"}, {"sizes", "any"}, {"type", "image/svg+xml"}, {"purpose", "any"}},
             {{"src", "icon-maskable.svg"}, {"sizes", "any"}, {"type", "image/svg+xml"}, {"purpose", "maskable"}},
         })},
    };
    // Escaped like JSON-LD: inert even if a browser were tricked into reading it as HTML.
    return detail::JsonForScript(manifest) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/// Header and footer for both depths, and the cards of `home_products` (depth 0) and of every
/// product (depth 1), each rendered once.
bool RenderChromeAndCards(RenderJob& job, const std::vector<std::size_t>& home_products) {
    for (int depth : {0, 1}) {
        const auto d = static_cast<std::size_t>(depth);
        const mstch::map context = CommonContext(job, depth, PageKind::kOther);
        job.header[d] = mstch::render(job.theme->templates.at("header"), context);
        job.footer[d] = mstch::render(job.theme->templates.at("footer"), context);
        job.cards[d].assign(job.store.products.size(), std::string());
    }
    const std::vector<std::size_t>* wanted[2] = {&home_products, nullptr};
    for (int depth : {0, 1}) {
        mstch::array cards;
        std::vector<std::size_t> indexes;
        if (wanted[depth] != nullptr) {
            indexes = *wanted[depth];
        } else {
            for (std::size_t i = 0; i < job.store.products.size(); ++i) {
                indexes.push_back(i);
            }
        }
        for (std::size_t i : indexes) {
            cards.emplace_back(ProductNode(job, job.store.products[i], depth));
        }
        auto rendered = RenderBatch(job, "card", depth, PageKind::kOther, std::move(cards));
        if (!rendered) {
            return false;
        }
        for (std::size_t k = 0; k < indexes.size(); ++k) {
            job.cards[static_cast<std::size_t>(depth)][indexes[k]] = std::move((*rendered)[k]);
        }
    }
    return true;
}

/// How many products each category shows on the home page.
std::size_t HomePerCategory(const StoreView& store) {
    const std::size_t sections = std::max<std::size_t>(store.categories.size(), 1);
    std::size_t per_category = std::clamp(kHomeProducts / sections, kHomePerCategoryMin, kHomePerCategoryMax);
    return per_category - per_category % 2;  // full rows on a two-column phone grid
}

std::vector<std::size_t> HomeProducts(const StoreView& store) {
    std::vector<std::size_t> out;
    const std::size_t per_category = HomePerCategory(store);
    for (const auto& category : store.categories) {
        for (std::size_t i = 0; i < category.products.size() && i < per_category; ++i) {
            out.push_back(category.products[i]);
        }
    }
    return out;
}

void RenderAssets(RenderJob& job) {
    const Sector sector = job.spec->sector;
    job.files["img/hero.svg"] = detail::HeroArt(detail::SectorMotif(sector), job.colors);
    job.files["icon.svg"] = detail::IconArt(job.store.initial, job.colors, false);
    job.files["icon-maskable.svg"] = detail::IconArt(job.store.initial, job.colors, true);
    for (const auto& category : job.store.categories) {
        job.files[category.image] = detail::CategoryArt(detail::MotifFor(category.name, sector), job.colors);
    }
    for (const auto& product : job.store.products) {
        if (!product.image_is_art) {
            continue;
        }
        // The product's own words first ("Tomato"), then its category's ("Vegetables"), then the sector.
        const detail::Motif* motif = detail::FindMotif(product.name);
        if (motif == nullptr) {
            motif = &detail::MotifFor(product.category, sector);
        }
        std::string initial = detail::FirstGrapheme(product.name);
        if (initial.size() == 1 && !std::isalpha(static_cast<unsigned char>(initial[0]))) {
            initial.clear();  // "22K gold ring" gets no "2" badge
        }
        job.files[product.image] = detail::ProductArt(*motif, initial, job.colors, detail::Fnv1a(product.id));
    }
}

void RenderHome(RenderJob& job, std::vector<std::string>& indexable) {
    const StoreView& s = job.store;
    std::string description = s.tagline;
    if (!s.about.empty()) {
        description += description.empty() ? s.about.front() : " " + s.about.front();
    }
    std::string title = s.name;
    if (!s.tagline.empty()) {
        title += " | " + s.tagline;
    }
    mstch::map context = PageContext(job, "home", 0, std::move(title), std::move(description), PageKind::kHome);
    SetCanonical(job, context, "index.html");
    context["jsonld_safe"] = detail::JsonForScript(BusinessJsonLd(job));
    context["hero_img"] = job.ImageFrom(s.hero_image, 0);
    context["hero_photo"] = s.hero_is_photo;
    if (s.hero_is_photo) {
        // Link previews (WhatsApp) need an absolute URL, known when the canonical root is.
        const std::string& share = s.hero_share_image;
        if (std::string og_image = share.starts_with("https://") ? share : job.Absolute(share); !og_image.empty()) {
            context["og_image"] = std::move(og_image);
        }
    }
    mstch::array features;
    for (const auto& feature : s.features) {
        features.emplace_back(feature);
    }
    context["has_features"] = !features.empty();
    context["features"] = std::move(features);

    const std::size_t per_category = HomePerCategory(s);
    mstch::array categories;
    mstch::array section_nodes;
    for (const auto& category : s.categories) {
        const std::string href = "c/" + category.slug + ".html";
        categories.emplace_back(mstch::map{{"name", category.name}, {"href", href}, {"img", category.image}});
        mstch::array cards;
        for (std::size_t i = 0; i < category.products.size() && i < per_category; ++i) {
            cards.emplace_back(CardNode(job, category.products[i], 0));
        }
        section_nodes.emplace_back(mstch::map{
            {"name", category.name},
            {"slug", category.slug},
            {"href", href},
            {"count", std::to_string(category.products.size())},
            {"more", category.products.size() > per_category},
            {"products", std::move(cards)},
        });
    }
    context["categories"] = std::move(categories);
    context["sections"] = std::move(section_nodes);
    job.files["index.html"] = Render(job, "home", context);
    indexable.emplace_back("index.html");
}

/// Renders one page per context with template `name` (one level below the store root) and files
/// each under its path as an indexable page (listed in the sitemap).
bool RenderIndexable(RenderJob& job, std::string_view name, PageKind kind, mstch::array pages,
                     const std::vector<std::string>& paths, std::vector<std::string>& indexable) {
    auto rendered = RenderBatch(job, name, 1, kind, std::move(pages));
    if (!rendered) {
        return false;
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        job.files[paths[i]] = std::move((*rendered)[i]);
        indexable.push_back(paths[i]);
    }
    return true;
}

bool RenderCategories(RenderJob& job, std::vector<std::string>& indexable) {
    mstch::array pages;
    std::vector<std::string> paths;
    for (const auto& category : job.store.categories) {
        const std::string path = "c/" + category.slug + ".html";
        const std::string count = std::to_string(category.products.size());
        mstch::map context = PageFields(
            "category", PageTitle(job, category.name),
            Fill(job.T("category_meta"), {{"category", category.name}, {"shop", job.store.name}, {"count", count}}));
        SetCanonical(job, context, path);
        mstch::array cards;
        for (std::size_t index : category.products) {
            cards.emplace_back(CardNode(job, index, 1));
        }
        context["category"] = mstch::map{{"name", category.name}, {"count", count}};
        context["products"] = std::move(cards);
        pages.emplace_back(std::move(context));
        paths.push_back(path);
    }
    return RenderIndexable(job, "category", PageKind::kCategory, std::move(pages), paths, indexable);
}

bool RenderProducts(RenderJob& job, std::vector<std::string>& indexable) {
    const StoreView& s = job.store;
    mstch::array pages;
    std::vector<std::string> paths;
    const std::string in_city = s.city.empty()                           ? std::string()
                                : job.spec->language == Language::kHindi ? ", " + s.city
                                                                         : " in " + s.city;
    for (std::size_t i = 0; i < s.products.size(); ++i) {
        const ProductView& p = s.products[i];
        const std::string path = "p/" + p.id + ".html";
        std::string description = p.description_line;
        if (description.empty()) {
            description = Fill(job.T("product_meta"), {{"item", p.name + " (" + p.unit + ")"},
                                                       {"price", p.price_text},
                                                       {"shop", s.name},
                                                       {"in_city", in_city}});
        }
        mstch::map context =
            PageFields("product", PageTitle(job, p.name + " – " + p.price_text), std::move(description));
        SetCanonical(job, context, path);
        context["og_type"] = std::string("product");
        if (!p.image_is_art) {
            // Link previews (WhatsApp) need an absolute URL: an owner photo on the store's own
            // origin gets one when the canonical root is known.
            std::string og_image = p.image.starts_with("https://") ? p.image : job.Absolute(p.image);
            if (!og_image.empty()) {
                context["og_image"] = std::move(og_image);
            }
        }
        context["jsonld_safe"] = detail::JsonForScript(ProductJsonLd(job, p));
        mstch::map node = ProductNode(job, p, 1);
        node["category"] = p.category;
        node["cat_href"] = "../c/" + s.categories[p.category_index].slug + ".html";
        node["wa_order"] = WhatsAppOrderUrl(job, p);
        mstch::array paragraphs;
        for (const auto& paragraph : p.paragraphs) {
            paragraphs.emplace_back(paragraph);
        }
        node["has_description"] = !paragraphs.empty();
        node["paragraphs"] = std::move(paragraphs);
        context["product"] = std::move(node);
        mstch::array related;
        for (std::size_t other : s.categories[p.category_index].products) {
            if (related.size() == kRelatedProducts) {
                break;
            }
            if (other != i) {
                related.emplace_back(CardNode(job, other, 1));
            }
        }
        context["has_related"] = !related.empty();
        context["related"] = std::move(related);
        pages.emplace_back(std::move(context));
        paths.push_back(path);
    }
    return RenderIndexable(job, "product", PageKind::kProduct, std::move(pages), paths, indexable);
}

void RenderStaticPages(RenderJob& job, std::vector<std::string>& indexable) {
    const StoreView& s = job.store;
    auto simple = [&](std::string_view name, std::string_view title_key, std::string description,
                      PageKind kind = PageKind::kForms) {
        mstch::map context = PageContext(job, name, 0, PageTitle(job, job.T(title_key)), std::move(description), kind);
        context["noindex"] = true;
        return context;
    };
    job.files["cart.html"] = Render(job, "cart", simple("cart", "your_cart", s.tagline));
    job.files["checkout.html"] = Render(job, "checkout", simple("checkout", "checkout", s.tagline));
    job.files["order.html"] = Render(job, "order", simple("order", "track", s.tagline));

    {
        mstch::map context = simple("404", "not_found", std::string(job.T("not_found_text")), PageKind::kOther);
        if (!job.mount.base_path.empty()) {
            context["base_href"] = job.mount.base_path;
        }
        job.files["404.html"] = Render(job, "404", context);
    }
    {
        mstch::map context =
            PageContext(job, "about", 0, PageTitle(job, job.T("about")), s.about.empty() ? s.tagline : s.about.front());
        SetCanonical(job, context, "about.html");
        context["jsonld_safe"] = detail::JsonForScript(BusinessJsonLd(job));
        mstch::array about;
        for (const auto& paragraph : s.about) {
            about.emplace_back(paragraph);
        }
        mstch::array features;
        for (const auto& feature : s.features) {
            features.emplace_back(feature);
        }
        context["about"] = std::move(about);
        context["has_features"] = !features.empty();
        context["features"] = std::move(features);
        job.files["about.html"] = Render(job, "about", context);
        indexable.emplace_back("about.html");
    }
    const Sector sector = job.spec->sector;
    for (std::string_view policy : kPolicies) {
        const std::string path = std::string(policy) + ".html";
        mstch::map context =
            PageContext(job, "policy", 0, PageTitle(job, job.T(policy)), std::string(job.T(policy)) + " — " + s.name);
        SetCanonical(job, context, path);
        context["heading"] = std::string(job.T(policy));
        context["shop"] = s.name;
        context["city"] = s.city;
        context["phone"] = s.phone_display;
        context["perishable"] = IsPerishable(sector);
        context["food"] = sector == Sector::kRestaurant;
        context["pharmacy"] = sector == Sector::kPharmacy;
        context["services"] = IsServices(sector);
        auto partials = job.partials;
        partials["policy"] = job.strings->policies.at(std::string(policy));
        const auto& page = job.theme->templates.at("policy");
        job.files[path] = mstch::render(page, context, partials);
        indexable.push_back(path);
    }
}

SiteFile Finish(std::string body, std::string_view path, int gzip_level) {
    SiteFile file;
    file.content_type = http::ContentTypeFor(path);
    file.etag = http::ContentEtag(body);
    if (gzip_level > 0 && body.size() >= kMinGzipBytes && http::IsCompressibleType(file.content_type)) {
        std::string gzip = http::GzipCompress(body, gzip_level);
        if (gzip.size() + 32 < body.size()) {
            file.gzip = std::move(gzip);
            file.gzip_etag = file.etag.substr(0, file.etag.size() - 1) + "-gz\"";
        }
    }
    file.body = std::move(body);
    return file;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

std::string_view DefaultThemeFor(Sector sector) {
    switch (sector) {
        case Sector::kClinic:
        case Sector::kPharmacy:
        case Sector::kElectronics:
        case Sector::kHardware:
        case Sector::kStationery:
            return "clean";
        case Sector::kFashion:
        case Sector::kJewellery:
        case Sector::kSalon:
        case Sector::kTailoring:
            return "classic";
        case Sector::kGrocery:
        case Sector::kRestaurant:
        case Sector::kBakery:
        case Sector::kDairy:
        case Sector::kGeneral:
            return "bazaar";
    }
    return "bazaar";
}

const SiteFile* Site::Find(std::string_view path) const {
    std::string key(path);
    if (key.empty() || key.ends_with('/')) {
        key += "index.html";
    }
    const auto it = files.find(key);
    return it == files.end() ? nullptr : &it->second;
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;
Renderer::~Renderer() = default;

Result<Renderer> Renderer::Create(std::span<const EmbeddedFile> files) {
    std::map<std::string, std::string_view, std::less<>> by_path;
    for (const auto& file : files) {
        by_path[std::string(file.path)] = file.data;
    }
    auto missing = [](const std::string& path) {
        return Fail(ErrorCode::kInvalidArgument, "theme set: missing " + path);
    };
    auto impl = std::make_unique<Impl>();

    std::map<std::string, std::string> base_templates;
    for (std::string_view name : kTemplates) {
        const std::string path = "base/" + std::string(name) + ".mustache";
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            return missing(path);
        }
        base_templates[std::string(name)] = std::string(it->second);
    }
    const auto base_css = by_path.find("base/base.css");
    const auto cart_js = by_path.find("base/cart.js");
    if (base_css == by_path.end()) {
        return missing("base/base.css");
    }
    if (cart_js == by_path.end()) {
        return missing("base/cart.js");
    }
    impl->cart_js = std::string(cart_js->second);

    // Themes: every folder with a theme.css; its *.mustache files override base/.
    for (const auto& [path, data] : by_path) {
        const std::size_t slash = path.find('/');
        if (slash == std::string::npos || path.substr(slash + 1) != "theme.css") {
            continue;
        }
        const std::string name = path.substr(0, slash);
        if (std::ranges::find(kReservedFolders, name) != kReservedFolders.end()) {
            continue;
        }
        ThemeData theme;
        if (!AppendCssSections(base_css->second, theme.css) || !AppendCssSections(data, theme.css)) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: unknown /*@section*/ in base/base.css or " + path);
        }
        theme.templates = base_templates;
        for (std::string_view tpl : kTemplates) {
            if (auto it = by_path.find(name + "/" + std::string(tpl) + ".mustache"); it != by_path.end()) {
                theme.templates[std::string(tpl)] = std::string(it->second);
            }
        }
        impl->themes.emplace(name, std::move(theme));
    }
    if (impl->themes.empty()) {
        return missing("a theme folder with theme.css");
    }

    std::set<std::string> keys_en;
    for (Language language : sitegen::kAllLanguages) {
        const std::string code(sitegen::LanguageCode(language));
        const std::string path = "i18n/" + code + ".json";
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            return missing(path);
        }
        const auto json = nlohmann::json::parse(it->second, nullptr, false);
        if (!json.is_object()) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + " is not a JSON object");
        }
        auto& strings = impl->strings[static_cast<std::size_t>(language)];
        std::set<std::string> keys;
        for (const auto& [key, value] : json.items()) {
            if (!value.is_string()) {
                return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + ": \"" + key + "\" is not a string");
            }
            strings.raw[key] = value.get<std::string>();
            strings.node["t_" + key] = value.get<std::string>();
            keys.insert(key);
        }
        if (language == Language::kEnglish) {
            keys_en = keys;
        } else if (keys != keys_en) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + " must have the same keys as i18n/en.json");
        }
        for (std::string_view policy : kPolicies) {
            const std::string policy_path = "policies/" + code + "/" + std::string(policy) + ".mustache";
            const auto p = by_path.find(policy_path);
            if (p == by_path.end()) {
                return missing(policy_path);
            }
            strings.policies[std::string(policy)] = std::string(p->second);
        }
    }
    return Renderer(std::move(impl));
}

Result<Renderer> Renderer::CreateEmbedded() {
    return Create(embedded::themes::Files());
}

std::vector<std::string> Renderer::Themes() const {
    std::vector<std::string> names;
    for (const auto& [name, theme] : impl_->themes) {
        names.push_back(name);
    }
    return names;
}

Result<Site> Renderer::Render(const SiteSpec& spec, const RenderOptions& options) const {
    auto mount = CheckMount(options);
    if (!mount) {
        return std::unexpected(mount.error());
    }
    const std::string theme_name = options.theme.empty() ? std::string(DefaultThemeFor(spec.sector)) : options.theme;
    const auto theme = impl_->themes.find(theme_name);
    if (theme == impl_->themes.end()) {
        std::string known;
        for (const auto& name : Themes()) {
            known += (known.empty() ? "" : ", ") + name;
        }
        return Fail(ErrorCode::kInvalidArgument,
                    "unknown theme \"" + sitegen::CleanLine(theme_name) + "\"; themes: " + known);
    }
    RenderJob job;
    job.theme = &theme->second;
    job.strings = &impl_->strings[spec.language == Language::kHindi ? 1 : 0];
    job.spec = &spec;
    job.options = &options;
    job.mount = std::move(*mount);
    job.colors = detail::ResolveColors(spec.theme, sitegen::ProfileFor(spec.sector));
    const auto& c = job.colors;
    const std::string palette = ":root{--p:" + c.primary + ";--pd:" + c.primary_dark + ";--a:" + c.accent +
                                ";--at:" + c.accent_text + ";--bg:" + c.background + ";--t1:" + c.tint +
                                ";--t2:" + c.accent_tint + "}\n";
    auto css_of = [&](std::initializer_list<std::string_view> sections) {
        std::string css = palette;
        for (std::string_view section : sections) {
            if (const auto it = job.theme->css.find(section); it != job.theme->css.end()) {
                css += it->second;
            }
        }
        return css;
    };
    job.css[static_cast<std::size_t>(PageKind::kHome)] = css_of({"common", "home", "cards"});
    job.css[static_cast<std::size_t>(PageKind::kCategory)] = css_of({"common", "cards"});
    job.css[static_cast<std::size_t>(PageKind::kProduct)] = css_of({"common", "cards", "product"});
    job.css[static_cast<std::size_t>(PageKind::kForms)] = css_of({"common", "forms"});
    job.css[static_cast<std::size_t>(PageKind::kOther)] = css_of({"common"});
    for (std::string_view partial : kPartials) {
        job.partials[std::string(partial)] = job.theme->templates.at(std::string(partial));
    }

    BuildStore(job);
    job.store_node = StoreNode(job);
    job.nav = {NavNode(job, 0), NavNode(job, 1)};

    std::vector<std::string> indexable;
    if (!RenderChromeAndCards(job, HomeProducts(job.store))) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of cards did not split into one per card");
    }
    RenderAssets(job);
    job.files["cart.js"] = impl_->cart_js;
    RenderHome(job, indexable);
    if (!RenderCategories(job, indexable) || !RenderProducts(job, indexable)) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of pages did not split into one per page");
    }
    RenderStaticPages(job, indexable);
    job.files["sitemap.xml"] = Sitemap(job, indexable);
    job.files["robots.txt"] = Robots(job);
    job.files["manifest.json"] = Manifest(job);

    Site site;
    site.theme = theme_name;
    for (auto& [path, body] : job.files) {
        site.files.emplace(path, Finish(std::move(body), path, std::clamp(options.gzip_level, 0, 9)));
    }
    return site;
}

Result<Site> RenderSite(const SiteSpec& spec, const RenderOptions& options) {
    auto renderer = Renderer::CreateEmbedded();
    if (!renderer) {
        return std::unexpected(renderer.error());
    }
    return renderer->Render(spec, options);
}

}  // namespace webdpro::storefront
