#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace webdpro::storage {

/// A backup archive: one file holding a consistent copy of the database and, sealed under the
/// operator's passphrase, the key material that reads its encrypted columns — so the archive
/// restores by itself onto a machine that has nothing else. Layout:
///
///     WEBDPRO BACKUP 1\n
///     {"created_at_ms":…,"database_bytes":N,"database_sha256":"…","keys":"sealed"|"left_out","keys_bytes":M}\n
///     N bytes: the SQLite database
///     M bytes: the keys (a secrets file's text), SealWithPassphrase, bound to the database's SHA-256
///     sha256 <hex of every byte above>\n
///
/// The trailer catches truncation and bit rot; the database's own checksum is checked again after
/// it is copied out, and binding the keys to it means keys from one archive do not pass for
/// another's.
struct BackupInfo {
    std::int64_t created_at_ms = 0;
    std::uint64_t database_bytes = 0;
    std::string database_sha256;  ///< lowercase hex
    bool has_keys = false;
};

/// What goes into the archive beside the database.
struct BackupKeys {
    std::string secrets_toml;  ///< the key material, as a secrets file's text
    std::string passphrase;    ///< the operator's; at least kMinBackupPassphrase characters
};

inline constexpr std::size_t kMinBackupPassphrase = 12;

/// Writes the archive `out` from `database_file` (a consistent copy, e.g. from
/// SqliteDb::BackupTo), with `keys` sealed in, or left out when nullopt. Written to a temporary
/// name beside `out`, synced, then renamed, so `out` is either complete or absent.
/// kInvalidArgument for a short passphrase; kUnavailable when a file cannot be read or written.
Result<BackupInfo> WriteBackupArchive(const std::filesystem::path& out, const std::filesystem::path& database_file,
                                      const std::optional<BackupKeys>& keys);

/// An archive read and checked.
struct OpenedBackup {
    BackupInfo info;
    Bytes sealed_keys;  ///< empty when the keys were left out
};

/// Checks the archive (header, trailer checksum, the database's checksum) and copies its database
/// to `database_out` (replaced if present; removed again on any failure). kNotFound when `archive`
/// does not exist; kInvalidArgument when it is not a WebDPro backup or is damaged.
Result<OpenedBackup> ReadBackupArchive(const std::filesystem::path& archive, const std::filesystem::path& database_out);

/// The keys' secrets-file text. kInvalidArgument when the archive has none, or for a wrong
/// passphrase.
Result<std::string> OpenBackupKeys(const OpenedBackup& backup, std::string_view passphrase);

}  // namespace webdpro::storage
