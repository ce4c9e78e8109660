#include "app/platform.hpp"

#include <cstdio>

#include <prometheus/gauge.h>

#include "admin/admin_console.hpp"
#include "admin/admin_routes.hpp"
#include "ai/ai_runtime.hpp"
#include "app/accounts.hpp"
#include "app/commerce.hpp"
#include "app/database.hpp"
#include "app/db_metrics.hpp"
#include "app/platform_routes.hpp"
#include "app/storefront.hpp"
#include "app/stores.hpp"
#include "app/version.hpp"
#include "core/embedded.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "storage/migrations.hpp"
#include "storefront/render.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::app {

Platform::Platform(const Config& config, Logger& logger, DataDir data_dir)
    : config_(config), logger_(logger), data_dir_(std::move(data_dir)) {}

Platform::~Platform() {
    StopAll();
}

void Platform::StopAll() {
    // Running generations write their result while the database is still open.
    if (stores_) {
        stores_->Stop();
    }
    // The dispatcher writes to the database and sends SMS: before the SMS threads stop.
    if (commerce_) {
        commerce_->Stop();
    }
    // Outbound SMS calls still in flight finish before the I/O contexts they report to go away.
    if (accounts_) {
        accounts_->Stop();
    }
    if (storefront_) {
        storefront_->Stop();
    }
    if (db_) {
        db_->Close();
    }
}

Result<std::unique_ptr<Platform>> Platform::Build(const Config& config, Logger& logger) {
    auto data_dir = DataDir::Acquire(config.storage.data_dir);
    if (!data_dir) {
        return Fail(data_dir.error());
    }
    std::unique_ptr<Platform> p(new Platform(config, logger, std::move(*data_dir)));

    auto db = OpenDatabase(config, p->data_dir_.path(), config.storage.readers);
    if (!db) {
        return Fail(db.error());
    }
    p->db_ = std::move(*db);
    auto migrated = storage::Migrate(*p->db_, embedded::migrations::Files());
    if (!migrated) {
        return Fail(migrated.error());
    }
    if (!migrated->applied.empty()) {
        logger.Info(
            "migrations applied",
            {{"from", migrated->version_before}, {"to", migrated->version_after}, {"count", migrated->applied.size()}});
    }

    prometheus::BuildGauge()
        .Name("webdpro_build_info")
        .Help("Always 1; labels name the running build.")
        .Register(p->metrics_.registry())
        .Add({{"version", std::string(kVersion)}, {"database", std::string(p->db_->Engine())}})
        .Set(1);
    p->db_metrics_ = std::make_unique<DbMetrics>(*p->db_);
    p->metrics_.AddCollectable(*p->db_metrics_);

    // Built once and shared: outbound HTTP (SMS providers, model APIs), store lookups (catalog,
    // media, orders, hosting) and the theme set (hosting and the builder's site check).
    p->client_ = std::make_unique<http::Client>();
    p->directory_ = std::make_unique<stores::StoreDirectory>(*p->db_);
    auto renderer = storefront::Renderer::CreateEmbedded();
    if (!renderer) {
        return Fail(std::move(renderer.error()));
    }
    p->renderer_ = std::make_unique<storefront::Renderer>(std::move(*renderer));

    auto accounts = Accounts::Build(config, p->data_dir_.path(), *p->db_, *p->client_, p->metrics_, logger);
    if (!accounts) {
        return Fail(accounts.error());
    }
    p->accounts_ = std::move(*accounts);
    auto commerce = Commerce::Build(config, *p->db_, *p->directory_, p->accounts_->vault(), p->accounts_->sms(),
                                    *p->client_, p->metrics_, logger);
    if (!commerce) {
        return Fail(commerce.error());
    }
    p->commerce_ = std::move(*commerce);
    auto storefront = Storefront::Build(config, *p->db_, *p->renderer_, *p->directory_);
    if (!storefront) {
        return Fail(storefront.error());
    }
    p->storefront_ = std::move(*storefront);
    p->storefront_->SetOrderStatusHtml(p->commerce_->OrderStatusHtml());
    // Publishing, unpublishing and domain changes show on this node at once, not after the lookup TTL.
    auto stores = Stores::Build(config, *p->db_, *p->client_, *p->renderer_, p->metrics_, logger, nullptr,
                                [storefront = p->storefront_.get()] { storefront->ForgetStoreLookups(); });
    if (!stores) {
        return Fail(stores.error());
    }
    p->stores_ = std::move(*stores);
    // A suspension, restore or plan change shows on this node's storefront at once.
    p->admin_ = std::make_unique<admin::AdminConsole>(
        *p->db_, p->accounts_->tenancy(), ai::BudgetLimitsFrom(config.ai),
        [storefront = p->storefront_.get()] { storefront->ForgetStoreLookups(); });

    p->web_ = std::make_unique<http::StaticFiles>(
        embedded::web::Files(),
        http::StaticFilesOptions{.dir = config.web.dir, .max_age_s = config.web.cache_max_age_s});
    p->docs_ = std::make_unique<http::StaticFiles>(embedded::docs::Files(), http::StaticFilesOptions{});

    auto options = http::ServerOptions::FromConfig(config.server);
    if (!options) {
        return Fail(options.error());
    }
    options->handle_signals = true;
    p->router_ = std::make_unique<http::Router>();
    p->server_ = std::make_unique<http::Server>(*options, *p->router_, logger, p->metrics_);
    p->RegisterRoutes();
    // After every route: the guard checks each route's permission tag against the policy table.
    if (auto guarded = p->accounts_->InstallGuard(*p->router_); !guarded) {
        return Fail(guarded.error());
    }
    return p;
}

void Platform::RegisterRoutes() {
    probe_ = std::make_unique<PlatformProbe>(PlatformProbe{.db = *db_,
                                                           .metrics = metrics_,
                                                           .docs = *docs_,
                                                           .draining = [this] { return server_->draining(); },
                                                           .metrics_token = accounts_->metrics_token()});
    RegisterPlatformRoutes(*router_, *probe_);
    accounts_->RegisterRoutes(*router_);
    commerce_->RegisterRoutes(*router_);
    storefront_->RegisterRoutes(*router_);
    stores_->RegisterRoutes(*router_);
    admin::RegisterAdminRoutes(*router_, *admin_);
    // Last: the web app answers every GET no other route claims.
    http::RegisterStaticRoutes(*router_, *web_);
}

int Platform::Serve() {
    if (auto started = server_->Start(); !started) {
        logger_.Error("cannot listen", {{"listen", config_.server.listen}, {"reason", started.error().message}});
        logger_.Flush();
        std::fprintf(stderr, "webdpro: cannot listen on %s: %s\n", config_.server.listen.c_str(),
                     started.error().message.c_str());
        return 1;
    }
    std::string host;
    std::uint16_t configured_port = 0;
    ParseListen(config_.server.listen, host, configured_port);
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const std::string url = "http://" + shown_host + ":" + std::to_string(server_->port());
    logger_.Info("listening", {{"url", url},
                               {"port", server_->port()},
                               {"data_dir", data_dir_.path().string()},
                               {"version", std::string(kVersion)}});
    std::printf("WebDPro %s is running at %s (data in %s). Press Ctrl+C to stop.\n", std::string(kVersion).c_str(),
                url.c_str(), data_dir_.path().c_str());
    std::fflush(stdout);

    commerce_->Start();
    accounts_->Start();
    stores_->Recover();  // stores a restart left GENERATING are queued again
    server_->Run();

    StopAll();
    logger_.Info("stopped");
    logger_.Flush();
    return 0;
}

}  // namespace webdpro::app
