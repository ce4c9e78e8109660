#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>

#include "sitegen/text.hpp"
#include "storefront/detail/art.hpp"
#include "storefront/detail/encode.hpp"
#include "storefront/detail/render_job.hpp"

// The pages of a store: template contexts, batches of pages per mstch call, and each kind of page.
namespace webdpro::storefront::detail {

using sitegen::Language;
using sitegen::Sector;

namespace {

/// Products shown on the home page in all, and the most and fewest per category section.
constexpr std::size_t kHomeProducts = 24;
constexpr std::size_t kHomePerCategoryMax = 8;
constexpr std::size_t kHomePerCategoryMin = 2;
/// Category sections on the home page: with kHomePerCategoryMin each, at most kHomeProducts cards.
constexpr std::size_t kHomeSections = kHomeProducts / kHomePerCategoryMin;
constexpr std::size_t kRelatedProducts = 4;
constexpr std::size_t kTitleChars = 70;
constexpr std::size_t kDescriptionChars = 160;

std::string WhatsAppOrderUrl(const RenderJob& job, const ProductView& product) {
    if (job.store().whatsapp.empty()) {
        return {};
    }
    const std::string item = product.name + " (" + product.unit + ", " + product.price_text + ")";
    return "https://wa.me/" + job.store().whatsapp + "?text=" +
           detail::PercentEncode(Fill(job.T("whatsapp_order_text"), {{"shop", job.store().name}, {"item", item}}));
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

bool HasCart(const RenderJob& job) {
    return job.spec->ordering == sitegen::Ordering::kCart;
}

/// Where a booking or enquiry store sends a customer about `item` ("" = the whole shop): WhatsApp
/// with the words already typed, else a phone call, else nowhere ("").
std::string AskUrl(const RenderJob& job, std::string_view item) {
    const bool booking = job.spec->ordering == sitegen::Ordering::kBooking;
    if (!job.store().whatsapp.empty()) {
        std::string url = "https://wa.me/" + job.store().whatsapp;
        if (!item.empty()) {
            url +=
                "?text=" + detail::PercentEncode(Fill(job.T(booking ? "whatsapp_book_text" : "whatsapp_enquiry_text"),
                                                      {{"shop", job.store().name}, {"item", item}}));
        }
        return url;
    }
    return job.store().phone.empty() ? std::string() : "tel:" + job.store().phone;
}

/// "Book on WhatsApp", "Call to enquire", …: the label for AskUrl.
std::string AskLabel(const RenderJob& job) {
    const bool booking = job.spec->ordering == sitegen::Ordering::kBooking;
    if (!job.store().whatsapp.empty()) {
        return std::string(job.T(booking ? "book_whatsapp" : "enquire_whatsapp"));
    }
    return std::string(job.T(booking ? "book_call" : "enquire_call"));
}

mstch::map ProductNode(const RenderJob& job, const ProductView& p, int depth) {
    if (!HasCart(job)) {
        // Services and made-to-order goods: no cart, a link to book or ask about this one.
        const bool booking = job.spec->ordering == sitegen::Ordering::kBooking;
        return mstch::map{
            {"id", p.id},
            {"name", p.name},
            {"href", job.Rel(depth) + "p/" + p.id + ".html"},
            {"img", job.ImageFrom(p.image, depth)},
            {"price", p.price_text},
            {"mrp", p.mrp_text},
            {"off", p.off_text},
            {"unit", p.unit},
            {"cart", false},
            {"ask_href", AskUrl(job, p.name + " (" + p.price_text + ")")},
            {"ask_label", std::string(job.T(booking ? "book" : "enquire"))},
            {"ask_label_long", AskLabel(job)},
        };
    }
    return mstch::map{
        {"cart", true},
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
    return Fill(job.T("page_title"), {{"page", page}, {"shop", job.store().name}});
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

/// Category sections the home page shows.
std::size_t HomeSections(const StoreView& store) {
    return std::min(store.categories.size(), kHomeSections);
}

/// How many products each category shows on the home page.
std::size_t HomePerCategory(const StoreView& store) {
    const std::size_t sections = std::max<std::size_t>(HomeSections(store), 1);
    std::size_t per_category = std::clamp(kHomeProducts / sections, kHomePerCategoryMin, kHomePerCategoryMax);
    return per_category - per_category % 2;  // full rows on a two-column phone grid
}

/// Renders one page per context with template `name` (one level below the store root) and files
/// each under its path.
bool RenderBelowRoot(RenderJob& job, std::string_view name, PageKind kind, mstch::array pages,
                     const std::vector<std::string>& paths) {
    auto rendered = RenderBatch(job, name, 1, kind, std::move(pages));
    if (!rendered) {
        return false;
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        job.files[paths[i]] = std::move((*rendered)[i]);
    }
    return true;
}

}  // namespace

std::string ProductPicture(const RenderJob& job, const ProductView& product) {
    // The product's own words first ("Tomato"), then its category's ("Vegetables"), then the sector.
    const detail::Motif* motif = detail::FindMotif(product.name);
    if (motif == nullptr) {
        motif = &detail::MotifFor(product.category, job.spec->sector);
    }
    std::string initial = detail::FirstGrapheme(product.name);
    if (initial.size() == 1 && !std::isalpha(static_cast<unsigned char>(initial[0]))) {
        initial.clear();  // "22K gold ring" gets no "2" badge
    }
    return detail::ProductArt(*motif, initial, job.colors, detail::Fnv1a(product.id));
}

mstch::node StoreNode(const RenderJob& job) {
    const StoreView& s = job.store();
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
    node["cart"] = HasCart(job);
    if (!HasCart(job)) {
        node["cta_href"] = AskUrl(job, "");
        node["cta_label"] = AskLabel(job);
    }
    node["wa_url"] = s.whatsapp.empty() ? std::string() : "https://wa.me/" + s.whatsapp;
    // What the checkout offers: the footer, the checkout and the policies say only this.
    const CheckoutOffer& offer = job.options->checkout;
    node["pay_info"] = s.pay_info;
    node["pay_cod"] = offer.cod;
    node["pay_upi"] = offer.upi;
    node["pay_razorpay"] = offer.razorpay;
    node["pay_online"] = offer.upi || offer.razorpay;
    node["delivery_fee_paise"] = std::to_string(offer.delivery_fee.value);
    node["free_above_paise"] = std::to_string(offer.free_delivery_above.value);
    node["delivery_free"] = offer.delivery_fee.value == 0;
    node["delivery_fee"] = DisplayPrice(offer.delivery_fee);
    node["has_free_above"] = offer.delivery_fee.value > 0 && offer.free_delivery_above.value > 0;
    node["free_above"] = DisplayPrice(offer.free_delivery_above);
    node["free_above_text"] = Fill(job.T("delivery_free_above"), {{"amount", DisplayPrice(offer.free_delivery_above)}});
    node["has_min_order"] = offer.min_order.value > 0;
    node["min_order"] = DisplayPrice(offer.min_order);
    node["min_order_text"] = Fill(job.T("min_order_note"), {{"amount", DisplayPrice(offer.min_order)}});
    return node;
}

mstch::node NavNode(const RenderJob& job, int depth) {
    mstch::array nav;
    for (const auto& category : job.store().categories) {
        nav.emplace_back(
            mstch::map{{"name", category.name}, {"href", job.Rel(depth) + "c/" + category.slug + ".html"}});
    }
    return nav;
}

void RenderChrome(RenderJob& job) {
    for (int depth : {0, 1}) {
        const auto d = static_cast<std::size_t>(depth);
        const mstch::map context = CommonContext(job, depth, PageKind::kOther);
        job.header[d] = mstch::render(job.theme->templates.at("header"), context);
        job.footer[d] = mstch::render(job.theme->templates.at("footer"), context);
    }
}

bool RenderCards(RenderJob& job, int depth, const std::vector<std::size_t>& products) {
    auto& cards = job.cards[static_cast<std::size_t>(depth)];
    if (cards.size() != job.store().products.size()) {
        cards.assign(job.store().products.size(), std::string());
    }
    mstch::array nodes;
    std::vector<std::size_t> indexes;
    for (std::size_t i : products) {
        if (cards[i].empty() && std::ranges::find(indexes, i) == indexes.end()) {
            indexes.push_back(i);
            nodes.emplace_back(ProductNode(job, job.store().products[i], depth));
        }
    }
    if (indexes.empty()) {
        return true;
    }
    auto rendered = RenderBatch(job, "card", depth, PageKind::kOther, std::move(nodes));
    if (!rendered) {
        return false;
    }
    for (std::size_t k = 0; k < indexes.size(); ++k) {
        cards[indexes[k]] = std::move((*rendered)[k]);
    }
    return true;
}

std::vector<std::size_t> HomeProducts(const StoreView& store) {
    std::vector<std::size_t> out;
    const std::size_t per_category = HomePerCategory(store);
    for (std::size_t c = 0; c < HomeSections(store); ++c) {
        const auto& category = store.categories[c];
        for (std::size_t i = 0; i < category.products.size() && i < per_category; ++i) {
            out.push_back(category.products[i]);
        }
    }
    return out;
}

std::vector<std::size_t> RelatedProducts(const StoreView& store, std::size_t product) {
    std::vector<std::size_t> out;
    for (std::size_t other : store.categories[store.products[product].category_index].products) {
        if (out.size() == kRelatedProducts) {
            break;
        }
        if (other != product) {
            out.push_back(other);
        }
    }
    return out;
}

std::size_t CategoryPages(const StoreView& store, std::size_t category) {
    const std::size_t count = store.categories[category].products.size();
    return std::max<std::size_t>(1, (count + kCategoryPageProducts - 1) / kCategoryPageProducts);
}

std::string CategoryPagePath(const CategoryView& category, std::size_t page) {
    return page <= 1 ? "c/" + category.slug + ".html"
                     : "c/" + category.slug + ".page-" + std::to_string(page) + ".html";
}

std::vector<std::size_t> CategoryPageProducts(const StoreView& store, std::size_t category, std::size_t page) {
    const auto& all = store.categories[category].products;
    const std::size_t first = std::min(all.size(), (page - 1) * kCategoryPageProducts);
    const std::size_t last = std::min(all.size(), first + kCategoryPageProducts);
    return {all.begin() + static_cast<std::ptrdiff_t>(first), all.begin() + static_cast<std::ptrdiff_t>(last)};
}

void RenderAssets(RenderJob& job) {
    const Sector sector = job.spec->sector;
    job.files["img/hero.svg"] = detail::HeroArt(detail::SectorMotif(sector), job.colors);
    job.files["icon.svg"] = detail::IconArt(job.store().initial, job.colors, false);
    job.files["icon-maskable.svg"] = detail::IconArt(job.store().initial, job.colors, true);
    for (const auto& category : job.store().categories) {
        job.files[category.image] = detail::CategoryArt(detail::MotifFor(category.name, sector), job.colors);
    }
    for (const auto& product : job.store().products) {
        if (product.image_is_art) {
            job.files[product.image] = ProductPicture(job, product);
        }
    }
}

std::optional<std::string> RenderAsset(const RenderJob& job, std::string_view path) {
    const Sector sector = job.spec->sector;
    if (path == "img/hero.svg") {
        return detail::HeroArt(detail::SectorMotif(sector), job.colors);
    }
    if (path == "icon.svg" || path == "icon-maskable.svg") {
        return detail::IconArt(job.store().initial, job.colors, path == "icon-maskable.svg");
    }
    if (path.starts_with("img/c/")) {
        for (const auto& category : job.store().categories) {
            if (category.image == path) {
                return detail::CategoryArt(detail::MotifFor(category.name, sector), job.colors);
            }
        }
    }
    return std::nullopt;
}

void RenderHome(RenderJob& job) {
    const StoreView& s = job.store();
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
    for (std::size_t c = 0; c < s.categories.size(); ++c) {
        const auto& category = s.categories[c];
        const std::string href = "c/" + category.slug + ".html";
        categories.emplace_back(mstch::map{{"name", category.name}, {"href", href}, {"img", category.image}});
        if (c >= HomeSections(s)) {
            continue;
        }
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
}

bool RenderCategories(RenderJob& job, const std::vector<std::pair<std::size_t, std::size_t>>& pages) {
    mstch::array contexts;
    std::vector<std::string> paths;
    for (const auto& [index, page] : pages) {
        const CategoryView& category = job.store().categories[index];
        const std::size_t page_count = CategoryPages(job.store(), index);
        const std::string path = CategoryPagePath(category, page);
        const std::string count = std::to_string(category.products.size());
        std::string name = category.name;
        const std::string page_of =
            Fill(job.T("page_of"), {{"n", std::to_string(page)}, {"total", std::to_string(page_count)}});
        if (page > 1) {
            name += " · " + page_of;
        }
        mstch::map context = PageFields(
            "category", PageTitle(job, name),
            Fill(job.T("category_meta"), {{"category", name}, {"shop", job.store().name}, {"count", count}}));
        SetCanonical(job, context, path);
        mstch::array cards;
        for (std::size_t product : CategoryPageProducts(job.store(), index, page)) {
            cards.emplace_back(CardNode(job, product, 1));
        }
        context["category"] = mstch::map{{"name", category.name}, {"count", count}};
        context["products"] = std::move(cards);
        if (page_count > 1) {
            // Links from c/ to its neighbours: the file name alone.
            auto href = [&](std::size_t n) { return CategoryPagePath(category, n).substr(2); };
            mstch::map pager{{"page_of", page_of}};
            if (page > 1) {
                context["prev_href"] = href(page - 1);
                pager["prev_href"] = href(page - 1);
            }
            if (page < page_count) {
                context["next_href"] = href(page + 1);
                pager["next_href"] = href(page + 1);
            }
            context["pager"] = std::move(pager);
        }
        contexts.emplace_back(std::move(context));
        paths.push_back(path);
    }
    return RenderBelowRoot(job, "category", PageKind::kCategory, std::move(contexts), paths);
}

bool RenderProducts(RenderJob& job, const std::vector<std::size_t>& products) {
    const StoreView& s = job.store();
    mstch::array pages;
    std::vector<std::string> paths;
    const std::string in_city = s.city.empty()                           ? std::string()
                                : job.spec->language == Language::kHindi ? ", " + s.city
                                                                         : " in " + s.city;
    for (std::size_t i : products) {
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
        for (std::size_t other : RelatedProducts(s, i)) {
            related.emplace_back(CardNode(job, other, 1));
        }
        context["has_related"] = !related.empty();
        context["related"] = std::move(related);
        pages.emplace_back(std::move(context));
        paths.push_back(path);
    }
    return RenderBelowRoot(job, "product", PageKind::kProduct, std::move(pages), paths);
}

std::vector<std::string> StaticPages(const RenderJob& job) {
    std::vector<std::string> out;
    if (HasCart(job)) {
        out.emplace_back("cart.html");
        out.emplace_back("checkout.html");
    }
    // Kept for every store: a tracking link sent for an order stays valid whatever the store sells now.
    out.emplace_back("order.html");
    out.emplace_back("404.html");
    out.emplace_back("about.html");
    for (std::string_view policy : kPolicies) {
        if (!HasCart(job) && (policy == "shipping" || policy == "returns")) {
            continue;  // nothing is sold online, so nothing ships and nothing comes back
        }
        out.push_back(std::string(policy) + ".html");
    }
    return out;
}

std::optional<std::string> RenderStaticPage(const RenderJob& job, std::string_view path) {
    const auto pages = StaticPages(job);
    if (std::ranges::find(pages, path) == pages.end()) {
        return std::nullopt;
    }
    const StoreView& s = job.store();
    auto simple = [&](std::string_view name, std::string_view title_key, std::string description,
                      PageKind kind = PageKind::kForms) {
        mstch::map context = PageContext(job, name, 0, PageTitle(job, job.T(title_key)), std::move(description), kind);
        context["noindex"] = true;
        return context;
    };
    if (path == "cart.html") {
        return Render(job, "cart", simple("cart", "your_cart", s.tagline));
    }
    if (path == "checkout.html") {
        return Render(job, "checkout", simple("checkout", "checkout", s.tagline));
    }
    if (path == "order.html") {
        return Render(job, "order", simple("order", "track", s.tagline));
    }
    if (path == "404.html") {
        mstch::map context = simple("404", "not_found", std::string(job.T("not_found_text")), PageKind::kOther);
        if (!job.mount.base_path.empty()) {
            context["base_href"] = job.mount.base_path;
        }
        return Render(job, "404", context);
    }
    if (path == "about.html") {
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
        return Render(job, "about", context);
    }
    const Sector sector = job.spec->sector;
    const std::string policy(path.substr(0, path.size() - std::string_view(".html").size()));
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
    partials["policy"] = job.strings->policies.at(policy);
    const auto& page = job.theme->templates.at("policy");
    return mstch::render(page, context, partials);
}

std::vector<std::string> IndexablePages(const RenderJob& job) {
    const StoreView& s = job.store();
    std::vector<std::string> out{"index.html"};
    for (std::size_t c = 0; c < s.categories.size(); ++c) {
        for (std::size_t page = 1; page <= CategoryPages(s, c); ++page) {
            out.push_back(CategoryPagePath(s.categories[c], page));
        }
    }
    for (const auto& product : s.products) {
        out.push_back("p/" + product.id + ".html");
    }
    out.emplace_back("about.html");
    for (std::string_view policy : kPolicies) {
        if (!HasCart(job) && (policy == "shipping" || policy == "returns")) {
            continue;
        }
        out.push_back(std::string(policy) + ".html");
    }
    return out;
}

}  // namespace webdpro::storefront::detail
