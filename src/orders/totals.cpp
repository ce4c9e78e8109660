#include "orders/totals.hpp"

namespace webdpro::orders {

Paise ContainedGst(Paise amount, int rate_bp) {
    if (rate_bp <= 0) {
        return Paise(0);
    }
    // amount × r / (10000 + r), rounded half up: (2·a·r + d) / (2·d).
    const std::int64_t divisor = 10'000 + rate_bp;
    return Paise((2 * amount.value * rate_bp + divisor) / (2 * divisor));
}

Totals ComputeTotals(std::span<const OrderLine> lines, const DeliveryTerms& terms) {
    Totals totals;
    for (const OrderLine& line : lines) {
        totals.subtotal += line.line_total;
        totals.tax += line.tax;
    }
    const bool free_delivery = terms.free_above.value > 0 && totals.subtotal >= terms.free_above;
    totals.delivery_fee = free_delivery ? Paise(0) : terms.fee;
    // The fee is tax-inclusive like the prices: its GST is part of the order's tax (the invoice's
    // delivery line).
    totals.tax += ContainedGst(totals.delivery_fee, DeliveryFeeRateBp(lines));
    totals.total = totals.subtotal + totals.delivery_fee;
    return totals;
}

}  // namespace webdpro::orders
