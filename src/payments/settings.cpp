#include "payments/settings.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/money.hpp"
#include "sitegen/text.hpp"
#include "storage/db.hpp"
#include "stores/store_directory.hpp"
#include "stores/store_records.hpp"

namespace webdpro::payments {
namespace {

constexpr std::size_t kMaxVpaChars = 100;
constexpr std::size_t kMaxPayeeChars = 50;
constexpr std::size_t kMaxSecretChars = 200;
constexpr int kMaxUnits = 999;

constexpr std::string_view kReadPaymentSettings = R"(
SELECT upi_vpa, upi_payee_name, razorpay_key_id, razorpay_key_secret_enc, razorpay_webhook_secret_enc
FROM payment_settings WHERE tenant_id = $1
)";

constexpr std::string_view kWritePaymentSettings = R"(
INSERT INTO payment_settings (tenant_id, upi_vpa, upi_payee_name, razorpay_key_id, razorpay_key_secret_enc,
                              razorpay_webhook_secret_enc, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (tenant_id) DO UPDATE SET upi_vpa = $2, upi_payee_name = $3, razorpay_key_id = $4,
    razorpay_key_secret_enc = $5, razorpay_webhook_secret_enc = $6, updated_at = $7
)";

// A method whose settings were cleared is switched off on every store of the tenant (a store with
// only that method falls back to cash on delivery, so some way to pay is always left).
constexpr std::string_view kSwitchOffUpi = R"(
UPDATE checkout_settings SET upi_enabled = 0,
    cod_enabled = CASE WHEN razorpay_enabled = 0 THEN 1 ELSE cod_enabled END, updated_at = $2
WHERE tenant_id = $1 AND upi_enabled = 1
)";
constexpr std::string_view kSwitchOffRazorpay = R"(
UPDATE checkout_settings SET razorpay_enabled = 0,
    cod_enabled = CASE WHEN upi_enabled = 0 THEN 1 ELSE cod_enabled END, updated_at = $2
WHERE tenant_id = $1 AND razorpay_enabled = 1
)";

constexpr std::string_view kTenantStores = R"(
SELECT store_id FROM checkout_settings WHERE tenant_id = $1
)";

constexpr std::string_view kReadCheckout = R"(
SELECT cod_enabled, cod_max_order_paise, upi_enabled, razorpay_enabled, max_units_per_product
FROM checkout_settings WHERE tenant_id = $1 AND store_id = $2
)";

constexpr std::string_view kWriteCheckout = R"(
INSERT INTO checkout_settings (tenant_id, store_id, cod_enabled, cod_max_order_paise, upi_enabled, razorpay_enabled,
                               max_units_per_product, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (tenant_id, store_id) DO UPDATE SET cod_enabled = $3, cod_max_order_paise = $4, upi_enabled = $5,
    razorpay_enabled = $6, max_units_per_product = $7, updated_at = $8
)";

/// The stored row, secrets still sealed.
struct StoredSettings {
    std::optional<std::string> upi_vpa;
    std::optional<std::string> upi_payee_name;
    std::optional<std::string> razorpay_key_id;
    std::optional<Bytes> key_secret_enc;
    std::optional<Bytes> webhook_secret_enc;
};

std::string SecretContext(const TenantId& tenant, std::string_view field) {
    return "payment_settings." + std::string(field) + "|" + tenant.str();
}

Result<StoredSettings> ReadStored(storage::Conn& conn, const TenantId& tenant) {
    auto row = conn.QueryOne(kReadPaymentSettings, tenant);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return StoredSettings{};
    }
    const storage::Row& r = **row;
    return StoredSettings{.upi_vpa = r.OptText("upi_vpa"),
                          .upi_payee_name = r.OptText("upi_payee_name"),
                          .razorpay_key_id = r.OptText("razorpay_key_id"),
                          .key_secret_enc = r.OptBlob("razorpay_key_secret_enc"),
                          .webhook_secret_enc = r.OptBlob("razorpay_webhook_secret_enc")};
}

PaymentSettingsView ViewOf(const StoredSettings& s) {
    PaymentSettingsView view;
    view.upi_vpa = s.upi_vpa.value_or("");
    view.upi_payee_name = s.upi_payee_name.value_or("");
    if (s.razorpay_key_id) {
        const std::string& id = *s.razorpay_key_id;
        view.razorpay_key_id_set = true;
        view.razorpay_key_id_last4 = id.size() >= 4 ? id.substr(id.size() - 4) : id;
        view.razorpay_mode = id.starts_with("rzp_live_") ? "live" : "test";
    }
    view.razorpay_key_secret_set = s.key_secret_enc.has_value();
    view.razorpay_webhook_secret_set = s.webhook_secret_enc.has_value();
    return view;
}

bool HasControl(std::string_view text) {
    return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool PrintableAscii(std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return c > 0x20 && c < 0x7f; });
}

/// "rzp_test_…" / "rzp_live_…" followed by letters and digits.
bool ValidKeyId(std::string_view id) {
    std::string_view rest;
    if (id.starts_with("rzp_test_")) {
        rest = id.substr(9);
    } else if (id.starts_with("rzp_live_")) {
        rest = id.substr(9);
    } else {
        return false;
    }
    return rest.size() >= 8 && rest.size() <= 40 &&
           std::ranges::all_of(rest, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::optional<std::string> Trimmed(const std::optional<std::string>& value) {
    if (!value) {
        return std::nullopt;
    }
    return std::string(sitegen::TrimSpace(*value));
}

/// Bumps the site version of every store with checkout settings (their checkout may have changed).
Result<void> TouchTenantStores(storage::Conn& conn, const TenantId& tenant) {
    auto rows = conn.Query(kTenantStores, tenant);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    for (const auto& row : *rows) {
        auto store = StoreId::Parse(row.Text("store_id"));
        if (!store) {
            continue;
        }
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, *store);
            !touched && touched.error().code != ErrorCode::kNotFound) {
            return Fail(std::move(touched.error()));
        }
    }
    return {};
}

Result<CheckoutSettings> ReadCheckout(storage::Conn& conn, const TenantId& tenant, const StoreId& store) {
    auto charges = stores::ReadDeliveryCharges(conn, tenant, store);
    if (!charges) {
        return Fail(std::move(charges.error()));
    }
    CheckoutSettings settings{.delivery_fee_paise = charges->fee_paise,
                              .free_delivery_above_paise = charges->free_above_paise,
                              .min_order_paise = charges->min_order_paise};
    auto row = conn.QueryOne(kReadCheckout, tenant, store);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (*row) {
        const storage::Row& r = **row;
        settings.cod = r.Bool("cod_enabled");
        settings.cod_max_order_paise = r.Int("cod_max_order_paise");
        settings.upi = r.Bool("upi_enabled");
        settings.razorpay = r.Bool("razorpay_enabled");
        settings.max_units_per_product = static_cast<int>(r.Int("max_units_per_product"));
    }
    return settings;
}

}  // namespace

Result<std::optional<RazorpaySecrets>> ReadRazorpaySecrets(storage::Conn& conn, const PiiVault& vault,
                                                           const TenantId& tenant) {
    auto stored = ReadStored(conn, tenant);
    if (!stored) {
        return Fail(std::move(stored.error()));
    }
    if (!stored->razorpay_key_id || !stored->key_secret_enc) {
        return std::optional<RazorpaySecrets>();
    }
    auto key_secret = vault.Decrypt(*stored->key_secret_enc, SecretContext(tenant, "razorpay_key_secret"));
    if (!key_secret) {
        return Fail(ApiError::Internal("the Razorpay key secret of " + tenant.str() + " does not open"));
    }
    RazorpaySecrets secrets{
        .key_id = *stored->razorpay_key_id, .key_secret = std::move(*key_secret), .webhook_secret = {}};
    if (stored->webhook_secret_enc) {
        auto webhook = vault.Decrypt(*stored->webhook_secret_enc, SecretContext(tenant, "razorpay_webhook_secret"));
        if (!webhook) {
            return Fail(ApiError::Internal("the Razorpay webhook secret of " + tenant.str() + " does not open"));
        }
        secrets.webhook_secret = std::move(*webhook);
    }
    return std::optional<RazorpaySecrets>(std::move(secrets));
}

Result<std::string> NormalizeVpa(std::string_view vpa, std::string_view field) {
    const auto at = vpa.find('@');
    const auto bad = [field] {
        return Fail(ApiError::Invalid(std::string(field), "Enter a UPI ID like yourshop@okaxis."));
    };
    if (vpa.size() > kMaxVpaChars || at == std::string_view::npos || vpa.find('@', at + 1) != std::string_view::npos) {
        return bad();
    }
    const std::string_view user = vpa.substr(0, at);
    const std::string_view handle = vpa.substr(at + 1);
    const bool user_ok =
        user.size() >= 2 && std::ranges::all_of(user, [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
        });
    const bool handle_ok = handle.size() >= 2 && std::isalpha(static_cast<unsigned char>(handle.front())) != 0 &&
                           std::ranges::all_of(handle, [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
                           });
    if (!user_ok || !handle_ok) {
        return bad();
    }
    std::string out(vpa);
    std::ranges::transform(out, out.begin(),
                           [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

SettingsService::SettingsService(storage::Db& db, const PiiVault& vault, OnlineMethods online)
    : db_(db), vault_(vault), online_(online) {}

PaymentSettingsView SettingsService::Supported(PaymentSettingsView view) const {
    view.upi_supported = online_.upi;
    view.razorpay_supported = online_.razorpay;
    return view;
}

boost::asio::awaitable<Result<PaymentSettingsView>> SettingsService::PaymentSettings(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<PaymentSettingsView> {
        auto stored = ReadStored(conn, tenant);
        if (!stored) {
            return Fail(std::move(stored.error()));
        }
        return Supported(ViewOf(*stored));
    });
}

boost::asio::awaitable<Result<PaymentSettingsView>> SettingsService::UpdatePaymentSettings(
    TenantId tenant, PaymentSettingsChange change) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some payment settings are not valid.");
    auto bad = [&invalid](std::string field, std::string message) {
        invalid.fields.push_back({std::move(field), std::move(message)});
    };
    const auto vpa_in = Trimmed(change.upi_vpa);
    const auto payee_in = Trimmed(change.upi_payee_name);
    std::optional<std::string> vpa;
    if (vpa_in && !vpa_in->empty()) {
        if (auto normal = NormalizeVpa(*vpa_in)) {
            vpa = std::move(*normal);
        } else {
            bad("upi_vpa", normal.error().fields.front().message);
        }
    }
    if (payee_in && !payee_in->empty() &&
        (sitegen::Utf8Length(*payee_in).value_or(kMaxPayeeChars + 1) > kMaxPayeeChars || HasControl(*payee_in))) {
        bad("upi_payee_name", "Enter the name your customers see, up to 50 characters.");
    }
    if (vpa_in.has_value() != payee_in.has_value() || (vpa_in && vpa_in->empty() != payee_in->empty())) {
        bad(vpa_in && !vpa_in->empty() ? "upi_payee_name" : "upi_vpa",
            "Set the UPI ID and the payee name together (or clear both).");
    }
    if (change.razorpay_key_id && !change.razorpay_key_id->empty() && !ValidKeyId(*change.razorpay_key_id)) {
        bad("razorpay_key_id", "A Razorpay key id looks like rzp_live_… or rzp_test_….");
    }
    for (auto [value, field] : {std::pair{&change.razorpay_key_secret, "razorpay_key_secret"},
                                std::pair{&change.razorpay_webhook_secret, "razorpay_webhook_secret"}}) {
        if (*value && !(*value)->empty() && ((*value)->size() > kMaxSecretChars || !PrintableAscii(**value))) {
            bad(field, "Paste the secret exactly as Razorpay shows it.");
        }
    }
    if (!invalid.fields.empty()) {
        co_return Fail(std::move(invalid));
    }
    // Sealing happens outside the transaction: the single writer should only write.
    auto seal = [&](const std::optional<std::string>& value, std::string_view field) -> std::optional<Bytes> {
        if (!value || value->empty()) {
            return std::nullopt;
        }
        return vault_.Encrypt(*value, SecretContext(tenant, field));
    };
    const std::optional<Bytes> key_secret = seal(change.razorpay_key_secret, "razorpay_key_secret");
    const std::optional<Bytes> webhook_secret = seal(change.razorpay_webhook_secret, "razorpay_webhook_secret");
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<PaymentSettingsView> {
        auto stored = ReadStored(conn, tenant);
        if (!stored) {
            return Fail(std::move(stored.error()));
        }
        StoredSettings next = *stored;
        if (vpa_in) {
            next.upi_vpa = vpa;
            next.upi_payee_name = payee_in->empty() ? std::nullopt : payee_in;
        }
        if (change.razorpay_key_id) {
            next.razorpay_key_id =
                change.razorpay_key_id->empty() ? std::nullopt : std::optional<std::string>(*change.razorpay_key_id);
        }
        if (change.razorpay_key_secret) {
            next.key_secret_enc = key_secret;
        }
        if (change.razorpay_webhook_secret) {
            next.webhook_secret_enc = webhook_secret;
        }
        auto written = conn.Exec(kWritePaymentSettings, tenant, next.upi_vpa, next.upi_payee_name, next.razorpay_key_id,
                                 next.key_secret_enc, next.webhook_secret_enc, UnixMillis(now));
        if (!written) {
            return Fail(std::move(written.error()));
        }
        const PaymentSettingsView view = Supported(ViewOf(next));
        if (!view.upi_configured()) {
            if (auto off = conn.Exec(kSwitchOffUpi, tenant, UnixMillis(now)); !off) {
                return Fail(std::move(off.error()));
            }
        }
        if (!view.razorpay_configured()) {
            if (auto off = conn.Exec(kSwitchOffRazorpay, tenant, UnixMillis(now)); !off) {
                return Fail(std::move(off.error()));
            }
        }
        // The payee name and the methods show on the stores' pages.
        if (auto touched = TouchTenantStores(conn, tenant); !touched) {
            return Fail(std::move(touched.error()));
        }
        return view;
    });
}

boost::asio::awaitable<Result<CheckoutSettingsView>> SettingsService::Checkout(TenantId tenant, StoreId store) {
    const OnlineMethods online = online_;
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<CheckoutSettingsView> {
        auto settings = ReadCheckout(conn, tenant, store);
        if (!settings) {
            return Fail(std::move(settings.error()));
        }
        auto stored = ReadStored(conn, tenant);
        if (!stored) {
            return Fail(std::move(stored.error()));
        }
        const PaymentSettingsView payment = ViewOf(*stored);
        return CheckoutSettingsView{.settings = *settings,
                                    .upi_available = online.upi && payment.upi_configured(),
                                    .razorpay_available = online.razorpay && payment.razorpay_configured()};
    });
}

boost::asio::awaitable<Result<CheckoutSettingsView>> SettingsService::UpdateCheckout(TenantId tenant, StoreId store,
                                                                                     CheckoutSettings s) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some checkout settings are not valid.");
    auto bad = [&invalid](std::string field, std::string message) {
        invalid.fields.push_back({std::move(field), std::move(message)});
    };
    for (auto [value, field] : {std::pair{s.cod_max_order_paise, "cod_max_order_paise"},
                                std::pair{s.delivery_fee_paise, "delivery_fee_paise"},
                                std::pair{s.free_delivery_above_paise, "free_delivery_above_paise"},
                                std::pair{s.min_order_paise, "min_order_paise"}}) {
        if (value < 0 || value > kMaxOrderValue.value) {
            bad(field, "Enter an amount from ₹0 to ₹1,00,00,000 (0 means none).");
        }
    }
    if (s.max_units_per_product < 0 || s.max_units_per_product > kMaxUnits) {
        bad("max_units_per_product", "Enter a number from 0 to 999 (0 means no limit).");
    }
    if (!s.cod && !s.upi && !s.razorpay) {
        bad("methods", "Leave at least one way to pay switched on.");
    }
    const OnlineMethods online = online_;
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<CheckoutSettingsView> {
        // The store first: another tenant's store is not found, whatever else is wrong.
        if (auto charges = stores::ReadDeliveryCharges(conn, tenant, store); !charges) {
            return Fail(std::move(charges.error()));
        }
        auto stored = ReadStored(conn, tenant);
        if (!stored) {
            return Fail(std::move(stored.error()));
        }
        const PaymentSettingsView payment = ViewOf(*stored);
        const bool upi_available = online.upi && payment.upi_configured();
        const bool razorpay_available = online.razorpay && payment.razorpay_configured();
        ApiError errors = invalid;
        if (s.upi && !upi_available) {
            errors.fields.push_back({"methods.upi", online.upi ? "Add your UPI ID in the payment settings first."
                                                               : "UPI payments are not available yet."});
        }
        if (s.razorpay && !razorpay_available) {
            errors.fields.push_back({"methods.razorpay", online.razorpay
                                                             ? "Add your Razorpay keys in the payment settings first."
                                                             : "Card payments are not available yet."});
        }
        if (!errors.fields.empty()) {
            return Fail(std::move(errors));
        }
        if (auto set = stores::SetDeliveryCharges(conn, tenant, store,
                                                  {.fee_paise = s.delivery_fee_paise,
                                                   .free_above_paise = s.free_delivery_above_paise,
                                                   .min_order_paise = s.min_order_paise});
            !set) {
            return Fail(std::move(set.error()));
        }
        auto written = conn.Exec(kWriteCheckout, tenant, store, s.cod, s.cod_max_order_paise, s.upi, s.razorpay,
                                 static_cast<std::int64_t>(s.max_units_per_product), UnixMillis(now));
        if (!written) {
            return Fail(std::move(written.error()));
        }
        if (auto touched = stores::StoreDirectory::TouchSite(conn, tenant, store); !touched) {
            return Fail(std::move(touched.error()));
        }
        return CheckoutSettingsView{
            .settings = s, .upi_available = upi_available, .razorpay_available = razorpay_available};
    });
}

}  // namespace webdpro::payments
