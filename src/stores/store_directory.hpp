#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::stores {

/// Where a store is in its life: GENERATING → DRAFT (or FAILED) → PUBLISHED ⇄ DRAFT. PAID is a
/// DRAFT whose owner paid for a custom domain (set by payments, through this folder).
enum class StoreStatus : std::uint8_t { kGenerating, kDraft, kPaid, kPublished, kFailed };

std::string_view StoreStatusName(StoreStatus status);
std::optional<StoreStatus> ParseStoreStatus(std::string_view name);

/// The few facts every feature needs to reach a store: who owns it, how it is addressed and
/// whether customers may see it. Storefront hosting and order placement resolve a request to
/// one of these before touching anything tenant-owned.
struct StoreRef {
    TenantId tenant_id;
    StoreId store_id;
    std::string slug;
    StoreStatus status = StoreStatus::kGenerating;
    std::string custom_domain{};    ///< "" when none
    std::int64_t site_version = 0;  ///< bumped whenever what the store shows changes
    std::string plan{};             ///< the tenant's plan: FREE | PRO | ENTERPRISE
    std::string language{};         ///< the store's copy language: "en" / "hi"
    bool tenant_suspended = false;  ///< the platform suspended its tenant: not shown, takes no orders

    bool published() const { return status == StoreStatus::kPublished; }
};

/// Finds stores by slug, by custom domain or by id. Read-only; thread-safe.
class StoreDirectory final {
public:
    explicit StoreDirectory(storage::Db& db) : db_(db) {}

    /// The store with this slug (lower-case), or nullopt.
    boost::asio::awaitable<Result<std::optional<StoreRef>>> BySlug(std::string slug);
    /// The store whose custom domain is `host` (lower-case, no port), or nullopt.
    boost::asio::awaitable<Result<std::optional<StoreRef>>> ByDomain(std::string host);
    /// The tenant's store with this id, or nullopt (another tenant's id is "not found").
    boost::asio::awaitable<Result<std::optional<StoreRef>>> ById(TenantId tenant, StoreId store);

    /// The same lookups inside a caller's transaction.
    static Result<std::optional<StoreRef>> BySlug(storage::Conn& conn, std::string_view slug);
    static Result<std::optional<StoreRef>> ById(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

    /// Inside the caller's transaction: bumps the store's site_version (and updated_at) so every
    /// cached rendering of it is stale. Call it with any change customers can see. kNotFound when
    /// the tenant has no such store.
    static Result<void> TouchSite(storage::Conn& conn, const TenantId& tenant, const StoreId& store);

private:
    storage::Db& db_;
};

}  // namespace webdpro::stores
