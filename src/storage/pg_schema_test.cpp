// migrations/postgres/ against migrations/sqlite/: the same files, and after every version the
// same logical schema on both engines (tables, columns with their kind and nullability, primary
// keys, unique constraints, and named indexes with their columns, uniqueness and partiality).
// A migration added to one folder without its twin in the other fails here.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "storage/migrations.hpp"
#include "storage/pg_test_util.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::storage {
namespace {

struct Column {
    std::string name;
    std::string kind;  ///< integer, real, text or blob
    bool not_null = false;
    friend bool operator==(const Column&, const Column&) = default;
};

struct Index {
    std::string columns;  ///< comma-separated, in key order
    bool unique = false;
    bool partial = false;
    friend bool operator==(const Index&, const Index&) = default;
};

struct Table {
    std::vector<Column> columns;
    std::string primary_key;
    std::set<std::string> unique_constraints;
    std::map<std::string, Index> indexes;  ///< by name: CREATE [UNIQUE] INDEX only
    friend bool operator==(const Table&, const Table&) = default;
};

using Schema = std::map<std::string, Table>;

std::string Describe(const Table& table) {
    std::string out = "columns:";
    for (const Column& c : table.columns) {
        out += " " + c.name + " " + c.kind + (c.not_null ? " not null," : ",");
    }
    out += "\n  primary key: " + table.primary_key + "\n  unique:";
    for (const auto& u : table.unique_constraints) {
        out += " (" + u + ")";
    }
    out += "\n  indexes:";
    for (const auto& [name, index] : table.indexes) {
        out += " " + name + (index.unique ? " unique" : "") + (index.partial ? " partial" : "") + " (" + index.columns +
               ");";
    }
    return out;
}

// Product search is built differently by each engine and is no part of the logical schema: on
// SQLite an FTS5 table (with its shadow tables products_fts_*), on PostgreSQL a GIN index over the
// names (migration 0021).
constexpr std::string_view kSqliteSearchTables = "products_fts";
const std::set<std::string> kPgSearchIndexes = {"products_name_search"};

// One place per engine for each catalogue query: the engines describe themselves differently.
constexpr const char* kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
constexpr const char* kSqliteColumns =
    "SELECT name, lower(type) AS type, \"notnull\" AS not_null, pk FROM pragma_table_info($1) ORDER BY cid";
constexpr const char* kSqliteIndexes =
    "SELECT name, \"unique\" AS is_unique, origin, partial FROM pragma_index_list($1) ORDER BY name";
constexpr const char* kSqliteIndexColumns = "SELECT name FROM pragma_index_info($1) ORDER BY seqno";

constexpr const char* kPgTables =
    "SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
constexpr const char* kPgColumns = R"sql(
SELECT column_name AS name, data_type AS type, is_nullable AS nullable
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1
ORDER BY ordinal_position)sql";
constexpr const char* kPgIndexes = R"sql(
SELECT i.relname AS name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
       ix.indpred IS NOT NULL AS partial, c.conname IS NOT NULL AS is_constraint,
       array_to_string(ARRAY(
           SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
           ORDER BY k.ord), ',') AS columns
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
LEFT JOIN pg_catalog.pg_constraint c ON c.conindid = ix.indexrelid AND c.contype IN ('p', 'u')
WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
ORDER BY i.relname)sql";

std::string SqliteKind(const std::string& declared) {
    static const std::map<std::string, std::string> kKinds = {
        {"integer", "integer"}, {"text", "text"}, {"real", "real"}, {"blob", "blob"}};
    auto it = kKinds.find(declared);
    return it == kKinds.end() ? "?" + declared : it->second;
}

std::string PgKind(const std::string& type) {
    static const std::map<std::string, std::string> kKinds = {{"bigint", "integer"},
                                                              {"integer", "integer"},
                                                              {"text", "text"},
                                                              {"double precision", "real"},
                                                              {"bytea", "blob"}};
    auto it = kKinds.find(type);
    return it == kKinds.end() ? "?" + type : it->second;
}

Result<Schema> ReadSqliteSchema(Conn& conn) {
    auto tables = conn.Query(kSqliteTables);
    if (!tables) {
        return Fail(tables.error());
    }
    Schema schema;
    for (const Row& t : *tables) {
        const std::string& name = t.Text("name");
        if (name.starts_with(kSqliteSearchTables)) {
            continue;
        }
        Table& table = schema[name];
        auto columns = conn.Query(kSqliteColumns, name);
        if (!columns) {
            return Fail(columns.error());
        }
        std::map<std::int64_t, std::string> key;
        for (const Row& c : *columns) {
            table.columns.push_back({c.Text("name"), SqliteKind(c.Text("type")), c.Int("not_null") == 1});
            if (c.Int("pk") > 0) {
                key[c.Int("pk")] = c.Text("name");
            }
        }
        for (const auto& [position, column] : key) {
            table.primary_key += (table.primary_key.empty() ? "" : ",") + column;
        }
        auto indexes = conn.Query(kSqliteIndexes, name);
        if (!indexes) {
            return Fail(indexes.error());
        }
        for (const Row& i : *indexes) {
            auto columns_of = conn.Query(kSqliteIndexColumns, i.Text("name"));
            if (!columns_of) {
                return Fail(columns_of.error());
            }
            std::string list;
            for (const Row& c : *columns_of) {
                list += (list.empty() ? "" : ",") + c.Text("name");
            }
            if (i.Text("origin") == "u") {
                table.unique_constraints.insert(list);
            } else if (i.Text("origin") == "c") {
                table.indexes[i.Text("name")] = {list, i.Int("is_unique") == 1, i.Int("partial") == 1};
            }
        }
    }
    return schema;
}

Result<Schema> ReadPgSchema(Conn& conn) {
    auto tables = conn.Query(kPgTables);
    if (!tables) {
        return Fail(tables.error());
    }
    Schema schema;
    for (const Row& t : *tables) {
        const std::string& name = t.Text("name");
        Table& table = schema[name];
        auto columns = conn.Query(kPgColumns, name);
        if (!columns) {
            return Fail(columns.error());
        }
        for (const Row& c : *columns) {
            table.columns.push_back({c.Text("name"), PgKind(c.Text("type")), c.Text("nullable") == "NO"});
        }
        auto indexes = conn.Query(kPgIndexes, name);
        if (!indexes) {
            return Fail(indexes.error());
        }
        for (const Row& i : *indexes) {
            if (i.Bool("is_primary")) {
                table.primary_key = i.Text("columns");
            } else if (i.Bool("is_constraint")) {
                table.unique_constraints.insert(i.Text("columns"));
            } else if (!kPgSearchIndexes.contains(i.Text("name"))) {
                table.indexes[i.Text("name")] = {i.Text("columns"), i.Bool("is_unique"), i.Bool("partial")};
            }
        }
    }
    return schema;
}

/// The embedded files of both engines up to `version`.
std::vector<EmbeddedFile> FilesUpTo(int version) {
    std::vector<EmbeddedFile> files;
    for (const EmbeddedFile& file : embedded::migrations::Files()) {
        const auto slash = file.path.find('/');
        if (slash == std::string_view::npos || file.path.size() < slash + 5) {
            continue;
        }
        const int number = std::stoi(std::string(file.path.substr(slash + 1, 4)));
        if (number <= version) {
            files.push_back(file);
        }
    }
    return files;
}

TEST(PgSchema, EveryMigrationHasItsTwin) {
    auto sqlite = LoadMigrations(embedded::migrations::Files(), "sqlite");
    auto postgres = LoadMigrations(embedded::migrations::Files(), "postgres");
    ASSERT_TRUE(sqlite) << sqlite.error().message;
    ASSERT_TRUE(postgres) << postgres.error().message;
    std::vector<std::string> sqlite_names;
    std::vector<std::string> postgres_names;
    for (const auto& m : *sqlite) {
        sqlite_names.push_back(std::to_string(m.version) + "_" + m.name);
    }
    for (const auto& m : *postgres) {
        postgres_names.push_back(std::to_string(m.version) + "_" + m.name);
    }
    EXPECT_EQ(sqlite_names, postgres_names)
        << "every migrations/sqlite/NNNN_name.sql needs migrations/postgres/NNNN_name.sql and back";
}

TEST(PgSchema, BothEnginesHaveTheSameSchemaAfterEveryVersion) {
    testing::PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto pg = database.Open({.conninfo = {}, .pool_size = 1});
    auto sqlite = SqliteDb::Open({.path = ":memory:", .readers = 1});
    ASSERT_TRUE(sqlite);
    auto latest = LoadMigrations(embedded::migrations::Files(), "sqlite");
    ASSERT_TRUE(latest && !latest->empty());
    for (int version = 1; version <= latest->back().version; ++version) {
        SCOPED_TRACE("after migration " + std::to_string(version));
        const auto files = FilesUpTo(version);
        auto on_sqlite = Migrate(**sqlite, files);
        ASSERT_TRUE(on_sqlite) << on_sqlite.error().message << " " << on_sqlite.error().detail;
        auto on_pg = Migrate(*pg, files);
        ASSERT_TRUE(on_pg) << on_pg.error().message << " " << on_pg.error().detail;
        auto want = (*sqlite)->ReadSync([](Conn& conn) { return ReadSqliteSchema(conn); });
        auto got = pg->ReadSync([](Conn& conn) { return ReadPgSchema(conn); });
        ASSERT_TRUE(want) << want.error().detail;
        ASSERT_TRUE(got) << got.error().detail;
        std::set<std::string> want_tables;
        std::set<std::string> got_tables;
        for (const auto& [name, table] : *want) {
            want_tables.insert(name);
        }
        for (const auto& [name, table] : *got) {
            got_tables.insert(name);
        }
        ASSERT_EQ(want_tables, got_tables);
        for (const auto& [name, table] : *want) {
            EXPECT_EQ(table, got->at(name))
                << name << " on sqlite:\n  " << Describe(table) << "\non postgres:\n  " << Describe(got->at(name));
        }
    }
}

TEST(PgSchema, SqliteFunctionsGiveSqlitesAnswers) {
    testing::PgTestDatabase database;
    WEBDPRO_REQUIRE_PG(database);
    auto pg = database.Open({.conninfo = {}, .pool_size = 1});
    auto sqlite = SqliteDb::Open({.path = ":memory:", .readers = 1});
    ASSERT_TRUE(sqlite);
    ASSERT_TRUE(Migrate(**sqlite, embedded::migrations::Files()));
    ASSERT_TRUE(Migrate(*pg, embedded::migrations::Files()));
    constexpr const char* kQuery = R"sql(
SELECT instr(lower($1), lower($2)) AS found, instr($1, 'zz') AS missing,
       coalesce(json_extract($3, '$.contact.city'), '') AS city,
       coalesce(json_extract($3, '$.contact.pin'), '') AS absent,
       json_extract($3, '$.name') AS name)sql";
    const auto ask = [&](Db& db) {
        return db.ReadSync([&](Conn& conn) {
            return conn.QueryOne(kQuery, "Kaju KATLI", "katli", R"({"name":"Sharma","contact":{"city":"Jaipur"}})");
        });
    };
    auto want = ask(**sqlite);
    auto got = ask(*pg);
    ASSERT_TRUE(want) << want.error().detail;
    ASSERT_TRUE(got) << got.error().detail;
    EXPECT_EQ(**want, **got);
    EXPECT_EQ((**got).Int("found"), 6);
    EXPECT_EQ((**got).Text("city"), "Jaipur");
}

}  // namespace
}  // namespace webdpro::storage
