#include "orders/invoice.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

#include "core/markup.hpp"
#include "orders/gstin.hpp"
#include "storage/db.hpp"
#include "tenancy/tenants.hpp"

namespace webdpro::orders {
namespace {

constexpr std::int64_t kIndiaOffsetMillis = (5 * 60 + 30) * 60 * 1000;

// GST state code per pincode first two digits (postal circles). Where a prefix spans more than
// one State the larger is taken: 16 Punjab (not Chandigarh), 19 Jammu and Kashmir (not Ladakh),
// 24-26 Uttar Pradesh (not Uttarakhand), 40 Maharashtra (not Goa), 60 Tamil Nadu (not
// Puducherry), 73/74 West Bengal (not Sikkim, Andaman), 79 Tripura (the most populous of the
// North-Eastern States sharing it), 81/82 Bihar (not Jharkhand). kPincodeRefinements then
// places the known three-digit ranges of the smaller ones.
struct PrefixState {
    int prefix;
    int state;
};
constexpr PrefixState kPincodePrefixes[] = {
    {11, 7},  {12, 6},  {13, 6},  {14, 3},  {15, 3},  {16, 3},  {17, 2},  {18, 1},  {19, 1},  {20, 9},
    {21, 9},  {22, 9},  {23, 9},  {24, 9},  {25, 9},  {26, 9},  {27, 9},  {28, 9},  {30, 8},  {31, 8},
    {32, 8},  {33, 8},  {34, 8},  {36, 24}, {37, 24}, {38, 24}, {39, 24}, {40, 27}, {41, 27}, {42, 27},
    {43, 27}, {44, 27}, {45, 23}, {46, 23}, {47, 23}, {48, 23}, {49, 22}, {50, 36}, {51, 37}, {52, 37},
    {53, 37}, {56, 29}, {57, 29}, {58, 29}, {59, 29}, {60, 33}, {61, 33}, {62, 33}, {63, 33}, {64, 33},
    {67, 32}, {68, 32}, {69, 32}, {70, 19}, {71, 19}, {72, 19}, {73, 19}, {74, 19}, {75, 21}, {76, 21},
    {77, 21}, {78, 18}, {79, 16}, {80, 10}, {81, 10}, {82, 10}, {83, 20}, {84, 10}, {85, 10},
};

/// Three-digit ranges of the smaller States inside a shared two-digit prefix.
struct RangeState {
    int first;
    int last;
    int state;
};
constexpr std::array<RangeState, 16> kPincodeRefinements = {{
    {160, 160, 4},   // Chandigarh
    {194, 194, 38},  // Ladakh
    {246, 246, 5},   // Uttarakhand (Garhwal)
    {248, 249, 5},   // Uttarakhand (Dehradun, Haridwar)
    {262, 263, 5},   // Uttarakhand (Kumaon)
    {403, 403, 30},  // Goa
    {605, 605, 34},  // Puducherry
    {737, 737, 11},  // Sikkim
    {744, 744, 35},  // Andaman and Nicobar Islands
    {790, 792, 12},  // Arunachal Pradesh
    {793, 794, 17},  // Meghalaya
    {795, 795, 14},  // Manipur
    {796, 796, 15},  // Mizoram
    {797, 798, 13},  // Nagaland
    {814, 816, 20},  // Jharkhand (Santhal Parganas)
    {825, 829, 20},  // Jharkhand (Hazaribagh, Dhanbad, Bokaro)
}};

/// "1,23,456.78" (Indian digit grouping).
std::string Rupees(Paise amount) {
    const bool negative = amount.value < 0;
    const std::int64_t paise = negative ? -amount.value : amount.value;
    std::string digits = std::to_string(paise / 100);
    std::string grouped;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        grouped.push_back(digits[static_cast<std::size_t>(i)]);
        const int left = n - 1 - i;
        if (left > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0))) {
            grouped.push_back(',');
        }
    }
    char tail[4];
    std::snprintf(tail, sizeof tail, "%02d", static_cast<int>(paise % 100));
    return (negative ? "-" : "") + grouped + "." + tail;
}

/// "18%" / "2.5%" / "0.25%" from basis points.
std::string Percent(int bp) {
    std::string text = std::to_string(bp / 100);
    if (int rest = bp % 100; rest != 0) {
        text += rest % 10 == 0 ? "." + std::to_string(rest / 10) : (rest < 10 ? ".0" : ".") + std::to_string(rest);
    }
    return text + "%";
}

constexpr std::array<std::string_view, 20> kOnes = {
    "Zero", "One",    "Two",    "Three",    "Four",     "Five",    "Six",     "Seven",     "Eight",    "Nine",
    "Ten",  "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr std::array<std::string_view, 10> kTens = {"",      "",      "Twenty",  "Thirty", "Forty",
                                                    "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};

/// 1–99 as words ("Thirty-Four").
std::string BelowHundred(int n) {
    if (n < 20) {
        return std::string(kOnes[static_cast<std::size_t>(n)]);
    }
    std::string words(kTens[static_cast<std::size_t>(n / 10)]);
    if (n % 10 != 0) {
        words += "-" + std::string(kOnes[static_cast<std::size_t>(n % 10)]);
    }
    return words;
}

/// A positive whole number in Indian numbering: crore, lakh, thousand, hundred.
std::string IndianWords(std::int64_t n) {
    std::string words;
    auto add = [&words](std::string part) {
        if (!words.empty()) {
            words += ' ';
        }
        words += part;
    };
    if (n >= 10'000'000) {
        add(IndianWords(n / 10'000'000) + " Crore");
        n %= 10'000'000;
    }
    if (n >= 100'000) {
        add(BelowHundred(static_cast<int>(n / 100'000)) + " Lakh");
        n %= 100'000;
    }
    if (n >= 1000) {
        add(BelowHundred(static_cast<int>(n / 1000)) + " Thousand");
        n %= 1000;
    }
    if (n >= 100) {
        add(BelowHundred(static_cast<int>(n / 100)) + " Hundred");
        n %= 100;
    }
    if (n > 0) {
        add(BelowHundred(static_cast<int>(n)));
    }
    return words;
}

std::chrono::year_month_day IndiaDate(TimePoint at) {
    const auto millis = std::chrono::milliseconds(UnixMillis(at) + kIndiaOffsetMillis);
    return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::sys_time(millis)));
}

/// "25 Nov 2026" in India time.
std::string IndiaDateText(TimePoint at) {
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto date = IndiaDate(at);
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string(kMonths[static_cast<unsigned>(date.month()) - 1]) + " " +
           std::to_string(static_cast<int>(date.year()));
}

std::string StateText(int code) {
    char two[8];
    std::snprintf(two, sizeof two, "%02d", code);
    return std::string(GstStateName(code).value_or("Unknown")) + " (" + two + ")";
}

nlohmann::json SplitJson(const TaxSplit& split) {
    return {{"taxable_paise", split.taxable.value},
            {"cgst_paise", split.cgst.value},
            {"sgst_paise", split.sgst.value},
            {"igst_paise", split.igst.value}};
}

constexpr std::string_view kInvoiceCss = R"(
*{box-sizing:border-box}body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:0;padding:12px;background:#fff}
.page{max-width:210mm;margin:0 auto}h1{font-size:20px;margin:0 0 4px;text-align:center;letter-spacing:.05em}
.meta,.parties{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}.meta>div,.parties>div{flex:1 1 240px;border:1px solid #999;padding:8px}
.label{color:#555;font-size:11px;text-transform:uppercase}.wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;margin:10px 0}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:600}.words{border:1px solid #999;padding:8px}
.sign{margin-top:40px;text-align:right}.note{color:#555;font-size:11px}
@media print{body{padding:0}@page{size:A4;margin:12mm}}
)";

}  // namespace

std::optional<int> StateCodeForPincode(std::string_view pincode) {
    if (pincode.size() != 6 || pincode[0] == '0') {
        return std::nullopt;
    }
    for (char c : pincode) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    const int three = (pincode[0] - '0') * 100 + (pincode[1] - '0') * 10 + (pincode[2] - '0');
    for (const auto& range : kPincodeRefinements) {
        if (three >= range.first && three <= range.last) {
            return range.state;
        }
    }
    const int two = three / 10;
    for (const auto& entry : kPincodePrefixes) {
        if (entry.prefix == two) {
            return entry.state;
        }
    }
    return std::nullopt;
}

TaxSplit SplitLineTax(Paise line_total, int rate_bp, bool intra_state) {
    const Paise tax = ContainedGst(line_total, rate_bp);
    // The tax is a share below 1 of the line, so neither difference can overflow.
    TaxSplit split{.taxable = CheckedSub(line_total, tax).value_or(Paise(0)),
                   .cgst = Paise(0),
                   .sgst = Paise(0),
                   .igst = Paise(0)};
    if (intra_state) {
        split.sgst = Paise(tax.value / 2);
        split.cgst = Paise(tax.value - split.sgst.value);  // the odd paisa
    } else {
        split.igst = tax;
    }
    return split;
}

std::string AmountInWords(Paise amount) {
    const std::int64_t paise = amount.value < 0 ? 0 : amount.value;
    const std::int64_t rupees = paise / 100;
    std::string words = "Rupees " + (rupees == 0 ? std::string("Zero") : IndianWords(rupees));
    if (paise % 100 != 0) {
        words += " and " + BelowHundred(static_cast<int>(paise % 100)) + " Paise";
    }
    return words + " Only";
}

std::string FinancialYear(TimePoint at) {
    const auto date = IndiaDate(at);
    int start = static_cast<int>(date.year());
    if (static_cast<unsigned>(date.month()) < 4) {
        --start;
    }
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", start, (start + 1) % 100);
    return text;
}

Result<InvoiceNumber> AssignInvoiceNumber(storage::Conn& conn, const TenantId& tenant, const OrderId& order,
                                          TimePoint now) {
    auto existing = conn.QueryOne(
        "SELECT number, financial_year, seq, created_at FROM invoices WHERE tenant_id = $1 AND order_id = $2", tenant,
        order);
    if (!existing) {
        return Fail(std::move(existing.error()));
    }
    if (*existing) {
        const storage::Row& r = **existing;
        return InvoiceNumber{r.Text("number"), r.Text("financial_year"), r.Int("seq"),
                             FromUnixMillis(r.Int("created_at"))};
    }
    InvoiceNumber assigned{.number = {}, .financial_year = FinancialYear(now), .seq = 0, .issued_at = now};
    auto next = conn.QueryOne(
        "SELECT coalesce(max(seq), 0) + 1 AS next FROM invoices WHERE tenant_id = $1 AND financial_year = $2", tenant,
        assigned.financial_year);
    if (!next) {
        return Fail(std::move(next.error()));
    }
    assigned.seq = (**next).Int("next");
    // "2025-26" → "2526": the series restarts every financial year, as Rule 46(b) allows.
    const std::string& fy = assigned.financial_year;
    char number[32];
    std::snprintf(number, sizeof number, "INV/%s%s/%06lld", fy.substr(2, 2).c_str(), fy.substr(5, 2).c_str(),
                  static_cast<long long>(assigned.seq));
    assigned.number = number;
    auto inserted = conn.Exec(
        "INSERT INTO invoices (tenant_id, order_id, number, financial_year, seq, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        tenant, order, assigned.number, assigned.financial_year, assigned.seq, UnixMillis(now));
    if (!inserted) {
        return Fail(std::move(inserted.error()));
    }
    return assigned;
}

namespace {

/// The invoice's running sums, checked.
struct InvoiceSums {
    PaiseSum taxable;
    PaiseSum cgst;
    PaiseSum sgst;
    PaiseSum igst;
    PaiseSum total;

    void Add(const TaxSplit& tax, Paise line_total) {
        taxable.Add(tax.taxable);
        cgst.Add(tax.cgst);
        sgst.Add(tax.sgst);
        igst.Add(tax.igst);
        total.Add(line_total);
    }
    bool Fit() const { return taxable.Value() && cgst.Value() && sgst.Value() && igst.Value() && total.Value(); }
};

ApiError TooLargeToInvoice() {
    return ApiError(ErrorCode::kUnprocessable, "This order's amounts are too large to invoice.");
}

}  // namespace

Result<void> InvoiceAmountsFit(const Order& order) {
    for (const bool intra_state : {true, false}) {
        InvoiceSums sums;
        for (const auto& line : order.lines) {
            sums.Add(SplitLineTax(line.line_total, line.gst_rate_bp, intra_state), line.line_total);
        }
        const Paise fee = order.totals.delivery_fee;
        sums.Add(SplitLineTax(fee, DeliveryFeeRateBp(order.lines), intra_state), fee);
        if (!sums.Fit() || !CheckedSub(*sums.total.Value(), order.totals.discount)) {
            return Fail(TooLargeToInvoice());
        }
    }
    return {};
}

Result<Invoice> BuildInvoice(const Order& order, const Supplier& supplier, const InvoiceNumber& number,
                             std::optional<int> address_state) {
    Invoice invoice;
    invoice.number = number;
    invoice.supplier = supplier;
    invoice.supplier_state = std::stoi(supplier.gstin.substr(0, 2));
    invoice.recipient_name = order.customer_name;
    invoice.recipient_address = order.address + (order.pincode.empty() ? "" : " - " + order.pincode);
    invoice.recipient_gstin = order.customer_gstin;
    invoice.order_id = order.id.str();
    std::optional<int> place = address_state ? address_state : StateCodeForPincode(order.pincode);
    if (!place && !order.customer_gstin.empty()) {
        place = std::stoi(order.customer_gstin.substr(0, 2));
    }
    invoice.place_assumed = !place.has_value();
    invoice.place_of_supply = place.value_or(invoice.supplier_state);
    invoice.intra_state = invoice.place_of_supply == invoice.supplier_state;
    InvoiceSums sums;
    auto add = [&invoice, &sums](InvoiceLine line) {
        sums.Add(line.tax, line.total);
        invoice.lines.push_back(std::move(line));
    };
    for (const auto& line : order.lines) {
        add(InvoiceLine{.line = line.line,
                        .description = line.name,
                        .hsn = line.hsn,
                        .quantity = line.quantity,
                        .unit = line.unit,
                        .unit_price = line.unit_price,
                        .rate_bp = line.gst_rate_bp,
                        .tax = SplitLineTax(line.line_total, line.gst_rate_bp, invoice.intra_state),
                        .total = line.line_total});
    }
    invoice.delivery_fee = order.totals.delivery_fee;
    if (invoice.delivery_fee.value > 0) {
        // The fee is charged tax-inclusive like the prices, so the customer pays what checkout showed.
        const int rate = DeliveryFeeRateBp(order.lines);
        add(InvoiceLine{.line = static_cast<int>(order.lines.size()) + 1,
                        .description = "Delivery charges",
                        .hsn = std::string(kDeliverySac),
                        .quantity = 1,
                        .unit = "service",
                        .unit_price = invoice.delivery_fee,
                        .rate_bp = rate,
                        .tax = SplitLineTax(invoice.delivery_fee, rate, invoice.intra_state),
                        .total = invoice.delivery_fee});
    }
    invoice.discount = order.totals.discount;
    const std::optional<Paise> grand_total =
        sums.total.Value() ? CheckedSub(*sums.total.Value(), invoice.discount) : std::nullopt;
    if (!sums.Fit() || !grand_total) {
        return Fail(TooLargeToInvoice());
    }
    invoice.tax_total = {.taxable = *sums.taxable.Value(),
                         .cgst = *sums.cgst.Value(),
                         .sgst = *sums.sgst.Value(),
                         .igst = *sums.igst.Value()};
    invoice.lines_total = *sums.total.Value();
    invoice.grand_total = *grand_total;
    return invoice;
}

nlohmann::json InvoiceJson(const Invoice& invoice) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : invoice.lines) {
        nlohmann::json json = SplitJson(line.tax);
        json.update({{"line", line.line},
                     {"description", line.description},
                     {"hsn", line.hsn},
                     {"quantity", line.quantity},
                     {"unit", line.unit},
                     {"unit_price_paise", line.unit_price.value},
                     {"gst_rate_bp", line.rate_bp},
                     {"total_paise", line.total.value}});
        lines.push_back(std::move(json));
    }
    return {{"invoice_number", invoice.number.number},
            {"financial_year", invoice.number.financial_year},
            {"invoice_date", FormatRfc3339(invoice.number.issued_at)},
            {"order_id", invoice.order_id},
            {"supplier",
             {{"name", invoice.supplier.name},
              {"address", invoice.supplier.address},
              {"gstin", invoice.supplier.gstin},
              {"state_code", invoice.supplier_state},
              {"state", GstStateName(invoice.supplier_state).value_or("")}}},
            {"recipient",
             {{"name", invoice.recipient_name},
              {"address", invoice.recipient_address},
              {"gstin",
               invoice.recipient_gstin.empty() ? nlohmann::json(nullptr) : nlohmann::json(invoice.recipient_gstin)}}},
            {"place_of_supply",
             {{"state_code", invoice.place_of_supply},
              {"state", GstStateName(invoice.place_of_supply).value_or("")},
              {"assumed", invoice.place_assumed}}},
            {"supply_type", invoice.intra_state ? "INTRA_STATE" : "INTER_STATE"},
            {"lines", std::move(lines)},
            {"tax_totals", SplitJson(invoice.tax_total)},
            {"delivery_fee_paise", invoice.delivery_fee.value},
            {"discount_paise", invoice.discount.value},
            {"total_paise", invoice.grand_total.value},
            {"amount_in_words", AmountInWords(invoice.grand_total)},
            {"reverse_charge", false}};
}

std::string InvoiceHtml(const Invoice& invoice) {
    const bool intra = invoice.intra_state;
    std::string html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Tax Invoice " +
        EscapeXml(invoice.number.number) + "</title><style>" + std::string(kInvoiceCss) +
        "</style></head><body><div class=\"page\"><h1>TAX INVOICE</h1>";
    html += "<div class=\"parties\"><div><div class=\"label\">Supplier</div><strong>" +
            EscapeXml(invoice.supplier.name) + "</strong><br>" + EscapeXml(invoice.supplier.address) +
            "<br>State: " + EscapeXml(StateText(invoice.supplier_state)) + "<br>GSTIN: <strong>" +
            EscapeXml(invoice.supplier.gstin) + "</strong></div>";
    html += "<div><div class=\"label\">Invoice</div>Invoice No: <strong>" + EscapeXml(invoice.number.number) +
            "</strong><br>Date: " + EscapeXml(IndiaDateText(invoice.number.issued_at)) +
            "<br>Order: " + EscapeXml(invoice.order_id) +
            "<br>Place of supply: " + EscapeXml(StateText(invoice.place_of_supply)) +
            (invoice.place_assumed ? " (assumed)" : "") +
            "<br>Whether tax is payable on reverse charge: No</div></div>";
    html += "<div class=\"parties\"><div><div class=\"label\">Recipient (billed and shipped to)</div>" +
            EscapeXml(invoice.recipient_name) + "<br>" + EscapeXml(invoice.recipient_address) +
            "<br>State: " + EscapeXml(StateText(invoice.place_of_supply)) + "<br>GSTIN: " +
            (invoice.recipient_gstin.empty() ? std::string("Unregistered")
                                             : "<strong>" + EscapeXml(invoice.recipient_gstin) + "</strong>") +
            "</div></div>";
    html +=
        "<div class=\"wrap\"><table><thead><tr><th>#</th><th>Description</th><th>HSN</th><th "
        "class=\"n\">Qty</th><th>Unit</th><th class=\"n\">Taxable value</th><th class=\"n\">Rate</th>";
    html += intra ? "<th class=\"n\">CGST</th><th class=\"n\">SGST</th>" : "<th class=\"n\">IGST</th>";
    html += "<th class=\"n\">Total</th></tr></thead><tbody>";
    for (const auto& line : invoice.lines) {
        html += "<tr><td>" + std::to_string(line.line) + "</td><td>" + EscapeXml(line.description) + "</td><td>" +
                EscapeXml(line.hsn) + "</td><td class=\"n\">" + std::to_string(line.quantity) + "</td><td>" +
                EscapeXml(line.unit) + "</td><td class=\"n\">" + Rupees(line.tax.taxable) + "</td><td class=\"n\">" +
                Percent(line.rate_bp) + "</td>";
        if (intra) {
            html += "<td class=\"n\">" + Percent(line.rate_bp / 2) + " " + Rupees(line.tax.cgst) +
                    "</td><td class=\"n\">" + Percent(line.rate_bp - line.rate_bp / 2) + " " + Rupees(line.tax.sgst) +
                    "</td>";
        } else {
            html += "<td class=\"n\">" + Percent(line.rate_bp) + " " + Rupees(line.tax.igst) + "</td>";
        }
        html += "<td class=\"n\">" + Rupees(line.total) + "</td></tr>";
    }
    html += "</tbody><tfoot><tr><td colspan=\"5\">Total</td><td class=\"n\">" + Rupees(invoice.tax_total.taxable) +
            "</td><td></td>";
    html += intra ? "<td class=\"n\">" + Rupees(invoice.tax_total.cgst) + "</td><td class=\"n\">" +
                        Rupees(invoice.tax_total.sgst) + "</td>"
                  : "<td class=\"n\">" + Rupees(invoice.tax_total.igst) + "</td>";
    html += "<td class=\"n\">" + Rupees(invoice.lines_total) + "</td></tr>";
    const int columns = intra ? 10 : 9;  // #, description, HSN, qty, unit, taxable, rate, tax, total
    auto total_row = [&](std::string_view label, Paise amount) {
        html += "<tr><td colspan=\"" + std::to_string(columns - 1) + "\">" + std::string(label) +
                "</td><td class=\"n\">" + Rupees(amount) + "</td></tr>";
    };
    if (invoice.discount.value != 0) {
        total_row("Discount", Paise(-invoice.discount.value));
    }
    total_row("Invoice total (₹)", invoice.grand_total);
    html += "</tfoot></table></div><div class=\"words\">Amount in words: <strong>" +
            EscapeXml(AmountInWords(invoice.grand_total)) + "</strong></div>";
    html +=
        "<p class=\"note\">Prices and the delivery charge include GST. Taxable value and tax are worked out per "
        "line, so each line's taxable value and tax add up to its total exactly. Delivery is part of the supply of "
        "the goods and is taxed at the rate of the principal item.</p>";
    html += "<div class=\"sign\">For " + EscapeXml(invoice.supplier.name) +
            "<br><br><br>Authorised signatory</div></div></body></html>";
    return html;
}

boost::asio::awaitable<Result<std::string>> InvoiceService::SetGstin(TenantId tenant,
                                                                     std::optional<std::string> gstin) {
    std::optional<std::string> stored;
    if (gstin) {
        auto valid = ValidateGstin(*gstin);
        if (!valid) {
            co_return Fail(std::move(valid.error()));
        }
        stored = std::move(*valid);
    }
    const TimePoint now = NowUtc();
    auto updated = co_await db_.Write(
        [&](storage::Conn& conn) -> Result<void> { return tenancy::SetTenantGstin(conn, tenant, stored, now); });
    if (!updated) {
        co_return Fail(std::move(updated.error()));
    }
    co_return stored.value_or("");
}

boost::asio::awaitable<Result<std::optional<std::string>>> InvoiceService::Gstin(TenantId tenant) {
    co_return co_await db_.Read([&](storage::Conn& conn) -> Result<std::optional<std::string>> {
        auto row = conn.QueryOne("SELECT coalesce(gstin, '') AS gstin FROM tenants WHERE tenant_id = $1", tenant);
        if (!row) {
            return Fail(std::move(row.error()));
        }
        if (!*row) {
            return Fail(ApiError::NotFound("Tenant"));
        }
        std::string gstin = (*row)->Text("gstin");
        return gstin.empty() ? std::nullopt : std::optional<std::string>(std::move(gstin));
    });
}

bool InvoiceObtainable(bool has_gstin, OrderStatus status, bool already_issued) {
    const bool payable = status != OrderStatus::kPendingPayment && status != OrderStatus::kCancelled;
    return has_gstin && (already_issued || payable);
}

boost::asio::awaitable<Result<Invoice>> InvoiceService::ForOrder(TenantId tenant, OrderId order_id) {
    auto order = co_await orders_.Get(tenant, order_id, false);
    if (!order) {
        co_return Fail(std::move(order.error()));
    }
    if (auto fit = InvoiceAmountsFit(*order); !fit) {
        co_return Fail(std::move(fit.error()));
    }
    struct Issued {
        Supplier supplier;
        InvoiceNumber number;
        std::optional<int> address_state;
    };
    auto issued = co_await db_.Write([&](storage::Conn& conn) -> Result<Issued> {
        auto party = conn.QueryOne(R"(
SELECT t.business_name, coalesce(t.gstin, '') AS gstin,
       coalesce(json_extract(s.spec, '$.contact.address'), '') AS address,
       coalesce(json_extract(s.spec, '$.contact.city'), '') AS city,
       coalesce(json_extract(o.delivery_address, '$.state'), '') AS state,
       EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id) AS invoiced
FROM orders o JOIN tenants t ON t.tenant_id = o.tenant_id
LEFT JOIN stores s ON s.tenant_id = o.tenant_id AND s.store_id = o.store_id
WHERE o.tenant_id = $1 AND o.order_id = $2)",
                                   tenant, order_id);
        if (!party) {
            return Fail(std::move(party.error()));
        }
        if (!*party) {
            return Fail(ApiError::NotFound("Order"));
        }
        const storage::Row& r = **party;
        if (r.Text("gstin").empty()) {
            return Fail(ApiError::Conflict("This business has no GSTIN; add it in settings."));
        }
        if (!InvoiceObtainable(true, order->status, r.Int("invoiced") != 0)) {
            return Fail(
                ApiError::Conflict("An invoice is issued once the order is confirmed, and not for a "
                                   "cancelled order."));
        }
        std::string address = r.Text("address");
        if (!r.Text("city").empty()) {
            address += (address.empty() ? "" : ", ") + r.Text("city");
        }
        auto number = AssignInvoiceNumber(conn, tenant, order_id, NowUtc());
        if (!number) {
            return Fail(std::move(number.error()));
        }
        return Issued{Supplier{r.Text("business_name"), std::move(address), r.Text("gstin")}, std::move(*number),
                      GstStateCodeByName(r.Text("state"))};
    });
    if (!issued) {
        co_return Fail(std::move(issued.error()));
    }
    co_return BuildInvoice(*order, issued->supplier, issued->number, issued->address_state);
}

}  // namespace webdpro::orders
