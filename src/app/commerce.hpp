#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "core/log.hpp"

namespace webdpro::auth {
class SmsSender;
}
namespace webdpro::catalog {
class CatalogService;
}
namespace webdpro::events {
class Dispatcher;
}
namespace webdpro::http {
class Router;
}
namespace webdpro::orders {
class OrderService;
}
namespace webdpro::storage {
class Db;
}
namespace webdpro::stores {
class StoreDirectory;
}
namespace webdpro {
class PiiVault;
}

namespace webdpro::app {

/// The owner's catalog (src/catalog), orders and the event outbox (src/orders, src/events): the order service, the
/// outbox dispatcher with its consumers (analytics, SMS notifications) and their routes. Start() runs the dispatcher
/// and the reservation sweeper on their own threads; Stop() joins them and must run before the database closes. Must be
/// destroyed after the server and router and before the database, the vault and the SMS sender it was built with.
class Commerce final {
public:
    static Result<std::unique_ptr<Commerce>> Build(storage::Db& db, const PiiVault& vault, auth::SmsSender& sms,
                                                   Logger& logger);
    ~Commerce();
    Commerce(const Commerce&) = delete;
    Commerce& operator=(const Commerce&) = delete;

    /// /api/stores/{store_id}/products…, /s/{slug}/api/orders…, /api/stores/{store_id}/orders, /api/orders/…,
    /// /api/admin/events/….
    void RegisterRoutes(http::Router& router);
    void Start();
    /// Stops the dispatcher after the batch in hand. Idempotent.
    void Stop();

private:
    Commerce();
    /// Once a minute: cancels online-payment orders whose stock reservation ran out.
    void SweepReservations();

    std::unique_ptr<stores::StoreDirectory> directory_;
    std::unique_ptr<catalog::CatalogService> catalog_;
    std::unique_ptr<events::Dispatcher> dispatcher_;
    std::unique_ptr<orders::OrderService> orders_;
    Logger* logger_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread sweeper_;
};

}  // namespace webdpro::app
