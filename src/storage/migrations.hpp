#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/awaitable.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "storage/db.hpp"

namespace webdpro::storage {

/// One versioned schema change: the file `<engine>/NNNN_name.sql`.
///
/// Rules for migration files: versions start at 0001 and have no gaps; a file never changes once
/// released (its checksum is recorded); no BEGIN/COMMIT (each file runs in its own transaction);
/// statements are `;`-separated and take no parameters. SQLite cannot switch foreign keys off
/// inside a transaction: a table rebuild uses `PRAGMA defer_foreign_keys = ON` instead, and must
/// leave every reference resolved by the end of the file.
struct Migration {
    int version = 0;
    std::string name;      ///< "init" for 0001_init.sql
    std::string checksum;  ///< "fnv1a64:<16 hex>" of the text with '\r' removed
    std::string_view sql;  ///< points into the file list given to LoadMigrations
};

/// A migration by version and name, for reports.
struct MigrationInfo {
    int version = 0;
    std::string name;
    friend bool operator==(const MigrationInfo&, const MigrationInfo&) = default;
};

/// What Migrate did.
struct MigrationReport {
    int version_before = 0;
    int version_after = 0;
    std::vector<MigrationInfo> applied;  ///< in the order applied
};

/// Where the database stands against this binary's migrations (for /readyz and `webdpro migrate`).
struct MigrationStatus {
    int current_version = 0;  ///< highest applied version (0 = empty database)
    int latest_version = 0;   ///< highest version this binary knows
    std::vector<MigrationInfo> applied;
    std::vector<MigrationInfo> pending;

    bool UpToDate() const { return pending.empty(); }
};

/// The checksum recorded for a migration's text (line endings normalised).
std::string MigrationChecksum(std::string_view sql);

/// Picks `<engine>/NNNN_name.sql` out of `files` (other folders and non-.sql files are ignored)
/// and returns them by version. kInternal when a .sql file there is misnamed or empty, or when
/// versions repeat or have a gap.
Result<std::vector<Migration>> LoadMigrations(std::span<const EmbeddedFile> files, std::string_view engine);

/// Brings the database up to date: creates schema_migrations if needed, checks what is already
/// applied, then applies each pending migration in its own write transaction and records it.
/// Refuses (kInternal, nothing applied) when an applied migration's checksum or name differs from
/// this binary's file, or when the database has migrations this binary does not know (it is newer).
/// A migration that fails is rolled back and stops the run; earlier ones stay applied.
/// Idempotent. Blocking: for start-up and `webdpro migrate`, never on an I/O thread.
/// `files` is normally webdpro::embedded::migrations::Files().
Result<MigrationReport> Migrate(Db& db, std::span<const EmbeddedFile> files);

/// Applied and pending migrations, with the same consistency checks as Migrate, without changing
/// anything. Blocking; see StatusAsync for request handlers.
Result<MigrationStatus> Status(Db& db, std::span<const EmbeddedFile> files);

/// Status through Db::Read, for request handlers such as /readyz.
boost::asio::awaitable<Result<MigrationStatus>> StatusAsync(Db& db, std::span<const EmbeddedFile> files);

}  // namespace webdpro::storage
