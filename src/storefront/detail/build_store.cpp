#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"
#include "storefront/detail/encode.hpp"
#include "storefront/detail/render_job.hpp"

// Building a store's view model from its spec and the catalog's state (RenderOptions::products).
namespace webdpro::storefront::detail {

using sitegen::SiteSpec;

namespace {

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

/// "Pay by UPI or cash on delivery": the methods the checkout offers, in the store's language.
std::string PayInfo(const RenderJob& job) {
    if (job.spec->ordering != sitegen::Ordering::kCart) {
        return {};  // no checkout: a booking or an enquiry is paid at the shop, as the owner says
    }
    const CheckoutOffer& offer = job.options->checkout;
    std::vector<std::string_view> methods;
    if (offer.upi) {
        methods.push_back(job.T("m_upi"));
    }
    if (offer.razorpay) {
        methods.push_back(job.T("m_card"));
    }
    if (offer.cod) {
        methods.push_back(job.T("m_cod"));
    }
    if (methods.empty()) {
        return {};
    }
    std::string list(methods.front());
    for (std::size_t i = 1; i < methods.size(); ++i) {
        list += i + 1 == methods.size() ? " " + std::string(job.T("or")) + " " : ", ";
        list += methods[i];
    }
    return Fill(job.T("pay_by"), {{"methods", list}});
}

}  // namespace

bool ClaimsPayment(std::string_view line) {
    std::string lower;
    lower.reserve(line.size());
    for (char c : line) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    static constexpr auto kWords = std::to_array<std::string_view>(
        {"upi", "razorpay", "cash", "netbanking", "net banking", "gpay", "google pay", "paytm", "phonepe", "phone pe",
         "pay by", "payment", "credit card", "debit card", "cards accepted", "भुगतान", "नकद", "कैश"});
    if (std::ranges::any_of(kWords, [&lower](std::string_view word) { return lower.contains(word); })) {
        return true;
    }
    // "COD" only as a word of its own (not "code").
    auto letter = [&lower](std::size_t i) { return std::isalpha(static_cast<unsigned char>(lower[i])) != 0; };
    for (auto at = lower.find("cod"); at != std::string::npos; at = lower.find("cod", at + 1)) {
        if ((at == 0 || !letter(at - 1)) && (at + 3 == lower.size() || !letter(at + 3))) {
            return true;
        }
    }
    return false;
}

StoreView BuildStore(const RenderJob& job) {
    const SiteSpec& spec = *job.spec;
    const RenderOptions& options = *job.options;
    StoreView store;
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
    store.pay_info = PayInfo(job);
    bool pay_shown = false;
    for (const auto& feature : spec.features) {
        auto line = sitegen::CleanLine(feature);
        if (line.empty()) {
            continue;
        }
        if (ClaimsPayment(line)) {
            // The spec's words about payment are replaced, once, by what the checkout offers.
            if (pay_shown || store.pay_info.empty()) {
                continue;
            }
            line = store.pay_info;
            pay_shown = true;
        }
        store.features.push_back(std::move(line));
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
            // Both are positive here, so the difference fits; the share is exact in 128 bits.
            const Paise off(view.mrp.value - view.price.value);
            const std::int64_t percent =
                MulDiv(off, 100, view.mrp.value, Rounding::kTowardZero).value_or(Paise(0)).value;
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
    return store;
}

}  // namespace webdpro::storefront::detail
