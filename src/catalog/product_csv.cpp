#include "catalog/product_csv.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "catalog/catalog_service.hpp"
#include "catalog/csv.hpp"
#include "sitegen/text.hpp"

namespace webdpro::catalog {
namespace {

constexpr std::string_view kRupeeSign = "\xE2\x82\xB9";  // ₹ U+20B9
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// 12 digits of rupees is 10^14 paise: far above any price, far below int64.
constexpr std::size_t kMaxWholeDigits = 12;
constexpr std::string_view kRupeesHint = "must be an amount in rupees, e.g. 45 or 45.50";

enum class Column : std::uint8_t {
    kProductId,
    kName,
    kDescription,
    kCategory,
    kUnit,
    kPrice,
    kMrp,
    kGstRate,
    kHsn,
    kStock,
    kLowStockThreshold,
    kActive,
    kExportedStock,
};

bool IsDigits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t DigitsValue(std::string_view digits) {
    std::int64_t value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(),
                           [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

/// "1,25,000" → "125000"; nullopt unless digits with single commas between them.
std::optional<std::string> WithoutGrouping(std::string_view whole) {
    std::string digits;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        const char c = whole[i];
        if (c == ',') {
            if (i == 0 || i + 1 == whole.size() || whole[i + 1] == ',') {
                return std::nullopt;
            }
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        digits.push_back(c);
    }
    return digits;
}

/// HSN codes have 4, 6 or 8 digits, and chapters 01 to 09 start with a zero that Excel drops when
/// it opens the file ("0910" comes back as "910"): an odd count of digits gets it back.
std::string RestoreLeadingZero(const std::string& hsn) {
    const std::string_view digits = sitegen::TrimSpace(hsn);
    if (IsDigits(digits) && (digits.size() == 3 || digits.size() == 5 || digits.size() == 7)) {
        return "0" + std::string(digits);
    }
    return hsn;
}

/// A whole number of units ("12"); the message names what is wrong.
std::expected<std::int64_t, std::string> ParseCount(std::string_view text) {
    const std::string_view t = sitegen::TrimSpace(text);
    if (t.starts_with('-')) {
        return std::unexpected("must not be negative");
    }
    auto digits = WithoutGrouping(t);
    if (!digits || !IsDigits(*digits)) {
        return std::unexpected("must be a whole number, e.g. 12");
    }
    if (digits->size() > kMaxWholeDigits) {
        return std::unexpected("is too large");
    }
    return DigitsValue(*digits);
}

std::expected<bool, std::string> ParseActive(std::string_view text) {
    const std::string t = Lower(sitegen::TrimSpace(text));
    if (t == "yes" || t == "y" || t == "true" || t == "1") {
        return true;
    }
    if (t == "no" || t == "n" || t == "false" || t == "0") {
        return false;
    }
    return std::unexpected("must be yes or no");
}

std::optional<Column> ColumnNamed(std::string_view header) {
    std::string name = Lower(sitegen::TrimSpace(header));
    std::ranges::replace(name, ' ', '_');
    std::ranges::replace(name, '-', '_');
    for (std::size_t i = 0; i < kCsvColumns.size(); ++i) {
        if (kCsvColumns[i] == name) {
            return static_cast<Column>(i);
        }
    }
    return std::nullopt;
}

std::string_view ColumnName(Column column) {
    return kCsvColumns[static_cast<std::size_t>(column)];
}

std::string ColumnList() {
    std::string out;
    for (std::string_view name : kCsvColumns) {
        out += (out.empty() ? "" : ",") + std::string(name);
    }
    return out;
}

std::string GstRateList() {
    std::string out;
    for (int bp : CurrentGstRates()) {
        out += (out.empty() ? "" : ", ") + FormatGstPercent(bp);
    }
    return out;
}

bool IsBlank(const csv::Record& record) {
    return std::ranges::all_of(record.cells, [](const std::string& c) { return sitegen::TrimSpace(c).empty(); });
}

/// What the export shows of a product is the same (image and sort order are not in the file).
bool SameInFile(const Product& a, const Product& b) {
    return a.name == b.name && a.description == b.description && a.category == b.category && a.unit == b.unit &&
           a.price.value == b.price.value && a.mrp.has_value() == b.mrp.has_value() &&
           (!a.mrp || a.mrp->value == b.mrp->value) && a.gst_rate_bp == b.gst_rate_bp && a.hsn == b.hsn &&
           a.stock == b.stock && a.low_stock_threshold == b.low_stock_threshold && a.active == b.active;
}

/// Collects the problems of a whole file, at most kMaxImportProblems of them.
class Problems {
public:
    void File(std::string message) { Add("file", std::move(message)); }

    void Row(std::size_t line, std::string_view column, std::string message) {
        std::string field = "rows[" + std::to_string(line) + "]";
        if (!column.empty()) {
            field += "." + std::string(column);
        }
        Add(std::move(field), std::move(message));
    }

    std::size_t count() const { return count_; }

    ApiError Error() && {
        if (count_ > kMaxImportProblems) {
            error_.fields.push_back(
                {"file", "and " + std::to_string(count_ - kMaxImportProblems) + " more problems not listed"});
        }
        error_.message = std::to_string(count_) + (count_ == 1 ? " problem" : " problems") +
                         " in the file; nothing was imported. Fix them and upload it again.";
        return std::move(error_);
    }

private:
    void Add(std::string field, std::string message) {
        if (++count_ <= kMaxImportProblems) {
            error_.fields.push_back({std::move(field), std::move(message)});
        }
    }

    ApiError error_{ErrorCode::kUnprocessable, ""};
    std::size_t count_ = 0;
};

/// The header: which column each cell is. Reports unknown, repeated and missing columns.
std::vector<std::optional<Column>> ReadHeader(const csv::Record& header, Problems& problems) {
    std::vector<std::optional<Column>> columns;
    std::vector<bool> seen(kCsvColumns.size(), false);
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        std::string cell = header.cells[i];
        if (i == 0 && cell.starts_with(kByteOrderMark)) {
            cell.erase(0, kByteOrderMark.size());
        }
        auto column = ColumnNamed(cell);
        if (!column && sitegen::TrimSpace(cell).empty()) {
            columns.push_back(std::nullopt);  // an empty trailing header cell, as spreadsheets leave
            continue;
        }
        if (!column) {
            problems.File("line 1: unknown column \"" + std::string(sitegen::TrimSpace(cell)) + "\"; the columns are " +
                          ColumnList());
        } else if (seen[static_cast<std::size_t>(*column)]) {
            problems.File("line 1: the column \"" + std::string(ColumnName(*column)) + "\" appears twice");
            column.reset();
        } else {
            seen[static_cast<std::size_t>(*column)] = true;
        }
        columns.push_back(column);
    }
    for (Column required : {Column::kName, Column::kPrice}) {
        if (!seen[static_cast<std::size_t>(required)]) {
            problems.File("line 1: the header has no \"" + std::string(ColumnName(required)) +
                          "\" column; the first line must name the columns: " + ColumnList());
        }
    }
    return columns;
}

/// One data row into ProductFields, reporting cells that are not even of the right form.
class RowReader {
public:
    RowReader(const csv::Record& record, const std::vector<std::optional<Column>>& columns, Problems& problems)
        : record_(record), problems_(problems) {
        // A short row (spreadsheets drop trailing empty cells) reads as empty cells.
        static const std::string kEmpty;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i]) {
                ReadCell(*columns[i], i < record.cells.size() ? record.cells[i] : kEmpty);
            }
        }
        for (std::size_t i = columns.size(); i < record.cells.size(); ++i) {
            if (!sitegen::TrimSpace(record.cells[i]).empty()) {
                problems_.Row(record.line, "", "has more cells than the header has columns");
                break;
            }
        }
    }

    const ProductFields& fields() const { return fields_; }
    const std::string& product_id() const { return product_id_; }
    /// The stock the export wrote on this row; nullopt for files without the column.
    const std::optional<std::int64_t>& exported_stock() const { return exported_stock_; }
    /// Columns already reported as malformed: ApplyFields would only repeat them.
    const std::vector<std::string_view>& bad_columns() const { return bad_columns_; }

private:
    void ReadCell(Column column, const std::string& raw) {
        const std::string text = csv::UnguardFormula(raw);
        const bool blank = sitegen::TrimSpace(text).empty();
        switch (column) {
            case Column::kProductId:
                product_id_ = std::string(sitegen::TrimSpace(text));
                return;
            case Column::kName:
                fields_.name = text;
                return;
            case Column::kDescription:
                fields_.description = text;
                return;
            case Column::kCategory:
                fields_.category = text;
                return;
            case Column::kHsn:
                fields_.hsn = RestoreLeadingZero(text);
                return;
            case Column::kUnit:
                if (!blank) {
                    fields_.unit = text;
                }
                return;
            case Column::kPrice:
                if (blank) {
                    Bad(column, "is required");
                } else if (auto price = ParseRupees(text)) {
                    fields_.price = *price;
                } else {
                    Bad(column, price.error());
                }
                return;
            case Column::kMrp:
                if (blank) {
                    fields_.mrp = std::optional<Paise>{};
                } else if (auto mrp = ParseRupees(text)) {
                    fields_.mrp = std::optional<Paise>(*mrp);
                } else {
                    Bad(column, mrp.error());
                }
                return;
            case Column::kGstRate:
                ReadOptional(column, text, ParseGstPercent, fields_.gst_rate_bp);
                return;
            case Column::kStock:
                ReadOptional(column, text, ParseCount, fields_.stock);
                return;
            case Column::kExportedStock:
                ReadOptional(column, text, ParseCount, exported_stock_);
                return;
            case Column::kLowStockThreshold:
                ReadOptional(column, text, ParseCount, fields_.low_stock_threshold);
                return;
            case Column::kActive:
                ReadOptional(column, text, ParseActive, fields_.active);
                return;
        }
    }

    /// A cell that may be left blank (the value stays as it is): parsed into `into`, or reported.
    template <class T, class Parse>
    void ReadOptional(Column column, std::string_view text, Parse parse, std::optional<T>& into) {
        if (sitegen::TrimSpace(text).empty()) {
            return;
        }
        if (auto value = parse(text)) {
            into = *value;
        } else {
            Bad(column, value.error());
        }
    }

    void Bad(Column column, std::string message) {
        bad_columns_.push_back(ColumnName(column));
        problems_.Row(record_.line, ColumnName(column), std::move(message));
    }

    const csv::Record& record_;
    Problems& problems_;
    ProductFields fields_;
    std::string product_id_;
    std::optional<std::int64_t> exported_stock_;
    std::vector<std::string_view> bad_columns_;
};

/// ApplyFields names API fields; the file has columns (and percent, not basis points).
void ReportInvalid(const ApiError& error, std::size_t line, std::span<const std::string_view> already,
                   Problems& problems) {
    for (const FieldError& bad : error.fields) {
        const std::string_view column = bad.field == "price_paise"   ? "price"
                                        : bad.field == "mrp_paise"   ? "mrp"
                                        : bad.field == "gst_rate_bp" ? "gst_rate"
                                                                     : std::string_view(bad.field);
        if (std::ranges::find(already, column) != already.end()) {
            continue;
        }
        // The file speaks rupees: the caps are said in rupees too.
        const std::string cap =
            "must be at most " + FormatRupees(kMaxUnitPrice) + " (" + FormatInr(kMaxUnitPrice) + ")";
        if (bad.field == "price_paise") {
            problems.Row(line, "price",
                         bad.message == "must be more than 0 paise" ? "must be more than 0"
                         : bad.message == kPriceAboveCap            ? cap
                                                                    : bad.message);
        } else if (bad.field == "mrp_paise") {
            problems.Row(line, "mrp", bad.message == kPriceAboveCap ? cap : bad.message);
        } else if (bad.field == "gst_rate_bp") {
            problems.Row(line, "gst_rate", "must be a GST rate in force (percent): " + GstRateList());
        } else {
            problems.Row(line, bad.field, bad.message);
        }
    }
}

/// A row of an exported file carries the stock at export time (exported_stock). Its stock cell as
/// exported means "not edited": the product keeps its stock now, with the sales made since. An
/// edited stock is taken when the stock has not moved since the export; when it has, the file is
/// stale and the row is refused (the owner may pass overwrite_stock to take the file's figure).
/// Files without the column (older exports, hand-made files) set the stock as given.
void KeepStockSoldSinceExport(const Product& existing, const std::optional<std::int64_t>& exported_stock,
                              std::size_t line, ProductFields& fields, Problems& problems) {
    if (!exported_stock || !fields.stock) {
        return;
    }
    if (*fields.stock == *exported_stock) {
        fields.stock.reset();
    } else if (existing.stock != *exported_stock) {
        problems.Row(line, ColumnName(Column::kStock),
                     "stock changed since this file was exported: now " + std::to_string(existing.stock));
    }
}

}  // namespace

std::expected<Paise, std::string> ParseRupees(std::string_view text) {
    std::string_view t = sitegen::TrimSpace(text);
    if (t.starts_with(kRupeeSign)) {
        t.remove_prefix(kRupeeSign.size());
    } else if (const std::string lower = Lower(t.substr(0, 3)); lower == "rs.") {
        t.remove_prefix(3);
    } else if (lower.starts_with("rs")) {
        t.remove_prefix(2);
    }
    t = sitegen::TrimSpace(t);
    if (t.starts_with('-')) {
        return std::unexpected("must not be negative");
    }
    const std::size_t point = t.find('.');
    const std::string_view whole = t.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : t.substr(point + 1);
    if (point != std::string_view::npos && IsDigits(fraction) && fraction.size() > 2) {
        return std::unexpected("has more than 2 decimals; the smallest amount is 1 paisa (0.01)");
    }
    auto digits = WithoutGrouping(whole);
    const bool has_fraction = point != std::string_view::npos;
    if (!digits || (digits->empty() && !has_fraction) || (has_fraction && !IsDigits(fraction))) {
        return std::unexpected(std::string(kRupeesHint));
    }
    if (digits->size() > kMaxWholeDigits) {
        return std::unexpected("is too large");
    }
    std::int64_t paise = DigitsValue(*digits) * 100;
    if (fraction.size() == 1) {
        paise += (fraction[0] - '0') * 10;
    } else if (fraction.size() == 2) {
        paise += (fraction[0] - '0') * 10 + (fraction[1] - '0');
    }
    return Paise(paise);
}

std::string FormatRupees(Paise amount) {
    const std::int64_t paise = amount.value;
    const std::int64_t fraction = paise % 100;
    return std::to_string(paise / 100) + (fraction < 10 ? ".0" : ".") + std::to_string(fraction);
}

std::expected<int, std::string> ParseGstPercent(std::string_view text) {
    std::string_view t = sitegen::TrimSpace(text);
    if (t.ends_with('%')) {
        t.remove_suffix(1);
        t = sitegen::TrimSpace(t);
    }
    if (t.starts_with('-')) {
        return std::unexpected("must not be negative");
    }
    const std::size_t point = t.find('.');
    const std::string_view whole = t.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : t.substr(point + 1);
    const bool has_fraction = point != std::string_view::npos;
    if (!IsDigits(whole) || whole.size() > 3 || (has_fraction && (!IsDigits(fraction) || fraction.size() > 2))) {
        return std::unexpected("must be a percent such as 5, 18 or 0.25 (GST rates in force: " + GstRateList() + ")");
    }
    int bp = static_cast<int>(DigitsValue(whole)) * 100;
    if (fraction.size() >= 1) {
        bp += (fraction[0] - '0') * 10;
    }
    if (fraction.size() == 2) {
        bp += fraction[1] - '0';
    }
    return bp;
}

std::string FormatGstPercent(int rate_bp) {
    std::string out = std::to_string(rate_bp / 100);
    const int fraction = rate_bp % 100;
    if (fraction == 0) {
        return out;
    }
    out += fraction < 10 ? ".0" : ".";
    out += std::to_string(fraction % 10 == 0 ? fraction / 10 : fraction);
    return out;
}

std::string ProductsCsv(std::span<const Product> products) {
    std::string out(kByteOrderMark);
    const std::vector<std::string> header(kCsvColumns.begin(), kCsvColumns.end());
    csv::AppendRecord(out, header);
    for (const Product& p : products) {
        const std::vector<std::string> row = {p.id.str(),
                                              csv::GuardFormula(p.name),
                                              csv::GuardFormula(p.description),
                                              csv::GuardFormula(p.category),
                                              csv::GuardFormula(p.unit),
                                              FormatRupees(p.price),
                                              p.mrp ? FormatRupees(*p.mrp) : std::string(),
                                              FormatGstPercent(p.gst_rate_bp),
                                              p.hsn,
                                              std::to_string(p.stock),
                                              std::to_string(p.low_stock_threshold),
                                              p.active ? "yes" : "no",
                                              std::to_string(p.stock)};
        csv::AppendRecord(out, row);
    }
    return out;
}

Result<ImportPlan> PlanImport(std::string_view text, const StoreId& store, std::span<const Product> current,
                              const ImportOptions& options) {
    Problems problems;
    if (!sitegen::Utf8Length(text)) {
        problems.File("is not UTF-8 text; in Excel save it as \"CSV UTF-8 (Comma delimited)\"");
        return Fail(std::move(problems).Error());
    }
    auto records = csv::Parse(text, kMaxImportRows + 1);
    if (!records) {
        if (records.error().too_many_records) {
            problems.File("has more than " + std::to_string(kMaxImportRows) +
                          " product rows; split it into smaller files");
        } else {
            problems.File("line " + std::to_string(records.error().line) + " " + records.error().message);
        }
        return Fail(std::move(problems).Error());
    }
    if (records->empty() || IsBlank(records->front())) {
        problems.File("is empty; its first line must name the columns: " + ColumnList());
        return Fail(std::move(problems).Error());
    }
    const auto columns = ReadHeader(records->front(), problems);
    if (problems.count() > 0) {
        return Fail(std::move(problems).Error());
    }

    std::unordered_map<std::string, const Product*> by_id;
    for (const Product& p : current) {
        by_id.emplace(p.id.str(), &p);
    }
    std::unordered_map<std::string, std::size_t> first_line_of;
    ImportPlan plan;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const csv::Record& record = (*records)[r];
        if (IsBlank(record)) {
            continue;
        }
        const std::size_t before = problems.count();
        RowReader row(record, columns, problems);
        Product base;
        base.store_id = store;
        const Product* existing = nullptr;
        if (!row.product_id().empty()) {
            auto found = by_id.find(row.product_id());
            if (found == by_id.end()) {
                problems.Row(record.line, "product_id", "no such product in this store");
            } else if (auto [seen, fresh] = first_line_of.emplace(row.product_id(), record.line); !fresh) {
                problems.Row(record.line, "product_id",
                             "appears twice in the file (first on line " + std::to_string(seen->second) + ")");
            } else {
                existing = found->second;
                base = *existing;
            }
        }
        ProductFields fields = row.fields();
        if (existing && !options.overwrite_stock) {
            KeepStockSoldSinceExport(*existing, row.exported_stock(), record.line, fields, problems);
        }
        auto applied = ApplyFields(std::move(base), fields);
        if (!applied) {
            ReportInvalid(applied.error(), record.line, row.bad_columns(), problems);
        }
        if (problems.count() != before) {
            continue;
        }
        if (!existing) {
            applied->id = ProductId::New();
            plan.creates.push_back(std::move(*applied));
        } else if (SameInFile(*existing, *applied)) {
            ++plan.unchanged;
        } else {
            plan.updates.push_back({*existing, std::move(*applied)});
        }
    }
    if (problems.count() > 0) {
        return Fail(std::move(problems).Error());
    }
    return plan;
}

}  // namespace webdpro::catalog
