#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "sitegen/site_spec.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Conn;
}

/// The stores table's rows: every statement that reads a store as its owner sees it or writes a
/// store. Each function runs inside the caller's transaction; rows are mapped by column name.
/// Other folders change a store only through these functions (and StoreDirectory::TouchSite).
namespace webdpro::stores {

/// One store as its owner sees it.
struct Store {
    StoreId id;
    TenantId tenant_id;
    std::string slug;
    StoreStatus status = StoreStatus::kGenerating;
    std::string description;
    std::string business_name;
    std::string sector;
    std::string language;
    std::optional<sitegen::SiteSpec> spec;  ///< nullopt until the first generation succeeds
    std::string generation_level;           ///< "" until generated
    std::string generation_error;           ///< "" unless the last generation failed
    std::string custom_domain;              ///< "" when none
    std::int64_t site_version = 0;
    std::optional<TimePoint> published_at;
    std::optional<TimePoint> link_shared_at;  ///< when the owner first shared or copied the public link
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string plan;  ///< the tenant's plan
};

/// The tenant's store, or nullopt when it has none with this id.
Result<std::optional<Store>> LoadStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store);
/// The tenant's store; kNotFound("Store") when it has none with this id.
Result<Store> RequireStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store);
/// The tenant's stores, newest first.
Result<std::vector<Store>> ListStores(storage::Conn& conn, const TenantId& tenant);

/// The tenant's plan (FREE | PRO | ENTERPRISE), or nullopt when there is no such tenant.
Result<std::optional<std::string>> TenantPlan(storage::Conn& conn, const TenantId& tenant);

/// How many stores a tenant has, and how many of them are generating.
struct StoreCounts {
    std::int64_t total = 0;
    std::int64_t generating = 0;
};
Result<StoreCounts> CountStores(storage::Conn& conn, const TenantId& tenant);

/// Inserts a GENERATING store with a provisional slug, the owner's description and its language.
Result<void> InsertStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                         std::string_view provisional_slug, std::string_view description, sitegen::Language language,
                         TimePoint now);

/// A slug for `spec`'s business no other store has: BaseSlug of the name (or of the sector),
/// then -2, -3 … kInternal when a thousand are taken.
Result<std::string> UniqueSlug(storage::Conn& conn, const Store& store, const sitegen::SiteSpec& spec);

/// A GENERATING store's first (or retried) generation: spec, name, sector, language, slug and the
/// level that served it; the store becomes DRAFT and its site_version moves on. Changes nothing
/// when the store is no longer GENERATING.
Result<void> SaveGenerated(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                           const sitegen::SiteSpec& spec, std::string_view slug, std::string_view served_by,
                           TimePoint now);
/// A regenerated copy: the new spec and the level that served it; the site_version moves on.
Result<void> SaveRegenerated(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const sitegen::SiteSpec& spec, std::string_view served_by, TimePoint now);
/// A GENERATING store whose generation failed becomes FAILED with `reason`. False when it was no
/// longer GENERATING.
Result<bool> MarkGenerationFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                  std::string_view reason, TimePoint now);
/// A regeneration failed: the store keeps its status and content and notes `reason`. False when
/// there is no such store.
Result<bool> NoteRegenerationFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                    std::string_view reason, TimePoint now);
/// A FAILED store is GENERATING again (its error cleared).
Result<void> RequeueFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now);
/// The owner's edit: the new spec, its business name and the location; the site_version moves on.
Result<void> SaveDetails(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                         const sitegen::SiteSpec& spec, std::optional<double> latitude, std::optional<double> longitude,
                         TimePoint now);
/// Sets the status (with when it was published; nullopt clears it); the site_version moves on.
Result<void> SetStatus(storage::Conn& conn, const TenantId& tenant, const StoreId& store, StoreStatus status,
                       std::optional<TimePoint> published_at, TimePoint now);
/// Sets (or with nullopt removes) the custom domain; the site_version moves on. kConflict when
/// another store has it.
Result<void> SetCustomDomain(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const std::optional<std::string>& domain, TimePoint now);
/// Notes that the owner shared or copied the store's public link (the first time is kept).
/// kNotFound("Store") when the tenant has no such store.
Result<void> MarkLinkShared(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now);
/// Every store of every tenant left GENERATING, oldest first.
Result<std::vector<std::pair<TenantId, StoreId>>> GeneratingStores(storage::Conn& conn);

/// Sets the store's reorder settings (the inventory page's supplier lead time and review period,
/// days, checked by the caller). kNotFound("Store") when the tenant has no such store.
Result<void> SetReorderDays(storage::Conn& conn, const TenantId& tenant, const StoreId& store, int lead_time_days,
                            int review_days);

/// What a store charges for delivery and the smallest order it takes (paise; 0 = none).
struct DeliveryCharges {
    std::int64_t fee_paise = 0;
    std::int64_t free_above_paise = 0;  ///< 0 = no free-delivery threshold
    std::int64_t min_order_paise = 0;
};
/// The store's delivery charges; kNotFound("Store") when the tenant has no such store.
Result<DeliveryCharges> ReadDeliveryCharges(storage::Conn& conn, const TenantId& tenant, const StoreId& store);
/// Sets them (non-negative, checked by the caller). kNotFound("Store") when the tenant has no such
/// store. The caller also touches the site (customers see the charges).
Result<void> SetDeliveryCharges(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                const DeliveryCharges& charges);

}  // namespace webdpro::stores
