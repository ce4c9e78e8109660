#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace webdpro::storage::detail {

/// Skips whitespace, `;` and SQL comments; returns what is left.
std::string_view SkipInsignificant(std::string_view sql);

/// The first SQL keyword of `sql` in upper case, skipping whitespace and comments.
std::string FirstKeyword(std::string_view sql);

/// True for BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE: the keywords Db keeps to itself.
bool IsTransactionControl(std::string_view keyword);

/// The start of a statement for an error detail (never the whole of a long one).
std::string ShortenSql(std::string_view sql);

/// Splits a `;`-separated script into its statements (without the `;`), keeping quoted text,
/// quoted identifiers, comments and PostgreSQL dollar-quoted bodies (`$$ ... $$`, `$fn$ ... $fn$`)
/// whole. Statements that are only whitespace and comments are dropped.
std::vector<std::string_view> SplitStatements(std::string_view script);

}  // namespace webdpro::storage::detail
