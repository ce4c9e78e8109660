#include "storage/detail/sql_text.hpp"

#include <array>
#include <cctype>

namespace webdpro::storage::detail {
namespace {

constexpr std::size_t kMaxSqlInDetail = 300;
constexpr std::array<std::string_view, 6> kTransactionControl = {"BEGIN",    "COMMIT",    "END",
                                                                 "ROLLBACK", "SAVEPOINT", "RELEASE"};

bool IsTagChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// The length of the dollar-quote tag (`$$`, `$body$`) starting at `at`, or 0 when there is none
/// (a `$1` placeholder is not a tag).
std::size_t DollarTag(std::string_view sql, std::size_t at) {
    if (at + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at + 1])) != 0) {
        return 0;
    }
    std::size_t end = at + 1;
    while (end < sql.size() && IsTagChar(sql[end])) {
        ++end;
    }
    if (end < sql.size() && sql[end] == '$') {
        return end - at + 1;
    }
    return 0;
}

}  // namespace

std::string_view SkipInsignificant(std::string_view sql) {
    for (;;) {
        while (!sql.empty() && (std::isspace(static_cast<unsigned char>(sql.front())) != 0 || sql.front() == ';')) {
            sql.remove_prefix(1);
        }
        if (sql.starts_with("--")) {
            const auto end = sql.find('\n');
            sql.remove_prefix(end == std::string_view::npos ? sql.size() : end + 1);
        } else if (sql.starts_with("/*")) {
            const auto end = sql.find("*/", 2);
            sql.remove_prefix(end == std::string_view::npos ? sql.size() : end + 2);
        } else {
            return sql;
        }
    }
}

std::string FirstKeyword(std::string_view sql) {
    sql = SkipInsignificant(sql);
    std::string keyword;
    for (char c : sql) {
        if (std::isalpha(static_cast<unsigned char>(c)) == 0) {
            break;
        }
        keyword += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return keyword;
}

bool IsTransactionControl(std::string_view keyword) {
    for (std::string_view control : kTransactionControl) {
        if (keyword == control) {
            return true;
        }
    }
    return false;
}

std::string ShortenSql(std::string_view sql) {
    sql = SkipInsignificant(sql);
    // One named result, appended in place: moving a std::string out (`std::string(...) + "..."`, or
    // a second return) makes GCC 12 report a false -Warray-bounds.
    std::string shortened(sql.substr(0, kMaxSqlInDetail));
    if (sql.size() > kMaxSqlInDetail) {
        shortened += "...";
    }
    return shortened;
}

std::vector<std::string_view> SplitStatements(std::string_view script) {
    std::vector<std::string_view> statements;
    std::size_t start = 0;
    std::size_t i = 0;
    const auto finish = [&](std::size_t end) {
        const std::string_view statement = script.substr(start, end - start);
        if (!SkipInsignificant(statement).empty()) {
            statements.push_back(statement);
        }
        start = end + 1;
    };
    while (i < script.size()) {
        const char c = script[i];
        if (c == '\'' || c == '"') {
            // A doubled quote inside is an escaped quote: the scan simply re-enters the literal.
            const auto close = script.find(c, i + 1);
            i = close == std::string_view::npos ? script.size() : close + 1;
        } else if (script.substr(i).starts_with("--")) {
            const auto end = script.find('\n', i);
            i = end == std::string_view::npos ? script.size() : end + 1;
        } else if (script.substr(i).starts_with("/*")) {
            const auto end = script.find("*/", i + 2);
            i = end == std::string_view::npos ? script.size() : end + 2;
        } else if (c == '$' && DollarTag(script, i) > 0) {
            const std::size_t tag_size = DollarTag(script, i);
            const std::string_view tag = script.substr(i, tag_size);
            const auto close = script.find(tag, i + tag_size);
            i = close == std::string_view::npos ? script.size() : close + tag_size;
        } else if (c == ';') {
            finish(i);
            ++i;
        } else {
            ++i;
        }
    }
    if (start < script.size()) {
        finish(script.size());
    }
    return statements;
}

}  // namespace webdpro::storage::detail
