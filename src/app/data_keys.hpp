#pragma once

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "app/config.hpp"
#include "core/crypto.hpp"
#include "core/secrets.hpp"

namespace webdpro::storage {
class Db;
}

/// The keys that belong to an installation's data: the JWT signing keys, the PII encryption and
/// blind-index keys, the OTP key. A database is only usable with its own keys, so they are loaded,
/// checked against the data, carried by backups and restored together with the database.
namespace webdpro::app {

/// The names of the data keys (the secrets a backup carries).
std::span<const std::string_view> DataKeyNames();

/// Every secret the process reads (the data keys with their development generators, and optional
/// provider credentials from the same sources). `may_generate`: make missing data keys into
/// DATA_DIR/secrets.toml — refused (the error says which variable to set) when false.
Result<Secrets> LoadSecrets(const std::filesystem::path& data_dir, bool may_generate);

/// The PII vault of `secrets`.
Result<PiiVault> MakeVault(const Secrets& secrets);

/// Whether `db` holds any business yet (a fresh database can take freshly generated keys; one that
/// holds data never does).
Result<bool> HoldsData(storage::Db& db);

/// Whether `vault` reads the encrypted columns of `db` (its newest order and delivery agent).
/// kConflict naming what it could not read. Blocking: start-up and the command line only.
Result<void> CheckKeysReadData(storage::Db& db, const PiiVault& vault);

}  // namespace webdpro::app
