#include "app/commerce.hpp"

#include <unistd.h>

#include "analytics/dashboard_consumer.hpp"
#include "analytics/dashboard_routes.hpp"
#include "analytics/dashboard_service.hpp"
#include "catalog/catalog_routes.hpp"
#include "catalog/catalog_service.hpp"
#include "core/work_pool.hpp"
#include "delivery/delivery_routes.hpp"
#include "delivery/delivery_service.hpp"
#include "delivery/tracking_hub.hpp"
#include "delivery/tracking_page.hpp"
#include "events/dispatcher.hpp"
#include "events/event_routes.hpp"
#include "events/outbox.hpp"
#include "inventory/inventory_routes.hpp"
#include "media/photo_routes.hpp"
#include "media/photos.hpp"
#include "orders/order_consumers.hpp"
#include "orders/order_metrics.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_routes.hpp"
#include "orders/order_service.hpp"
#include "payments/payment_routes.hpp"
#include "payments/razorpay.hpp"
#include "payments/razorpay_routes.hpp"
#include "payments/razorpay_service.hpp"
#include "payments/refund_routes.hpp"
#include "payments/refund_service.hpp"
#include "payments/settings.hpp"
#include "payments/upi_routes.hpp"
#include "payments/upi_service.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::app {
namespace {

constexpr auto kSweepInterval = std::chrono::minutes(1);
// Photo decoding is CPU-bound and takes tens of MB a job: a small pool, and a short queue that
// answers 503 rather than piling up uploads.
constexpr int kPhotoThreads = 2;
constexpr std::size_t kPhotoMaxPending = 8;
// Forecasting a 500-product store is a few tens of ms of CPU (bench/forecast): one thread, and a
// queue that answers 503 rather than letting page loads pile up.
constexpr int kForecastThreads = 1;
constexpr std::size_t kForecastMaxPending = 16;
constexpr auto kGaugeInterval = std::chrono::seconds(10);
// Calls to Razorpay wait on the network, not the CPU: a few threads, and a queue that answers
// 503 rather than letting checkouts pile up behind a slow provider.
constexpr int kRazorpayThreads = 4;
constexpr std::size_t kRazorpayMaxPending = 64;

}  // namespace

Commerce::Commerce() = default;

Commerce::~Commerce() {
    Stop();
}

Result<std::unique_ptr<Commerce>> Commerce::Build(const Config& config, storage::Db& db,
                                                  stores::StoreDirectory& directory, const PiiVault& vault,
                                                  auth::SmsSender& sms, const http::Client& client, Metrics& metrics,
                                                  Logger& logger) {
    const events::EventsConfig& events = config.events;
    if (events.backoff_max_ms < events.backoff_base_ms) {
        return Fail(
            ApiError(ErrorCode::kInvalidArgument, "events.backoff_max_ms must not be below events.backoff_base_ms (" +
                                                      std::to_string(events.backoff_base_ms) + ")."));
    }
    std::unique_ptr<Commerce> c(new Commerce());
    c->db_ = &db;
    c->logger_ = &logger;
    c->directory_ = &directory;
    c->catalog_ = std::make_unique<catalog::CatalogService>(db);
    c->photo_pool_ = std::make_unique<WorkPool>("photos", kPhotoThreads, kPhotoMaxPending);
    c->photos_ = std::make_unique<media::PhotoService>(db, *c->photo_pool_);
    c->forecast_pool_ = std::make_unique<WorkPool>("forecast", kForecastThreads, kForecastMaxPending);
    c->inventory_ = std::make_unique<inventory::InventoryService>(db, *c->forecast_pool_);
    // One node id per process, so leases of a crashed process are recognisable in the outbox.
    // SQLite means one process per data dir: leases found at start-up are a crash's leftovers.
    c->dispatcher_ = std::make_unique<events::Dispatcher>(
        db, logger,
        events::DispatcherOptions{.node_id = "pid-" + std::to_string(::getpid()),
                                  .batch_size = events.batch_size,
                                  .poll_interval = std::chrono::milliseconds(events.poll_interval_ms),
                                  .max_attempts = events.max_attempts,
                                  .backoff_base = std::chrono::milliseconds(events.backoff_base_ms),
                                  .backoff_max = std::chrono::milliseconds(events.backoff_max_ms),
                                  .release_leases_on_start = true,
                                  .metrics = &metrics});
    c->dispatcher_->AddConsumer(orders::AnalyticsConsumer(&logger));
    c->dispatcher_->AddConsumer(delivery::AutoAssignConsumer());
    c->dispatcher_->AddConsumer(delivery::OrderCancelledConsumer());
    c->dispatcher_->AddConsumer(analytics::DashboardConsumer());
    events::Dispatcher* dispatcher = c->dispatcher_.get();
    orders::OrderOptions order_options;
    order_options.reservation = std::chrono::minutes(config.orders.reservation_minutes);
    order_options.max_lines = config.orders.max_lines;
    c->orders_ =
        std::make_unique<orders::OrderService>(db, vault, order_options, [dispatcher] { dispatcher->Notify(); });
    c->dispatcher_->AddConsumer(orders::NotificationsConsumer(db, vault, sms, *c->orders_, config.auth.public_origin));
    c->reports_ = std::make_unique<orders::OrderReports>(db, vault, *c->orders_);
    c->order_metrics_ = std::make_unique<orders::OrderMetrics>(metrics);
    // UPI and Razorpay both take money; a store offers each once the business has saved its UPI ID or
    // its Razorpay key pair.
    c->payment_settings_ =
        std::make_unique<payments::SettingsService>(db, vault, payments::OnlineMethods{.upi = true, .razorpay = true});
    c->upi_ =
        std::make_unique<payments::UpiService>(db, payments::UpiOptions{.reservation = order_options.reservation});
    c->razorpay_pool_ = std::make_unique<WorkPool>("razorpay", kRazorpayThreads, kRazorpayMaxPending);
    c->razorpay_api_ = std::make_unique<payments::RazorpayApi>(
        client, *c->razorpay_pool_,
        payments::RazorpayApiOptions{.base_url = config.payments.razorpay_api_base,
                                     .timeout = std::chrono::milliseconds(config.payments.razorpay_timeout_ms)});
    c->razorpay_ = std::make_unique<payments::RazorpayService>(
        db, vault, *c->razorpay_api_, *c->reports_,
        payments::RazorpayOptions{.checkout_script = config.payments.razorpay_checkout_script,
                                  .reconcile_after = std::chrono::milliseconds(config.payments.reconcile_after_ms)});
    c->razorpay_starter_ = std::make_unique<payments::RazorpayStarter>(*c->razorpay_);
    // A paid order cancelled is refunded from the outbox, never inside the owner's request.
    const payments::RefundOptions refund_options{.reconcile_after =
                                                     std::chrono::milliseconds(config.payments.reconcile_after_ms)};
    c->refunds_ = std::make_unique<payments::RefundService>(db, vault, *c->razorpay_api_, refund_options);
    c->dispatcher_->AddConsumer(payments::RefundOnCancelConsumer(refund_options));
    c->dispatcher_->AddConsumer(payments::RefundSenderConsumer(*c->refunds_));
    c->deliveries_ = std::make_unique<delivery::DeliveryService>(db, vault, delivery::DeliveryOptions{});
    c->delivery_config_ = config.delivery;
    c->tracking_hub_ = std::make_unique<delivery::TrackingHub>(
        delivery::TrackingHubLimits{.per_order = config.delivery.live_per_order,
                                    .total = config.delivery.live_total,
                                    .recheck = std::chrono::milliseconds(config.delivery.live_recheck_ms)});
    // Thinning starts with what finished within the retention: older tracks are deleted anyway.
    c->tracks_thinned_from_ = NowUtc() - std::chrono::hours(24) * config.delivery.track_retention_days;
    c->dashboard_ = std::make_unique<analytics::DashboardService>(db, *c->deliveries_);
    Commerce* self = c.get();
    c->sweeper_ = std::make_unique<BackgroundLoop>(
        BackgroundLoopOptions{
            .name = "orders-sweeper", .period = kSweepInterval, .initial_delay = kSweepInterval, .metrics = &metrics},
        [self] { return self->SweepReservations(); });
    c->outbox_gauges_ = std::make_unique<BackgroundLoop>(
        BackgroundLoopOptions{.name = "outbox-gauges", .period = kGaugeInterval, .metrics = &metrics},
        [self] { return self->RefreshOutboxGauges(); });
    const auto reconcile_every = std::chrono::milliseconds(config.payments.reconcile_interval_ms);
    c->reconciler_ = std::make_unique<BackgroundLoop>(
        BackgroundLoopOptions{
            .name = "razorpay-recon", .period = reconcile_every, .initial_delay = reconcile_every, .metrics = &metrics},
        [self] { return self->ReconcileRazorpay(); });
    const auto tidy_every = std::chrono::seconds(config.delivery.track_tidy_interval_s);
    c->track_keeper_ = std::make_unique<BackgroundLoop>(
        BackgroundLoopOptions{.name = "track-keeper",
                              .period = std::chrono::duration_cast<std::chrono::milliseconds>(tidy_every),
                              .initial_delay = std::chrono::duration_cast<std::chrono::milliseconds>(tidy_every),
                              .metrics = &metrics},
        [self] { return self->TidyTracks(); });
    return c;
}

void Commerce::RegisterRoutes(http::Router& router) {
    catalog::RegisterCatalogRoutes(router, *catalog_);
    media::RegisterPhotoRoutes(router, *photos_, *directory_);
    inventory::RegisterInventoryRoutes(router, *inventory_);
    orders::RegisterOrderRoutes(router, *orders_, *directory_, *reports_, *order_metrics_, razorpay_starter_.get());
    events::RegisterEventRoutes(router, *dispatcher_);
    payments::RegisterPaymentRoutes(router, *payment_settings_);
    payments::RegisterUpiRoutes(router, *upi_, *orders_, *directory_);
    payments::RegisterRazorpayRoutes(router, *razorpay_, *orders_, *directory_);
    payments::RegisterRefundRoutes(router, *refunds_, *orders_, *directory_);
    delivery::RegisterDeliveryRoutes(router, *deliveries_, *orders_, *directory_, *tracking_hub_);
    analytics::RegisterDashboardRoutes(router, *dashboard_);
}

storefront::OrderStatusHtml Commerce::OrderStatusHtml() {
    return [this](const stores::StoreRef& store, std::string id,
                  std::string token) -> boost::asio::awaitable<std::optional<std::string>> {
        auto order = OrderId::Parse(id);
        if (!order || !orders_->TrackingTokenValid(store.tenant_id, *order, token)) {
            co_return std::nullopt;
        }
        auto tracking = co_await deliveries_->Track(store, *order);
        if (!tracking) {
            co_return std::nullopt;
        }
        co_return delivery::NoScriptStatusHtml(*tracking, store.language);
    };
}

void Commerce::Start() {
    dispatcher_->Start();
    outbox_gauges_->Start();
    sweeper_->Start();
    reconciler_->Start();
    track_keeper_->Start();
}

void Commerce::Stop() {
    if (track_keeper_) {
        track_keeper_->Stop();
    }
    if (reconciler_) {
        reconciler_->Stop();
    }
    if (sweeper_) {
        sweeper_->Stop();
    }
    if (outbox_gauges_) {
        outbox_gauges_->Stop();
    }
    if (dispatcher_) {
        dispatcher_->Stop();
    }
}

LoopNext Commerce::RefreshOutboxGauges() {
    auto state = events::ReadOutboxState(*db_, NowUtc());
    if (!state) {
        logger_->Warn("outbox gauges not refreshed", {{"reason", state.error().message}});
        return LoopNext::kWait;
    }
    order_metrics_->SetOutbox(*state);
    return LoopNext::kWait;
}

boost::asio::awaitable<LoopNext> Commerce::ReconcileRazorpay() {
    auto asked = co_await razorpay_->Reconcile(NowUtc());
    if (!asked) {
        logger_->Warn("razorpay reconciliation failed", {{"reason", asked.error().message}});
    } else if (*asked > 0) {
        logger_->Info("razorpay payments reconciled", {{"asked", *asked}});
    }
    auto refunds = co_await refunds_->Reconcile(NowUtc());
    if (!refunds) {
        logger_->Warn("razorpay refund reconciliation failed", {{"reason", refunds.error().message}});
    } else if (*refunds > 0) {
        logger_->Info("razorpay refunds reconciled", {{"asked", *refunds}});
    }
    co_return LoopNext::kWait;
}

boost::asio::awaitable<LoopNext> Commerce::TidyTracks() {
    const delivery::TrackKeeping keeping{.retention = std::chrono::hours(24) * delivery_config_.track_retention_days,
                                         .thin_meters = static_cast<double>(delivery_config_.track_thin_meters),
                                         .thin_gap = std::chrono::seconds(delivery_config_.track_thin_seconds)};
    auto done = co_await deliveries_->TidyTracks(NowUtc(), tracks_thinned_from_, keeping);
    if (!done) {
        logger_->Warn("track keeping failed", {{"reason", done.error().message}});
        co_return LoopNext::kWait;
    }
    tracks_thinned_from_ = done->thinned_up_to;
    if (done->thinned > 0 || done->expired > 0) {
        logger_->Info("delivery tracks kept", {{"thinned", done->thinned},
                                               {"points_dropped", done->points_dropped},
                                               {"expired", done->expired},
                                               {"points_expired", done->points_expired}});
    }
    co_return done->more ? LoopNext::kAgain : LoopNext::kWait;
}

boost::asio::awaitable<LoopNext> Commerce::SweepReservations() {
    auto released = co_await orders_->ReleaseExpired(NowUtc());
    if (!released) {
        logger_->Warn("reservation sweep failed", {{"reason", released.error().message}});
    } else if (*released > 0) {
        order_metrics_->Transitioned(orders::OrderStatus::kCancelled, *released);
        logger_->Info("unpaid orders released", {{"orders", *released}});
    }
    co_return LoopNext::kWait;
}

}  // namespace webdpro::app
