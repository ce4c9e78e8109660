#pragma once

#include <cstddef>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace webdpro::catalog::csv {

/// One record of a CSV file and the line of the file it starts on (1-based; a quoted cell with
/// line breaks makes the next record start further down).
struct Record {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

/// What is wrong with a file as a whole, for the owner to read.
struct ParseError {
    std::size_t line = 0;
    std::string message;
    bool too_many_records = false;  ///< the file was cut off at max_records
};

/// Parses RFC 4180 text: comma separated, cells optionally in double quotes, "" for a quote inside
/// quotes, line breaks (CRLF, LF or a lone CR) inside quotes kept as they are. A UTF-8 byte order
/// mark at the start is skipped; a last line without a line break is a record. Lenient where Excel
/// and LibreOffice are: a quote in the middle of an unquoted cell is kept literally. Errors for an
/// unterminated quote, text after a closing quote, or more than `max_records` records. Pure.
std::expected<std::vector<Record>, ParseError> Parse(std::string_view text, std::size_t max_records);

/// Appends one record, quoting the cells that need it, ended by CRLF (RFC 4180). Cells are
/// written as given: guard text cells with GuardFormula first when a spreadsheet will open them.
void AppendRecord(std::string& out, std::span<const std::string> cells);

/// Spreadsheets run a cell that starts with = + - @ | (or TAB, CR, or a fullwidth ＝ ＋ － ＠ ｜)
/// as a formula ("CSV injection"): such a cell gets a leading apostrophe, which spreadsheets show
/// as plain text. So does a cell of apostrophes followed by one of those ("'=1+1"), so that
/// UnguardFormula gives every text back exactly.
std::string GuardFormula(std::string cell);

/// Undoes GuardFormula: drops one apostrophe, and only from a cell of apostrophes followed by a
/// formula character, so an exported file imports unchanged (and a hand-written "'=1+1" is the
/// text "=1+1", as a spreadsheet shows it). Any other cell ("'tis") is returned as it is.
std::string UnguardFormula(std::string cell);

}  // namespace webdpro::catalog::csv
