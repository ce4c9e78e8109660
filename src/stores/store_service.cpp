#include "stores/store_service.hpp"

#include <algorithm>
#include <future>
#include <thread>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include "ai/site_spec_chain.hpp"
#include "catalog/products.hpp"
#include "core/log.hpp"
#include "core/work_pool.hpp"
#include "sitegen/text.hpp"
#include "storage/db.hpp"
#include "storefront/render.hpp"
#include "stores/slug.hpp"
#include "stores/store_json.hpp"

namespace webdpro::stores {
namespace {

constexpr std::size_t kMinDescriptionChars = 3;
constexpr std::size_t kMaxDescriptionChars = 500;
constexpr int kMaxSlugAttempts = 1000;

constexpr std::string_view kSelectStore = R"(
SELECT s.store_id, s.tenant_id, s.slug, s.status, s.description, s.business_name, s.sector, s.language, s.spec,
       coalesce(s.generation_level, ''), coalesce(s.generation_error, ''), coalesce(s.custom_domain, ''),
       s.site_version, s.published_at, s.created_at, s.updated_at, s.latitude, s.longitude, t.plan
FROM stores s JOIN tenants t ON t.tenant_id = s.tenant_id
)";

constexpr std::string_view kTenantPlan = "SELECT plan FROM tenants WHERE tenant_id = $1";
constexpr std::string_view kCountStores =
    "SELECT count(*), coalesce(sum(status = 'GENERATING'), 0) FROM stores WHERE tenant_id = $1";
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
constexpr std::string_view kGeneratingStores =
    "SELECT tenant_id, store_id FROM stores WHERE status = 'GENERATING' ORDER BY created_at";
constexpr std::string_view kInsertOutbox = R"(
INSERT INTO outbox (event_id, tenant_id, type, payload, status, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, 'PENDING', $5, $5)
)";

Result<Store> StoreFromRow(const storage::Row& r) {
    auto id = StoreId::Parse(r.Text(0));
    auto tenant = TenantId::Parse(r.Text(1));
    auto status = ParseStoreStatus(r.Text(3));
    if (!id || !tenant || !status) {
        return Fail(ApiError::Internal("malformed stores row " + r.Text(0)));
    }
    Store s;
    s.id = std::move(*id);
    s.tenant_id = std::move(*tenant);
    s.slug = r.Text(2);
    s.status = *status;
    s.description = r.Text(4);
    s.business_name = r.Text(5);
    s.sector = r.Text(6);
    s.language = r.Text(7);
    if (auto spec_text = r.OptText(8)) {
        auto spec = sitegen::ParseSiteSpec(*spec_text);
        if (!spec) {
            return Fail(
                ApiError::Internal("stored spec of " + s.id.str() + " does not parse: " + spec.error().message));
        }
        s.spec = std::move(*spec);
    }
    s.generation_level = r.Text(9);
    s.generation_error = r.Text(10);
    s.custom_domain = r.Text(11);
    s.site_version = r.Int(12);
    if (auto published = r.OptInt(13)) {
        s.published_at = FromUnixMillis(*published);
    }
    s.created_at = FromUnixMillis(r.Int(14));
    s.updated_at = FromUnixMillis(r.Int(15));
    s.latitude = r.OptReal(16);
    s.longitude = r.OptReal(17);
    s.plan = r.Text(18);
    return s;
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

Result<void> Checked(Result<std::int64_t> changed) {
    if (!changed) {
        return Fail(std::move(changed.error()));
    }
    return {};
}

Result<void> InsertOutbox(storage::Conn& conn, const TenantId& tenant, std::string_view type,
                          const nlohmann::json& payload, TimePoint now) {
    return Checked(conn.Exec(kInsertOutbox, EventId::New(), tenant, type, payload.dump(), UnixMillis(now)));
}

ai::Plan ChainPlan(std::string_view plan) {
    return plan == "FREE" ? ai::Plan::kFree : ai::Plan::kPro;
}

// The AI chain's request grows fields over time (the ai-config helper adds the store and a copy
// variant); set them when they exist so this file compiles before and after.
template <class R>
void SetOptionalRequestFields(R& request, const StoreId& store, int variant) {
    if constexpr (requires { request.store_id = store; }) {
        request.store_id = store;
    }
    if constexpr (requires { request.variant = variant; }) {
        request.variant = variant;
    }
}

/// The owner's sentence, trimmed and checked.
Result<std::string> CheckDescription(std::string description) {
    const auto length = sitegen::Utf8Length(description);
    if (!length) {
        return Fail(ApiError::Invalid("description", "The description must be valid UTF-8 text."));
    }
    std::string trimmed = sitegen::CleanProse(description);
    const std::size_t chars = sitegen::Utf8Length(trimmed).value_or(0);
    if (chars < kMinDescriptionChars || chars > kMaxDescriptionChars) {
        return Fail(ApiError::Invalid("description", "Describe your business in 3 to 500 characters."));
    }
    return trimmed;
}

bool IsHexColour(std::string_view s) {
    return s.size() == 7 && s[0] == '#' &&
           std::all_of(s.begin() + 1, s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Applies `details` to a copy of the store's spec and location; every bad field is named.
Result<void> ApplyDetails(const StoreDetails& d, sitegen::SiteSpec& spec, std::optional<double>& latitude,
                          std::optional<double>& longitude) {
    std::vector<FieldError> errors;
    auto text = [](const std::optional<std::string>& v, std::string& target) {
        if (v) {
            target = *v;
        }
    };
    text(d.business_name, spec.business_name);
    text(d.tagline, spec.tagline);
    text(d.about, spec.about);
    if (d.theme_name) {
        if (std::find(kOwnerThemes.begin(), kOwnerThemes.end(), *d.theme_name) == kOwnerThemes.end()) {
            errors.push_back({"theme.name", "Choose one of the themes bazaar, clean or classic."});
        } else {
            spec.theme.name = *d.theme_name;
        }
    }
    auto colour = [&](const std::optional<std::string>& v, std::string& target, const char* field) {
        if (!v) {
            return;
        }
        const std::string lower = sitegen::AsciiLower(*v);
        if (!IsHexColour(lower)) {
            errors.push_back({field, "Give the colour as #rrggbb, for example #1a7f37."});
            return;
        }
        target = lower;
    };
    colour(d.primary, spec.theme.primary, "theme.primary");
    colour(d.accent, spec.theme.accent, "theme.accent");
    colour(d.background, spec.theme.background, "theme.background");
    auto phone = [&](const std::optional<std::string>& v, std::string& target, const char* field) {
        if (!v) {
            return;
        }
        if (sitegen::TrimSpace(*v).empty()) {
            target.clear();
            return;
        }
        auto normalized = sitegen::NormalizeIndianMobile(*v);
        if (!normalized) {
            errors.push_back({field, "Enter a 10-digit Indian mobile number."});
            return;
        }
        target = *normalized;
    };
    phone(d.phone, spec.contact.phone, "contact.phone");
    phone(d.whatsapp, spec.contact.whatsapp, "contact.whatsapp");
    text(d.address, spec.contact.address);
    text(d.city, spec.contact.city);
    text(d.hours, spec.contact.hours);
    if (d.latitude) {
        if (*d.latitude && (**d.latitude < -90.0 || **d.latitude > 90.0)) {
            errors.push_back({"latitude", "Latitude must be between -90 and 90."});
        } else {
            latitude = *d.latitude;
        }
    }
    if (d.longitude) {
        if (*d.longitude && (**d.longitude < -180.0 || **d.longitude > 180.0)) {
            errors.push_back({"longitude", "Longitude must be between -180 and 180."});
        } else {
            longitude = *d.longitude;
        }
    }
    for (auto& e : sitegen::Validate(spec)) {
        const bool already =
            std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) { return x.field == e.field; });
        if (!already) {
            errors.push_back(std::move(e));
        }
    }
    if (!errors.empty()) {
        ApiError error(ErrorCode::kInvalidArgument, "Some store details are not valid.");
        error.fields = std::move(errors);
        return Fail(std::move(error));
    }
    return {};
}

/// A unique slug for `name`: BaseSlug, then -2, -3 … until no other store has it.
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

std::string Language(sitegen::Language language) {
    return std::string(sitegen::LanguageCode(language));
}

}  // namespace

bool PlanAllowsCustomDomain(std::string_view plan) {
    return plan == "PRO" || plan == "ENTERPRISE";
}

int StoreLimitForPlan(std::string_view plan) {
    if (plan == "ENTERPRISE") {
        return 100;
    }
    if (plan == "PRO") {
        return 20;
    }
    return 3;
}

sitegen::Language DetectLanguage(std::string_view description) {
    std::size_t devanagari = 0;
    std::size_t latin = 0;
    std::size_t pos = 0;
    while (pos < description.size()) {
        const char32_t cp = sitegen::DecodeUtf8(description, pos);
        if (sitegen::IsDevanagari(cp)) {
            ++devanagari;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            ++latin;
        }
    }
    return devanagari > latin ? sitegen::Language::kHindi : sitegen::Language::kEnglish;
}

Result<std::string> NormalizeCustomDomain(std::string_view host) {
    auto invalid = [] {
        return Fail(ApiError::Invalid("domain",
                                      "Enter a domain name such as shop.example.com, without http:// "
                                      "or a path."));
    };
    std::string name = sitegen::AsciiLower(sitegen::TrimSpace(host));
    if (!name.empty() && name.back() == '.') {
        name.pop_back();
    }
    if (name.empty() || name.size() > 253) {
        return invalid();
    }
    std::vector<std::string_view> labels;
    std::string_view rest = name;
    while (true) {
        const auto dot = rest.find('.');
        labels.push_back(rest.substr(0, dot));
        if (dot == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(dot + 1);
    }
    if (labels.size() < 2) {
        return invalid();
    }
    for (std::string_view label : labels) {
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
            return invalid();
        }
        if (!std::all_of(label.begin(), label.end(),
                         [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })) {
            return invalid();
        }
    }
    const std::string_view tld = labels.back();
    if (std::all_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return invalid();
    }
    return name;
}

Result<std::optional<Store>> LoadStore(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto row = conn.QueryOne(std::string(kSelectStore) + "WHERE s.tenant_id = $1 AND s.store_id = $2", tenant, store);
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

// ---------------------------------------------------------------------------------------------

/// The thread that drives job coroutines: it only awaits (the pool and the database do the work).
struct StoreService::Driver {
    boost::asio::thread_pool thread{1};
};

/// What the blocking part of a job produced.
struct StoreService::Built {
    sitegen::SiteSpec spec;
    std::string served_by;
};

StoreService::StoreService(storage::Db& db, ai::SiteSpecChain& chain, const storefront::Renderer& renderer,
                           WorkPool& pool, GenerationEvents& events, Logger& logger, StoreServiceOptions options)
    : db_(db),
      chain_(chain),
      renderer_(renderer),
      pool_(pool),
      events_(events),
      logger_(logger),
      options_(std::move(options)),
      driver_(std::make_unique<Driver>()) {}

StoreService::~StoreService() {
    Stop();
}

void StoreService::Stop() {
    if (stopping_.exchange(true)) {
        return;
    }
    // Jobs not yet started see stopping_ and leave their store GENERATING for Recover(); running
    // ones finish their step and write their result before the database closes. Job coroutines
    // run only on the driver thread, so once this barrier has run there, none of them can hand
    // the pool new work after it stops.
    std::promise<void> barrier;
    boost::asio::post(driver_->thread, [&barrier] { barrier.set_value(); });
    barrier.get_future().wait();
    pool_.Stop();
    driver_->thread.join();
}

bool StoreService::Reserve() {
    if (queued_.fetch_add(1) >= options_.max_queued) {
        queued_.fetch_sub(1);
        return false;
    }
    return true;
}

void StoreService::Release() {
    queued_.fetch_sub(1);
}

bool StoreService::MarkBusy(const StoreId& store) {
    std::lock_guard lock(busy_mutex_);
    return busy_.insert(store.str()).second;
}

void StoreService::ClearBusy(const StoreId& store) {
    std::lock_guard lock(busy_mutex_);
    busy_.erase(store.str());
}

bool StoreService::IsBusy(const StoreId& store) const {
    std::lock_guard lock(busy_mutex_);
    return busy_.contains(store.str());
}

void StoreService::Enqueue(Job job) {
    events_.Begin(job.store.str());
    boost::asio::co_spawn(driver_->thread, RunJob(std::move(job)), boost::asio::detached);
}

boost::asio::awaitable<Result<Store>> StoreService::Create(TenantId tenant, std::string description,
                                                           std::optional<sitegen::Language> language) {
    auto checked = CheckDescription(std::move(description));
    if (!checked) {
        co_return Fail(std::move(checked.error()));
    }
    const sitegen::Language lang = language.value_or(DetectLanguage(*checked));
    if (stopping_.load() || !Reserve()) {
        ApiError busy(ErrorCode::kUnavailable, "Many stores are being generated right now. Please try again shortly.",
                      "store generation queue is full");
        busy.retry_after_s = options_.busy_retry_after_s;
        co_return Fail(std::move(busy));
    }
    const StoreId id = StoreId::New();
    const TimePoint now = NowUtc();
    const int max_generating = options_.max_generating_per_tenant;
    auto created = co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto plan = conn.QueryOne(kTenantPlan, tenant);
        if (!plan) {
            return Fail(std::move(plan.error()));
        }
        if (!*plan) {
            return Fail(ApiError::NotFound("Tenant"));
        }
        const std::string plan_name = (*plan)->Text(0);
        auto counts = conn.QueryOne(kCountStores, tenant);
        if (!counts) {
            return Fail(std::move(counts.error()));
        }
        const std::int64_t total = (*counts)->Int(0);
        const std::int64_t generating = (*counts)->Int(1);
        if (total >= StoreLimitForPlan(plan_name)) {
            return Fail(ApiError::Conflict("Your " + plan_name + " plan allows " +
                                           std::to_string(StoreLimitForPlan(plan_name)) +
                                           " stores. Upgrade your plan to create more."));
        }
        if (generating >= max_generating) {
            ApiError limited(ErrorCode::kRateLimited,
                             "Two of your stores are being generated. Wait for one to finish, then try again.");
            limited.retry_after_s = 2;
            return Fail(std::move(limited));
        }
        // A provisional slug until the spec names the business.
        const std::string provisional = "new-" + id.str().substr(StoreId::kPrefix.size() + 1);
        if (auto r =
                Checked(conn.Exec(kInsertStore, tenant, id, provisional, *checked, Language(lang), UnixMillis(now)));
            !r) {
            return Fail(std::move(r.error()));
        }
        return RequireStore(conn, tenant, id);
    });
    if (!created) {
        Release();
        co_return created;
    }
    MarkBusy(id);
    Enqueue(Job{.tenant = tenant, .store = id, .kind = JobKind::kGenerate});
    co_return created;
}

boost::asio::awaitable<Result<Store>> StoreService::Get(TenantId tenant, StoreId store) {
    co_return co_await db_.Read([&](storage::Conn& conn) { return RequireStore(conn, tenant, store); });
}

boost::asio::awaitable<Result<std::vector<Store>>> StoreService::List(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Store>> {
        auto rows = conn.Query(
            std::string(kSelectStore) + "WHERE s.tenant_id = $1 ORDER BY s.created_at DESC, s.store_id DESC", tenant);
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
    });
}

boost::asio::awaitable<Result<Store>> StoreService::Retry(TenantId tenant, StoreId store) {
    if (stopping_.load() || !Reserve()) {
        ApiError busy(ErrorCode::kUnavailable, "Many stores are being generated right now. Please try again shortly.",
                      "store generation queue is full");
        busy.retry_after_s = options_.busy_retry_after_s;
        co_return Fail(std::move(busy));
    }
    const TimePoint now = NowUtc();
    const int max_generating = options_.max_generating_per_tenant;
    auto requeued = co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = RequireStore(conn, tenant, store);
        if (!current) {
            return current;
        }
        if (current->status != StoreStatus::kFailed) {
            return Fail(ApiError::Conflict("Only a store whose generation failed can be retried; this one is " +
                                           std::string(StoreStatusName(current->status)) + "."));
        }
        auto counts = conn.QueryOne(kCountStores, tenant);
        if (!counts) {
            return Fail(std::move(counts.error()));
        }
        if ((*counts)->Int(1) >= max_generating) {
            ApiError limited(ErrorCode::kRateLimited,
                             "Two of your stores are being generated. Wait for one to finish, then try again.");
            limited.retry_after_s = 2;
            return Fail(std::move(limited));
        }
        if (auto r = Checked(conn.Exec(kRequeue, tenant, store, UnixMillis(now))); !r) {
            return Fail(std::move(r.error()));
        }
        return RequireStore(conn, tenant, store);
    });
    if (!requeued || !MarkBusy(store)) {
        Release();
        co_return requeued;
    }
    Enqueue(Job{.tenant = tenant, .store = store, .kind = JobKind::kGenerate});
    co_return requeued;
}

boost::asio::awaitable<Result<Store>> StoreService::RegenerateCopy(TenantId tenant, StoreId store) {
    auto current = co_await Get(tenant, store);
    if (!current) {
        co_return current;
    }
    if (!current->spec || current->status == StoreStatus::kGenerating) {
        co_return Fail(ApiError::Conflict("The store has no generated content yet."));
    }
    if (stopping_.load() || !Reserve()) {
        ApiError busy(ErrorCode::kUnavailable, "Many stores are being generated right now. Please try again shortly.",
                      "store generation queue is full");
        busy.retry_after_s = options_.busy_retry_after_s;
        co_return Fail(std::move(busy));
    }
    if (!MarkBusy(store)) {
        Release();
        co_return Fail(ApiError::Conflict("The store's copy is already being rewritten."));
    }
    Enqueue(Job{.tenant = tenant, .store = store, .kind = JobKind::kRegenerate});
    co_return current;
}

boost::asio::awaitable<Result<Store>> StoreService::Mutate(TenantId tenant, StoreId store,
                                                           std::function<Result<void>(storage::Conn&, Store&)> change) {
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = RequireStore(conn, tenant, store);
        if (!current) {
            return current;
        }
        if (auto r = change(conn, *current); !r) {
            return Fail(std::move(r.error()));
        }
        return RequireStore(conn, tenant, store);
    });
}

boost::asio::awaitable<Result<Store>> StoreService::UpdateDetails(TenantId tenant, StoreId store,
                                                                  StoreDetails details) {
    if (IsBusy(store)) {
        co_return Fail(ApiError::Conflict("The store is being generated; edit it when that has finished."));
    }
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (!s.spec) {
            return Fail(ApiError::Conflict("The store has no generated content to edit yet."));
        }
        sitegen::SiteSpec spec = *s.spec;
        std::optional<double> latitude = s.latitude;
        std::optional<double> longitude = s.longitude;
        if (auto applied = ApplyDetails(details, spec, latitude, longitude); !applied) {
            return applied;
        }
        return Checked(conn.Exec(kSaveDetails, tenant, store, sitegen::ToJson(spec).dump(), spec.business_name,
                                 latitude, longitude, UnixMillis(now)));
    });
}

boost::asio::awaitable<Result<Store>> StoreService::Publish(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.status == StoreStatus::kPublished) {
            return {};
        }
        if (s.status != StoreStatus::kDraft && s.status != StoreStatus::kPaid) {
            return Fail(ApiError::Conflict("Only a generated store can be published; this one is " +
                                           std::string(StoreStatusName(s.status)) + "."));
        }
        if (!s.custom_domain.empty() && !PlanAllowsCustomDomain(s.plan)) {
            return Fail(ErrorCode::kPaymentRequired, "A custom domain needs a paid plan");
        }
        if (auto r = Checked(conn.Exec(kSetStatus, tenant, store, "PUBLISHED", UnixMillis(now), UnixMillis(now))); !r) {
            return r;
        }
        return InsertOutbox(conn, tenant, "STORE_PUBLISHED",
                            {{"store_id", store.str()}, {"slug", s.slug}, {"custom_domain", s.custom_domain}}, now);
    });
}

boost::asio::awaitable<Result<Store>> StoreService::Unpublish(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.status == StoreStatus::kDraft || s.status == StoreStatus::kPaid) {
            return {};
        }
        if (s.status != StoreStatus::kPublished) {
            return Fail(ApiError::Conflict("Only a published store can be unpublished; this one is " +
                                           std::string(StoreStatusName(s.status)) + "."));
        }
        return Checked(conn.Exec(kSetStatus, tenant, store, "DRAFT", std::nullopt, UnixMillis(now)));
    });
}

boost::asio::awaitable<Result<Store>> StoreService::SetDomain(TenantId tenant, StoreId store, std::string domain) {
    auto name = NormalizeCustomDomain(domain);
    if (!name) {
        co_return Fail(std::move(name.error()));
    }
    const std::string& base = options_.base_domain;
    if (!base.empty() && (*name == base || name->ends_with("." + base))) {
        co_return Fail(
            ApiError::Invalid("domain", "Your store already lives on " + base + "; enter a domain of your own."));
    }
    const TimePoint now = NowUtc();
    auto result = co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (!PlanAllowsCustomDomain(s.plan)) {
            return Fail(ErrorCode::kPaymentRequired, "A custom domain needs a paid plan");
        }
        if (s.custom_domain == *name) {
            return {};
        }
        return Checked(conn.Exec(kSetDomain, tenant, store, *name, UnixMillis(now)));
    });
    if (!result && result.error().code == ErrorCode::kConflict) {
        co_return Fail(ApiError::Conflict("That domain is already connected to another store."));
    }
    co_return result;
}

boost::asio::awaitable<Result<Store>> StoreService::ClearDomain(TenantId tenant, StoreId store) {
    const TimePoint now = NowUtc();
    co_return co_await Mutate(tenant, store, [&](storage::Conn& conn, Store& s) -> Result<void> {
        if (s.custom_domain.empty()) {
            return {};
        }
        return Checked(conn.Exec(kSetDomain, tenant, store, std::nullopt, UnixMillis(now)));
    });
}

Result<int> StoreService::Recover() {
    auto rows = db_.ReadSync([](storage::Conn& conn) { return conn.Query(kGeneratingStores); });
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    int queued = 0;
    for (const auto& row : *rows) {
        auto tenant = TenantId::Parse(row.Text(0));
        auto store = StoreId::Parse(row.Text(1));
        if (!tenant || !store || !MarkBusy(*store)) {
            continue;
        }
        // Recovery is not refused for a full queue: these stores were accepted before the restart.
        queued_.fetch_add(1);
        Enqueue(Job{.tenant = std::move(*tenant), .store = std::move(*store), .kind = JobKind::kGenerate});
        ++queued;
    }
    if (queued > 0) {
        logger_.Info("store generations resumed after restart", {{"stores", queued}});
    }
    return queued;
}

// ---------------------------------------------------------------------------------------------
// The job
// ---------------------------------------------------------------------------------------------

Result<StoreService::Built> StoreService::BuildSite(const Job& job, const Store& store) {
    const std::string sid = store.id.str();
    const sitegen::Language language = sitegen::LanguageFromCode(store.language).value_or(sitegen::Language::kEnglish);
    ai::SpecRequest request;
    request.tenant_id = store.tenant_id;
    request.plan = ChainPlan(store.plan);
    request.description = store.description;
    request.language = language;
    SetOptionalRequestFields(request, store.id, job.kind == JobKind::kRegenerate ? ++variant_ : 0);
    ai::SpecGeneration generation = chain_.Generate(request);

    nlohmann::json levels = nlohmann::json::array();
    for (const auto& l : generation.levels) {
        levels.push_back({{"level", l.level}, {"outcome", l.outcome}, {"reason", l.reason}});
    }
    Built built{.spec = std::move(generation.spec), .served_by = generation.served_by};
    if (job.kind == JobKind::kRegenerate && store.spec) {
        // New words only: everything the owner may have set or sold stays.
        sitegen::SiteSpec kept = *store.spec;
        kept.tagline = built.spec.tagline;
        kept.about = built.spec.about;
        kept.features = built.spec.features;
        built.spec = std::move(kept);
    }
    events_.Publish(sid, "spec",
                    {{"step", "spec"},
                     {"served_by", built.served_by},
                     {"from_cache", generation.from_cache},
                     {"elapsed_ms", generation.elapsed.count()},
                     {"levels", std::move(levels)},
                     {"business_name", built.spec.business_name},
                     {"sector", sitegen::SectorName(built.spec.sector)}});

    storefront::RenderOptions options;
    const auto themes = renderer_.Themes();
    if (std::find(themes.begin(), themes.end(), built.spec.theme.name) != themes.end()) {
        options.theme = built.spec.theme.name;
    }
    options.gzip_level = 0;  // the storefront compresses what it serves; here we only prove it renders
    auto site = renderer_.Render(built.spec, options);
    if (!site) {
        return Fail(ApiError(ErrorCode::kInternal, "The store's pages could not be built from its details.",
                             "render: " + site.error().message + " " + site.error().detail));
    }
    std::size_t pages = 0;
    std::size_t images = 0;
    for (const auto& [path, file] : site->files) {
        if (path.ends_with(".html")) {
            ++pages;
        } else if (path.ends_with(".svg")) {
            ++images;
        }
    }
    events_.Publish(sid, "code", {{"step", "code"}, {"pages", pages}, {"theme", site->theme}});
    events_.Publish(sid, "images", {{"step", "images"}, {"images", images}, {"source", "generated-svg"}});
    return built;
}

boost::asio::awaitable<Result<Store>> StoreService::Assemble(const Job& job, Built built) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Store> {
        auto current = RequireStore(conn, job.tenant, job.store);
        if (!current) {
            return current;
        }
        const std::string spec_json = sitegen::ToJson(built.spec).dump();
        if (job.kind == JobKind::kRegenerate) {
            if (auto r = Checked(
                    conn.Exec(kSaveRegenerated, job.tenant, job.store, spec_json, built.served_by, UnixMillis(now)));
                !r) {
                return Fail(std::move(r.error()));
            }
            return RequireStore(conn, job.tenant, job.store);
        }
        if (current->status != StoreStatus::kGenerating) {
            return Fail(ApiError(ErrorCode::kConflict, "The store changed while it was being generated.",
                                 "store left GENERATING during its job"));
        }
        auto slug = UniqueSlug(conn, *current, built.spec);
        if (!slug) {
            return Fail(std::move(slug.error()));
        }
        auto saved = conn.Exec(kSaveGenerated, job.tenant, job.store, spec_json, built.spec.business_name,
                               sitegen::SectorName(built.spec.sector), Language(built.spec.language), *slug,
                               built.served_by, UnixMillis(now));
        if (!saved) {
            return Fail(std::move(saved.error()));
        }
        // The catalog is seeded once, with the first spec; a retried store never got one.
        if (!current->spec) {
            auto seeded =
                catalog::SeedFromSpec(conn, job.tenant, job.store, built.spec.products, catalog::kSeedStock, now);
            if (!seeded) {
                return Fail(std::move(seeded.error()));
            }
        }
        if (auto r = InsertOutbox(conn, job.tenant, "STORE_GENERATED",
                                  {{"store_id", job.store.str()},
                                   {"slug", *slug},
                                   {"sector", sitegen::SectorName(built.spec.sector)},
                                   {"generation_level", built.served_by}},
                                  now);
            !r) {
            return Fail(std::move(r.error()));
        }
        return RequireStore(conn, job.tenant, job.store);
    });
}

boost::asio::awaitable<void> StoreService::MarkFailed(const Job& job, std::string reason) {
    const TimePoint now = NowUtc();
    const std::string_view sql = job.kind == JobKind::kGenerate ? kMarkFailed : kNoteRegenerateFailed;
    auto marked = co_await db_.Write([&](storage::Conn& conn) -> Result<bool> {
        auto changed = conn.Exec(sql, job.tenant, job.store, reason, UnixMillis(now));
        if (!changed) {
            return Fail(std::move(changed.error()));
        }
        return *changed > 0;
    });
    if (!marked) {
        logger_.Error("could not record a failed store generation",
                      {{"store_id", job.store.str()}, {"detail", marked.error().detail}});
    }
    events_.Publish(job.store.str(), "failed",
                    {{"step", "failed"},
                     {"store_id", job.store.str()},
                     {"error", reason},
                     {"status", job.kind == JobKind::kGenerate ? "FAILED" : "UNCHANGED"}});
}

boost::asio::awaitable<void> StoreService::RunJob(Job job) {
    struct Finish {
        StoreService& service;
        const StoreId& store;
        ~Finish() {
            service.ClearBusy(store);
            service.Release();
        }
    } finish{*this, job.store};
    std::optional<std::string> failure;
    try {
        failure = co_await RunSteps(job);
    } catch (const std::exception& e) {
        logger_.Error("store generation job threw", {{"store_id", job.store.str()}, {"what", e.what()}});
        failure = "Something went wrong while generating the store. Please retry.";
    }
    if (failure && !stopping_.load()) {
        co_await MarkFailed(job, std::move(*failure));
    }
}

boost::asio::awaitable<std::optional<std::string>> StoreService::RunSteps(const Job& job) {
    auto store = co_await Get(job.tenant, job.store);
    if (!store) {
        logger_.Warn("store generation dropped", {{"store_id", job.store.str()}, {"reason", store.error().message}});
        co_return std::nullopt;
    }
    if (stopping_.load()) {
        co_return std::nullopt;  // left GENERATING: Recover() at the next start picks it up
    }
    // Captures by pointer: the store lives in this frame until the pool answers (g++ 12 mis-moves
    // some by-value captures of lambdas made inside coroutines).
    const Store* snapshot = &*store;
    auto built = co_await pool_.Run([this, &job, snapshot]() -> Result<Built> {
        if (stopping_.load()) {
            return Fail(ErrorCode::kUnavailable, "shutting down");
        }
        return BuildSite(job, *snapshot);
    });
    if (!built && stopping_.load()) {
        co_return std::nullopt;
    }
    if (!built) {
        logger_.Warn("store generation failed", {{"store_id", job.store.str()}, {"detail", built.error().detail}});
        co_return built.error().code == ErrorCode::kUnavailable ? "The generator was too busy. Please retry."
                                                                : "We could not build the store's pages. Please retry.";
    }
    auto assembled = co_await Assemble(job, std::move(*built));
    if (!assembled) {
        logger_.Warn("store assembly failed", {{"store_id", job.store.str()},
                                               {"message", assembled.error().message},
                                               {"detail", assembled.error().detail}});
        co_return "We could not save the generated store. Please retry.";
    }
    const std::size_t products = assembled->spec ? assembled->spec->products.size() : 0;
    events_.Publish(job.store.str(), "assembly",
                    {{"step", "assembly"},
                     {"slug", assembled->slug},
                     {"products", products},
                     {"site_version", assembled->site_version}});
    events_.Publish(job.store.str(), "done", {{"step", "done"}, {"store", StoreJson(*assembled)}});
    co_return std::nullopt;
}

}  // namespace webdpro::stores
