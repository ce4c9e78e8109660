#include "stores/store_directory.hpp"

#include <array>

#include "core/time.hpp"
#include "storage/db.hpp"

namespace webdpro::stores {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"GENERATING", "DRAFT", "PAID", "PUBLISHED", "FAILED"};

constexpr std::string_view kSelect = R"(
SELECT s.tenant_id, s.store_id, s.slug, s.status, coalesce(s.custom_domain, '') AS custom_domain, s.site_version,
       t.plan, s.language, t.status AS tenant_status
FROM stores s JOIN tenants t ON t.tenant_id = s.tenant_id
)";

/// kSelect and its WHERE clause. Appended in place: GCC 12 misreads `std::string(...) + "literal"`
/// here (-Warray-bounds).
std::string SelectWhere(std::string_view where) {
    std::string sql(kSelect);
    sql += where;
    return sql;
}

constexpr std::string_view kTouchSite = R"(
UPDATE stores SET site_version = site_version + 1, updated_at = $3 WHERE tenant_id = $1 AND store_id = $2
)";

Result<std::optional<StoreRef>> ToRef(Result<std::optional<storage::Row>> row) {
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<StoreRef>{};
    }
    const storage::Row& r = **row;
    auto tenant = TenantId::Parse(r.Text("tenant_id"));
    auto store = StoreId::Parse(r.Text("store_id"));
    auto status = ParseStoreStatus(r.Text("status"));
    if (!tenant || !store || !status) {
        return Fail(ApiError::Internal("malformed stores row " + r.Text("store_id")));
    }
    return std::optional<StoreRef>(StoreRef{.tenant_id = std::move(*tenant),
                                            .store_id = std::move(*store),
                                            .slug = r.Text("slug"),
                                            .status = *status,
                                            .custom_domain = r.Text("custom_domain"),
                                            .site_version = r.Int("site_version"),
                                            .plan = r.Text("plan"),
                                            .language = r.Text("language"),
                                            .tenant_suspended = r.Text("tenant_status") == "SUSPENDED"});
}

}  // namespace

std::string_view StoreStatusName(StoreStatus status) {
    return kStatusNames[static_cast<std::size_t>(status)];
}

std::optional<StoreStatus> ParseStoreStatus(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == name) {
            return static_cast<StoreStatus>(i);
        }
    }
    return std::nullopt;
}

Result<std::optional<StoreRef>> StoreDirectory::BySlug(storage::Conn& conn, std::string_view slug) {
    return ToRef(conn.QueryOne(SelectWhere("WHERE s.slug = $1"), std::string(slug)));
}

Result<std::optional<StoreRef>> StoreDirectory::ById(storage::Conn& conn, const TenantId& tenant,
                                                     const StoreId& store) {
    return ToRef(conn.QueryOne(SelectWhere("WHERE s.tenant_id = $1 AND s.store_id = $2"), tenant, store));
}

Result<void> StoreDirectory::TouchSite(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto touched = conn.Exec(kTouchSite, tenant, store, UnixMillis(NowUtc()));
    if (!touched) {
        return Fail(std::move(touched.error()));
    }
    if (*touched != 1) {
        return Fail(ApiError::NotFound("Store"));
    }
    return {};
}

boost::asio::awaitable<Result<std::optional<StoreRef>>> StoreDirectory::BySlug(std::string slug) {
    co_return co_await db_.Read<std::optional<StoreRef>>([&](storage::Conn& conn) { return BySlug(conn, slug); });
}

boost::asio::awaitable<Result<std::optional<StoreRef>>> StoreDirectory::ByDomain(std::string host) {
    co_return co_await db_.Read<std::optional<StoreRef>>(
        [&](storage::Conn& conn) { return ToRef(conn.QueryOne(SelectWhere("WHERE s.custom_domain = $1"), host)); });
}

boost::asio::awaitable<Result<std::optional<StoreRef>>> StoreDirectory::ById(TenantId tenant, StoreId store) {
    co_return co_await db_.Read<std::optional<StoreRef>>(
        [&](storage::Conn& conn) { return ById(conn, tenant, store); });
}

}  // namespace webdpro::stores
