#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"
#include "sitegen/site_spec.hpp"
#include "storefront/render.hpp"

// The view model of a store: its spec cleaned and enriched (slugs, prices as shown, stock labels,
// art or photos), independent of the template engine. Private to the storefront.
namespace webdpro::storefront::detail {

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
    std::vector<std::string> features;  // payment claims of the spec replaced by pay_info
    std::string pay_info;               // "Pay by cash on delivery": the methods really offered
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

/// Validated, normalized RenderOptions pieces.
struct Mount {
    std::string base_path;
    std::string root;  // canonical root with trailing '/', or ""
};

/// The base path and canonical root of `options`, checked. kInvalidArgument when either is malformed.
Result<Mount> CheckMount(const RenderOptions& options);

/// Replaces every "{key}" in `pattern`.
std::string Fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values);
/// The prose's non-empty lines, each cleaned.
std::vector<std::string> Paragraphs(std::string_view prose);
/// An ASCII slug for a name in any script ("देसी टमाटर" → "desi-tamatar"); "" when it would hold no
/// letter at all (a bare "4" makes a poor URL).
std::string ReadableSlug(std::string_view name);
/// A slug unique within `used`: `base` (or `fallback` when empty), then base-2, base-3, …
std::string UniqueSlug(std::string base, std::string_view fallback, std::set<std::string>& used);
/// "₹1,250" for whole rupees, "₹12.50" otherwise: how Indian shops write prices.
std::string DisplayPrice(Paise amount);
/// "+91 98290 12345".
std::string DisplayPhone(std::string_view e164);
/// The schema.org type of a business of the sector.
std::string_view SchemaType(sitegen::Sector sector);
bool IsPerishable(sitegen::Sector sector);
bool IsServices(sitegen::Sector sector);
/// Whether a line of copy promises a way to pay ("Pay by UPI or cash", "UPI से भुगतान"): such
/// lines come from the spec, so the store's real methods replace them.
bool ClaimsPayment(std::string_view line);
/// A catalog id is plain ASCII ("prd_…"): anything else is not trusted into the page.
bool IsCartId(std::string_view id);

}  // namespace webdpro::storefront::detail
