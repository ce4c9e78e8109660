#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/awaitable.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "orders/order_service.hpp"

namespace webdpro::storage {
class Conn;
class Db;
}  // namespace webdpro::storage

namespace webdpro::orders {

/// Whether GET /api/orders/{id}/invoice can answer an invoice for an order: the business has a
/// GSTIN, and the order already has one or is past payment and not cancelled.
bool InvoiceObtainable(bool has_gstin, OrderStatus status, bool already_issued);

/// The GST state code of an Indian pincode, from its first digits; nullopt when the prefix is
/// not a State's (e.g. 90–99, the Army Post Office) or the pincode is not 6 digits.
std::optional<int> StateCodeForPincode(std::string_view pincode);

/// One line's tax-inclusive total split into taxable value and tax. taxable + cgst + sgst + igst
/// equals the line total exactly; within a State the tax is halved with the odd paisa to CGST.
struct TaxSplit {
    Paise taxable;
    Paise cgst;
    Paise sgst;
    Paise igst;
};
TaxSplit SplitLineTax(Paise line_total, int rate_bp, bool intra_state);

/// "Rupees One Thousand Two Hundred Thirty-Four and Fifty Paise Only", in Indian numbering
/// (thousand, lakh, crore). Negative amounts are not expected and read as zero.
std::string AmountInWords(Paise amount);

/// The Indian financial year (April–March, India time) of `at`: "2025-26".
std::string FinancialYear(TimePoint at);

/// An invoice's serial: "INV/2526/000001" (≤ 16 characters, letters, digits and '/'), consecutive
/// per tenant and financial year.
struct InvoiceNumber {
    std::string number;
    std::string financial_year;
    std::int64_t seq = 0;
    TimePoint issued_at;
};

/// The order's invoice number, assigned on first call (the next in the tenant's series for the
/// financial year of `now`) and the same ever after. Call inside a write transaction.
Result<InvoiceNumber> AssignInvoiceNumber(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                          TimePoint now);

struct Supplier {
    std::string name;
    std::string address;
    std::string gstin;
};

/// SAC of courier and local delivery services, shown on the delivery-fee line.
inline constexpr std::string_view kDeliverySac = "9968";

struct InvoiceLine {
    int line = 0;
    std::string description;
    std::string hsn;
    std::int64_t quantity = 0;
    std::string unit;
    Paise unit_price;  ///< tax-inclusive, as charged
    int rate_bp = 0;
    TaxSplit tax;
    Paise total;
};

/// A tax invoice with the particulars of CGST Rule 46.
struct Invoice {
    InvoiceNumber number;
    Supplier supplier;
    int supplier_state = 0;
    std::string recipient_name;
    std::string recipient_address;
    std::string recipient_gstin;  ///< "" for an unregistered buyer (B2C)
    int place_of_supply = 0;
    bool place_assumed = false;  ///< no State known for the address: the supplier's is used
    bool intra_state = true;
    std::vector<InvoiceLine> lines;  ///< the goods, then the delivery fee as a taxed service line
    TaxSplit tax_total;
    Paise lines_total;   ///< every line, the delivery fee included
    Paise delivery_fee;  ///< also a line of `lines`
    Paise discount;
    Paise grand_total;
    std::string order_id;
};

/// Builds the invoice of `order`: a line per product and, when there is a delivery fee, a line for
/// it (SAC 9968 at DeliveryFeeRateBp). Place of supply: where the goods are delivered (IGST Act
/// s.10(1)(a)) — `address_state` when the address names its State, else the pincode's; when neither
/// is known, the buyer's GSTIN State for a B2B order, else the supplier's (marked assumed).
/// kUnprocessable when the order's amounts do not add up within 64 bits (see InvoiceAmountsFit).
Result<Invoice> BuildInvoice(const Order& order, const Supplier& supplier, const InvoiceNumber& number,
                             std::optional<int> address_state);

/// kUnprocessable unless every sum of the order's invoice (lines, fee, their taxes) fits in 64
/// bits: checked before an invoice number is taken, so a refused order leaves no gap in the series.
Result<void> InvoiceAmountsFit(const Order& order);

/// One self-contained printable page (inline CSS, A4 and phone friendly); every value escaped.
std::string InvoiceHtml(const Invoice& invoice);
nlohmann::json InvoiceJson(const Invoice& invoice);

/// The tenant's GSTIN and the invoices of its orders.
class InvoiceService final {
public:
    InvoiceService(storage::Db& db, OrderService& orders) : db_(db), orders_(orders) {}

    /// Validates and stores the tenant's GSTIN (nullopt removes it). kInvalidArgument on "gstin".
    boost::asio::awaitable<Result<std::string>> SetGstin(TenantId tenant, std::optional<std::string> gstin);
    /// The tenant's GSTIN; nullopt when it has none. kNotFound for an unknown tenant.
    boost::asio::awaitable<Result<std::optional<std::string>>> Gstin(TenantId tenant);

    /// The order's invoice, numbered on first request. kNotFound for another tenant's order,
    /// kConflict when the tenant has no GSTIN or the order is unpaid / cancelled and not yet invoiced.
    boost::asio::awaitable<Result<Invoice>> ForOrder(TenantId tenant, OrderId order);

private:
    storage::Db& db_;
    OrderService& orders_;
};

}  // namespace webdpro::orders
