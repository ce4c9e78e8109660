#include "storage/migrations.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>

#include "core/time.hpp"

namespace webdpro::storage {
namespace {

constexpr std::string_view kTable = "schema_migrations";
constexpr std::string_view kCreateTableSql = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    checksum   TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
))sql";
/// PostgreSQL's INTEGER is 32 bits: the version table's millisecond time needs BIGINT.
constexpr std::string_view kCreateTablePostgresSql = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    checksum   TEXT   NOT NULL,
    applied_at BIGINT NOT NULL
))sql";
constexpr std::string_view kSelectAppliedSql = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kSelectVersionSql = "SELECT name, checksum FROM schema_migrations WHERE version = $1";
constexpr std::string_view kInsertSql =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";

constexpr std::size_t kVersionDigits = 4;
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

struct AppliedRow {
    int version = 0;
    std::string name;
    std::string checksum;
};

/// "0007_add_coupons".
std::string Label(int version, std::string_view name) {
    std::array<char, 16> digits{};
    std::snprintf(digits.data(), digits.size(), "%04d", version);
    return std::string(digits.data()) + "_" + std::string(name);
}

ApiError SchemaError(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
}

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsBlank(std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

Result<std::vector<AppliedRow>> ReadApplied(Conn& conn) {
    auto rows = conn.Query(kSelectAppliedSql);
    if (!rows) {
        return Fail(std::move(rows.error()));
    }
    std::vector<AppliedRow> applied;
    for (const Row& row : *rows) {
        applied.push_back({static_cast<int>(row.Int(0)), row.Text(1), row.Text(2)});
    }
    return applied;
}

/// Checks what the database has applied against what this binary knows.
Result<MigrationStatus> Compare(const std::vector<AppliedRow>& applied, const std::vector<Migration>& known) {
    MigrationStatus status;
    status.latest_version = known.empty() ? 0 : known.back().version;
    for (std::size_t i = 0; i < applied.size(); ++i) {
        const AppliedRow& row = applied[i];
        if (row.version > status.latest_version) {
            return Fail(SchemaError("The database has migration " + Label(row.version, row.name) +
                                    ", newer than this binary (latest " + std::to_string(status.latest_version) +
                                    "). Run a newer webdpro."));
        }
        if (row.version != static_cast<int>(i) + 1) {
            return Fail(SchemaError("The database's applied migrations skip version " + std::to_string(i + 1) + "."));
        }
        const Migration& file = known[i];
        if (row.name != file.name || row.checksum != file.checksum) {
            return Fail(SchemaError("Migration " + Label(row.version, row.name) +
                                    " was changed after it was applied (recorded " + row.checksum + ", binary has " +
                                    Label(file.version, file.name) + " " + file.checksum + ")."));
        }
        status.applied.push_back({row.version, row.name});
    }
    status.current_version = static_cast<int>(applied.size());
    for (std::size_t i = applied.size(); i < known.size(); ++i) {
        status.pending.push_back({known[i].version, known[i].name});
    }
    return status;
}

Result<MigrationStatus> ReadStatus(Conn& conn, const std::vector<Migration>& known) {
    auto exists = conn.TableExists(kTable);
    if (!exists) {
        return Fail(std::move(exists.error()));
    }
    if (!*exists) {
        return Compare({}, known);
    }
    auto applied = ReadApplied(conn);
    if (!applied) {
        return Fail(std::move(applied.error()));
    }
    return Compare(*applied, known);
}

/// Applies one migration unless it is already there; true when it was applied now.
Result<bool> ApplyOne(Conn& conn, const Migration& migration) {
    auto existing = conn.QueryOne(kSelectVersionSql, migration.version);
    if (!existing) {
        return Fail(std::move(existing.error()));
    }
    if (existing->has_value()) {
        // Applied meanwhile by another process: only make sure it is the same one.
        if ((*existing)->Text(0) != migration.name || (*existing)->Text(1) != migration.checksum) {
            return Fail(SchemaError("Migration " + Label(migration.version, migration.name) +
                                    " was applied concurrently with different contents."));
        }
        return false;
    }
    if (auto ran = conn.ExecScript(migration.sql); !ran) {
        ApiError& cause = ran.error();
        ApiError error(cause.code == ErrorCode::kUnavailable ? ErrorCode::kUnavailable : ErrorCode::kInternal,
                       "Migration " + Label(migration.version, migration.name) + " failed.",
                       cause.message + " " + cause.detail);
        return Fail(std::move(error));
    }
    auto recorded = conn.Exec(kInsertSql, migration.version, migration.name, migration.checksum, UnixMillis(NowUtc()));
    if (!recorded) {
        return Fail(std::move(recorded.error()));
    }
    return true;
}

}  // namespace

std::string MigrationChecksum(std::string_view sql) {
    std::uint64_t hash = kFnvOffset;
    for (char c : sql) {
        if (c == '\r') {
            continue;
        }
        hash ^= static_cast<unsigned char>(c);
        hash *= kFnvPrime;
    }
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(hash));
    return "fnv1a64:" + std::string(hex.data());
}

Result<std::vector<Migration>> LoadMigrations(std::span<const EmbeddedFile> files, std::string_view engine) {
    const std::string folder = std::string(engine) + "/";
    std::vector<Migration> migrations;
    for (const EmbeddedFile& file : files) {
        if (!file.path.starts_with(folder) || !file.path.ends_with(".sql")) {
            continue;
        }
        const std::string_view stem = file.path.substr(folder.size(), file.path.size() - folder.size() - 4);
        const bool well_named =
            stem.size() > kVersionDigits + 1 && stem[kVersionDigits] == '_' &&
            std::all_of(stem.begin(), stem.begin() + kVersionDigits, [](char c) { return c >= '0' && c <= '9'; }) &&
            std::all_of(stem.begin() + kVersionDigits + 1, stem.end(), IsNameChar);
        if (!well_named) {
            return Fail(SchemaError("Migration file " + std::string(file.path) +
                                    " is not named NNNN_name.sql (lowercase name)."));
        }
        int version = 0;
        std::from_chars(stem.data(), stem.data() + kVersionDigits, version);
        if (IsBlank(file.data)) {
            return Fail(SchemaError("Migration file " + std::string(file.path) + " is empty."));
        }
        migrations.push_back(
            {version, std::string(stem.substr(kVersionDigits + 1)), MigrationChecksum(file.data), file.data});
    }
    std::ranges::sort(migrations, {}, &Migration::version);
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            return Fail(SchemaError("Migrations for " + std::string(engine) + " must be numbered 0001, 0002, ... " +
                                    "without gaps or repeats; found " +
                                    Label(migrations[i].version, migrations[i].name) + " at position " +
                                    std::to_string(i + 1) + "."));
        }
    }
    return migrations;
}

Result<MigrationReport> Migrate(Db& db, std::span<const EmbeddedFile> files) {
    auto known = LoadMigrations(files, db.Engine());
    if (!known) {
        return Fail(std::move(known.error()));
    }
    auto status = db.WriteSync([&](Conn& conn) -> Result<MigrationStatus> {
        const std::string_view create = db.Engine() == "postgres" ? kCreateTablePostgresSql : kCreateTableSql;
        if (auto created = conn.ExecScript(create); !created) {
            return Fail(std::move(created.error()));
        }
        return ReadStatus(conn, *known);
    });
    if (!status) {
        return Fail(std::move(status.error()));
    }

    MigrationReport report;
    report.version_before = status->current_version;
    report.version_after = status->current_version;
    for (std::size_t i = static_cast<std::size_t>(status->current_version); i < known->size(); ++i) {
        const Migration& migration = (*known)[i];
        auto applied = db.WriteSync([&](Conn& conn) { return ApplyOne(conn, migration); });
        if (!applied) {
            return Fail(std::move(applied.error()));
        }
        if (*applied) {
            report.applied.push_back({migration.version, migration.name});
        }
        report.version_after = migration.version;
    }
    return report;
}

Result<MigrationStatus> Status(Db& db, std::span<const EmbeddedFile> files) {
    auto known = LoadMigrations(files, db.Engine());
    if (!known) {
        return Fail(std::move(known.error()));
    }
    return db.ReadSync([&](Conn& conn) { return ReadStatus(conn, *known); });
}

boost::asio::awaitable<Result<MigrationStatus>> StatusAsync(Db& db, std::span<const EmbeddedFile> files) {
    auto known = LoadMigrations(files, db.Engine());
    if (!known) {
        co_return Fail(std::move(known.error()));
    }
    co_return co_await db.Read([&](Conn& conn) { return ReadStatus(conn, *known); });
}

}  // namespace webdpro::storage
