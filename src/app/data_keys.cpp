#include "app/data_keys.hpp"

#include <array>

#include "auth/tokens.hpp"
#include "orders/order_repository.hpp"
#include "storage/db.hpp"
#include "tenancy/tenancy_service.hpp"

namespace webdpro::app {
namespace {

// Secret names (WEBDPRO_SECRET_<NAME>). Provider credentials (msg91_authkey, aws_*) are optional
// and checked by MakeSmsSender when their provider is chosen.
constexpr std::string_view kJwtKeys = "jwt_keys";
constexpr std::string_view kPiiKey = "pii_key";
constexpr std::string_view kBlindIndexKey = "blind_index_key";
constexpr std::string_view kOtpKey = "otp_key";
constexpr std::array<std::string_view, 4> kDataKeys = {kJwtKeys, kPiiKey, kBlindIndexKey, kOtpKey};

}  // namespace

std::span<const std::string_view> DataKeyNames() {
    return kDataKeys;
}

Result<Secrets> LoadSecrets(const std::filesystem::path& data_dir, bool may_generate) {
    const std::vector<SecretSpec> specs = {
        {std::string(kJwtKeys), [] { return auth::NewJwtKeySpec(); }},
        {std::string(kPiiKey), [] { return Secrets::NewKey(); }},
        {std::string(kBlindIndexKey), [] { return Secrets::NewKey(); }},
        {std::string(kOtpKey), [] { return Secrets::NewKey(); }},
    };
    return Secrets::Load({.env = ProcessEnvironment(), .data_dir = data_dir, .generate_missing = may_generate}, specs);
}

Result<PiiVault> MakeVault(const Secrets& secrets) {
    auto pii_key = secrets.Key(kPiiKey);
    if (!pii_key) {
        return Fail(pii_key.error());
    }
    auto index_key = secrets.Key(kBlindIndexKey);
    if (!index_key) {
        return Fail(index_key.error());
    }
    return PiiVault::Create(std::move(*pii_key), std::move(*index_key));
}

Result<bool> HoldsData(storage::Db& db) {
    return db.ReadSync([](storage::Conn& conn) { return tenancy::AnyTenant(conn); });
}

Result<void> CheckKeysReadData(storage::Db& db, const PiiVault& vault) {
    auto checked = db.ReadSync([&](storage::Conn& conn) -> Result<bool> {
        if (auto orders = orders::CheckVaultReadsOrders(conn, vault); !orders) {
            return Fail(orders.error());
        }
        if (auto agents = tenancy::CheckVaultReadsMemberships(conn, vault); !agents) {
            return Fail(agents.error());
        }
        return true;
    });
    if (!checked) {
        return Fail(checked.error());
    }
    return {};
}

}  // namespace webdpro::app
