#include "orders/totals.hpp"

namespace webdpro::orders {

Paise ContainedGst(Paise amount, int rate_bp) {
    if (rate_bp <= 0) {
        return Paise(0);
    }
    // amount × r / (10000 + r), rounded half up. The fraction is below 1, so the result always fits.
    return MulDiv(amount, rate_bp, 10'000 + static_cast<std::int64_t>(rate_bp)).value_or(Paise(0));
}

std::optional<Totals> ComputeTotals(std::span<const OrderLine> lines, const DeliveryTerms& terms) {
    PaiseSum subtotal;
    PaiseSum tax;
    for (const OrderLine& line : lines) {
        subtotal.Add(line.line_total);
        tax.Add(line.tax);
    }
    if (!subtotal.Value()) {
        return std::nullopt;
    }
    Totals totals;
    totals.subtotal = *subtotal.Value();
    const bool free_delivery = terms.free_above.value > 0 && totals.subtotal >= terms.free_above;
    totals.delivery_fee = free_delivery ? Paise(0) : terms.fee;
    // The fee is tax-inclusive like the prices: its GST is part of the order's tax (the invoice's
    // delivery line).
    tax.Add(ContainedGst(totals.delivery_fee, DeliveryFeeRateBp(lines)));
    const std::optional<Paise> total = CheckedAdd(totals.subtotal, totals.delivery_fee);
    if (!tax.Value() || !total) {
        return std::nullopt;
    }
    totals.tax = *tax.Value();
    totals.total = *total;
    return totals;
}

}  // namespace webdpro::orders
