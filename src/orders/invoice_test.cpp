#include "orders/invoice.hpp"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "auth/test_util.hpp"
#include "storage/db.hpp"

namespace webdpro::orders {
namespace {

TimePoint At(std::int64_t unix_millis) {
    return FromUnixMillis(unix_millis);
}

TEST(Pincode, PrefixesGiveStates) {
    EXPECT_EQ(StateCodeForPincode("411001"), 27);  // Pune
    EXPECT_EQ(StateCodeForPincode("560001"), 29);  // Bengaluru
    EXPECT_EQ(StateCodeForPincode("110001"), 7);   // Delhi
    EXPECT_EQ(StateCodeForPincode("600001"), 33);  // Chennai
    EXPECT_EQ(StateCodeForPincode("500001"), 36);  // Hyderabad
    EXPECT_EQ(StateCodeForPincode("781001"), 18);  // Guwahati
    EXPECT_EQ(StateCodeForPincode("834001"), 20);  // Ranchi
    EXPECT_EQ(StateCodeForPincode("800001"), 10);  // Patna
}

TEST(Pincode, SmallStatesInsideSharedPrefixes) {
    EXPECT_EQ(StateCodeForPincode("160017"), 4);   // Chandigarh, inside Punjab's 16
    EXPECT_EQ(StateCodeForPincode("403001"), 30);  // Panaji, inside Maharashtra's 40
    EXPECT_EQ(StateCodeForPincode("605001"), 34);  // Puducherry
    EXPECT_EQ(StateCodeForPincode("737101"), 11);  // Gangtok
    EXPECT_EQ(StateCodeForPincode("248001"), 5);   // Dehradun
    EXPECT_EQ(StateCodeForPincode("194101"), 38);  // Leh
    EXPECT_EQ(StateCodeForPincode("793001"), 17);  // Shillong
}

TEST(Pincode, UnknownOrMalformedHasNoState) {
    EXPECT_EQ(StateCodeForPincode("990001"), std::nullopt);  // Army Post Office
    EXPECT_EQ(StateCodeForPincode("41100"), std::nullopt);
    EXPECT_EQ(StateCodeForPincode("41100A"), std::nullopt);
    EXPECT_EQ(StateCodeForPincode("011001"), std::nullopt);
    EXPECT_EQ(StateCodeForPincode(""), std::nullopt);
}

TEST(TaxSplit, ExactToThePaisaOverManyRandomLines) {
    std::mt19937_64 random(20261125);
    const int rates[] = {0, 25, 300, 500, 1200, 1800, 2800, 4000};
    std::uniform_int_distribution<std::int64_t> amount(1, 50'000'000);
    for (int i = 0; i < 20000; ++i) {
        const Paise total(amount(random));
        const int rate = rates[static_cast<std::size_t>(i) % std::size(rates)];
        const TaxSplit intra = SplitLineTax(total, rate, true);
        const TaxSplit inter = SplitLineTax(total, rate, false);
        ASSERT_EQ(intra.taxable.value + intra.cgst.value + intra.sgst.value, total.value);
        ASSERT_EQ(inter.taxable.value + inter.igst.value, total.value);
        ASSERT_EQ(intra.igst.value, 0);
        ASSERT_EQ(inter.cgst.value + inter.sgst.value, 0);
        ASSERT_EQ(intra.taxable.value, inter.taxable.value);
        ASSERT_EQ(intra.cgst.value + intra.sgst.value, inter.igst.value);
        ASSERT_TRUE(intra.cgst.value - intra.sgst.value == 0 || intra.cgst.value - intra.sgst.value == 1);
        ASSERT_EQ(inter.igst.value, ContainedGst(total, rate).value);
        // The taxable value times the rate is the tax, within rounding.
        const double expected = static_cast<double>(intra.taxable.value) * rate / 10000.0;
        ASSERT_LE(std::abs(expected - static_cast<double>(inter.igst.value)), 1.0 + expected * 1e-9) << total.value;
    }
}

TEST(TaxSplit, KnownValues) {
    // ₹118 at 18%: ₹100 + ₹18 (₹9 + ₹9).
    const TaxSplit even = SplitLineTax(Paise(11800), 1800, true);
    EXPECT_EQ(even.taxable.value, 10000);
    EXPECT_EQ(even.cgst.value, 900);
    EXPECT_EQ(even.sgst.value, 900);
    // ₹10 at 5%: tax 48 paise (47.6 rounded), 24 + 24; ₹10.50: tax 50 paise.
    const TaxSplit odd = SplitLineTax(Paise(1001), 500, true);
    EXPECT_EQ(odd.cgst.value + odd.sgst.value, 48);
    const TaxSplit odd_paisa = SplitLineTax(Paise(1071), 500, true);  // tax 51 paise
    EXPECT_EQ(odd_paisa.cgst.value, 26);
    EXPECT_EQ(odd_paisa.sgst.value, 25);
}

TEST(AmountInWords, IndianNumbering) {
    EXPECT_EQ(AmountInWords(Paise(123450)), "Rupees One Thousand Two Hundred Thirty-Four and Fifty Paise Only");
    EXPECT_EQ(AmountInWords(Paise(0)), "Rupees Zero Only");
    EXPECT_EQ(AmountInWords(Paise(5)), "Rupees Zero and Five Paise Only");
    EXPECT_EQ(AmountInWords(Paise(100)), "Rupees One Only");
    EXPECT_EQ(AmountInWords(Paise(1'00'00'000'00)), "Rupees One Crore Only");
    EXPECT_EQ(AmountInWords(Paise(12'34'567'89)),
              "Rupees Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven and Eighty-Nine Paise Only");
    EXPECT_EQ(AmountInWords(Paise(2'05'00'011'00)), "Rupees Two Crore Five Lakh Eleven Only");
    EXPECT_EQ(AmountInWords(Paise(1'00'000'00'00'000'00)), "Rupees One Lakh Crore Only");
}

TEST(FinancialYear, AprilToMarchInIndiaTime) {
    EXPECT_EQ(FinancialYear(At(1764028800000)), "2025-26");  // 25 Nov 2025
    EXPECT_EQ(FinancialYear(At(1774981800000)), "2026-27");  // 1 Apr 2026 00:00 IST
    EXPECT_EQ(FinancialYear(At(1774981799000)), "2025-26");  // 31 Mar 2026 23:59:59 IST
}

Order SampleOrder(std::string pincode) {
    Order order;
    order.id = OrderId::New();
    order.customer_name = "Asha <b>";
    order.address = "12 MG Road";
    order.pincode = std::move(pincode);
    order.lines.push_back({.line = 1,
                           .product_id = ProductId::New(),
                           .name = "Basmati Rice 1kg",
                           .unit = "kg",
                           .unit_price = Paise(11800),
                           .quantity = 2,
                           .line_total = Paise(23600),
                           .gst_rate_bp = 1800,
                           .tax = {},
                           .hsn = "1006"});
    order.lines.push_back({.line = 2,
                           .product_id = ProductId::New(),
                           .name = "Soap",
                           .unit = "pc",
                           .unit_price = Paise(1071),
                           .quantity = 1,
                           .line_total = Paise(1071),
                           .gst_rate_bp = 500,
                           .tax = {},
                           .hsn = "3401"});
    order.totals.delivery_fee = Paise(2000);
    return order;
}

const Supplier kPuneSupplier{"Sharma & Sons", "1 FC Road, Pune", "27AAPFU0939F1ZV"};
const InvoiceNumber kNumber{"INV/2526/000001", "2025-26", 1, At(1764028800000)};

TEST(BuildInvoice, SameStateIsCgstAndSgst) {
    const Invoice invoice = BuildInvoice(SampleOrder("411001"), kPuneSupplier, kNumber, std::nullopt).value();
    EXPECT_TRUE(invoice.intra_state);
    EXPECT_EQ(invoice.place_of_supply, 27);
    EXPECT_EQ(invoice.tax_total.igst.value, 0);
    // The ₹20 delivery fee carries the rice's 18%: 2000 × 18 / 118 = 305.08 → 305, odd paisa to CGST.
    EXPECT_EQ(invoice.tax_total.cgst.value, 1800 + 26 + 153);
    EXPECT_EQ(invoice.tax_total.sgst.value, 1800 + 25 + 152);
    EXPECT_EQ(invoice.tax_total.taxable.value + invoice.tax_total.cgst.value + invoice.tax_total.sgst.value,
              invoice.lines_total.value);
    EXPECT_EQ(invoice.grand_total.value, 23600 + 1071 + 2000);
}

TEST(BuildInvoice, AnOrderWhoseSumsDoNotFitIsRefusedBeforeANumberIsTaken) {
    Order order = SampleOrder("411001");
    for (auto& line : order.lines) {
        line.line_total = Paise(std::numeric_limits<std::int64_t>::max() / 2 + 1);
    }
    auto fit = InvoiceAmountsFit(order);
    ASSERT_FALSE(fit);
    EXPECT_EQ(fit.error().code, ErrorCode::kUnprocessable);
    auto built = BuildInvoice(order, kPuneSupplier, kNumber, std::nullopt);
    ASSERT_FALSE(built);
    EXPECT_EQ(built.error().code, ErrorCode::kUnprocessable);
    EXPECT_TRUE(InvoiceAmountsFit(SampleOrder("560001")));
}

TEST(BuildInvoice, OtherStateIsIgst) {
    const Invoice invoice = BuildInvoice(SampleOrder("560001"), kPuneSupplier, kNumber, std::nullopt).value();
    EXPECT_FALSE(invoice.intra_state);
    EXPECT_EQ(invoice.place_of_supply, 29);
    EXPECT_EQ(invoice.tax_total.cgst.value + invoice.tax_total.sgst.value, 0);
    EXPECT_EQ(invoice.tax_total.igst.value, 3600 + 51 + 305);
}

TEST(BuildInvoice, TheDeliveryFeeIsAServiceLineExactToThePaisa) {
    const Invoice invoice = BuildInvoice(SampleOrder("411001"), kPuneSupplier, kNumber, std::nullopt).value();
    ASSERT_EQ(invoice.lines.size(), 3u);
    const InvoiceLine& fee = invoice.lines[2];
    EXPECT_EQ(fee.line, 3);
    EXPECT_EQ(fee.hsn, "9968");
    EXPECT_EQ(fee.rate_bp, 1800);
    EXPECT_EQ(fee.total.value, 2000);
    EXPECT_EQ(fee.tax.taxable.value + fee.tax.cgst.value + fee.tax.sgst.value, 2000);
    EXPECT_EQ(fee.tax.taxable.value, 1695);
    EXPECT_EQ(invoice.lines_total.value, 23600 + 1071 + 2000);

    Order free_delivery = SampleOrder("411001");
    free_delivery.totals.delivery_fee = Paise(0);
    EXPECT_EQ(BuildInvoice(free_delivery, kPuneSupplier, kNumber, std::nullopt).value().lines.size(), 2u);
}

TEST(DeliveryFeeRateBp, IsThePrincipalItemsRate) {
    Order order = SampleOrder("411001");
    EXPECT_EQ(DeliveryFeeRateBp(order.lines), 1800);  // the rice is worth the most
    order.lines[1].line_total = Paise(50000);
    EXPECT_EQ(DeliveryFeeRateBp(order.lines), 500);
    order.lines[1].line_total = Paise(23600);
    EXPECT_EQ(DeliveryFeeRateBp(order.lines), 1800) << "a tie takes the higher rate";
    order.lines[0].gst_rate_bp = 0;
    order.lines[1].gst_rate_bp = 0;
    EXPECT_EQ(DeliveryFeeRateBp(order.lines), 0) << "exempt goods, untaxed delivery";
    EXPECT_EQ(DeliveryFeeRateBp(std::vector<OrderLine>{}), 0);
}

TEST(BuildInvoice, ABuyersGstinIsTheRecipientsAndOnlyAFallbackForThePlace) {
    Order order = SampleOrder("411001");
    order.customer_gstin = "29AAGCB7383J1Z4";
    const Invoice delivered_in_pune = BuildInvoice(order, kPuneSupplier, kNumber, std::nullopt).value();
    EXPECT_EQ(delivered_in_pune.recipient_gstin, "29AAGCB7383J1Z4");
    EXPECT_EQ(delivered_in_pune.place_of_supply, 27) << "goods: where the delivery ends";
    EXPECT_NE(InvoiceHtml(delivered_in_pune).find("29AAGCB7383J1Z4"), std::string::npos);
    EXPECT_EQ(InvoiceJson(delivered_in_pune)["recipient"]["gstin"], "29AAGCB7383J1Z4");

    order.pincode = "990001";  // no State known for the address
    const Invoice unknown_address = BuildInvoice(order, kPuneSupplier, kNumber, std::nullopt).value();
    EXPECT_EQ(unknown_address.place_of_supply, 29);
    EXPECT_FALSE(unknown_address.place_assumed);
    EXPECT_FALSE(unknown_address.intra_state);
    EXPECT_TRUE(
        InvoiceJson(
            BuildInvoice(SampleOrder("411001"), kPuneSupplier, kNumber, std::nullopt).value())["recipient"]["gstin"]
            .is_null());
}

TEST(BuildInvoice, AddressStateWinsAndUnknownPincodeIsAssumedLocal) {
    EXPECT_EQ(BuildInvoice(SampleOrder("411001"), kPuneSupplier, kNumber, 29).value().place_of_supply, 29);
    const Invoice apo = BuildInvoice(SampleOrder("990001"), kPuneSupplier, kNumber, std::nullopt).value();
    EXPECT_TRUE(apo.place_assumed);
    EXPECT_TRUE(apo.intra_state);
}

TEST(InvoiceHtml, HasTheRule46ParticularsEscaped) {
    const std::string intra =
        InvoiceHtml(BuildInvoice(SampleOrder("411001"), kPuneSupplier, kNumber, std::nullopt).value());
    for (const char* part :
         {"TAX INVOICE", "27AAPFU0939F1ZV", "INV/2526/000001", "Sharma &amp; Sons", "Asha &lt;b&gt;", "1006", "3401",
          "CGST", "SGST", "9% 18.00", "Maharashtra (27)", "Whether tax is payable on reverse charge: No",
          "Authorised signatory", "Rupees Two Hundred Sixty-Six and Seventy-One Paise Only", "25 Nov 2025"}) {
        EXPECT_NE(intra.find(part), std::string::npos) << part;
    }
    EXPECT_EQ(intra.find("Asha <b>"), std::string::npos);
    EXPECT_NE(intra.find("<td colspan=\"9\">Invoice total"), std::string::npos) << "spans all but the last column";
    EXPECT_EQ(intra.find("IGST"), std::string::npos);
    const std::string inter =
        InvoiceHtml(BuildInvoice(SampleOrder("560001"), kPuneSupplier, kNumber, std::nullopt).value());
    EXPECT_NE(inter.find("IGST"), std::string::npos);
    EXPECT_NE(inter.find("Karnataka (29)"), std::string::npos);
    EXPECT_EQ(inter.find("CGST"), std::string::npos);
}

TEST(InvoiceNumbers, ConsecutiveAndStableOnReRequest) {
    auto db = auth::testing::MigratedMemoryDb();
    ASSERT_NE(db, nullptr);
    const TenantId tenant = TenantId::New();
    const TenantId other = TenantId::New();
    const OrderId first = OrderId::New();
    const OrderId second = OrderId::New();
    const TimePoint now = At(1764028800000);
    auto assign = [&](const TenantId& t, const OrderId& o, TimePoint at) {
        auto number = db->WriteSync([&](storage::Conn& conn) { return AssignInvoiceNumber(conn, t, o, at); });
        EXPECT_TRUE(number.has_value());
        return number.value_or(InvoiceNumber{});
    };
    const InvoiceNumber a = assign(tenant, first, now);
    EXPECT_EQ(a.number, "INV/2526/000001");
    EXPECT_EQ(a.seq, 1);
    const InvoiceNumber b = assign(tenant, second, now);
    EXPECT_EQ(b.number, "INV/2526/000002");
    // Asking again gives the same number and date, even later.
    const InvoiceNumber again = assign(tenant, first, At(1764028800000 + 86'400'000));
    EXPECT_EQ(again.number, a.number);
    EXPECT_EQ(UnixMillis(again.issued_at), UnixMillis(a.issued_at));
    // Another tenant has its own series; a new financial year restarts it.
    EXPECT_EQ(assign(other, OrderId::New(), now).number, "INV/2526/000001");
    EXPECT_EQ(assign(tenant, OrderId::New(), At(1774981800000)).number, "INV/2627/000001");
    EXPECT_LE(a.number.size(), 16u);
}

}  // namespace
}  // namespace webdpro::orders
