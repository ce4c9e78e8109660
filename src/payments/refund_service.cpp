#include "payments/refund_service.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "events/outbox.hpp"
#include "orders/order_repository.hpp"
#include "payments/settings.hpp"
#include "storage/db.hpp"

namespace webdpro::payments {
namespace {

constexpr int kReconcileBatch = 20;
constexpr int kMaxList = 200;
constexpr std::string_view kReturnedByHand = "refund.returned_by_hand";

constexpr std::string_view kCapturedPayments = R"(
SELECT payment_id, provider, amount_paise FROM payments
WHERE tenant_id = $1 AND order_id = $2 AND status = 'CAPTURED' AND provider IN ('RAZORPAY', 'UPI')
ORDER BY created_at, payment_id
)";

// One refund per payment: a second request for it (a cancellation seen with a late payment) does nothing.
constexpr std::string_view kInsertRefund = R"(
INSERT INTO refunds (tenant_id, refund_id, order_id, payment_id, provider, amount_paise, state, reason, reconcile_at,
                     created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, 'REQUESTED', $7, $8, $9, $9)
ON CONFLICT (tenant_id, payment_id) DO NOTHING
)";

// The refund's columns as RefundOfRow reads them, in each lookup.
constexpr std::string_view kRefundById = R"(
SELECT refund_id, order_id, payment_id, provider, amount_paise, state, reason,
       coalesce(provider_refund_id, '') AS provider_refund_id, coalesce(error, '') AS error, processed_by, created_at,
       processed_at FROM refunds
WHERE tenant_id = $1 AND refund_id = $2
)";

constexpr std::string_view kRefundByProviderId = R"(
SELECT refund_id, order_id, payment_id, provider, amount_paise, state, reason,
       coalesce(provider_refund_id, '') AS provider_refund_id, coalesce(error, '') AS error, processed_by, created_at,
       processed_at FROM refunds
WHERE tenant_id = $1 AND provider_refund_id = $2
)";

constexpr std::string_view kRefundsOfOrder = R"(
SELECT refund_id, order_id, payment_id, provider, amount_paise, state, reason,
       coalesce(provider_refund_id, '') AS provider_refund_id, coalesce(error, '') AS error, processed_by, created_at,
       processed_at FROM refunds
WHERE tenant_id = $1 AND order_id = $2 ORDER BY created_at, refund_id
)";

constexpr std::string_view kRefundsNewest = R"(
SELECT refund_id, order_id, payment_id, provider, amount_paise, state, reason,
       coalesce(provider_refund_id, '') AS provider_refund_id, coalesce(error, '') AS error, processed_by, created_at,
       processed_at FROM refunds
WHERE tenant_id = $1 ORDER BY created_at DESC, refund_id DESC LIMIT $2
)";

// The conditional move of the refund machine: only from the state it was read in.
constexpr std::string_view kMoveRefund = R"(
UPDATE refunds SET state = $4, provider_refund_id = coalesce($5, provider_refund_id), error = $6, processed_by = $7,
    processed_at = $8, updated_at = $8, reconcile_at = NULL
WHERE tenant_id = $1 AND refund_id = $2 AND state = $3
)";

constexpr std::string_view kNoteProviderId = R"(
UPDATE refunds SET provider_refund_id = $3, updated_at = $4
WHERE tenant_id = $1 AND refund_id = $2 AND provider_refund_id IS NULL
)";

constexpr std::string_view kPaymentRefunded = R"(
UPDATE payments SET status = 'REFUNDED', updated_at = $3 WHERE tenant_id = $1 AND payment_id = $2 AND status = 'CAPTURED'
)";

constexpr std::string_view kProviderPayment = R"(
SELECT coalesce(provider_payment_id, '') AS provider_payment_id FROM payments WHERE tenant_id = $1 AND payment_id = $2
)";

constexpr std::string_view kDueForReconcile = R"(
SELECT tenant_id, refund_id, reconcile_attempts FROM refunds
WHERE reconcile_at IS NOT NULL AND reconcile_at <= $1 AND state = 'REQUESTED' AND provider = 'RAZORPAY'
ORDER BY reconcile_at LIMIT $2
)";

constexpr std::string_view kReconcileLater = R"(
UPDATE refunds SET reconcile_at = $3, reconcile_attempts = reconcile_attempts + 1
WHERE tenant_id = $1 AND refund_id = $2 AND reconcile_at IS NOT NULL
)";

Result<Refund> RefundOfRow(const storage::Row& r) {
    auto id = RefundId::Parse(r.Text("refund_id"));
    auto order = OrderId::Parse(r.Text("order_id"));
    auto payment = PaymentId::Parse(r.Text("payment_id"));
    auto provider = ParseRefundProvider(r.Text("provider"));
    auto state = ParseRefundState(r.Text("state"));
    if (!id || !order || !payment || !provider || !state) {
        return Fail(ApiError::Internal("malformed refunds row " + r.Text("refund_id")));
    }
    Refund refund{.id = std::move(*id),
                  .order = std::move(*order),
                  .payment = std::move(*payment),
                  .provider = *provider,
                  .amount = Paise(r.Int("amount_paise")),
                  .state = *state,
                  .reason = r.Text("reason"),
                  .provider_refund_id = r.Text("provider_refund_id"),
                  .error = r.Text("error"),
                  .processed_by = std::nullopt,
                  .created_at = FromUnixMillis(r.Int("created_at")),
                  .processed_at = std::nullopt};
    if (auto by = r.OptText("processed_by")) {
        refund.processed_by = UserId::Parse(*by);
    }
    if (auto at = r.OptInt("processed_at")) {
        refund.processed_at = FromUnixMillis(*at);
    }
    return refund;
}

Result<std::optional<Refund>> ReadRefund(storage::Conn& conn, const TenantId& tenant, const RefundId& id) {
    auto row = conn.QueryOne(kRefundById, tenant, id);
    if (!row) {
        return Fail(std::move(row.error()));
    }
    if (!*row) {
        return std::optional<Refund>();
    }
    auto refund = RefundOfRow(**row);
    if (!refund) {
        return Fail(std::move(refund.error()));
    }
    return std::optional<Refund>(std::move(*refund));
}

Result<std::vector<Refund>> RefundsOf(const Result<std::vector<storage::Row>>& rows) {
    if (!rows) {
        return Fail(rows.error());
    }
    std::vector<Refund> out;
    for (const auto& r : *rows) {
        auto refund = RefundOfRow(r);
        if (!refund) {
            return Fail(std::move(refund.error()));
        }
        out.push_back(std::move(*refund));
    }
    return out;
}

/// The event payload of a refund (never the customer's phone: consumers read it from the order).
Result<nlohmann::json> RefundPayload(storage::Conn& conn, const TenantId& tenant, const Refund& refund, TimePoint now) {
    auto state = orders::ReadOrderState(conn, tenant, refund.order);
    if (!state) {
        return Fail(std::move(state.error()));
    }
    if (!*state) {
        return Fail(ApiError::Internal("refund " + refund.id.str() + " has no order"));
    }
    return nlohmann::json{{"refund_id", refund.id.str()},
                          {"order_id", refund.order.str()},
                          {"store_id", (*state)->store_id.str()},
                          {"payment_id", refund.payment.str()},
                          {"provider", RefundProviderName(refund.provider)},
                          {"amount_paise", refund.amount.value},
                          {"reason", refund.reason},
                          {"at", UnixMillis(now)}};
}

/// What Razorpay (or the owner) says about a refund, fed to the machine.
struct RefundNews {
    RefundState to = RefundState::kRequested;
    std::string provider_refund_id{};
    std::string error{};
    std::optional<UserId> by{};
};

/// Moves the refund inside the caller's transaction; what it did. REQUESTED news only notes
/// Razorpay's refund id; moves the machine does not have change nothing. PROCESSED marks the
/// payment REFUNDED; PROCESSED and FAILED write their event.
Result<std::string> ApplyInTx(storage::Conn& conn, const TenantId& tenant, const Refund& refund, const RefundNews& news,
                              TimePoint now) {
    if (news.to == RefundState::kRequested) {
        if (!news.provider_refund_id.empty() && refund.provider_refund_id.empty()) {
            if (auto noted = conn.Exec(kNoteProviderId, tenant, refund.id, news.provider_refund_id, UnixMillis(now));
                !noted) {
                return Fail(std::move(noted.error()));
            }
        }
        return std::string("applied: refund pending at Razorpay");
    }
    if (!RefundMoveAllowed(refund.state, news.to)) {
        return "ignored: the refund is already " + std::string(RefundStateName(refund.state));
    }
    auto moved =
        conn.Exec(kMoveRefund, tenant, refund.id, RefundStateName(refund.state), RefundStateName(news.to),
                  news.provider_refund_id.empty() ? std::nullopt : std::optional<std::string>(news.provider_refund_id),
                  news.error.empty() ? std::nullopt : std::optional<std::string>(news.error),
                  news.by ? std::optional<std::string>(news.by->str()) : std::nullopt, UnixMillis(now));
    if (!moved) {
        return Fail(std::move(moved.error()));
    }
    if (*moved != 1) {
        return Fail(ApiError::Conflict("The refund changed meanwhile; try again."));
    }
    if (news.to == RefundState::kProcessed) {
        if (auto paid_back = conn.Exec(kPaymentRefunded, tenant, refund.payment, UnixMillis(now)); !paid_back) {
            return Fail(std::move(paid_back.error()));
        }
    }
    auto payload = RefundPayload(conn, tenant, refund, now);
    if (!payload) {
        return Fail(std::move(payload.error()));
    }
    if (news.to == RefundState::kFailed) {
        (*payload)["error"] = news.error;
    }
    if (auto event = events::Enqueue(
            conn, tenant, news.to == RefundState::kProcessed ? kRefundProcessed : kRefundFailed, *payload, now);
        !event) {
        return Fail(std::move(event.error()));
    }
    return "applied: refund " + std::string(RefundStateName(news.to));
}

}  // namespace

Result<std::vector<RefundId>> RequestRefundsInTx(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                                 std::string_view reason, TimePoint now,
                                                 std::chrono::milliseconds reconcile_after) {
    auto payments = conn.Query(kCapturedPayments, tenant, order);
    if (!payments) {
        return Fail(std::move(payments.error()));
    }
    std::vector<RefundId> made;
    for (const auto& p : *payments) {
        auto payment = PaymentId::Parse(p.Text("payment_id"));
        auto provider = ParseRefundProvider(p.Text("provider"));
        if (!payment || !provider) {
            return Fail(ApiError::Internal("malformed payments row " + p.Text("payment_id")));
        }
        const Refund refund{.id = RefundId::New(),
                            .order = order,
                            .payment = *payment,
                            .provider = *provider,
                            .amount = Paise(p.Int("amount_paise")),
                            .state = RefundState::kRequested,
                            .reason = std::string(reason),
                            .provider_refund_id = {},
                            .error = {},
                            .processed_by = std::nullopt,
                            .created_at = now,
                            .processed_at = std::nullopt};
        if (refund.amount.value <= 0) {
            continue;  // nothing was taken
        }
        const std::optional<std::int64_t> reconcile_at = refund.provider == RefundProvider::kRazorpay
                                                             ? std::optional(UnixMillis(now + reconcile_after))
                                                             : std::nullopt;
        auto inserted =
            conn.Exec(kInsertRefund, tenant, refund.id, order, refund.payment, RefundProviderName(refund.provider),
                      refund.amount.value, refund.reason, reconcile_at, UnixMillis(now));
        if (!inserted) {
            return Fail(std::move(inserted.error()));
        }
        if (*inserted == 0) {
            continue;  // this payment is being refunded already
        }
        auto payload = RefundPayload(conn, tenant, refund, now);
        if (!payload) {
            return Fail(std::move(payload.error()));
        }
        (*payload)["late"] = reason == kRefundLatePayment;
        if (auto event = events::Enqueue(conn, tenant, kRefundRequested, *payload, now); !event) {
            return Fail(std::move(event.error()));
        }
        made.push_back(refund.id);
    }
    return made;
}

Result<std::string> ApplyRazorpayRefundEventInTx(storage::Conn& conn, const TenantId& tenant,
                                                 const RazorpayEvent& event, TimePoint now) {
    std::optional<Refund> refund;
    if (!event.refund_id.empty()) {
        auto row = conn.QueryOne(kRefundByProviderId, tenant, event.refund_id);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (*row) {
            auto found = RefundOfRow(**row);
            if (!found) {
                return Fail(std::move(found.error()));
            }
            refund = std::move(*found);
        }
    }
    if (!refund) {
        // Razorpay's answer to our call may have been lost (a timeout): the refund id we sent in
        // its notes still names it.
        if (auto ours = RefundId::Parse(event.our_refund_id)) {
            auto found = ReadRefund(conn, tenant, *ours);
            if (!found) {
                return Fail(std::move(found.error()));
            }
            refund = std::move(*found);
        }
    }
    if (!refund || refund->provider != RefundProvider::kRazorpay ||
        (!refund->provider_refund_id.empty() && refund->provider_refund_id != event.refund_id)) {
        return Fail(ApiError::NotFound("Refund"));
    }
    RefundNews news{.to = RefundStateOfRazorpay(event.refund_status),
                    .provider_refund_id = event.refund_id,
                    .error = {},
                    .by = std::nullopt};
    if (event.event == "refund.failed") {
        news.to = RefundState::kFailed;
        news.error = "Razorpay could not make the refund.";
    } else if (event.event == "refund.processed") {
        news.to = RefundState::kProcessed;
    }
    return ApplyInTx(conn, tenant, *refund, news, now);
}

RefundService::RefundService(storage::Db& db, const PiiVault& vault, RazorpayApi& api, RefundOptions options)
    : db_(db), vault_(vault), api_(api), options_(options) {}

boost::asio::awaitable<Result<std::vector<Refund>>> RefundService::OfOrder(TenantId tenant, OrderId order) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Refund>> {
        auto state = orders::ReadOrderState(conn, tenant, order);
        if (!state) {
            return Fail(std::move(state.error()));
        }
        if (!*state) {
            return Fail(ApiError::NotFound("Order"));
        }
        return RefundsOf(conn.Query(kRefundsOfOrder, tenant, order));
    });
}

boost::asio::awaitable<Result<std::vector<Refund>>> RefundService::List(TenantId tenant, int limit) {
    const std::int64_t most = std::clamp(limit, 1, kMaxList);
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::vector<Refund>> {
        return RefundsOf(conn.Query(kRefundsNewest, tenant, most));
    });
}

boost::asio::awaitable<Result<Refund>> RefundService::MarkReturned(TenantId tenant, RefundId refund, UserId actor) {
    const TimePoint now = NowUtc();
    co_return co_await db_.Write([&](storage::Conn& conn) -> Result<Refund> {
        auto found = ReadRefund(conn, tenant, refund);
        if (!found) {
            return Fail(std::move(found.error()));
        }
        if (!*found) {
            return Fail(ApiError::NotFound("Refund"));
        }
        if ((*found)->provider != RefundProvider::kUpi) {
            return Fail(ApiError::Conflict("Razorpay makes this refund; it cannot be marked by hand."));
        }
        if ((*found)->state != RefundState::kRequested) {
            return Fail(ApiError::Conflict("This refund is already marked " +
                                           std::string(RefundStateName((*found)->state)) + "."));
        }
        auto applied = ApplyInTx(
            conn, tenant, **found,
            RefundNews{.to = RefundState::kProcessed, .provider_refund_id = {}, .error = {}, .by = actor}, now);
        if (!applied) {
            return Fail(std::move(applied.error()));
        }
        if (auto audited =
                auth::AppendAudit(conn, auth::AuditEntry{.tenant_id = tenant,
                                                         .actor = actor,
                                                         .action = std::string(kReturnedByHand),
                                                         .target_type = "refund",
                                                         .target_id = refund.str(),
                                                         .details = {{"order_id", (*found)->order.str()},
                                                                     {"amount_paise", (*found)->amount.value}},
                                                         .request_id = {},
                                                         .client_ip = {},
                                                         .at = now});
            !audited) {
            return Fail(std::move(audited.error()));
        }
        auto after = ReadRefund(conn, tenant, refund);
        if (!after) {
            return Fail(std::move(after.error()));
        }
        return std::move(**after);
    });
}

Result<void> RefundService::Send(const events::Event& event) {
    if (event.payload.value("provider", "") != RefundProviderName(RefundProvider::kRazorpay)) {
        return {};  // a UPI refund: the owner returns it by hand
    }
    auto id = RefundId::Parse(event.payload.value("refund_id", std::string()));
    if (!id) {
        return Fail(ApiError::Internal("REFUND_REQUESTED without a refund id"));
    }
    struct ToSend {
        Refund refund;
        std::string payment_id;  ///< pay_…
        std::optional<RazorpaySecrets> secrets;
    };
    auto read = db_.ReadSync([&](storage::Conn& conn) -> Result<std::optional<ToSend>> {
        auto refund = ReadRefund(conn, event.tenant_id, *id);
        if (!refund) {
            return Fail(std::move(refund.error()));
        }
        if (!*refund) {
            return std::optional<ToSend>();
        }
        auto payment = conn.QueryOne(kProviderPayment, event.tenant_id, (*refund)->payment);
        if (!payment) {
            return Fail(std::move(payment.error()));
        }
        auto secrets = ReadRazorpaySecrets(conn, vault_, event.tenant_id);
        if (!secrets) {
            return Fail(std::move(secrets.error()));
        }
        return std::optional<ToSend>(ToSend{.refund = std::move(**refund),
                                            .payment_id = *payment ? (*payment)->Text("provider_payment_id") : "",
                                            .secrets = std::move(*secrets)});
    });
    if (!read) {
        return Fail(std::move(read.error()));
    }
    if (!*read || (*read)->refund.state != RefundState::kRequested || !(*read)->refund.provider_refund_id.empty()) {
        return {};  // gone, final, or Razorpay has it already
    }
    const ToSend& to_send = **read;
    const TimePoint now = NowUtc();
    auto fail = [&](std::string error) -> Result<void> {
        auto failed = db_.WriteSync([&](storage::Conn& conn) -> Result<std::string> {
            auto fresh = ReadRefund(conn, event.tenant_id, *id);
            if (!fresh) {
                return Fail(std::move(fresh.error()));
            }
            if (!*fresh) {
                return Fail(ApiError::Internal("refund " + id->str() + " disappeared"));
            }
            return ApplyInTx(conn, event.tenant_id, **fresh,
                             RefundNews{.to = RefundState::kFailed, .provider_refund_id = {}, .error = error, .by = {}},
                             now);
        });
        return failed ? Result<void>{} : Fail(std::move(failed.error()));
    };
    if (to_send.payment_id.empty()) {
        return fail("The payment has no Razorpay payment id to refund.");
    }
    if (!to_send.secrets) {
        // The business removed its keys: nothing can be sent until they are back (retried later).
        return Fail(ApiError::Unavailable("no Razorpay keys to refund " + id->str() + " with"));
    }
    auto made =
        api_.CreateRefund(RazorpayKeys{.key_id = to_send.secrets->key_id, .key_secret = to_send.secrets->key_secret},
                          to_send.payment_id, to_send.refund.amount, id->str(), to_send.refund.order.str());
    if (!made) {
        if (made.error().code == ErrorCode::kInvalidArgument) {
            return fail(made.error().message);  // Razorpay refused it: asking again would not help
        }
        return Fail(std::move(made.error()));  // down, slow or in flight: the same key again later
    }
    auto recorded = db_.WriteSync([&](storage::Conn& conn) -> Result<std::string> {
        auto fresh = ReadRefund(conn, event.tenant_id, *id);
        if (!fresh) {
            return Fail(std::move(fresh.error()));
        }
        if (!*fresh) {
            return Fail(ApiError::Internal("refund " + id->str() + " disappeared"));
        }
        if ((*fresh)->state != RefundState::kRequested) {
            // A webhook settled it before Razorpay's answer got here: only its id is noted.
            if ((*fresh)->provider_refund_id.empty()) {
                if (auto noted = conn.Exec(kNoteProviderId, event.tenant_id, *id, made->id, UnixMillis(now)); !noted) {
                    return Fail(std::move(noted.error()));
                }
            }
            return std::string("noted");
        }
        // Pending at Razorpay: its id is noted and the refund waits for a webhook or the reconciler.
        RefundNews news{
            .to = RefundStateOfRazorpay(made->status), .provider_refund_id = made->id, .error = {}, .by = {}};
        if (news.to == RefundState::kFailed) {
            news.error = "Razorpay could not make the refund.";
        }
        return ApplyInTx(conn, event.tenant_id, **fresh, news, now);
    });
    return recorded ? Result<void>{} : Fail(std::move(recorded.error()));
}

boost::asio::awaitable<Result<int>> RefundService::Reconcile(TimePoint now) {
    struct Due {
        TenantId tenant;
        RefundId refund;
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
            auto refund = RefundId::Parse(r.Text("refund_id"));
            if (!tenant || !refund) {
                return Fail(ApiError::Internal("malformed refunds row " + r.Text("refund_id")));
            }
            out.push_back(
                {.tenant = std::move(*tenant), .refund = std::move(*refund), .attempts = r.Int("reconcile_attempts")});
        }
        return out;
    });
    if (!due) {
        co_return Fail(std::move(due.error()));
    }
    int asked = 0;
    for (const Due& d : *due) {
        struct Context {
            std::string payment_id;
            std::optional<RazorpaySecrets> secrets;
        };
        auto context = co_await db_.Read([&](storage::Conn& conn) -> Result<Context> {
            auto refund = ReadRefund(conn, d.tenant, d.refund);
            if (!refund) {
                return Fail(std::move(refund.error()));
            }
            if (!*refund) {
                return Fail(ApiError::Internal("refund " + d.refund.str() + " disappeared"));
            }
            auto payment = conn.QueryOne(kProviderPayment, d.tenant, (*refund)->payment);
            if (!payment) {
                return Fail(std::move(payment.error()));
            }
            auto secrets = ReadRazorpaySecrets(conn, vault_, d.tenant);
            if (!secrets) {
                return Fail(std::move(secrets.error()));
            }
            return Context{.payment_id = *payment ? (*payment)->Text("provider_payment_id") : "",
                           .secrets = std::move(*secrets)};
        });
        if (!context) {
            co_return Fail(std::move(context.error()));
        }
        std::optional<RazorpayRefund> found;
        if (context->secrets && !context->payment_id.empty()) {
            ++asked;
            // Named before the call: g++ 12 destroys a braced temporary of a co_await's arguments twice.
            RazorpayKeys keys;
            keys.key_id = context->secrets->key_id;
            keys.key_secret = context->secrets->key_secret;
            auto refunds = co_await api_.PaymentRefunds(std::move(keys), context->payment_id);
            if (refunds) {
                for (const auto& r : *refunds) {
                    if (r.our_refund_id == d.refund.str()) {
                        found = r;
                    }
                }
            }
        }
        auto wait = options_.reconcile_after;
        for (std::int64_t i = 0; i < d.attempts && wait < options_.reconcile_max; ++i) {
            wait *= 2;
        }
        wait = std::min(wait, options_.reconcile_max);
        const TimePoint at = NowUtc();
        auto written = co_await db_.Write([&](storage::Conn& conn) -> Result<std::string> {
            std::string outcome = "nothing new";
            if (found) {
                auto fresh = ReadRefund(conn, d.tenant, d.refund);
                if (!fresh) {
                    return Fail(std::move(fresh.error()));
                }
                if (*fresh) {
                    RefundNews news{.to = RefundStateOfRazorpay(found->status),
                                    .provider_refund_id = found->id,
                                    .error = {},
                                    .by = {}};
                    if (news.to == RefundState::kFailed) {
                        news.error = "Razorpay could not make the refund.";
                    }
                    auto applied = ApplyInTx(conn, d.tenant, **fresh, news, at);
                    if (!applied) {
                        return Fail(std::move(applied.error()));
                    }
                    outcome = std::move(*applied);
                }
            }
            // A final refund is no longer asked about (its reconcile_at was cleared).
            if (auto later = conn.Exec(kReconcileLater, d.tenant, d.refund, UnixMillis(at + wait)); !later) {
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

events::Consumer RefundOnCancelConsumer(RefundOptions options) {
    return events::Consumer{
        .name = "refunds",
        .types = {std::string(events::type::kOrderCancelled)},
        .apply = [options](storage::Conn& conn, const events::Event& event) -> Result<void> {
            auto order = OrderId::Parse(event.payload.value("order_id", std::string()));
            if (!order) {
                return {};  // not an order of ours: nothing was paid for it
            }
            auto made = RequestRefundsInTx(conn, event.tenant_id, *order, kRefundOrderCancelled, NowUtc(),
                                           options.reconcile_after);
            return made ? Result<void>{} : Fail(std::move(made.error()));
        },
        .deliver = {},
    };
}

events::Consumer RefundSenderConsumer(RefundService& refunds) {
    return events::Consumer{
        .name = "razorpay-refunds",
        .types = {std::string(kRefundRequested)},
        .apply = {},
        .deliver = [&refunds](const events::Event& event) -> Result<void> { return refunds.Send(event); },
    };
}

}  // namespace webdpro::payments
