#pragma once

#include <memory>

#include "app/config.hpp"
#include "core/background_loop.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/time.hpp"
#include "storefront/hosting_routes.hpp"

namespace webdpro::analytics {
class DashboardService;
}
namespace webdpro::auth {
class SmsSender;
}
namespace webdpro::catalog {
class CatalogService;
}
namespace webdpro::delivery {
class DeliveryService;
class TrackingHub;
}  // namespace webdpro::delivery
namespace webdpro::events {
class Dispatcher;
}
namespace webdpro::http {
class Client;
class Router;
}  // namespace webdpro::http
namespace webdpro::inventory {
class InventoryService;
}
namespace webdpro::media {
class PhotoService;
}
namespace webdpro::orders {
class OrderMetrics;
class OrderReports;
class OrderService;
}  // namespace webdpro::orders
namespace webdpro::payments {
class RazorpayApi;
class RazorpayService;
class RazorpayStarter;
class RefundService;
class SettingsService;
class UpiService;
}  // namespace webdpro::payments
namespace webdpro::storage {
class Db;
}
namespace webdpro::stores {
class StoreDirectory;
}
namespace webdpro {
class PiiVault;
class WorkPool;
}  // namespace webdpro

namespace webdpro::app {

/// The owner's catalog (src/catalog), orders and the event outbox (src/orders, src/events), payment and checkout
/// settings (src/payments), riders, deliveries and the cash they collect (src/delivery), the owner's dashboard
/// (src/analytics): the order service, the outbox dispatcher with its consumers (daily sales, dashboard sums, SMS
/// notifications, automatic assignment) and their routes. Start() runs the dispatcher
/// and the background loops (reservation sweep, outbox gauges, Razorpay reconciler); Stop() stops them and must run
/// before the database closes. Must be destroyed after the server and router and before the database, the store
/// directory, the vault, the SMS sender, the outbound HTTP client and the metrics it was built with. Reads [orders],
/// [events] and [payments] of the config; kInvalidArgument when they contradict.
class Commerce final {
public:
    static Result<std::unique_ptr<Commerce>> Build(const Config& config, storage::Db& db,
                                                   stores::StoreDirectory& directory, const PiiVault& vault,
                                                   auth::SmsSender& sms, const http::Client& client, Metrics& metrics,
                                                   Logger& logger);
    ~Commerce();
    Commerce(const Commerce&) = delete;
    Commerce& operator=(const Commerce&) = delete;

    /// /api/stores/{store_id}/products…, /api/stores/{store_id}/inventory, /s/{slug}/api/orders…,
    /// /api/stores/{store_id}/orders, /api/orders/…, /api/admin/events/…, product photos (…/photo, /media/…,
    /// /s/{slug}/media/…).
    void RegisterRoutes(http::Router& router);
    /// The customer's order page without JavaScript: the status of the order its link names.
    storefront::OrderStatusHtml OrderStatusHtml();
    void Start();
    /// Stops the background loops and the dispatcher after the batch in hand. Idempotent.
    void Stop();

private:
    Commerce();
    /// Once a minute: the release of online-payment orders whose stock reservation ran out.
    boost::asio::awaitable<LoopNext> SweepReservations();
    /// Every few seconds: the outbox gauges, read on their loop, never at scrape time on an I/O thread.
    LoopNext RefreshOutboxGauges();
    /// Every few seconds: Razorpay asked about payments not captured and refunds not final whose turn has come.
    boost::asio::awaitable<LoopNext> ReconcileRazorpay();
    /// Every [delivery] track_tidy_interval_s: finished deliveries' tracks thinned, expired ones deleted.
    boost::asio::awaitable<LoopNext> TidyTracks();

    stores::StoreDirectory* directory_ = nullptr;
    std::unique_ptr<catalog::CatalogService> catalog_;
    std::unique_ptr<WorkPool> photo_pool_;  // before photos_: outlives it
    std::unique_ptr<media::PhotoService> photos_;
    std::unique_ptr<WorkPool> forecast_pool_;  // before inventory_: outlives it
    std::unique_ptr<inventory::InventoryService> inventory_;
    std::unique_ptr<events::Dispatcher> dispatcher_;
    std::unique_ptr<orders::OrderService> orders_;
    std::unique_ptr<orders::OrderReports> reports_;
    std::unique_ptr<orders::OrderMetrics> order_metrics_;
    std::unique_ptr<payments::SettingsService> payment_settings_;
    std::unique_ptr<payments::UpiService> upi_;
    std::unique_ptr<WorkPool> razorpay_pool_;  // before razorpay_api_: outlives it
    std::unique_ptr<payments::RazorpayApi> razorpay_api_;
    std::unique_ptr<payments::RazorpayService> razorpay_;
    std::unique_ptr<payments::RazorpayStarter> razorpay_starter_;
    std::unique_ptr<payments::RefundService> refunds_;
    std::unique_ptr<delivery::DeliveryService> deliveries_;
    std::unique_ptr<delivery::TrackingHub> tracking_hub_;
    delivery::DeliveryConfig delivery_config_;
    TimePoint tracks_thinned_from_{};
    std::unique_ptr<analytics::DashboardService> dashboard_;  // after deliveries_: uses it
    storage::Db* db_ = nullptr;
    Logger* logger_ = nullptr;
    std::unique_ptr<BackgroundLoop> sweeper_;
    std::unique_ptr<BackgroundLoop> outbox_gauges_;
    std::unique_ptr<BackgroundLoop> reconciler_;
    std::unique_ptr<BackgroundLoop> track_keeper_;
};

}  // namespace webdpro::app
