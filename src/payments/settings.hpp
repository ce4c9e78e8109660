#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::payments {

/// How a business is paid, as the owner may see it: the secrets themselves never leave the server.
struct PaymentSettingsView {
    std::string upi_vpa;         ///< "" = not set
    std::string upi_payee_name;  ///< set exactly when the VPA is
    std::string razorpay_key_id_last4;
    std::string razorpay_mode;  ///< "test" / "live" from the key id, "" when not set
    bool razorpay_key_id_set = false;
    bool razorpay_key_secret_set = false;
    bool razorpay_webhook_secret_set = false;
    bool upi_supported = false;       ///< the platform can take UPI payments
    bool razorpay_supported = false;  ///< the platform can take Razorpay payments

    bool upi_configured() const { return !upi_vpa.empty(); }
    bool razorpay_configured() const { return razorpay_key_id_set && razorpay_key_secret_set; }
};

/// A change of payment settings. Each field: nullopt = leave as it is, "" = clear it, else set it.
/// The VPA and payee name are set and cleared together.
struct PaymentSettingsChange {
    std::optional<std::string> upi_vpa = std::nullopt;
    std::optional<std::string> upi_payee_name = std::nullopt;
    std::optional<std::string> razorpay_key_id = std::nullopt;
    std::optional<std::string> razorpay_key_secret = std::nullopt;
    std::optional<std::string> razorpay_webhook_secret = std::nullopt;
};

/// What one store's checkout offers (the owner's settings). Limits of 0 mean none.
struct CheckoutSettings {
    bool cod = true;
    bool upi = false;
    bool razorpay = false;
    std::int64_t cod_max_order_paise = 0;
    std::int64_t delivery_fee_paise = 0;
    std::int64_t free_delivery_above_paise = 0;
    std::int64_t min_order_paise = 0;
    int max_units_per_product = 0;
};

/// The settings with what could be switched on now: a method is available when the business's
/// payment settings for it are complete and the checkout can take money that way.
struct CheckoutSettingsView {
    CheckoutSettings settings;
    bool upi_available = false;
    bool razorpay_available = false;
};

/// Which online methods the platform can take money with; a method it cannot is never offered,
/// whatever a business has configured.
struct OnlineMethods {
    bool upi = false;
    bool razorpay = false;
};

/// A business's Razorpay credentials, opened: for the server's own calls and checks, never for an
/// answer. `webhook_secret` is "" when the owner has not set one.
struct RazorpaySecrets {
    std::string key_id;
    std::string key_secret;
    std::string webhook_secret;
};

/// The tenant's Razorpay credentials inside the caller's transaction; nullopt when the key pair is
/// not complete. kInternal when a sealed secret does not open.
Result<std::optional<RazorpaySecrets>> ReadRazorpaySecrets(storage::Conn& conn, const PiiVault& vault,
                                                           const TenantId& tenant);

/// A UPI VPA ("name@bank") lower-cased, or kInvalidArgument naming `field`.
Result<std::string> NormalizeVpa(std::string_view vpa, std::string_view field = "upi_vpa");

/// Payment settings of a business and checkout settings of its stores.
///
/// Secrets are sealed with the PiiVault under a context naming the tenant and the field, so a
/// blob copied to another row does not open. Every method takes the TenantId from the principal;
/// another tenant's store is kNotFound. Changes that customers see (methods, charges) bump the
/// store's site version in the same transaction. Thread-safe; the Db and vault must outlive it.
class SettingsService final {
public:
    SettingsService(storage::Db& db, const PiiVault& vault, OnlineMethods online);

    boost::asio::awaitable<Result<PaymentSettingsView>> PaymentSettings(TenantId tenant);
    /// kInvalidArgument naming every bad field (VPA shape, payee name, key id shape, a payee name
    /// without a VPA); nothing changes then. A cleared method is switched off on every store.
    boost::asio::awaitable<Result<PaymentSettingsView>> UpdatePaymentSettings(TenantId tenant,
                                                                              PaymentSettingsChange change);

    /// kNotFound for a store the tenant does not have.
    boost::asio::awaitable<Result<CheckoutSettingsView>> Checkout(TenantId tenant, StoreId store);
    /// Replaces the store's checkout settings. kInvalidArgument naming every bad field: negative
    /// amounts, a method switched on that is not available, no method left; kNotFound for a store
    /// the tenant does not have.
    boost::asio::awaitable<Result<CheckoutSettingsView>> UpdateCheckout(TenantId tenant, StoreId store,
                                                                        CheckoutSettings settings);

private:
    PaymentSettingsView Supported(PaymentSettingsView view) const;

    storage::Db& db_;
    const PiiVault& vault_;
    OnlineMethods online_;
};

}  // namespace webdpro::payments
