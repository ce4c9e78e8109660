#include "app/cli.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

#include <CLI/CLI.hpp>

#include "app/data_dir.hpp"
#include "app/platform.hpp"
#include "app/version.hpp"
#include "core/config.hpp"
#include "core/embedded.hpp"
#include "core/log.hpp"
#include "http/router.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::app {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

/// Flags every command that reads the configuration accepts.
struct ConfigFlags {
    std::string config_file;
    std::string data_dir;
    std::string listen;
    std::string web_dir;
    std::string log_level;
    std::vector<std::string> sets;

    void AddTo(CLI::App& cmd, bool server_flags) {
        cmd.add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
        cmd.add_option("--data-dir", data_dir, "folder for the database, backups and outbox files (default ./data)");
        if (server_flags) {
            cmd.add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free)");
            cmd.add_option("--web-dir", web_dir, "serve the web app from this folder (development)");
        }
        cmd.add_option("--log-level", log_level, "debug, info, warn or error (default info)");
        cmd.add_option("--set", sets, "override any configuration key: --set server.io_threads=4 (repeatable)");
    }

    /// defaults ← --config file ← WEBDPRO_* environment ← these flags.
    Result<Config> Load() const {
        ConfigSources sources;
        if (!config_file.empty()) {
            sources.file = config_file;
        }
        sources.env = ProcessEnvironment();
        for (const auto& set : sets) {
            const auto eq = set.find('=');
            if (eq == std::string::npos || eq == 0) {
                return Fail(ErrorCode::kInvalidArgument, "config: --set " + set + " must be KEY=VALUE");
            }
            sources.overrides[set.substr(0, eq)] = set.substr(eq + 1);
        }
        auto flag = [&](const std::string& value, const char* key) {
            if (!value.empty()) {
                sources.overrides[key] = value;
            }
        };
        flag(data_dir, "storage.data_dir");
        flag(listen, "server.listen");
        flag(web_dir, "web.dir");
        flag(log_level, "log.level");
        return LoadConfig(sources);
    }
};

std::unique_ptr<Logger> MakeLogger(const Config& config) {
    LogLevel level = LogLevel::kInfo;
    ParseLogLevel(config.log.level, level);
    return std::make_unique<Logger>(2, level);
}

int Report(const ApiError& error, int code = kExitFailure) {
    std::fprintf(stderr, "webdpro: %s%s%s\n", error.message.c_str(), error.detail.empty() ? "" : " — ",
                 error.detail.c_str());
    return code;
}

int Serve(const Config& config) {
    auto logger = MakeLogger(config);
    auto platform = Platform::Build(config, *logger);
    if (!platform) {
        logger->Error("start-up failed", {{"reason", platform.error().message}, {"detail", platform.error().detail}});
        logger->Flush();
        return Report(platform.error());
    }
    return (*platform)->Serve();
}

int Migrate(const Config& config) {
    auto data_dir = DataDir::Acquire(config.storage.data_dir);
    if (!data_dir) {
        return Report(data_dir.error());
    }
    auto db = storage::SqliteDb::Open({.path = data_dir->database().string(), .readers = 1});
    if (!db) {
        return Report(db.error());
    }
    auto report = storage::Migrate(**db, embedded::migrations::Files());
    (*db)->Close();
    if (!report) {
        return Report(report.error());
    }
    std::printf("database %s: version %d -> %d (%zu applied)\n", data_dir->database().c_str(), report->version_before,
                report->version_after, report->applied.size());
    for (const auto& m : report->applied) {
        std::printf("  applied %04d_%s\n", m.version, m.name.c_str());
    }
    return kExitOk;
}

int Backup(const Config& config, const std::string& out) {
    // No data-dir lock: an online backup runs beside a serving instance.
    const auto database = std::filesystem::path(config.storage.data_dir) / "webdpro.db";
    if (!std::filesystem::exists(database)) {
        return Report(ApiError(ErrorCode::kNotFound, "No database at " + database.string() + "."));
    }
    auto db = storage::SqliteDb::Open({.path = database.string(), .readers = 1});
    if (!db) {
        return Report(db.error());
    }
    auto done = (*db)->BackupTo(out);
    (*db)->Close();
    if (!done) {
        return Report(done.error());
    }
    std::printf("backed up %s to %s\n", database.c_str(), out.c_str());
    return kExitOk;
}

int Restore(const Config& config, const std::string& from) {
    auto data_dir = DataDir::Acquire(config.storage.data_dir);
    if (!data_dir) {
        return Report(data_dir.error());
    }
    auto done = storage::SqliteDb::Restore(from, data_dir->database().string(), config.storage.busy_timeout_ms);
    if (!done) {
        return Report(done.error());
    }
    std::printf("restored %s from %s\n", data_dir->database().c_str(), from.c_str());
    return kExitOk;
}

int Routes() {
    // The route table of a fully built platform, on a throwaway data dir.
    std::string pattern = (std::filesystem::temp_directory_path() / "webdpro-routes-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return Report(ApiError::Internal("mkdtemp failed"));
    }
    const std::filesystem::path dir(pattern);
    int code = kExitOk;
    {
        auto config = LoadConfig({});
        config->storage.data_dir = dir.string();
        config->storage.readers = 1;
        Logger logger(2, LogLevel::kWarn);
        auto platform = Platform::Build(*config, logger);
        if (!platform) {
            code = Report(platform.error());
        } else {
            for (const auto& route : (*platform)->router().Routes()) {
                std::printf("%s %s\n", route.method.c_str(), route.pattern.c_str());
            }
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return code;
}

int PrintConfigKeys() {
    std::printf("| key | environment | default | meaning |\n|---|---|---|---|\n");
    for (const auto& key : ConfigKeys()) {
        std::printf("| `%s` | `%s` | `%s` | %s |\n", key.key.c_str(), key.env.c_str(),
                    key.default_value.empty() ? "" : key.default_value.c_str(), key.help.c_str());
    }
    return kExitOk;
}

}  // namespace

int RunCli(int argc, char** argv) {
    CLI::App app{"WebDPro: one sentence to a live online store, and the store's daily work.", "webdpro"};
    app.require_subcommand(1, 1);
    app.set_version_flag("--version", std::string(kVersion));

    ConfigFlags serve_flags;
    auto* serve = app.add_subcommand("serve", "Run the HTTP server until SIGINT/SIGTERM");
    serve_flags.AddTo(*serve, true);

    ConfigFlags migrate_flags;
    auto* migrate = app.add_subcommand("migrate", "Apply database migrations and exit");
    migrate_flags.AddTo(*migrate, false);

    ConfigFlags backup_flags;
    std::string backup_out;
    auto* backup = app.add_subcommand("backup", "Write a consistent copy of the database (works while serving)");
    backup_flags.AddTo(*backup, false);
    backup->add_option("--out", backup_out, "file to write the copy to")->required();

    ConfigFlags restore_flags;
    std::string restore_from;
    auto* restore = app.add_subcommand("restore", "Replace the database with a backup (the server must be stopped)");
    restore_flags.AddTo(*restore, false);
    restore->add_option("--from", restore_from, "backup file to restore")->required()->check(CLI::ExistingFile);

    auto* routes = app.add_subcommand("routes", "Print the HTTP route table");
    auto* config = app.add_subcommand("config", "Print every configuration key, its environment name and default");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    auto with_config = [](const ConfigFlags& flags, auto&& run) -> int {
        auto loaded = flags.Load();
        if (!loaded) {
            return Report(loaded.error(), kExitUsage);
        }
        return run(*loaded);
    };
    if (serve->parsed()) {
        return with_config(serve_flags, [](const Config& c) { return Serve(c); });
    }
    if (migrate->parsed()) {
        return with_config(migrate_flags, [](const Config& c) { return Migrate(c); });
    }
    if (backup->parsed()) {
        return with_config(backup_flags, [&](const Config& c) { return Backup(c, backup_out); });
    }
    if (restore->parsed()) {
        return with_config(restore_flags, [&](const Config& c) { return Restore(c, restore_from); });
    }
    if (routes->parsed()) {
        return Routes();
    }
    if (config->parsed()) {
        return PrintConfigKeys();
    }
    return kExitUsage;
}

}  // namespace webdpro::app
