#include "app/commerce.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "catalog/catalog_routes.hpp"
#include "catalog/catalog_service.hpp"
#include "events/dispatcher.hpp"
#include "events/event_routes.hpp"
#include "orders/order_consumers.hpp"
#include "orders/order_routes.hpp"
#include "orders/order_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::app {
namespace {

constexpr auto kSweepInterval = std::chrono::minutes(1);

}  // namespace

Commerce::Commerce() = default;

Commerce::~Commerce() {
    Stop();
}

Result<std::unique_ptr<Commerce>> Commerce::Build(storage::Db& db, const PiiVault& vault, auth::SmsSender& sms,
                                                  Logger& logger) {
    std::unique_ptr<Commerce> c(new Commerce());
    c->logger_ = &logger;
    c->directory_ = std::make_unique<stores::StoreDirectory>(db);
    c->catalog_ = std::make_unique<catalog::CatalogService>(db);
    // One node id per process, so leases of a crashed process are recognisable in the outbox.
    // SQLite means one process per data dir: leases found at start-up are a crash's leftovers.
    c->dispatcher_ = std::make_unique<events::Dispatcher>(
        db, logger,
        events::DispatcherOptions{.node_id = "pid-" + std::to_string(::getpid()), .release_leases_on_start = true});
    c->dispatcher_->AddConsumer(orders::AnalyticsConsumer());
    c->dispatcher_->AddConsumer(orders::NotificationsConsumer(db, vault, sms));
    events::Dispatcher* dispatcher = c->dispatcher_.get();
    c->orders_ = std::make_unique<orders::OrderService>(db, vault, orders::OrderOptions{},
                                                        [dispatcher] { dispatcher->Notify(); });
    return c;
}

void Commerce::RegisterRoutes(http::Router& router) {
    catalog::RegisterCatalogRoutes(router, *catalog_);
    orders::RegisterOrderRoutes(router, *orders_, *directory_);
    events::RegisterEventRoutes(router, *dispatcher_);
}

void Commerce::Start() {
    dispatcher_->Start();
    if (!sweeper_.joinable()) {
        stopping_ = false;
        sweeper_ = std::thread([this] { SweepReservations(); });
    }
}

void Commerce::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (sweeper_.joinable()) {
        sweeper_.join();
    }
    if (dispatcher_) {
        dispatcher_->Stop();
    }
}

void Commerce::SweepReservations() {
    while (true) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, kSweepInterval, [this] { return stopping_; })) {
                return;
            }
        }
        // A private io_context on this thread: the sweep never runs on an I/O thread.
        boost::asio::io_context ioc;
        boost::asio::co_spawn(ioc, orders_->ReleaseExpired(NowUtc()), [this](std::exception_ptr, Result<int> released) {
            if (!released) {
                logger_->Warn("reservation sweep failed", {{"reason", released.error().message}});
            } else if (*released > 0) {
                logger_->Info("unpaid orders released", {{"orders", *released}});
            }
        });
        ioc.run();
    }
}

}  // namespace webdpro::app
