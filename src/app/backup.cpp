#include "app/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/data_dir.hpp"
#include "app/data_keys.hpp"
#include "core/time.hpp"
#include "storage/backup_archive.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPassphraseEnv = "WEBDPRO_BACKUP_PASSPHRASE";

/// Archives hold the embedded SQLite database; a PostgreSQL installation has its own tools.
Result<void> RequireSqlite(const Config& config) {
    if (config.storage.engine != "sqlite") {
        return Fail(ApiError(ErrorCode::kInvalidArgument,
                             "This installation keeps its data in PostgreSQL: back it up with pg_dump (and keep the "
                             "WEBDPRO_SECRET_* keys with it); webdpro backup and restore work on the embedded "
                             "SQLite database."));
    }
    return {};
}

/// A file removed (with SQLite's -wal and -shm companions) when this goes out of scope.
class TempDatabase {
public:
    explicit TempDatabase(fs::path path) : path_(std::move(path)) { Remove(); }
    ~TempDatabase() { Remove(); }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    const fs::path& path() const { return path_; }

private:
    void Remove() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            fs::remove(path_.string() + suffix, ec);
        }
    }
    fs::path path_;
};

/// Whether `vault` reads the database file at `path`.
Result<void> CheckKeysReadFile(const fs::path& path, const PiiVault& vault) {
    auto db = storage::SqliteDb::Open({.path = path.string(), .readers = 1});
    if (!db) {
        return Fail(db.error());
    }
    auto checked = CheckKeysReadData(**db, vault);
    (*db)->Close();
    return checked;
}

/// Whether `secrets` read the database file at `path`.
Result<void> CheckSecretsReadFile(const fs::path& path, const Secrets& secrets) {
    auto vault = MakeVault(secrets);
    if (!vault) {
        return Fail(vault.error());
    }
    return CheckKeysReadFile(path, *vault);
}

std::string Bytes(std::uint64_t n) {
    char text[32];
    if (n >= 10ULL << 20U) {
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(n) / (1 << 20));
    } else {
        std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(n) / 1024);
    }
    return text;
}

std::string Describe(const storage::BackupInfo& info) {
    return "database " + Bytes(info.database_bytes) + ", sha256 " + info.database_sha256.substr(0, 16) + "…, made " +
           FormatRfc3339(FromUnixMillis(info.created_at_ms));
}

/// Writes DATA_DIR/secrets.toml (0600, synced), keeping a differing earlier one beside it.
Result<std::string> WriteSecretsFile(const fs::path& data_dir, const std::string& text) {
    const fs::path file = data_dir / "secrets.toml";
    std::string kept;
    std::error_code ec;
    if (fs::exists(file, ec)) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream current;
        current << in.rdbuf();
        if (current.str() != text) {
            const fs::path old = data_dir / ("secrets.toml.before-restore-" + std::to_string(UnixMillis(NowUtc())));
            fs::rename(file, old, ec);
            if (ec) {
                return Fail(ApiError::Unavailable("cannot move " + file.string() + " aside: " + ec.message()));
            }
            kept = old.string();
        }
    }
    const fs::path partial = file.string() + ".partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool written = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    written = fd >= 0 && ::fsync(fd) == 0 && written;
    if (fd >= 0) {
        ::close(fd);
    }
    if (!written) {
        fs::remove(partial, ec);
        return Fail(ApiError::Unavailable("cannot write " + file.string()));
    }
    fs::rename(partial, file, ec);
    if (ec) {
        return Fail(ApiError::Unavailable("cannot write " + file.string() + ": " + ec.message()));
    }
    return kept;
}

/// The environment sources that take precedence over DATA_DIR/secrets.toml.
std::vector<std::string> OverridingSources() {
    std::vector<std::string> names;
    for (const auto& [name, value] : ProcessEnvironment()) {
        if (value.empty()) {
            continue;
        }
        if (name == "WEBDPRO_SECRETS_FILE") {
            names.push_back(name);
        }
        for (const auto key : DataKeyNames()) {
            if (name == Secrets::EnvName(key)) {
                names.push_back(name);
            }
        }
    }
    return names;
}

}  // namespace

Result<std::optional<std::string>> PassphraseFlags::Read() const {
    if (!file.empty()) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            return Fail(ApiError(ErrorCode::kInvalidArgument, "Cannot read the passphrase file " + file + "."));
        }
        std::string line;
        std::getline(in, line);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        return std::optional<std::string>(std::move(line));
    }
    const auto env = ProcessEnvironment();
    if (auto it = env.find(std::string(kPassphraseEnv)); it != env.end() && !it->second.empty()) {
        return std::optional<std::string>(it->second);
    }
    return std::optional<std::string>();
}

Result<std::string> RunBackup(const Config& config, const BackupFlags& flags) {
    if (auto sqlite = RequireSqlite(config); !sqlite) {
        return Fail(sqlite.error());
    }
    const fs::path data_dir = config.storage.data_dir;
    const fs::path database = data_dir / "webdpro.db";
    if (!fs::exists(database)) {
        return Fail(ApiError(ErrorCode::kNotFound, "No database at " + database.string() + "."));
    }
    auto passphrase = flags.passphrase.Read();
    if (!passphrase) {
        return Fail(passphrase.error());
    }
    if (!flags.without_keys && !*passphrase) {
        return Fail(ApiError(ErrorCode::kInvalidArgument,
                             "A backup carries the keys that read its data, sealed under a passphrase: give one in " +
                                 std::string(kPassphraseEnv) +
                                 " or with --passphrase-file (or leave the keys out with --without-keys, and keep "
                                 "them safe yourself)."));
    }
    if (flags.without_keys && *passphrase) {
        return Fail(ApiError(ErrorCode::kInvalidArgument, "--without-keys takes no passphrase."));
    }
    auto secrets = LoadSecrets(data_dir, false);
    if (!secrets) {
        return Fail(secrets.error());
    }

    // An online, consistent copy first; the archive is made from it.
    TempDatabase snapshot(flags.out + ".snapshot");
    {
        auto db = storage::SqliteDb::Open({.path = database.string(), .readers = 1});
        if (!db) {
            return Fail(db.error());
        }
        auto copied = (*db)->BackupTo(snapshot.path().string());
        (*db)->Close();
        if (!copied) {
            return Fail(copied.error());
        }
    }
    // Keys that do not read the data would make an archive that cannot be restored.
    if (auto readable = CheckSecretsReadFile(snapshot.path(), *secrets); !readable) {
        return Fail(ApiError(ErrorCode::kConflict, "The keys this command sees do not read the database (" +
                                                       readable.error().message +
                                                       "); run it with the same WEBDPRO_SECRET_* settings as the "
                                                       "server."));
    }
    std::optional<storage::BackupKeys> keys;
    if (!flags.without_keys) {
        keys = storage::BackupKeys{.secrets_toml = secrets->ExportToml(DataKeyNames()), .passphrase = **passphrase};
    }
    auto info = storage::WriteBackupArchive(flags.out, snapshot.path(), keys);
    if (!info) {
        return Fail(info.error());
    }
    if (flags.without_keys) {
        std::fprintf(stderr,
                     "webdpro: WARNING: this backup does NOT contain the keys that read its data (customers' phone "
                     "numbers, tracking links, payment secrets). Without the keys in %s it cannot be restored: "
                     "keep a copy of them somewhere safe.\n",
                     (data_dir / "secrets.toml").c_str());
    }
    return "backed up " + database.string() + " to " + flags.out + " (" + Describe(*info) +
           (flags.without_keys ? ", keys left out)" : ", keys sealed with the passphrase)");
}

Result<std::string> RunBackupVerify(const std::string& archive, const PassphraseFlags& passphrase_flags) {
    auto passphrase = passphrase_flags.Read();
    if (!passphrase) {
        return Fail(passphrase.error());
    }
    TempDatabase extracted(fs::temp_directory_path() / ("webdpro-verify-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(UnixMillis(NowUtc()))));
    auto opened = storage::ReadBackupArchive(archive, extracted.path());
    if (!opened) {
        return Fail(opened.error());
    }
    // The same check a restore makes: SQLite's own integrity check on the copy.
    TempDatabase checked(extracted.path().string() + ".checked");
    if (auto sound = storage::SqliteDb::Restore(extracted.path().string(), checked.path().string()); !sound) {
        return Fail(sound.error());
    }
    std::string keys = "keys left out";
    if (opened->info.has_keys) {
        keys = "keys sealed (not checked: no passphrase given)";
        if (*passphrase) {
            auto text = storage::OpenBackupKeys(*opened, **passphrase);
            if (!text) {
                return Fail(text.error());
            }
            auto secrets = Secrets::FromToml(*text);
            if (!secrets) {
                return Fail(secrets.error());
            }
            if (auto readable = CheckSecretsReadFile(checked.path(), *secrets); !readable) {
                return Fail(ApiError(ErrorCode::kConflict,
                                     "The archive's keys do not read its data: " + readable.error().message + "."));
            }
            keys = "keys open and read the data";
        }
    }
    return archive + ": sound (" + Describe(opened->info) + "; " + keys + ")";
}

Result<std::string> RunRestore(const Config& config, const std::string& archive,
                               const PassphraseFlags& passphrase_flags) {
    if (auto sqlite = RequireSqlite(config); !sqlite) {
        return Fail(sqlite.error());
    }
    auto data_dir = DataDir::Acquire(config.storage.data_dir);
    if (!data_dir) {
        return Fail(data_dir.error());
    }
    auto passphrase = passphrase_flags.Read();
    if (!passphrase) {
        return Fail(passphrase.error());
    }
    TempDatabase extracted(data_dir->path() / "webdpro.db.restoring");
    auto opened = storage::ReadBackupArchive(archive, extracted.path());
    if (!opened) {
        return Fail(opened.error());
    }

    // The keys the restored data will be read with, checked before anything is replaced.
    std::optional<std::string> keys_text;
    Result<Secrets> secrets = Secrets::FromMap({});
    if (opened->info.has_keys) {
        if (!*passphrase) {
            return Fail(ApiError(ErrorCode::kInvalidArgument, "The archive's keys are sealed: give its passphrase in " +
                                                                  std::string(kPassphraseEnv) +
                                                                  " or with --passphrase-file. Nothing was changed."));
        }
        auto text = storage::OpenBackupKeys(*opened, **passphrase);
        if (!text) {
            return Fail(text.error());
        }
        keys_text = *text;
        secrets = Secrets::FromToml(*text);
    } else {
        secrets = LoadSecrets(data_dir->path(), false);
        if (!secrets) {
            return Fail(ApiError(ErrorCode::kInvalidArgument,
                                 "The archive was made without its keys and this data dir has none, so its data "
                                 "could not be read. Put the keys it was made with in place (DATA_DIR/secrets.toml or "
                                 "WEBDPRO_SECRET_*) and restore again. Nothing was changed.",
                                 secrets.error().message));
        }
    }
    if (!secrets) {
        return Fail(secrets.error());
    }
    if (auto readable = CheckSecretsReadFile(extracted.path(), *secrets); !readable) {
        return Fail(ApiError(ErrorCode::kConflict, "The keys do not read the archive's data (" +
                                                       readable.error().message + "). Nothing was changed."));
    }

    const auto database = data_dir->database();
    if (auto done =
            storage::SqliteDb::Restore(extracted.path().string(), database.string(), config.storage.busy_timeout_ms);
        !done) {
        return Fail(done.error());
    }
    std::string summary = "restored " + database.string() + " from " + archive + " (" + Describe(opened->info) + ")";
    if (keys_text) {
        auto kept = WriteSecretsFile(data_dir->path(), *keys_text);
        if (!kept) {
            return Fail(kept.error());
        }
        summary += "; its keys are in " + (data_dir->path() / "secrets.toml").string();
        if (!kept->empty()) {
            summary += " (the earlier file is kept as " + *kept + ")";
        }
        if (const auto overriding = OverridingSources(); !overriding.empty()) {
            std::string names;
            for (const auto& name : overriding) {
                names += (names.empty() ? "" : ", ") + name;
            }
            std::fprintf(stderr,
                         "webdpro: note: %s in this environment take precedence over the restored keys; the server "
                         "refuses to start if they do not read the data.\n",
                         names.c_str());
        }
    }
    return summary;
}

}  // namespace webdpro::app
