#include "payments/upi_service.hpp"

#include <nlohmann/json.hpp>

#include "events/outbox.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "payments/payment_state.hpp"
#include "payments/upi.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

constexpr int kWaitingLimit = 200;

constexpr std::string_view kUpiSettings = R"(
SELECT upi_vpa, upi_payee_name FROM payment_settings WHERE tenant_id = $1 AND upi_vpa IS NOT NULL
)";

constexpr std::string_view kLatestPayment = R"(
SELECT payment_id, provider_payment_id, status FROM payments
WHERE tenant_id = $1 AND order_id = $2 AND provider = 'UPI' ORDER BY created_at DESC, payment_id DESC LIMIT 1
)";

constexpr std::string_view kPaymentByUtr = R"(
SELECT payment_id, order_id, status FROM payments WHERE tenant_id = $1 AND provider = 'UPI' AND provider_payment_id = $2
)";

constexpr std::string_view kInsertPayment = R"(
INSERT INTO payments (tenant_id, payment_id, order_id, provider, provider_payment_id, amount_paise, status, method,
                      created_at, updated_at)
VALUES ($1, $2, $3, 'UPI', $4, $5, 'PENDING_VERIFICATION', 'upi', $6, $6)
)";

constexpr std::string_view kPayment = R"(
SELECT payment_id, order_id, provider, provider_payment_id, amount_paise, status FROM payments
WHERE tenant_id = $1 AND payment_id = $2
)";

// The conditional move of the payment state machine: only from the state it was read in.
constexpr std::string_view kMovePayment = R"(
UPDATE payments SET status = $4, updated_at = $5,
    captured_at = CASE WHEN $4 = 'CAPTURED' THEN $5 ELSE captured_at END,
    error_description = CASE WHEN $4 = 'FAILED' THEN $6 ELSE error_description END
WHERE tenant_id = $1 AND payment_id = $2 AND status = $3
)";

constexpr std::string_view kWaiting = R"(
SELECT payment_id, order_id, amount_paise, provider_payment_id, created_at FROM payments
WHERE tenant_id = $1 AND provider = 'UPI' AND status = 'PENDING_VERIFICATION'
ORDER BY created_at, payment_id LIMIT $2
)";

struct UpiSettings {
    std::string vpa;
    std::string payee_name;
};

Result<std::optional<UpiSettings>> ReadUpiSettings(storage::Conn& conn, const TenantId& tenant) {
    auto row = conn.QueryOne(kUpiSettings, tenant);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<UpiSettings>{};
    }
    return std::optional<UpiSettings>(UpiSettings{(*row)->Text("upi_vpa"), (*row)->Text("upi_payee_name")});
}

/// The store's UPI order; kNotFound for another store's order or one not paid by UPI.
Result<orders::Order> ReadUpiOrder(storage::Conn& conn, const stores::StoreRef& store, const OrderId& id) {
    auto order = orders::ReadOrder(conn, nullptr, store.tenant_id, id);
    if (!order) {
        return Fail(std::move(order.error()));
    }
    if (order->store_id != store.store_id || order->payment_method != orders::PaymentMethod::kUpi) {
        return Fail(ApiError::NotFound("Order"));
    }
    return std::move(*order);
}

/// What the customer sees of the order's UPI payment, inside the caller's transaction.
Result<UpiPayInfo> PayInfoInTx(storage::Conn& conn, const stores::StoreRef& store, const OrderId& id) {
    auto order = ReadUpiOrder(conn, store, id);
    if (!order) {
        return Fail(std::move(order.error()));
    }
    UpiPayInfo info{.state = UpiState::kAwaiting,
                    .amount = order->totals.total,
                    .vpa = "",
                    .payee_name = "",
                    .link = "",
                    .utr = "",
                    .expires_at = order->reservation_expires_at};
    auto latest = conn.QueryOne(kLatestPayment, store.tenant_id, id);
    if (!latest) {
        return Fail(std::move(latest.error()));
    }
    if (*latest) {
        info.utr = (*latest)->Text("provider_payment_id");
        const auto state = ParsePaymentState((*latest)->Text("status"));
        if (state == PaymentState::kPendingVerification) {
            info.state = UpiState::kSubmitted;
        } else if (state == PaymentState::kFailed) {
            info.state = UpiState::kRejected;
        }
    }
    if (order->status == orders::OrderStatus::kCancelled) {
        info.state = UpiState::kCancelled;
        return info;
    }
    if (order->status != orders::OrderStatus::kPendingPayment) {
        info.state = UpiState::kPaid;
        return info;
    }
    auto settings = ReadUpiSettings(conn, store.tenant_id);
    if (!settings) {
        return Fail(std::move(settings.error()));
    }
    if (!*settings) {
        return Fail(ApiError::Conflict("This shop no longer takes UPI payments. Please call the shop."));
    }
    info.vpa = (*settings)->vpa;
    info.payee_name = (*settings)->payee_name;
    info.link = UpiLink({.vpa = info.vpa,
                         .payee_name = info.payee_name,
                         .amount = info.amount,
                         .note = "Order " + id.str(),
                         .reference = id.str()});
    return info;
}

nlohmann::json PaymentEvent(const PaymentId& payment, const OrderId& order, const StoreId& store, Paise amount,
                            const std::string& utr, TimePoint now) {
    return {{"payment_id", payment.str()}, {"order_id", order.str()},      {"store_id", store.str()},
            {"provider", "UPI"},           {"amount_paise", amount.value}, {"utr", utr},
            {"at", UnixMillis(now)}};
}

/// A payment as read for the owner's decision.
struct PaymentRow {
    OrderId order;
    Paise amount;
    std::string utr;
    PaymentState state = PaymentState::kCreated;
};

Result<PaymentRow> ReadUpiPayment(storage::Conn& conn, const TenantId& tenant, const PaymentId& payment) {
    auto row = conn.QueryOne(kPayment, tenant, payment);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row || (*row)->Text("provider") != "UPI") {
        return Fail(ApiError::NotFound("Payment"));
    }
    auto order = OrderId::Parse((*row)->Text("order_id"));
    auto state = ParsePaymentState((*row)->Text("status"));
    if (!order || !state) {
        return Fail(ApiError::Internal("malformed payments row " + payment.str()));
    }
    return PaymentRow{.order = std::move(*order),
                      .amount = Paise((*row)->Int("amount_paise")),
                      .utr = (*row)->Text("provider_payment_id"),
                      .state = *state};
}

/// Moves a payment along the state machine, only from `from`; kConflict when it changed meanwhile.
Result<void> MovePayment(storage::Conn& conn, const TenantId& tenant, const PaymentId& payment, PaymentState from,
                         PaymentState to, std::string_view reason, TimePoint now) {
    if (!PaymentMoveAllowed(from, to)) {
        return Fail(ApiError::Conflict("A payment cannot go from " + std::string(PaymentStateName(from)) + " to " +
                                       std::string(PaymentStateName(to)) + "."));
    }
    auto moved = conn.Exec(kMovePayment, tenant, payment, PaymentStateName(from), PaymentStateName(to), UnixMillis(now),
                           std::string(reason));
    if (!moved) {
        return Fail(std::move(moved.error()));
    }
    if (*moved != 1) {
        return Fail(ApiError::Conflict("The payment changed meanwhile; reload it."));
    }
    return {};
}

}  // namespace

std::string_view UpiStateName(UpiState state) {
    switch (state) {
        case UpiState::kAwaiting:
            return "AWAITING_PAYMENT";
        case UpiState::kRejected:
            return "REJECTED";
        case UpiState::kSubmitted:
            return "WAITING_FOR_SHOP";
        case UpiState::kPaid:
            return "PAID";
        case UpiState::kCancelled:
            return "CANCELLED";
    }
    return "AWAITING_PAYMENT";
}

UpiService::UpiService(storage::Db& db, UpiOptions options) : db_(db), options_(options) {}

boost::asio::awaitable<Result<UpiPayInfo>> UpiService::PayInfo(stores::StoreRef store, OrderId order) {
    co_return co_await db_.Read([&](storage::Conn& conn) { return PayInfoInTx(conn, store, order); });
}

boost::asio::awaitable<Result<UpiPayInfo>> UpiService::SubmitUtr(stores::StoreRef store, OrderId order,
                                                                 std::string utr_text) {
    auto utr = NormalizeUtr(utr_text);
    if (!utr) {
        co_return Fail(ApiError::Invalid("utr", "Enter the 12-digit UTR (UPI reference) your UPI app shows."));
    }
    const TimePoint now = NowUtc();
    const PaymentId payment = PaymentId::New();
    const auto hold = options_.utr_hold;
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<UpiPayInfo> {
        auto found = ReadUpiOrder(conn, store, order);
        if (!found) {
            return Fail(std::move(found.error()));
        }
        const TenantId& tenant = store.tenant_id;
        auto same = conn.QueryOne(kPaymentByUtr, tenant, *utr);
        if (!same) {
            return Fail(std::move(same.error()));
        }
        if (*same) {
            const bool this_order = (*same)->Text("order_id") == order.str();
            const auto state = ParsePaymentState((*same)->Text("status"));
            if (this_order && state != PaymentState::kFailed) {
                return PayInfoInTx(conn, store, order);  // sent again: the same answer
            }
            return Fail(ApiError::Conflict("This UTR was already used. Check the 12-digit number in your UPI app."));
        }
        if (found->status != orders::OrderStatus::kPendingPayment) {
            return Fail(ApiError::Conflict(found->status == orders::OrderStatus::kCancelled
                                               ? "This order was cancelled."
                                               : "This order is already paid."));
        }
        auto latest = conn.QueryOne(kLatestPayment, tenant, order);
        if (!latest) {
            return Fail(std::move(latest.error()));
        }
        if (*latest && ParsePaymentState((*latest)->Text("status")) == PaymentState::kPendingVerification) {
            return Fail(ApiError::Conflict("A payment for this order is already waiting for the shop to confirm it."));
        }
        const Paise amount = found->totals.total;
        if (auto inserted = conn.Exec(kInsertPayment, tenant, payment, order, *utr, amount.value, UnixMillis(now));
            !inserted) {
            return Fail(std::move(inserted.error()));
        }
        // The shop needs time to look at its account: the order keeps its stock meanwhile.
        if (auto held = orders::OrderService::HoldForPaymentInTx(conn, tenant, order, now + hold); !held) {
            return Fail(std::move(held.error()));
        }
        if (auto event = events::Enqueue(conn, tenant, "PAYMENT_SUBMITTED",
                                         PaymentEvent(payment, order, store.store_id, amount, *utr, now), now);
            !event) {
            return Fail(std::move(event.error()));
        }
        return PayInfoInTx(conn, store, order);
    });
}

boost::asio::awaitable<Result<std::vector<WaitingUpiPayment>>> UpiService::Waiting(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<WaitingUpiPayment>> {
        auto rows = conn.Query(kWaiting, tenant, kWaitingLimit);
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        std::vector<WaitingUpiPayment> out;
        for (const auto& r : *rows) {
            auto id = PaymentId::Parse(r.Text("payment_id"));
            auto order_id = OrderId::Parse(r.Text("order_id"));
            if (!id || !order_id) {
                return Fail(ApiError::Internal("malformed payments row " + r.Text("payment_id")));
            }
            auto order = orders::ReadOrder(conn, nullptr, tenant, *order_id);
            if (!order) {
                return Fail(std::move(order.error()));
            }
            out.push_back({.id = std::move(*id),
                           .order = std::move(*order_id),
                           .store = order->store_id,
                           .amount = Paise(r.Int("amount_paise")),
                           .utr = r.Text("provider_payment_id"),
                           .customer_name = order->customer_name,
                           .submitted_at = FromUnixMillis(r.Int("created_at"))});
        }
        return out;
    });
}

boost::asio::awaitable<Result<void>> UpiService::Confirm(TenantId tenant, PaymentId payment, UserId actor) {
    const TimePoint now = NowUtc();
    auto done = co_await db_.Write([&](storage::Conn& conn) -> Result<bool> {
        auto row = ReadUpiPayment(conn, tenant, payment);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (row->state == PaymentState::kCaptured) {
            return false;  // confirmed before: nothing more to do
        }
        if (row->state == PaymentState::kFailed) {
            return Fail(ApiError::Conflict("This payment was rejected; the customer can send the right UTR."));
        }
        auto order = orders::ReadOrderState(conn, tenant, row->order);
        if (!order) {
            return Fail(std::move(order.error()));
        }
        if (!*order) {
            return Fail(ApiError::NotFound("Order"));
        }
        if ((*order)->status != orders::OrderStatus::kPendingPayment) {
            return Fail(ApiError::Conflict("The order is no longer waiting for payment (it is " +
                                           std::string(orders::StatusName((*order)->status)) + ")."));
        }
        if (auto moved = MovePayment(conn, tenant, payment, row->state, PaymentState::kCaptured, "", now); !moved) {
            return Fail(std::move(moved.error()));
        }
        if (auto paid = orders::OrderService::ConfirmPaidInTx(conn, tenant, row->order, now); !paid) {
            return Fail(std::move(paid.error()));
        }
        auto payload = PaymentEvent(payment, row->order, (*order)->store_id, row->amount, row->utr, now);
        payload["by"] = actor.str();
        if (auto event = events::Enqueue(conn, tenant, "PAYMENT_CAPTURED", payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return true;
    });
    if (!done) {
        co_return Fail(std::move(done.error()));
    }
    co_return Result<void>{};
}

boost::asio::awaitable<Result<void>> UpiService::Reject(TenantId tenant, PaymentId payment, UserId actor) {
    const TimePoint now = NowUtc();
    const auto wait = options_.reservation;
    auto done = co_await db_.Write([&](storage::Conn& conn) -> Result<void> {
        auto row = ReadUpiPayment(conn, tenant, payment);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (row->state == PaymentState::kFailed) {
            return {};  // rejected before
        }
        if (auto moved = MovePayment(conn, tenant, payment, row->state, PaymentState::kFailed,
                                     "the shop did not find it in its account", now);
            !moved) {
            return Fail(std::move(moved.error()));
        }
        auto order = orders::ReadOrderState(conn, tenant, row->order);
        if (!order) {
            return Fail(std::move(order.error()));
        }
        StoreId store;
        if (*order) {
            store = (*order)->store_id;
            // The customer gets a little time to send the right UTR, then the order is released.
            if (auto held = orders::OrderService::HoldForPaymentInTx(conn, tenant, row->order, now + wait); !held) {
                return Fail(std::move(held.error()));
            }
        }
        auto payload = PaymentEvent(payment, row->order, store, row->amount, row->utr, now);
        payload["by"] = actor.str();
        if (auto event = events::Enqueue(conn, tenant, "PAYMENT_FAILED", payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        return {};
    });
    co_return done;
}

}  // namespace webdpro::payments
