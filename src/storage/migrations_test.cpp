#include "storage/migrations.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/embedded.hpp"
#include "storage/sqlite_db.hpp"
#include "storage/test_util.hpp"

namespace webdpro::storage {
namespace {

using testing::Describe;

constexpr std::string_view kInit = "CREATE TABLE widgets (id TEXT NOT NULL PRIMARY KEY);\n";
constexpr std::string_view kAddColour =
    "ALTER TABLE widgets ADD COLUMN colour TEXT;\nCREATE INDEX w_colour ON widgets (colour);\n";
constexpr std::string_view kAddGadgets = "CREATE TABLE gadgets (id TEXT NOT NULL PRIMARY KEY);\n";

std::vector<EmbeddedFile> Files(std::initializer_list<EmbeddedFile> files) {
    return files;
}

const std::vector<EmbeddedFile> kTwo = {
    {"sqlite/0001_init.sql", kInit},
    {"sqlite/0002_add_colour.sql", kAddColour},
    {"postgres/0001_init.sql", "this is not for sqlite"},
    {"sqlite/README.md", "ignored"},
};

bool TableExists(Db& db, std::string_view table) {
    auto exists = db.ReadSync([&](Conn& conn) { return conn.TableExists(table); });
    EXPECT_TRUE(exists) << Describe(exists.error());
    return exists.value_or(false);
}

class MigrationsTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = testing::OpenMemory();
        ASSERT_NE(db_, nullptr);
    }
    std::unique_ptr<SqliteDb> db_;
};

TEST(LoadMigrations, PicksTheEnginesFilesInVersionOrder) {
    const auto files = Files({{"sqlite/0002_b.sql", "SELECT 2;"}, {"sqlite/0001_a.sql", "SELECT 1;"}});
    auto migrations = LoadMigrations(files, "sqlite");
    ASSERT_TRUE(migrations) << Describe(migrations.error());
    ASSERT_EQ(migrations->size(), 2U);
    EXPECT_EQ((*migrations)[0].version, 1);
    EXPECT_EQ((*migrations)[0].name, "a");
    EXPECT_EQ((*migrations)[0].sql, "SELECT 1;");
    EXPECT_EQ((*migrations)[1].name, "b");
    auto postgres = LoadMigrations(kTwo, "postgres");
    ASSERT_TRUE(postgres);
    EXPECT_EQ(postgres->size(), 1U);
    auto none = LoadMigrations({}, "sqlite");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

TEST(LoadMigrations, RefusesMisnamedEmptyRepeatedOrMissingVersions) {
    const std::vector<std::vector<EmbeddedFile>> broken = {
        {{"sqlite/1_init.sql", "SELECT 1;"}},
        {{"sqlite/0001-init.sql", "SELECT 1;"}},
        {{"sqlite/0001_Init.sql", "SELECT 1;"}},
        {{"sqlite/0001_.sql", "SELECT 1;"}},
        {{"sqlite/sub/0001_init.sql", "SELECT 1;"}},
        {{"sqlite/0001_init.sql", "  \n"}},
        {{"sqlite/0001_a.sql", "SELECT 1;"}, {"sqlite/0001_b.sql", "SELECT 1;"}},
        {{"sqlite/0001_a.sql", "SELECT 1;"}, {"sqlite/0003_c.sql", "SELECT 1;"}},
        {{"sqlite/0000_zero.sql", "SELECT 1;"}},
    };
    for (const auto& files : broken) {
        auto migrations = LoadMigrations(files, "sqlite");
        ASSERT_FALSE(migrations) << files.front().path;
        EXPECT_EQ(migrations.error().code, ErrorCode::kInternal);
    }
}

TEST(MigrationChecksum, IgnoresCarriageReturnsOnly) {
    EXPECT_EQ(MigrationChecksum("a;\nb;\n"), MigrationChecksum("a;\r\nb;\r\n"));
    EXPECT_NE(MigrationChecksum("a;\nb;\n"), MigrationChecksum("a;\nb; \n"));
    EXPECT_EQ(MigrationChecksum("").rfind("fnv1a64:", 0), 0U);
    EXPECT_EQ(MigrationChecksum("x").size(), 8U + 16U);
}

TEST_F(MigrationsTest, AppliesEverythingOnceInOrder) {
    auto report = Migrate(*db_, kTwo);
    ASSERT_TRUE(report) << Describe(report.error());
    EXPECT_EQ(report->version_before, 0);
    EXPECT_EQ(report->version_after, 2);
    EXPECT_EQ(report->applied, (std::vector<MigrationInfo>{{1, "init"}, {2, "add_colour"}}));
    EXPECT_TRUE(TableExists(*db_, "widgets"));

    auto recorded = db_->ReadSync([](Conn& conn) {
        return conn.Query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
    });
    ASSERT_TRUE(recorded);
    ASSERT_EQ(recorded->size(), 2U);
    EXPECT_EQ((*recorded)[0].Text(1), "init");
    EXPECT_EQ((*recorded)[0].Text(2), MigrationChecksum(kInit));
    EXPECT_GT((*recorded)[1].Int(3), 1700000000000) << "applied_at is in milliseconds";
}

TEST_F(MigrationsTest, IsIdempotent) {
    ASSERT_TRUE(Migrate(*db_, kTwo));
    const std::uint64_t commits = db_->Stats().commits;
    auto again = Migrate(*db_, kTwo);
    ASSERT_TRUE(again) << Describe(again.error());
    EXPECT_TRUE(again->applied.empty());
    EXPECT_EQ(again->version_before, 2);
    EXPECT_EQ(again->version_after, 2);
    EXPECT_EQ(db_->Stats().commits, commits + 1) << "only the bookkeeping check ran";
}

TEST_F(MigrationsTest, AppliesOnlyWhatIsNew) {
    ASSERT_TRUE(Migrate(*db_, Files({{"sqlite/0001_init.sql", kInit}})));
    auto more = Migrate(*db_, Files({{"sqlite/0001_init.sql", kInit},
                                     {"sqlite/0002_add_colour.sql", kAddColour},
                                     {"sqlite/0003_add_gadgets.sql", kAddGadgets}}));
    ASSERT_TRUE(more) << Describe(more.error());
    EXPECT_EQ(more->version_before, 1);
    EXPECT_EQ(more->applied, (std::vector<MigrationInfo>{{2, "add_colour"}, {3, "add_gadgets"}}));
    EXPECT_TRUE(TableExists(*db_, "gadgets"));
}

TEST_F(MigrationsTest, DetectsAnAppliedMigrationThatChanged) {
    ASSERT_TRUE(Migrate(*db_, Files({{"sqlite/0001_init.sql", kInit}})));
    const auto tampered = Files(
        {{"sqlite/0001_init.sql", "CREATE TABLE widgets (id TEXT);\n"}, {"sqlite/0002_add_gadgets.sql", kAddGadgets}});
    auto refused = Migrate(*db_, tampered);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
    EXPECT_NE(refused.error().message.find("0001_init was changed"), std::string::npos) << refused.error().message;
    EXPECT_FALSE(TableExists(*db_, "gadgets")) << "nothing is applied after a mismatch";
    EXPECT_FALSE(Status(*db_, tampered));

    const auto renamed = Files({{"sqlite/0001_start.sql", kInit}});
    EXPECT_FALSE(Migrate(*db_, renamed)) << "a renamed migration is a changed migration";
}

TEST_F(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
    ASSERT_TRUE(Migrate(*db_, kTwo));
    const auto older = Files({{"sqlite/0001_init.sql", kInit}});
    auto refused = Migrate(*db_, older);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("newer than this binary"), std::string::npos) << refused.error().message;
    auto status = Status(*db_, older);
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().message.find("newer"), std::string::npos);
}

TEST_F(MigrationsTest, FailedMigrationRollsBackAloneAndStops) {
    const auto files =
        Files({{"sqlite/0001_init.sql", kInit},
               {"sqlite/0002_bad.sql", "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n"},
               {"sqlite/0003_add_gadgets.sql", kAddGadgets}});
    auto failed = Migrate(*db_, files);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
    EXPECT_EQ(failed.error().message, "Migration 0002_bad failed.");
    EXPECT_NE(failed.error().detail.find("no such table: nowhere"), std::string::npos) << failed.error().detail;
    EXPECT_TRUE(TableExists(*db_, "widgets")) << "0001 stays applied";
    EXPECT_FALSE(TableExists(*db_, "half")) << "0002 is rolled back as a whole";
    EXPECT_FALSE(TableExists(*db_, "gadgets")) << "0003 is not attempted";
    auto status = Status(*db_, files);
    ASSERT_TRUE(status) << Describe(status.error());
    EXPECT_EQ(status->current_version, 1);
    EXPECT_EQ(status->pending.size(), 2U);
}

TEST_F(MigrationsTest, RefusesTransactionControlInAMigration) {
    const auto files = Files({{"sqlite/0001_init.sql", "BEGIN;\nCREATE TABLE t (x INTEGER);\nCOMMIT;\n"}});
    auto failed = Migrate(*db_, files);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().detail.find("transaction control"), std::string::npos) << failed.error().detail;
    EXPECT_FALSE(TableExists(*db_, "t"));
}

TEST_F(MigrationsTest, StatusReportsAppliedAndPendingWithoutChangingAnything) {
    auto fresh = Status(*db_, kTwo);
    ASSERT_TRUE(fresh) << Describe(fresh.error());
    EXPECT_EQ(fresh->current_version, 0);
    EXPECT_EQ(fresh->latest_version, 2);
    EXPECT_EQ(fresh->pending, (std::vector<MigrationInfo>{{1, "init"}, {2, "add_colour"}}));
    EXPECT_FALSE(fresh->UpToDate());
    EXPECT_FALSE(TableExists(*db_, "schema_migrations")) << "Status only reads";

    ASSERT_TRUE(Migrate(*db_, kTwo));
    boost::asio::io_context io;
    std::optional<Result<MigrationStatus>> status;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { status = co_await StatusAsync(*db_, kTwo); },
        boost::asio::detached);
    io.run();
    ASSERT_TRUE(status && *status);
    EXPECT_TRUE((*status)->UpToDate());
    EXPECT_EQ((*status)->current_version, 2);
    EXPECT_EQ((*status)->applied.size(), 2U);
}

TEST_F(MigrationsTest, BadFileListFailsBeforeTouchingTheDatabase) {
    auto failed = Migrate(*db_, Files({{"sqlite/0002_only.sql", kInit}}));
    ASSERT_FALSE(failed);
    EXPECT_FALSE(TableExists(*db_, "schema_migrations"));
}

TEST(EmbeddedMigrations, ApplyToAFileDatabaseOnceAndOnlyOnce) {
    testing::TempDir dir;
    auto files = embedded::migrations::Files();
    auto known = LoadMigrations(files, "sqlite");
    ASSERT_TRUE(known) << Describe(known.error());
    ASSERT_FALSE(known->empty());
    EXPECT_EQ(known->front().name, "init");
    {
        auto db = testing::OpenOrDie({.path = dir.File("app.db"), .readers = 1});
        ASSERT_NE(db, nullptr);
        auto report = Migrate(*db, files);
        ASSERT_TRUE(report) << Describe(report.error());
        EXPECT_EQ(report->applied.size(), known->size());
    }
    auto db = testing::OpenOrDie({.path = dir.File("app.db"), .readers = 1});
    ASSERT_NE(db, nullptr);
    auto again = Migrate(*db, files);
    ASSERT_TRUE(again) << Describe(again.error());
    EXPECT_TRUE(again->applied.empty());
    auto status = Status(*db, files);
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->UpToDate());
}

}  // namespace
}  // namespace webdpro::storage
