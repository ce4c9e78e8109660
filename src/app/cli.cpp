#include "app/cli.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include "ai/rules_generator.hpp"
#include "app/backup.hpp"
#include "app/config.hpp"
#include "app/data_dir.hpp"
#include "app/database.hpp"
#include "app/platform.hpp"
#include "app/version.hpp"
#include "auth/phone.hpp"
#include "auth/policy.hpp"
#include "auth/users.hpp"
#include "core/embedded.hpp"
#include "core/log.hpp"
#include "http/router.hpp"
#include "sitegen/site_spec.hpp"
#include "sitegen/text.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_db.hpp"
#include "storefront/export.hpp"
#include "storefront/render.hpp"
#include "storefront/store_export.hpp"

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
    auto db = OpenDatabase(config, data_dir->path(), 1);
    if (!db) {
        return Report(db.error());
    }
    auto report = storage::Migrate(**db, embedded::migrations::Files());
    (*db)->Close();
    if (!report) {
        return Report(report.error());
    }
    const std::string where = config.storage.engine == "postgres" ? "postgres" : data_dir->database().string();
    std::printf("database %s: version %d -> %d (%zu applied)\n", where.c_str(), report->version_before,
                report->version_after, report->applied.size());
    for (const auto& m : report->applied) {
        std::printf("  applied %04d_%s\n", m.version, m.name.c_str());
    }
    return kExitOk;
}

/// Prints a command's summary, or reports why it refused.
int Outcome(const Result<std::string>& done) {
    if (!done) {
        return Report(done.error());
    }
    std::printf("%s\n", done->c_str());
    return kExitOk;
}

/// Flags of `webdpro export`.
struct ExportFlags {
    std::string slug;
    std::string out;
    std::string canonical_root;
    bool gzip = false;
    bool force = false;
};

/// A store from the database, with its photos, to a folder of static files. Reads only, so it runs
/// beside a serving instance (like backup).
int Export(const Config& config, const ExportFlags& flags) {
    const std::filesystem::path out(flags.out);
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && !flags.force &&
        (!std::filesystem::is_directory(out, ec) || !std::filesystem::is_empty(out, ec))) {
        return Report(ApiError(ErrorCode::kConflict, out.string() + " exists and is not an empty folder; "
                                                                    "use --force to write into it"),
                      kExitUsage);
    }
    const auto database = std::filesystem::path(config.storage.data_dir) / "webdpro.db";
    if (!std::filesystem::exists(database)) {
        return Report(ApiError(ErrorCode::kNotFound, "No database at " + database.string() + "."));
    }
    auto db = storage::SqliteDb::Open(
        {.path = database.string(), .readers = 1, .busy_timeout_ms = config.storage.busy_timeout_ms});
    if (!db) {
        return Report(db.error());
    }
    if (auto status = storage::Status(**db, embedded::migrations::Files()); !status || !status->UpToDate()) {
        (*db)->Close();
        return Report(ApiError(ErrorCode::kUnavailable, "The database is not migrated; run `webdpro migrate` first."));
    }
    auto done =
        storefront::ExportStore(**db, flags.slug, out, {.canonical_root = flags.canonical_root, .gzip = flags.gzip});
    (*db)->Close();
    if (!done) {
        return Report(done.error());
    }
    std::printf("%s: theme %s, %zu products, %zu photos", flags.slug.c_str(), done->theme.c_str(), done->products,
                done->photos);
    if (done->missing_photos > 0) {
        std::printf(" (%zu referenced photos are gone)", done->missing_photos);
    }
    std::printf("\nwrote %zu files (%zu KB) to %s\n", done->files, (done->bytes + 1023) / 1024, out.c_str());
    std::printf("home page: %.1f KB compressed, with its images and script\n",
                static_cast<double>(done->home_page_weight) / 1024.0);
    return kExitOk;
}

/// `METHOD PATTERN`, or with `with_permissions` also the permission tag ("-" when public), its
/// scope (public, any, tenant, platform) and the roles that hold it (comma-separated, "-" when public).
int Routes(bool with_permissions) {
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
                if (!with_permissions) {
                    std::printf("%s %s\n", route.method.c_str(), route.pattern.c_str());
                    continue;
                }
                std::string scope = "public";
                std::string roles = "-";
                if (const auto* rule = auth::Policy::Find(route.permission)) {
                    scope = std::string(auth::ScopeName(rule->scope));
                    roles.clear();
                    for (Role role : rule->roles) {
                        roles += (roles.empty() ? "" : ",") + std::string(RoleName(role));
                    }
                }
                std::printf("%s %s %s %s %s\n", route.method.c_str(), route.pattern.c_str(),
                            route.permission.empty() ? "-" : route.permission.c_str(), scope.c_str(), roles.c_str());
            }
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return code;
}

int CreateSuperAdmin(const Config& config, const std::string& phone_text) {
    auto phone = auth::PhoneNumber::Parse(phone_text);
    if (!phone) {
        return Report(ApiError(ErrorCode::kInvalidArgument,
                               "--phone: '" + phone_text + "' is not an Indian mobile number (10 digits starting 6-9)"),
                      kExitUsage);
    }
    // A running server holds the data-dir lock; the database itself takes concurrent writers, so
    // then use it as it is (the server has migrated it) instead of refusing.
    auto data_dir = DataDir::Acquire(config.storage.data_dir);
    if (!data_dir && data_dir.error().code != ErrorCode::kConflict) {
        return Report(data_dir.error());
    }
    const auto database = std::filesystem::path(config.storage.data_dir) / "webdpro.db";
    auto db = storage::SqliteDb::Open(
        {.path = database.string(), .readers = 1, .busy_timeout_ms = config.storage.busy_timeout_ms});
    if (!db) {
        return Report(db.error());
    }
    if (data_dir) {
        if (auto migrated = storage::Migrate(**db, embedded::migrations::Files()); !migrated) {
            (*db)->Close();
            return Report(migrated.error());
        }
    } else if (auto status = storage::Status(**db, embedded::migrations::Files()); !status || !status->UpToDate()) {
        (*db)->Close();
        return Report(ApiError(ErrorCode::kUnavailable, "The database is not migrated; run `webdpro migrate` first."));
    }
    auth::UserService users(**db);
    auto user = users.MakeSuperAdminSync(*phone);
    (*db)->Close();
    if (!user) {
        return Report(user.error());
    }
    std::printf("%s (%s) is a super admin. They sign in at /login.html with a code sent to that phone.\n",
                user->phone.c_str(), user->id.str().c_str());
    return kExitOk;
}

/// Flags of `webdpro generate`.
struct GenerateFlags {
    std::string description;
    std::string out;
    std::string language = "en";
    std::string theme;
    std::string base_path;
    std::string canonical_root;
    bool spec = false;
    bool gzip = false;
    bool force = false;
};

/// Description → SiteSpec (rule-based level; the AI chain plugs in here later) → site folder or
/// spec JSON. Needs no server, database or network.
int Generate(const GenerateFlags& flags) {
    const auto language = sitegen::LanguageFromCode(flags.language);
    if (!language) {
        return Report(ApiError(ErrorCode::kInvalidArgument, "--language must be en or hi"), kExitUsage);
    }
    if (sitegen::TrimSpace(flags.description).empty()) {
        return Report(ApiError(ErrorCode::kInvalidArgument,
                               "the description is empty: say what the business is, "
                               "e.g. \"Sharma Kirana, fresh vegetables in Jaipur\""),
                      kExitUsage);
    }
    if (flags.spec == !flags.out.empty()) {
        return Report(ApiError(ErrorCode::kInvalidArgument,
                               "give --out DIR to write the store, or --spec to print its SiteSpec JSON"),
                      kExitUsage);
    }
    const sitegen::SiteSpec spec = ai::GenerateRuleBased(flags.description, *language);
    if (flags.spec) {
        std::printf("%s\n", sitegen::ToJson(spec).dump(2).c_str());
        return kExitOk;
    }
    auto renderer = storefront::Renderer::CreateEmbedded();
    if (!renderer) {
        return Report(renderer.error());
    }
    const auto themes = renderer->Themes();
    if (!flags.theme.empty() && std::ranges::find(themes, flags.theme) == themes.end()) {
        std::string known;
        for (const auto& name : themes) {
            known += (known.empty() ? "" : ", ") + name;
        }
        return Report(ApiError(ErrorCode::kInvalidArgument, "--theme must be one of: " + known), kExitUsage);
    }
    const std::filesystem::path out(flags.out);
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && !flags.force &&
        (!std::filesystem::is_directory(out, ec) || !std::filesystem::is_empty(out, ec))) {
        return Report(ApiError(ErrorCode::kConflict, out.string() + " exists and is not an empty folder; "
                                                                    "use --force to write into it"),
                      kExitUsage);
    }
    storefront::RenderOptions options;
    options.base_path = flags.base_path;
    options.canonical_root = flags.canonical_root;
    options.slug = sitegen::Slugify(spec.business_name, sitegen::kMaxSlugChars);
    options.theme = flags.theme;
    options.link_index_files = true;
    auto site = renderer->Render(spec, options);
    if (!site) {
        return Report(site.error(), kExitUsage);
    }
    auto written = storefront::WriteSite(*site, out, flags.gzip);
    if (!written) {
        return Report(written.error());
    }
    std::printf("%s: %s store in %s, theme %s, %zu products\n", spec.business_name.c_str(),
                std::string(sitegen::SectorName(spec.sector)).c_str(),
                std::string(sitegen::LanguageCode(spec.language)).c_str(), site->theme.c_str(), spec.products.size());
    std::printf("wrote %zu files (%zu KB) to %s\n", written->files, (written->bytes + 1023) / 1024, out.c_str());
    std::printf("home page: %.1f KB compressed, with its images and script\n",
                static_cast<double>(storefront::CompressedPageWeight(*site, "index.html")) / 1024.0);
    std::printf("open %s in a browser (the cart and checkout need http://, e.g. python3 -m http.server -d %s)\n",
                (out / "index.html").c_str(), out.c_str());
    return kExitOk;
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

    ConfigFlags backup_config;
    BackupFlags backup_flags;
    auto* backup = app.add_subcommand(
        "backup", "Write an archive of the database and its keys (works while serving); backup verify checks one");
    backup_config.AddTo(*backup, false);
    backup->add_option("--out", backup_flags.out, "archive file to write");
    backup
        ->add_option("--passphrase-file", backup_flags.passphrase.file,
                     "file whose first line seals the keys (else WEBDPRO_BACKUP_PASSPHRASE)")
        ->check(CLI::ExistingFile);
    backup->add_flag("--without-keys", backup_flags.without_keys,
                     "leave the keys out (the archive then restores only where they already are)");
    std::string verify_archive;
    PassphraseFlags verify_passphrase;
    auto* backup_verify =
        backup->add_subcommand("verify", "Check an archive (with the passphrase: also that its keys read its data)");
    backup_verify->add_option("archive", verify_archive, "the archive to check")->required();
    backup_verify
        ->add_option("--passphrase-file", verify_passphrase.file,
                     "file whose first line is the passphrase (else WEBDPRO_BACKUP_PASSPHRASE)")
        ->check(CLI::ExistingFile);

    ConfigFlags restore_config;
    std::string restore_from;
    PassphraseFlags restore_passphrase;
    auto* restore = app.add_subcommand(
        "restore", "Replace the database and keys with an archive's, after checking it (the server must be stopped)");
    restore_config.AddTo(*restore, false);
    restore->add_option("--from", restore_from, "archive to restore")->required()->check(CLI::ExistingFile);
    restore
        ->add_option("--passphrase-file", restore_passphrase.file,
                     "file whose first line is the passphrase (else WEBDPRO_BACKUP_PASSPHRASE)")
        ->check(CLI::ExistingFile);

    bool routes_permissions = false;
    GenerateFlags generate_flags;
    auto* generate = app.add_subcommand("generate", "Generate a store from a one-sentence description (no server)");
    generate
        ->add_option("description", generate_flags.description, "what the business is, in English, Hinglish or Hindi")
        ->required();
    auto* generate_out =
        generate->add_option("--out", generate_flags.out, "write the store's pages and assets to this folder");
    auto* generate_spec =
        generate->add_flag("--spec", generate_flags.spec, "print the SiteSpec JSON to stdout instead of a store");
    generate_spec->excludes(generate_out);
    generate->add_option("--language", generate_flags.language, "store language: en or hi (default en)")
        ->check(CLI::IsMember({"en", "hi"}));
    generate->add_option("--theme", generate_flags.theme, "bazaar, clean or classic (default: by sector)");
    generate->add_option("--base-path", generate_flags.base_path,
                         "where the folder will be served, e.g. /s/my-shop/ (default: relative links only)");
    generate->add_option("--canonical-root", generate_flags.canonical_root,
                         "public URL of the store's home, for canonical links and sitemap.xml");
    generate->add_flag("--gzip", generate_flags.gzip,
                       "also write .gz files beside compressible ones (nginx gzip_static)");
    generate->add_flag("--force", generate_flags.force, "write into a folder that is not empty");

    ConfigFlags export_config;
    ExportFlags export_flags;
    auto* export_store = app.add_subcommand(
        "export", "Write a store as static files with its photos (opens offline; works while serving)");
    export_config.AddTo(*export_store, false);
    export_store->add_option("slug", export_flags.slug, "the store's slug, e.g. sharma-kirana")->required();
    export_store->add_option("--out", export_flags.out, "folder to write the store to")->required();
    export_store->add_option("--canonical-root", export_flags.canonical_root,
                             "public URL the copy will be served from, for canonical links and link previews");
    export_store->add_flag("--gzip", export_flags.gzip, "also write .gz files beside compressible ones");
    export_store->add_flag("--force", export_flags.force, "write into a folder that is not empty");

    auto* routes = app.add_subcommand("routes", "Print the HTTP route table");
    routes->add_flag("--permissions", routes_permissions,
                     "also print each route's permission tag, its scope and the roles holding it");

    ConfigFlags admin_flags;
    std::string admin_phone;
    auto* admin = app.add_subcommand("admin", "Platform administration");
    admin->require_subcommand(1, 1);
    auto* create_super_admin = admin->add_subcommand(
        "create-super-admin", "Make the user with this phone (created if new) the platform's super admin");
    admin_flags.AddTo(*create_super_admin, false);
    create_super_admin->add_option("--phone", admin_phone, "Indian mobile number, e.g. 98123 45678")->required();
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
    if (backup_verify->parsed()) {
        return Outcome(RunBackupVerify(verify_archive, verify_passphrase));
    }
    if (backup->parsed()) {
        if (backup_flags.out.empty()) {
            return Report(ApiError(ErrorCode::kInvalidArgument, "backup: --out FILE is required"), kExitUsage);
        }
        return with_config(backup_config, [&](const Config& c) { return Outcome(RunBackup(c, backup_flags)); });
    }
    if (restore->parsed()) {
        return with_config(restore_config,
                           [&](const Config& c) { return Outcome(RunRestore(c, restore_from, restore_passphrase)); });
    }
    if (export_store->parsed()) {
        return with_config(export_config, [&](const Config& c) { return Export(c, export_flags); });
    }
    if (generate->parsed()) {
        return Generate(generate_flags);
    }
    if (routes->parsed()) {
        return Routes(routes_permissions);
    }
    if (create_super_admin->parsed()) {
        return with_config(admin_flags, [&](const Config& c) { return CreateSuperAdmin(c, admin_phone); });
    }
    if (config->parsed()) {
        return PrintConfigKeys();
    }
    return kExitUsage;
}

}  // namespace webdpro::app
