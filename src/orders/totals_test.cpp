#include "orders/totals.hpp"

#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace webdpro::orders {
namespace {

/// A line of `quantity` at `unit_paise` (tax-inclusive) taxed at `rate_bp`, with its contained GST.
OrderLine Line(std::int64_t unit_paise, std::int64_t quantity, int rate_bp) {
    OrderLine line{.line = 1,
                   .product_id = ProductId::New(),
                   .name = "item",
                   .unit = "piece",
                   .unit_price = Paise(unit_paise),
                   .quantity = quantity,
                   .line_total = Paise(unit_paise * quantity),
                   .gst_rate_bp = rate_bp,
                   .tax = {},
                   .hsn = ""};
    line.tax = ContainedGst(line.line_total, rate_bp);
    return line;
}

TEST(ComputeTotals, AddsLinesAndTheirContainedTax) {
    const std::vector<OrderLine> lines = {Line(11800, 2, 1800), Line(10500, 1, 500)};
    const Totals totals = *ComputeTotals(lines, {.fee = Paise(0), .free_above = Paise(0)});
    EXPECT_EQ(totals.subtotal.value, 34100);
    EXPECT_EQ(totals.tax.value, 3600 + 500);
    EXPECT_EQ(totals.delivery_fee.value, 0);
    EXPECT_EQ(totals.discount.value, 0);
    EXPECT_EQ(totals.total.value, 34100);
}

TEST(ComputeTotals, ChargesTheFeeWithTheGstOfThePrincipalLine) {
    // The 18% line is worth more, so the fee carries 18%: 5900 contains 900.
    const std::vector<OrderLine> lines = {Line(11800, 2, 1800), Line(10500, 1, 500)};
    const Totals totals = *ComputeTotals(lines, {.fee = Paise(5900), .free_above = Paise(0)});
    EXPECT_EQ(totals.delivery_fee.value, 5900);
    EXPECT_EQ(totals.tax.value, 3600 + 500 + 900);
    EXPECT_EQ(totals.total.value, 34100 + 5900);
}

TEST(ComputeTotals, WaivesTheFeeFromTheThresholdOn) {
    const std::vector<OrderLine> lines = {Line(50000, 1, 500)};
    EXPECT_EQ(ComputeTotals(lines, {.fee = Paise(4000), .free_above = Paise(50000)})->delivery_fee.value, 0);
    EXPECT_EQ(ComputeTotals(lines, {.fee = Paise(4000), .free_above = Paise(50001)})->delivery_fee.value, 4000);
    // 0 means the fee is never waived.
    const Totals never = *ComputeTotals(lines, {.fee = Paise(4000), .free_above = Paise(0)});
    EXPECT_EQ(never.delivery_fee.value, 4000);
    EXPECT_EQ(never.total.value, 54000);
}

TEST(ComputeTotals, ExemptGoodsCarryAnUntaxedFee) {
    const std::vector<OrderLine> lines = {Line(4000, 3, 0)};
    const Totals totals = *ComputeTotals(lines, {.fee = Paise(2000), .free_above = Paise(0)});
    EXPECT_EQ(totals.tax.value, 0);
    EXPECT_EQ(totals.total.value, 14000);
}

TEST(ContainedGst, IsExactForAnyAmountAPriceCanHold) {
    // 2 × amount × rate no longer fits 64 bits here: the GST must still be right, never 0.
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(ContainedGst(Paise(max), 1800).value, 1'406'955'056'469'372'581);  // max × 18 / 118
    EXPECT_EQ(ContainedGst(Paise(1'000'000'000), 300).value, 29'126'214);
    EXPECT_EQ(ContainedGst(Paise(max), 0).value, 0);
}

TEST(ComputeTotals, SumsThatDoNotFitInSixtyFourBitsAreNoTotals) {
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::vector<OrderLine> two = {Line(max / 2 + 1, 1, 0), Line(max / 2 + 1, 1, 0)};
    EXPECT_FALSE(ComputeTotals(two, {.fee = Paise(0), .free_above = Paise(0)}).has_value());
    const std::vector<OrderLine> one = {Line(max, 1, 0)};
    EXPECT_FALSE(ComputeTotals(one, {.fee = Paise(1), .free_above = Paise(0)}).has_value()) << "the fee on top";
    EXPECT_TRUE(ComputeTotals(one, {.fee = Paise(1), .free_above = Paise(max)}).has_value()) << "waived";
}

TEST(ComputeTotals, NoLinesIsNothingButTheFee) {
    const Totals totals = *ComputeTotals({}, {.fee = Paise(3000), .free_above = Paise(0)});
    EXPECT_EQ(totals.subtotal.value, 0);
    EXPECT_EQ(totals.tax.value, 0);
    EXPECT_EQ(totals.total.value, 3000);
}

}  // namespace
}  // namespace webdpro::orders
