#pragma once

#include <functional>
#include <optional>
#include <span>

#include "core/money.hpp"
#include "orders/order.hpp"

namespace webdpro::orders {

/// GST contained in a tax-inclusive amount: amount × rate / (100 + rate), rounded half up, in
/// exact integer arithmetic for any amount (rate in basis points; 0 for a rate that is not positive).
Paise ContainedGst(Paise amount, int rate_bp);

/// The GST rate of an order's delivery fee. The seller's own delivery of the goods it sells is a
/// composite supply whose principal supply is the goods (CGST Act s.2(30)), and a composite supply
/// is taxed at the rate of its principal supply (s.8(a)). The principal supply is the predominant
/// element, so the rate is that of the line with the largest value (the higher rate on a tie); an
/// order of exempt goods only carries an untaxed fee. 0 when there are no lines.
/// `project` maps an element of `lines` to its OrderLine (Place keeps lines with their stock data).
template <typename Lines, typename Project = std::identity>
int DeliveryFeeRateBp(const Lines& lines, Project project = {}) {
    const OrderLine* principal = nullptr;
    for (const auto& item : lines) {
        const OrderLine& line = std::invoke(project, item);
        if (principal == nullptr || line.line_total > principal->line_total ||
            (line.line_total == principal->line_total && line.gst_rate_bp > principal->gst_rate_bp)) {
            principal = &line;
        }
    }
    return principal == nullptr ? 0 : principal->gst_rate_bp;
}

/// What a store charges for delivery: `fee` (tax-inclusive), waived when the goods come to at
/// least `free_above` (0 = never waived).
struct DeliveryTerms {
    Paise fee;
    Paise free_above;
};

/// An order's totals from its priced lines (tax-inclusive prices) and the store's delivery terms:
/// subtotal = the lines' totals; delivery fee = `terms.fee` unless waived; tax = the GST contained
/// in each line plus the GST contained in the fee at DeliveryFeeRateBp; no discount; total =
/// subtotal + delivery fee. nullopt when a sum does not fit in 64 bits. Pure.
std::optional<Totals> ComputeTotals(std::span<const OrderLine> lines, const DeliveryTerms& terms);

}  // namespace webdpro::orders
