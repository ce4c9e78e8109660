#include "stores/store_records.hpp"

#include <nlohmann/json.hpp>

#include "sitegen/text.hpp"
#include "storage/db.hpp"
#include "stores/slug.hpp"

namespace webdpro::stores {
namespace {

constexpr int kMaxSlugAttempts = 1000;

// The tenant's plan comes from the tenants table (a read model of tenancy's).
constexpr std::string_view kSelectStore = R"(
SELECT s.store_id, s.tenant_id, s.slug, s.status, s.description, s.business_name, s.sector, s.language, s.spec,
       coalesce(s.generation_level, '') AS generation_level, coalesce(s.generation_error, '') AS generation_error,
       coalesce(s.custom_domain, '') AS custom_domain, s.site_version, s.published_at, s.created_at, s.updated_at,
       s.latitude, s.longitude, t.plan, s.link_shared_at
FROM stores s JOIN tenants t ON t.tenant_id = s.tenant_id
)";

/// kSelectStore and its WHERE clause. Appended in place: GCC 12 misreads `std::string(...) +
/// "literal"` here (-Warray-bounds).
std::string SelectStoreWhere(std::string_view where) {
    std::string sql(kSelectStore);
    sql += where;
    return sql;
}

constexpr std::string_view kTenantPlan = "SELECT plan FROM tenants WHERE tenant_id = $1";
constexpr std::string_view kCountStores = R"(
SELECT count(*) AS total, coalesce(sum(CASE WHEN status = 'GENERATING' THEN 1 ELSE 0 END), 0) AS generating FROM stores WHERE tenant_id = $1
)";
constexpr std::string_view kInsertStore = R"(
INSERT INTO stores (tenant_id, store_id, slug, status, description, language, created_at, updated_at)
VALUES ($1, $2, $3, 'GENERATING', $4, $5, $6, $6)
)";
constexpr std::string_view kSlugTaken =
    "SELECT 1 FROM stores WHERE slug = $1 AND NOT (tenant_id = $2 AND store_id = $3)";
constexpr std::string_view kSaveGenerated = R"(
UPDATE stores SET spec = $3, business_name = $4, sector = $5, language = $6, slug = $7, generation_level = $8,
                  generation_error = NULL, status = 'DRAFT', site_version = site_version + 1, updated_at = $9
WHERE tenant_id = $1 AND store_id = $2 AND status = 'GENERATING'
)";
constexpr std::string_view kSaveRegenerated = R"(
UPDATE stores SET spec = $3, generation_level = $4, generation_error = NULL, site_version = site_version + 1,
                  updated_at = $5
WHERE tenant_id = $1 AND store_id = $2
)";
constexpr std::string_view kMarkFailed = R"(
UPDATE stores SET status = 'FAILED', generation_error = $3, updated_at = $4
WHERE tenant_id = $1 AND store_id = $2 AND status = 'GENERATING'
)";
constexpr std::string_view kNoteRegenerateFailed =
    "UPDATE stores SET generation_error = $3, updated_at = $4 WHERE tenant_id = $1 AND store_id = $2";
constexpr std::string_view kRequeue = R"(
UPDATE stores SET status = 'GENERATING', generation_error = NULL, updated_at = $3
WHERE tenant_id = $1 AND store_id = $2 AND status = 'FAILED'
)";
constexpr std::string_view kSaveDetails = R"(
UPDATE stores SET spec = $3, business_name = $4, latitude = $5, longitude = $6, site_version = site_version + 1,
                  updated_at = $7
WHERE tenant_id = $1 AND store_id = $2
)";
constexpr std::string_view kSetStatus = R"(
UPDATE stores SET status = $3, published_at = $4, site_version = site_version + 1, updated_at = $5
WHERE tenant_id = $1 AND store_id = $2
)";
constexpr std::string_view kSetDomain = R"(
UPDATE stores SET custom_domain = $3, site_version = site_version + 1, updated_at = $4
WHERE tenant_id = $1 AND store_id = $2
)";
constexpr std::string_view kMarkLinkShared = R"(
UPDATE stores SET link_shared_at = coalesce(link_shared_at, $3) WHERE tenant_id = $1 AND store_id = $2
)";
constexpr std::string_view kGeneratingStores =
    "SELECT tenant_id, store_id FROM stores WHERE status = 'GENERATING' ORDER BY created_at";
constexpr std::string_view kSetReorderDays = R"(
UPDATE stores SET reorder_lead_time_days = $3, reorder_review_days = $4 WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kDeliveryCharges = R"(
SELECT delivery_fee_paise, free_delivery_above_paise, min_order_paise FROM stores WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kSetDeliveryCharges = R"(
UPDATE stores SET delivery_fee_paise = $3, free_delivery_above_paise = $4, min_order_paise = $5
WHERE tenant_id = $1 AND store_id = $2
)";

Result<Store> StoreFromRow(const storage::Row& r) {
    auto id = StoreId::Parse(r.Text("store_id"));
    auto tenant = TenantId::Parse(r.Text("tenant_id"));
    auto status = ParseStoreStatus(r.Text("status"));
    if (!id || !tenant || !status) {
        return Fail(ApiError::Internal("malformed stores row " + r.Text("store_id")));
    }
    Store s;
    s.id = std::move(*id);
    s.tenant_id = std::move(*tenant);
    s.slug = r.Text("slug");
    s.status = *status;
    s.description = r.Text("description");
    s.business_name = r.Text("business_name");
    s.sector = r.Text("sector");
    s.language = r.Text("language");
    if (auto spec_text = r.OptText("spec")) {
        auto spec = sitegen::ParseSiteSpec(*spec_text);
        if (!spec) {
            return Fail(
                ApiError::Internal("stored spec of " + s.id.str() + " does not parse: " + spec.error().message));
        }
        s.spec = std::move(*spec);
    }
    s.generation_level = r.Text("generation_level");
    s.generation_error = r.Text("generation_error");
    s.custom_domain = r.Text("custom_domain");
    s.site_version = r.Int("site_version");
    if (auto published = r.OptInt("published_at")) {
        s.published_at = FromUnixMillis(*published);
    }
    if (auto shared = r.OptInt("link_shared_at")) {
        s.link_shared_at = FromUnixMillis(*shared);
    }
    s.created_at = FromUnixMillis(r.Int("created_at"));
    s.updated_at = FromUnixMillis(r.Int("updated_at"));
    s.latitude = r.OptReal("latitude");
    s.longitude = r.OptReal("longitude");
    s.plan = r.Text("plan");
    return s;
}

Result<void> Checked(Result<std::int64_t> changed) {
    if (!changed) {
        return Fail(std::move(changed.error()));
    }
    return {};
}

std::optional<std::int64_t> Millis(std::optional<TimePoint> at) {
    if (!at) {
        return std::nullopt;
    }
    return UnixMillis(*at);
}

}  // namespace

Result<std::optional<Store>> LoadStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto row = conn.QueryOne(SelectStoreWhere("WHERE s.tenant_id = $1 AND s.store_id = $2"), tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<Store>{};
    }
    auto s = StoreFromRow(**row);
    if (!s) {
        return Fail(std::move(s.error()));
    }
    return std::optional<Store>(std::move(*s));
}

Result<Store> RequireStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto loaded = LoadStore(conn, tenant, store);
    if (!loaded) {
        return Fail(std::move(loaded.error()));
    }
    if (!*loaded) {
        return Fail(ApiError::NotFound("Store"));
    }
    return std::move(**loaded);
}

Result<std::vector<Store>> ListStores(storage::Conn& conn, const TenantId& tenant) {
    auto rows =
        conn.Query(SelectStoreWhere("WHERE s.tenant_id = $1 ORDER BY s.created_at DESC, s.store_id DESC"), tenant);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<Store> out;
    for (const auto& row : *rows) {
        auto s = StoreFromRow(row);
        if (!s) {
            return Fail(std::move(s.error()));
        }
        out.push_back(std::move(*s));
    }
    return out;
}

Result<std::optional<std::string>> TenantPlan(storage::Conn& conn, const TenantId& tenant) {
    auto plan = conn.QueryOne(kTenantPlan, tenant);
    if (!plan) {
        return Fail(std::move(plan.error()));
    }
    if (!*plan) {
        return std::optional<std::string>{};
    }
    return std::optional<std::string>((*plan)->Text("plan"));
}

Result<StoreCounts> CountStores(storage::Conn& conn, const TenantId& tenant) {
    auto counts = conn.QueryOne(kCountStores, tenant);
    if (!counts) {
        return Fail(std::move(counts.error()));
    }
    return StoreCounts{.total = (*counts)->Int("total"), .generating = (*counts)->Int("generating")};
}

Result<void> InsertStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                         std::string_view provisional_slug, std::string_view description, sitegen::Language language,
                         TimePoint now) {
    return Checked(conn.Exec(kInsertStore, tenant, store, provisional_slug, description,
                             sitegen::LanguageCode(language), UnixMillis(now)));
}

Result<std::string> UniqueSlug(storage::Conn& conn, const Store& store, const sitegen::SiteSpec& spec) {
    const std::string base = BaseSlug(spec.business_name, std::string(sitegen::SectorName(spec.sector)) + "-store");
    for (int n = 1; n <= kMaxSlugAttempts; ++n) {
        std::string candidate = WithSuffix(base, n);
        auto taken = conn.QueryOne(kSlugTaken, candidate, store.tenant_id, store.id);
        if (!taken) {
            return Fail(std::move(taken.error()));
        }
        if (!*taken) {
            return candidate;
        }
    }
    return Fail(ApiError::Internal("no free slug for " + base));
}

Result<void> SaveGenerated(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                           const sitegen::SiteSpec& spec, std::string_view slug, std::string_view served_by,
                           TimePoint now) {
    return Checked(conn.Exec(kSaveGenerated, tenant, store, sitegen::ToJson(spec).dump(), spec.business_name,
                             sitegen::SectorName(spec.sector), sitegen::LanguageCode(spec.language), slug, served_by,
                             UnixMillis(now)));
}

Result<void> SaveRegenerated(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const sitegen::SiteSpec& spec, std::string_view served_by, TimePoint now) {
    return Checked(
        conn.Exec(kSaveRegenerated, tenant, store, sitegen::ToJson(spec).dump(), served_by, UnixMillis(now)));
}

Result<bool> MarkGenerationFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                  std::string_view reason, TimePoint now) {
    auto changed = conn.Exec(kMarkFailed, tenant, store, reason, UnixMillis(now));
    if (!changed) {
        return Fail(std::move(changed.error()));
    }
    return *changed > 0;
}

Result<bool> NoteRegenerationFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                    std::string_view reason, TimePoint now) {
    auto changed = conn.Exec(kNoteRegenerateFailed, tenant, store, reason, UnixMillis(now));
    if (!changed) {
        return Fail(std::move(changed.error()));
    }
    return *changed > 0;
}

Result<void> RequeueFailed(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now) {
    return Checked(conn.Exec(kRequeue, tenant, store, UnixMillis(now)));
}

Result<void> SaveDetails(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                         const sitegen::SiteSpec& spec, std::optional<double> latitude, std::optional<double> longitude,
                         TimePoint now) {
    return Checked(conn.Exec(kSaveDetails, tenant, store, sitegen::ToJson(spec).dump(), spec.business_name, latitude,
                             longitude, UnixMillis(now)));
}

Result<void> SetStatus(storage::Conn& conn, const TenantId& tenant, const StoreId& store, StoreStatus status,
                       std::optional<TimePoint> published_at, TimePoint now) {
    return Checked(
        conn.Exec(kSetStatus, tenant, store, StoreStatusName(status), Millis(published_at), UnixMillis(now)));
}

Result<void> SetCustomDomain(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                             const std::optional<std::string>& domain, TimePoint now) {
    return Checked(conn.Exec(kSetDomain, tenant, store, domain, UnixMillis(now)));
}

Result<void> MarkLinkShared(storage::Conn& conn, const TenantId& tenant, const StoreId& store, TimePoint now) {
    auto marked = conn.Exec(kMarkLinkShared, tenant, store, UnixMillis(now));
    if (!marked) {
        return Fail(std::move(marked.error()));
    }
    if (*marked != 1) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

Result<std::vector<std::pair<TenantId, StoreId>>> GeneratingStores(storage::Conn& conn) {
    auto rows = conn.Query(kGeneratingStores);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<std::pair<TenantId, StoreId>> out;
    for (const auto& row : *rows) {
        auto tenant = TenantId::Parse(row.Text("tenant_id"));
        auto store = StoreId::Parse(row.Text("store_id"));
        if (tenant && store) {
            out.emplace_back(std::move(*tenant), std::move(*store));
        }
    }
    return out;
}

Result<void> SetReorderDays(storage::Conn& conn, const TenantId& tenant, const StoreId& store, int lead_time_days,
                            int review_days) {
    auto updated = conn.Exec(kSetReorderDays, tenant, store, lead_time_days, review_days);
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (*updated == 0) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

Result<DeliveryCharges> ReadDeliveryCharges(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto row = conn.QueryOne(kDeliveryCharges, tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Store"));
    }
    return DeliveryCharges{.fee_paise = (*row)->Int("delivery_fee_paise"),
                           .free_above_paise = (*row)->Int("free_delivery_above_paise"),
                           .min_order_paise = (*row)->Int("min_order_paise")};
}

Result<void> SetDeliveryCharges(storage::Conn& conn, const TenantId& tenant, const StoreId& store,
                                const DeliveryCharges& charges) {
    auto updated = conn.Exec(kSetDeliveryCharges, tenant, store, charges.fee_paise, charges.free_above_paise,
                             charges.min_order_paise);
    if (!updated) {
        return Fail(std::move(updated.error()));
    }
    if (*updated == 0) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

}  // namespace webdpro::stores
