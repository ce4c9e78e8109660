#include "catalog/csv.hpp"

#include <algorithm>
#include <array>

namespace webdpro::catalog::csv {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

/// The characters a spreadsheet may read as the start of a formula: = + - @, | (a DDE call), TAB
/// and CR (some drop them and read on), and the fullwidth forms of = + - @ | (U+FF1D, U+FF0B,
/// U+FF0D, U+FF20, U+FF5C), which some read as their ASCII twins.
constexpr std::array<std::string_view, 12> kFormulaLeads = {
    "=",           "+", "-", "@", "|", "\t", "\r", "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0",
    "\xEF\xBD\x9C"};

bool StartsFormula(std::string_view cell) {
    return std::ranges::any_of(kFormulaLeads, [cell](std::string_view lead) { return cell.starts_with(lead); });
}

/// A cell an import would take a guard off: apostrophes, then a formula character. Export guards
/// these too (one apostrophe more), so a text that itself starts with "'=" comes back whole.
bool NeedsGuard(std::string_view cell) {
    const std::size_t first = cell.find_first_not_of('\'');
    return first != std::string_view::npos && StartsFormula(cell.substr(first));
}

bool NeedsQuotes(std::string_view cell) {
    return cell.find_first_of(",\"\r\n") != std::string_view::npos ||
           (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
}

/// A reader over the text that counts lines as it goes.
class Reader {
public:
    Reader(std::string_view text, std::size_t max_records) : text_(text), max_records_(max_records) {}

    std::expected<std::vector<Record>, ParseError> ReadAll() {
        std::vector<Record> records;
        while (pos_ < text_.size()) {
            if (records.size() == max_records_) {
                return std::unexpected(ParseError{.line = line_,
                                                  .message = "has more than " + std::to_string(max_records_) + " lines",
                                                  .too_many_records = true});
            }
            Record record{.line = line_, .cells = {}};
            if (auto read = ReadRecord(record.cells); !read) {
                return std::unexpected(std::move(read.error()));
            }
            records.push_back(std::move(record));
        }
        return records;
    }

private:
    /// Reads cells up to and including the line break that ends the record (or the end of text).
    std::expected<void, ParseError> ReadRecord(std::vector<std::string>& cells) {
        while (true) {
            std::string cell;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                if (auto quoted = ReadQuoted(cell); !quoted) {
                    return quoted;
                }
            } else {
                ReadPlain(cell);
            }
            cells.push_back(std::move(cell));
            if (pos_ >= text_.size()) {
                return {};
            }
            const char c = text_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            if (c == '\r' || c == '\n') {
                SkipLineBreak();
                return {};
            }
            return std::unexpected(
                ParseError{line_,
                           "has text after a closing quote; put the whole cell in quotes and double the quotes "
                           "inside it"});
        }
    }

    void ReadPlain(std::string& cell) {
        const std::size_t end = text_.find_first_of(",\r\n", pos_);
        const std::size_t stop = end == std::string_view::npos ? text_.size() : end;
        cell.assign(text_.substr(pos_, stop - pos_));
        pos_ = stop;
    }

    std::expected<void, ParseError> ReadQuoted(std::string& cell) {
        const std::size_t opened_on = line_;
        ++pos_;  // the opening quote
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    cell.push_back('"');
                    pos_ += 2;
                    continue;
                }
                ++pos_;  // the closing quote
                return {};
            }
            if (c == '\r' || c == '\n') {
                // Kept as written inside the cell, and still a line of the file.
                const std::size_t start = pos_;
                SkipLineBreak();
                cell.append(text_.substr(start, pos_ - start));
                continue;
            }
            cell.push_back(c);
            ++pos_;
        }
        return std::unexpected(ParseError{opened_on, "has a quote that is never closed"});
    }

    /// Steps over CRLF, LF or a lone CR at pos_, counting one line.
    void SkipLineBreak() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
            ++pos_;
        }
        ++pos_;
        ++line_;
    }

    std::string_view text_;
    std::size_t max_records_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

std::expected<std::vector<Record>, ParseError> Parse(std::string_view text, std::size_t max_records) {
    if (text.starts_with(kByteOrderMark)) {
        text.remove_prefix(kByteOrderMark.size());
    }
    return Reader(text, max_records).ReadAll();
}

void AppendRecord(std::string& out, std::span<const std::string> cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        const std::string& cell = cells[i];
        if (!NeedsQuotes(cell)) {
            out += cell;
            continue;
        }
        out.push_back('"');
        for (char c : cell) {
            if (c == '"') {
                out.push_back('"');
            }
            out.push_back(c);
        }
        out.push_back('"');
    }
    out += "\r\n";
}

std::string GuardFormula(std::string cell) {
    if (NeedsGuard(cell)) {
        cell.insert(cell.begin(), '\'');
    }
    return cell;
}

std::string UnguardFormula(std::string cell) {
    if (cell.starts_with('\'') && NeedsGuard(cell)) {
        cell.erase(cell.begin());
    }
    return cell;
}

}  // namespace webdpro::catalog::csv
