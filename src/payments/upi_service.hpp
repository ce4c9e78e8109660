#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "stores/store_directory.hpp"

namespace webdpro::storage {
class Db;
}  // namespace webdpro::storage

namespace webdpro::payments {

/// Where a UPI order's payment stands, for the customer's order page.
enum class UpiState : std::uint8_t {
    kAwaiting,   ///< pay, then send the UTR
    kRejected,   ///< the shop did not find the last UTR in its account: pay or send the right one
    kSubmitted,  ///< a UTR waits for the shop to confirm it
    kPaid,       ///< the shop confirmed the payment (the order is confirmed)
    kCancelled,  ///< the order was cancelled (e.g. its reservation ran out)
};
std::string_view UpiStateName(UpiState state);

struct UpiPayInfo {
    UpiState state = UpiState::kAwaiting;
    Paise amount;
    std::string vpa;
    std::string payee_name;
    std::string link;  ///< the upi://pay link; "" once paid or cancelled
    std::string utr;   ///< the last UTR sent, "" when none
    std::optional<TimePoint> expires_at;
};

/// A UPI payment the owner has to check in their account.
struct WaitingUpiPayment {
    PaymentId id;
    OrderId order;
    StoreId store;
    Paise amount;
    std::string utr;
    std::string customer_name;
    TimePoint submitted_at;
};

struct UpiOptions {
    /// After the shop rejects a UTR, the order waits this long for the right one.
    std::chrono::minutes reservation{30};
    /// A submitted UTR holds the order (and its stock) this long for the shop to check it.
    std::chrono::hours utr_hold{48};
};

/// UPI straight to the merchant: the customer pays the business's own VPA with any UPI app (a
/// upi://pay link or its QR code), then sends the 12-digit UTR; the owner checks their account
/// and confirms or rejects it.
///
/// Payment states only move forward: PENDING_VERIFICATION → CAPTURED or FAILED; a CAPTURED
/// payment and a paid order never move back. Confirming marks the order paid through
/// `orders::OrderService::ConfirmPaidInTx` in the payment's own transaction. A store's order is
/// kNotFound from another store or tenant. Thread-safe; the Db must outlive it.
class UpiService final {
public:
    UpiService(storage::Db& db, UpiOptions options);

    /// The order's UPI payment as the customer sees it. kNotFound for an order of another store
    /// or not paid by UPI; kConflict when the business no longer has a UPI ID.
    boost::asio::awaitable<Result<UpiPayInfo>> PayInfo(stores::StoreRef store, OrderId order);
    /// Records the customer's UTR for the shop to check and holds the order meanwhile. The same
    /// UTR sent again for the same order answers the same. kInvalidArgument for a UTR that is not
    /// 12 digits; kConflict when the order is no longer waiting for payment, another UTR already
    /// waits, or the UTR was used before.
    boost::asio::awaitable<Result<UpiPayInfo>> SubmitUtr(stores::StoreRef store, OrderId order, std::string utr);

    /// The tenant's UPI payments waiting for the owner, oldest first.
    boost::asio::awaitable<Result<std::vector<WaitingUpiPayment>>> Waiting(TenantId tenant);
    /// The money arrived: the payment is CAPTURED and its order confirmed as paid (PAYMENT_CAPTURED,
    /// ORDER_CONFIRMED). Confirming again is a no-op. kConflict when it was rejected, or the order
    /// is no longer waiting for payment; kNotFound for another tenant's payment.
    boost::asio::awaitable<Result<void>> Confirm(TenantId tenant, PaymentId payment, UserId actor);
    /// The money did not arrive: the payment FAILED (PAYMENT_FAILED); the order waits
    /// `reservation` for the right UTR, then is released. kConflict when it was confirmed.
    boost::asio::awaitable<Result<void>> Reject(TenantId tenant, PaymentId payment, UserId actor);

private:
    storage::Db& db_;
    UpiOptions options_;
};

}  // namespace webdpro::payments
