#include "payments/razorpay_service.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "events/outbox.hpp"
#include "orders/order_reports.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "payments/payment_state.hpp"
#include "payments/refund_service.hpp"
#include "payments/settings.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

constexpr std::size_t kMaxPaymentIdChars = 40;
constexpr std::size_t kMaxEventIdChars = 100;

constexpr std::string_view kPaymentOfOrder = R"(
SELECT payment_id, provider_order_id, amount_paise, status FROM payments
WHERE tenant_id = $1 AND order_id = $2 AND provider = 'RAZORPAY' ORDER BY created_at DESC, payment_id DESC LIMIT 1
)";

constexpr std::string_view kPaymentOfRazorpayOrder = R"(
SELECT payment_id, order_id, amount_paise, status FROM payments
WHERE tenant_id = $1 AND provider = 'RAZORPAY' AND provider_order_id = $2
)";

constexpr std::string_view kInsertPayment = R"(
INSERT INTO payments (tenant_id, payment_id, order_id, provider, provider_order_id, amount_paise, status,
                      reconcile_at, created_at, updated_at)
VALUES ($1, $2, $3, 'RAZORPAY', $4, $5, 'CREATED', $7, $6, $6)
)";

constexpr int kReconcileBatch = 20;

// The reconciler's queue, across tenants.
constexpr std::string_view kDueForReconcile = R"(
SELECT tenant_id, payment_id, order_id, provider_order_id, amount_paise, reconcile_attempts FROM payments
WHERE reconcile_at IS NOT NULL AND reconcile_at <= $1 AND provider = 'RAZORPAY'
ORDER BY reconcile_at LIMIT $2
)";

constexpr std::string_view kReconcileLater = R"(
UPDATE payments SET reconcile_at = $3, reconcile_attempts = reconcile_attempts + 1
WHERE tenant_id = $1 AND payment_id = $2 AND reconcile_at IS NOT NULL
)";

constexpr std::string_view kReconcileDone = R"(
UPDATE payments SET reconcile_at = NULL WHERE tenant_id = $1 AND payment_id = $2
)";

// The conditional move of the payment state machine: only from the state it was read in. The
// provider's payment id is the one that moved it last (the captured one, once captured).
constexpr std::string_view kMovePayment = R"(
UPDATE payments SET status = $4, updated_at = $5,
    provider_payment_id = coalesce($6, provider_payment_id),
    method = coalesce($7, method),
    captured_at = CASE WHEN $4 = 'CAPTURED' THEN $5 ELSE captured_at END,
    reconcile_at = CASE WHEN $4 IN ('CAPTURED', 'REFUNDED') THEN NULL ELSE reconcile_at END,
    error_code = CASE WHEN $4 = 'FAILED' THEN $8 ELSE error_code END,
    error_description = CASE WHEN $4 = 'FAILED' THEN $9 ELSE error_description END
WHERE tenant_id = $1 AND payment_id = $2 AND status = $3
)";

constexpr std::string_view kRecordEvent = R"(
INSERT INTO razorpay_webhook_events (tenant_id, event_id, event, outcome, received_at)
VALUES ($1, $2, $3, '', $4) ON CONFLICT (tenant_id, event_id) DO NOTHING
)";

constexpr std::string_view kEventOutcome = R"(
UPDATE razorpay_webhook_events SET outcome = $3 WHERE tenant_id = $1 AND event_id = $2
)";

/// The store's Razorpay order; kNotFound for another store's order or one not paid by Razorpay.
Result<orders::Order> ReadRazorpayOrder(storage::Conn& conn, const stores::StoreRef& store, const OrderId& id) {
    auto order = orders::ReadOrder(conn, nullptr, store.tenant_id, id);
    if (!order) {
        return Fail(std::move(order.error()));
    }
    if (order->store_id != store.store_id || order->payment_method != orders::PaymentMethod::kRazorpay) {
        return Fail(ApiError::NotFound("Order"));
    }
    return std::move(*order);
}

std::string StateOf(orders::OrderStatus status) {
    if (status == orders::OrderStatus::kPendingPayment) {
        return "AWAITING_PAYMENT";
    }
    return status == orders::OrderStatus::kCancelled ? "CANCELLED" : "PAID";
}

std::optional<std::string> OrNull(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

/// What the provider (or a verified Checkout answer) says about the payment of one Razorpay order.
struct Evidence {
    PaymentState to = PaymentState::kCreated;
    std::string payment_id{};       ///< pay_…
    std::int64_t amount_paise = 0;  ///< 0 = not stated (a verified signature: the amount is the order's)
    std::string method{};
    std::string error_code{};
    std::string error_description{};
    std::string source{};  ///< "checkout" or the webhook's event name
};

/// Feeds the state machine of the payment of `razorpay_order_id` inside the caller's
/// transaction; what it did, for the webhook log. kNotFound when the tenant has no such Razorpay
/// order. Moves that the machine does not have change nothing (news older than what we know).
/// `refund_after`: when the reconciler first asks about the refund of money that came after its
/// order was cancelled.
Result<std::string> ApplyInTx(storage::Conn& conn, const TenantId& tenant, const std::string& razorpay_order_id,
                              const Evidence& evidence, TimePoint now, std::chrono::milliseconds refund_after) {
    auto row = conn.QueryOne(kPaymentOfRazorpayOrder, tenant, razorpay_order_id);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return Fail(ApiError::NotFound("Razorpay order"));
    }
    auto payment = PaymentId::Parse((*row)->Text("payment_id"));
    auto order = OrderId::Parse((*row)->Text("order_id"));
    auto from = ParsePaymentState((*row)->Text("status"));
    if (!payment || !order || !from) {
        return Fail(ApiError::Internal("malformed payments row of " + razorpay_order_id));
    }
    const std::int64_t amount = (*row)->Int("amount_paise");
    if (evidence.to == PaymentState::kCaptured && evidence.amount_paise != 0 && evidence.amount_paise != amount) {
        return "ignored: the captured amount " + std::to_string(evidence.amount_paise) + " is not the order's " +
               std::to_string(amount);
    }
    if (*from == evidence.to || !PaymentMoveAllowed(*from, evidence.to)) {
        return "ignored: the payment is already " + std::string(PaymentStateName(*from));
    }
    auto moved = conn.Exec(kMovePayment, tenant, *payment, PaymentStateName(*from), PaymentStateName(evidence.to),
                           UnixMillis(now), OrNull(evidence.payment_id), OrNull(evidence.method),
                           OrNull(evidence.error_code), OrNull(evidence.error_description));
    if (!moved) {
        return Fail(std::move(moved.error()));
    }
    if (*moved != 1) {
        return Fail(ApiError::Conflict("The payment changed meanwhile; try again."));
    }
    std::string outcome = "applied: " + std::string(PaymentStateName(evidence.to));
    if (evidence.to != PaymentState::kCaptured && evidence.to != PaymentState::kFailed) {
        return outcome;
    }
    auto state = orders::ReadOrderState(conn, tenant, *order);
    if (!state) {
        return Fail(std::move(state.error()));
    }
    if (!*state) {
        return Fail(ApiError::Internal("payment " + payment->str() + " has no order"));
    }
    if (evidence.to == PaymentState::kCaptured) {
        if ((*state)->status == orders::OrderStatus::kPendingPayment) {
            if (auto paid = orders::OrderService::ConfirmPaidInTx(conn, tenant, *order, now); !paid) {
                return Fail(std::move(paid.error()));
            }
        } else if ((*state)->status == orders::OrderStatus::kCancelled) {
            // The money came after the order was released: it goes back to the customer, and the
            // customer is told (REFUND_REQUESTED with `late`).
            auto refunds = RequestRefundsInTx(conn, tenant, *order, kRefundLatePayment, now, refund_after);
            if (!refunds) {
                return Fail(std::move(refunds.error()));
            }
            outcome += " after the order was cancelled: refund requested";
        }
    }
    nlohmann::json payload = {{"payment_id", payment->str()},
                              {"order_id", order->str()},
                              {"store_id", (*state)->store_id.str()},
                              {"provider", "RAZORPAY"},
                              {"razorpay_order_id", razorpay_order_id},
                              {"razorpay_payment_id", evidence.payment_id},
                              {"amount_paise", amount},
                              {"source", evidence.source},
                              {"at", UnixMillis(now)}};
    if (evidence.to == PaymentState::kFailed) {
        payload["error"] = evidence.error_description;
    }
    if (auto event = events::Enqueue(
            conn, tenant, evidence.to == PaymentState::kCaptured ? "PAYMENT_CAPTURED" : "PAYMENT_FAILED", payload, now);
        !event) {
        return Fail(std::move(event.error()));
    }
    return outcome;
}

/// What the payments of a Razorpay order say, the most advanced first: a captured payment of the
/// order's amount, else an authorised one of that amount, else a failed attempt; nullopt when
/// there is nothing to apply (no attempt yet, or only payments of another amount).
std::optional<Evidence> EvidenceOf(const std::vector<RazorpayPayment>& payments, std::int64_t amount_paise) {
    const RazorpayPayment* best = nullptr;
    auto rank = [](const RazorpayPayment& p) {
        if (p.status == "captured") {
            return 3;
        }
        if (p.status == "authorized") {
            return 2;
        }
        return p.status == "failed" ? 1 : 0;
    };
    for (const auto& p : payments) {
        const int r = rank(p);
        if (r == 0 || (r > 1 && p.amount_paise != amount_paise)) {
            continue;
        }
        if (!best || r > rank(*best)) {
            best = &p;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    Evidence evidence;
    const int r = rank(*best);
    evidence.to = r == 3 ? PaymentState::kCaptured : (r == 2 ? PaymentState::kAuthorized : PaymentState::kFailed);
    evidence.payment_id = best->id;
    evidence.amount_paise = best->amount_paise;
    evidence.method = best->method;
    evidence.error_code = best->error_code;
    evidence.error_description = best->error_description;
    evidence.source = "reconciler";
    return evidence;
}

/// The state the machine is asked to reach by a Razorpay event, or nullopt for events it ignores.
std::optional<PaymentState> TargetOf(std::string_view event) {
    if (event == "payment.captured" || event == "order.paid") {
        return PaymentState::kCaptured;
    }
    if (event == "payment.failed") {
        return PaymentState::kFailed;
    }
    if (event == "payment.authorized") {
        return PaymentState::kAuthorized;
    }
    return std::nullopt;
}

}  // namespace

RazorpayService::RazorpayService(storage::Db& db, const PiiVault& vault, RazorpayApi& api,
                                 orders::OrderReports& reports, RazorpayOptions options)
    : db_(db), vault_(vault), api_(api), reports_(reports), options_(std::move(options)) {}

boost::asio::awaitable<Result<RazorpayCheckout>> RazorpayService::CheckoutOf(const stores::StoreRef& store,
                                                                             const OrderId& order) {
    struct Loaded {
        orders::Order order;
        std::optional<RazorpaySecrets> secrets;
        std::string razorpay_order_id;  ///< "" until created
    };
    auto read = co_await db_.Read([&](storage::Conn& conn) -> Result<Loaded> {
        auto found = ReadRazorpayOrder(conn, store, order);
        if (!found) {
            return Fail(std::move(found.error()));
        }
        auto secrets = ReadRazorpaySecrets(conn, vault_, store.tenant_id);
        if (!secrets) {
            return Fail(std::move(secrets.error()));
        }
        auto payment = conn.QueryOne(kPaymentOfOrder, store.tenant_id, order);
        if (!payment) {
            return Fail(std::move(payment.error()));
        }
        return Loaded{.order = std::move(*found),
                      .secrets = std::move(*secrets),
                      .razorpay_order_id = *payment ? (*payment)->Text("provider_order_id") : std::string()};
    });
    if (!read) {
        co_return Fail(std::move(read.error()));
    }
    // Filled field by field: g++ 12 miscompiles string literals in a coroutine's aggregate initializer.
    RazorpayCheckout checkout;
    checkout.state = StateOf(read->order.status);
    checkout.amount = read->order.totals.total;
    if (checkout.state != "AWAITING_PAYMENT") {
        co_return checkout;
    }
    if (!read->secrets) {
        co_return Fail(ApiError::Conflict("This shop no longer takes card payments. Please call the shop."));
    }
    checkout.key_id = read->secrets->key_id;
    checkout.script_url = options_.checkout_script;
    auto info = co_await reports_.StoreInfo(read->order);
    checkout.name = info ? info->name : store.slug;
    if (!read->razorpay_order_id.empty()) {
        checkout.razorpay_order_id = read->razorpay_order_id;
        co_return checkout;
    }
    // The amount is our total, never anything the browser said.
    std::map<std::string, std::string> notes;
    notes[std::string("tenant_id")] = store.tenant_id.str();
    notes[std::string("store_id")] = store.store_id.str();
    notes[std::string("order_id")] = order.str();
    RazorpayKeys keys;
    keys.key_id = read->secrets->key_id;
    keys.key_secret = read->secrets->key_secret;
    auto created = co_await api_.CreateOrder(std::move(keys), checkout.amount, order.str(), std::move(notes));
    if (!created) {
        co_return Fail(std::move(created.error()));
    }
    const TimePoint now = NowUtc();
    const PaymentId payment = PaymentId::New();
    const auto reconcile_after = options_.reconcile_after;
    auto recorded = co_await db_.Write([&](storage::Conn& conn) -> Result<std::string> {
        // Two first calls at once: the first one recorded wins, the other Razorpay order stays unused.
        auto existing = conn.QueryOne(kPaymentOfOrder, store.tenant_id, order);
        if (!existing) {
            return Fail(std::move(existing.error()));
        }
        if (*existing) {
            return (*existing)->Text("provider_order_id");
        }
        if (auto inserted = conn.Exec(kInsertPayment, store.tenant_id, payment, order, created->id,
                                      checkout.amount.value, UnixMillis(now), UnixMillis(now + reconcile_after));
            !inserted) {
            return Fail(std::move(inserted.error()));
        }
        return created->id;
    });
    if (!recorded) {
        co_return Fail(std::move(recorded.error()));
    }
    checkout.razorpay_order_id = std::move(*recorded);
    co_return checkout;
}

boost::asio::awaitable<Result<RazorpayCheckout>> RazorpayService::StartCheckout(stores::StoreRef store, OrderId order) {
    co_return co_await CheckoutOf(store, order);
}

boost::asio::awaitable<Result<RazorpayCheckout>> RazorpayService::Verify(stores::StoreRef store, OrderId order,
                                                                         std::string payment_id,
                                                                         std::string signature) {
    struct Known {
        std::string razorpay_order_id;
        std::string key_secret;
    };
    auto known = co_await db_.Read([&](storage::Conn& conn) -> Result<Known> {
        if (auto found = ReadRazorpayOrder(conn, store, order); !found) {
            return Fail(std::move(found.error()));
        }
        auto payment = conn.QueryOne(kPaymentOfOrder, store.tenant_id, order);
        if (!payment) {
            return Fail(std::move(payment.error()));
        }
        if (!*payment) {
            return Fail(ApiError::Conflict("This order has no Razorpay payment to check yet."));
        }
        auto secrets = ReadRazorpaySecrets(conn, vault_, store.tenant_id);
        if (!secrets) {
            return Fail(std::move(secrets.error()));
        }
        if (!*secrets) {
            return Fail(ApiError::Conflict("This shop no longer takes card payments. Please call the shop."));
        }
        return Known{.razorpay_order_id = (*payment)->Text("provider_order_id"),
                     .key_secret = std::move((*secrets)->key_secret)};
    });
    if (!known) {
        co_return Fail(std::move(known.error()));
    }
    if (payment_id.empty() || payment_id.size() > kMaxPaymentIdChars ||
        !PaymentSignatureValid(known->key_secret, known->razorpay_order_id, payment_id, signature)) {
        co_return Fail(ApiError::Invalid("razorpay_signature", "This payment could not be verified."));
    }
    const TimePoint now = NowUtc();
    auto applied = co_await db_.Write([&](storage::Conn& conn) {
        return ApplyInTx(conn, store.tenant_id, known->razorpay_order_id,
                         Evidence{.to = PaymentState::kCaptured, .payment_id = payment_id, .source = "checkout"}, now,
                         options_.reconcile_after);
    });
    if (!applied) {
        co_return Fail(std::move(applied.error()));
    }
    co_return co_await CheckoutOf(store, order);
}

boost::asio::awaitable<Result<WebhookOutcome>> RazorpayService::Webhook(TenantId tenant, std::string raw_body,
                                                                        std::string signature, std::string event_id) {
    auto secret = co_await db_.Read([&](storage::Conn& conn) -> Result<std::string> {
        auto secrets = ReadRazorpaySecrets(conn, vault_, tenant);
        if (!secrets) {
            return Fail(std::move(secrets.error()));
        }
        if (!*secrets || (*secrets)->webhook_secret.empty()) {
            return Fail(ApiError::NotFound("Webhook"));
        }
        return std::move((*secrets)->webhook_secret);
    });
    if (!secret) {
        co_return Fail(std::move(secret.error()));
    }
    if (!WebhookSignatureValid(*secret, raw_body, signature)) {
        co_return Fail(ApiError::Invalid("X-Razorpay-Signature", "The signature does not match."));
    }
    if (event_id.empty() || event_id.size() > kMaxEventIdChars) {
        co_return Fail(ApiError::Invalid("x-razorpay-event-id", "The event id is missing."));
    }
    auto event = ParseRazorpayEvent(raw_body);
    if (!event) {
        co_return Fail(std::move(event.error()));
    }
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<WebhookOutcome> {
        auto recorded = conn.Exec(kRecordEvent, tenant, event_id, event->event, UnixMillis(now));
        if (!recorded) {
            return Fail(std::move(recorded.error()));
        }
        if (*recorded == 0) {
            return WebhookOutcome{.duplicate = true, .outcome = "ignored: seen before"};
        }
        std::string outcome;
        const auto target = TargetOf(event->event);
        if (event->event == "refund.processed" || event->event == "refund.failed") {
            auto applied = ApplyRazorpayRefundEventInTx(conn, tenant, *event, now);
            if (!applied && applied.error().code != ErrorCode::kNotFound) {
                return Fail(std::move(applied.error()));
            }
            outcome = applied ? std::move(*applied) : "ignored: not a refund of this business";
        } else if (!target) {
            outcome = "ignored: not an event this server acts on";
        } else if (event->razorpay_order_id.empty()) {
            outcome = "ignored: no Razorpay order";
        } else {
            auto applied = ApplyInTx(conn, tenant, event->razorpay_order_id,
                                     Evidence{.to = *target,
                                              .payment_id = event->payment_id,
                                              .amount_paise = event->amount_paise,
                                              .method = event->method,
                                              .error_code = event->error_code,
                                              .error_description = event->error_description,
                                              .source = event->event},
                                     now, options_.reconcile_after);
            if (!applied && applied.error().code != ErrorCode::kNotFound) {
                return Fail(std::move(applied.error()));
            }
            outcome = applied ? std::move(*applied) : "ignored: not an order of this business";
        }
        if (auto noted = conn.Exec(kEventOutcome, tenant, event_id, outcome); !noted) {
            return Fail(std::move(noted.error()));
        }
        return WebhookOutcome{.duplicate = false, .outcome = std::move(outcome)};
    });
}

boost::asio::awaitable<Result<int>> RazorpayService::Reconcile(TimePoint now) {
    struct Due {
        TenantId tenant;
        PaymentId payment;
        OrderId order;
        std::string razorpay_order_id;
        std::int64_t amount_paise = 0;
        std::int64_t attempts = 0;
    };
    auto due = co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Due>> {
        auto rows = conn.Query(kDueForReconcile, UnixMillis(now), kReconcileBatch);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<Due> out;
        for (const auto& r : *rows) {
            auto tenant = TenantId::Parse(r.Text("tenant_id"));
            auto payment = PaymentId::Parse(r.Text("payment_id"));
            auto order = OrderId::Parse(r.Text("order_id"));
            if (!tenant || !payment || !order) {
                return Fail(ApiError::Internal("malformed payments row " + r.Text("payment_id")));
            }
            out.push_back({.tenant = std::move(*tenant),
                           .payment = std::move(*payment),
                           .order = std::move(*order),
                           .razorpay_order_id = r.Text("provider_order_id"),
                           .amount_paise = r.Int("amount_paise"),
                           .attempts = r.Int("reconcile_attempts")});
        }
        return out;
    });
    if (!due) {
        co_return Fail(std::move(due.error()));
    }
    int asked = 0;
    for (const Due& d : *due) {
        // Whether the order still waits for money, and the keys to ask with.
        struct Context {
            bool waiting = false;
            std::optional<RazorpaySecrets> secrets;
        };
        auto context = co_await db_.Read([&](storage::Conn& conn) -> Result<Context> {
            auto state = orders::ReadOrderState(conn, d.tenant, d.order);
            if (!state) {
                return Fail(std::move(state.error()));
            }
            auto secrets = ReadRazorpaySecrets(conn, vault_, d.tenant);
            if (!secrets) {
                return Fail(std::move(secrets.error()));
            }
            return Context{.waiting = *state && (*state)->status == orders::OrderStatus::kPendingPayment,
                           .secrets = std::move(*secrets)};
        });
        if (!context) {
            co_return Fail(std::move(context.error()));
        }
        if (!context->waiting || !context->secrets) {
            auto done = co_await db_.Write([&](storage::Conn& conn) -> Result<std::int64_t> {
                return conn.Exec(kReconcileDone, d.tenant, d.payment);
            });
            if (!done) {
                co_return Fail(std::move(done.error()));
            }
            continue;
        }
        ++asked;
        // Named before the call: g++ 12 destroys a braced temporary of a co_await's arguments twice.
        RazorpayKeys keys;
        keys.key_id = context->secrets->key_id;
        keys.key_secret = context->secrets->key_secret;
        auto payments = co_await api_.OrderPayments(std::move(keys), d.razorpay_order_id);
        // Razorpay unreachable or refusing: nothing is known, ask again later.
        const std::optional<Evidence> evidence =
            payments ? EvidenceOf(*payments, d.amount_paise) : std::optional<Evidence>();
        // The wait doubles with each question, up to the most.
        auto wait = options_.reconcile_after;
        for (std::int64_t i = 0; i < d.attempts && wait < options_.reconcile_max; ++i) {
            wait *= 2;
        }
        wait = std::min(wait, options_.reconcile_max);
        const TimePoint at = NowUtc();
        auto written = co_await db_.Write([&](storage::Conn& conn) -> Result<std::string> {
            std::string outcome = "nothing new";
            if (evidence) {
                auto applied = ApplyInTx(conn, d.tenant, d.razorpay_order_id, *evidence, at, options_.reconcile_after);
                if (!applied) {
                    return Fail(std::move(applied.error()));
                }
                outcome = std::move(*applied);
            }
            // A captured payment is no longer asked about (its reconcile_at was cleared).
            if (auto later = conn.Exec(kReconcileLater, d.tenant, d.payment, UnixMillis(at + wait)); !later) {
                return Fail(std::move(later.error()));
            }
            return outcome;
        });
        if (!written) {
            co_return Fail(std::move(written.error()));
        }
    }
    co_return asked;
}

}  // namespace webdpro::payments
