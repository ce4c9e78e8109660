#pragma once

#include <optional>
#include <vector>

#include "catalog/products.hpp"
#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "sitegen/site_spec.hpp"
#include "storefront/render.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storefront {

/// Everything the storefront shows for one store at one site_version: the store's spec (copy,
/// colours, theme name in spec.theme.name, contact), its location, and its active catalog
/// products (the catalog, not spec.products, is the source of truth once a store exists).
struct StoreContent {
    stores::StoreRef ref;
    sitegen::SiteSpec spec;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::vector<catalog::Product> products;
    /// The owner's hero photo as platform paths "/media/{tenant_id}/{photo_id}.webp" (like a
    /// product's image; media::PhotoPath): the small rendition the page shows and the large one
    /// for link previews. Both "" when the store has none (generated art).
    std::string hero_photo{};
    std::string hero_share_photo{};
    /// What the checkout offers (payment methods, delivery charges).
    CheckoutOffer checkout{};
};

/// Loads a store's content in one read transaction. nullopt when the store does not exist or
/// has no spec yet (GENERATING / FAILED before its first spec).
boost::asio::awaitable<Result<std::optional<StoreContent>>> LoadStoreContent(storage::Db& db, TenantId tenant,
                                                                             StoreId store);
/// The same inside the caller's transaction (CLI export).
Result<std::optional<StoreContent>> LoadStoreContent(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

}  // namespace webdpro::storefront
