// Backups on the real binary: an archive taken while orders flow restores by itself into an empty
// data dir (every order readable, the same figures, the owner still signed in); a server never
// starts on data its keys cannot read; damaged archives, wrong passphrases and archives without
// keys are refused before anything changes.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

namespace fs = std::filesystem;

fs::path TempPath(const std::string& name) {
    return fs::temp_directory_path() / ("webdpro-backup-" + std::to_string(::getpid()) + "-" + name);
}

/// One row of integers from a query on a database file ({} on error).
std::vector<std::int64_t> QueryFile(const fs::path& db, const std::string& sql) {
    std::vector<std::int64_t> out;
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(conn, 5000);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                out.push_back(sqlite3_column_int64(stmt, i));
            }
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(conn);
    return out;
}

std::vector<std::string> OrderIds(const fs::path& db) {
    std::vector<std::string> ids;
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(conn, "SELECT order_id FROM orders ORDER BY order_id", -1, &stmt, nullptr) ==
            SQLITE_OK) {
            while (sqlite3_step(stmt) == SQLITE_ROW) {
                ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
            }
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(conn);
    return ids;
}

void WriteFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

class Backups : public ShopTest {
protected:
    static constexpr const char* kPassphrase = "chai-and-samosa-at-four";

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(OpenShop({.owner_phone = "9000000611",
                                          .business = "Backup Kirana",
                                          .slug = "backup-kirana",
                                          .products = 2,
                                          .stock = 100000}));
        server_->KeepDataDir();
        data_dir_ = server_->data_dir();
        passphrase_file_ = TempPath("passphrase");
        WriteFile(passphrase_file_, std::string(kPassphrase) + "\n");
        wrong_passphrase_file_ = TempPath("wrong-passphrase");
        WriteFile(wrong_passphrase_file_, "not-the-right-words\n");
    }
    void TearDown() override {
        server_.reset();
        for (const auto& path : cleanup_) {
            fs::remove_all(path);
        }
        fs::remove_all(data_dir_);
        fs::remove(passphrase_file_);
        fs::remove(wrong_passphrase_file_);
    }

    fs::path Fresh(const std::string& name) {
        auto path = TempPath(name);
        fs::remove_all(path);
        cleanup_.push_back(path);
        return path;
    }

    std::string PlaceOne(int n) {
        auto placed = Place(CheckoutBody({{store_.product_ids[n % 2], 1 + n % 3}}), "drill-" + std::to_string(n));
        return placed.status == 201 ? placed.json["order_id"].get<std::string>() : std::string();
    }

    int Cli(const std::vector<std::string>& args, std::string& output) { return RunWebdpro(args, output); }

    fs::path data_dir_;
    fs::path passphrase_file_;
    fs::path wrong_passphrase_file_;
    std::vector<fs::path> cleanup_;
};

}  // namespace

TEST_F(Backups, AnArchiveTakenUnderOrderLoadRestoresByItselfIntoAnEmptyDataDir) {
    for (int n = 0; n < 20; ++n) {
        ASSERT_FALSE(PlaceOne(n).empty());
    }
    // Orders keep coming while the archive is made.
    std::atomic<bool> stop{false};
    std::atomic<int> placed_during{0};
    std::thread load([&] {
        for (int n = 1000; !stop.load(); ++n) {
            if (!PlaceOne(n).empty()) {
                ++placed_during;
            }
        }
    });
    const auto archive = Fresh("drill.wdpbak");
    std::string output;
    const auto started = std::chrono::steady_clock::now();
    const int backed_up = Cli({"backup", "--data-dir", data_dir_.string(), "--out", archive.string(),
                               "--passphrase-file", passphrase_file_.string()},
                              output);
    const auto backup_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    stop = true;
    load.join();
    ASSERT_EQ(backed_up, 0) << output;
    EXPECT_NE(output.find("keys sealed"), std::string::npos) << output;
    ASSERT_EQ(Cli({"backup", "verify", archive.string(), "--passphrase-file", passphrase_file_.string()}, output), 0)
        << output;
    EXPECT_NE(output.find("keys open and read the data"), std::string::npos) << output;

    server_->Signal(SIGTERM);
    ASSERT_EQ(server_->WaitExit(std::chrono::seconds(15)), 0);
    const auto original = data_dir_ / "webdpro.db";

    // A brand-new data dir: no database, no keys.
    const auto fresh = Fresh("restored");
    const auto restore_started = std::chrono::steady_clock::now();
    ASSERT_EQ(Cli({"restore", "--data-dir", fresh.string(), "--from", archive.string(), "--passphrase-file",
                   passphrase_file_.string()},
                  output),
              0)
        << output;
    const auto restore_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - restore_started)
            .count();
    const auto restored_ids = OrderIds(fresh / "webdpro.db");
    const auto all_ids = OrderIds(original);
    ASSERT_GE(restored_ids.size(), 20u);
    ASSERT_LE(restored_ids.size(), all_ids.size());
    // The restored orders are exactly the original's first ones, with the same figures.
    const std::string last = restored_ids.back();
    const std::string figures =
        "SELECT count(*), sum(total_paise), sum(tax_paise) FROM orders WHERE order_id <= '" + last + "'";
    EXPECT_EQ(QueryFile(fresh / "webdpro.db", figures), QueryFile(original, figures));
    std::printf(
        "restore drill: %zu orders before the archive began, %d placed while it was made, %zu in the "
        "archive of %zu; backup %lld ms, restore %lld ms\n",
        std::size_t{20}, placed_during.load(), restored_ids.size(), all_ids.size(), static_cast<long long>(backup_ms),
        static_cast<long long>(restore_ms));

    std::string error;
    TestServer::Options options;
    options.data_dir = fresh;
    options.extra_args = RelaxedLimits();
    auto restored = TestServer::Start(options, error);
    ASSERT_NE(restored, nullptr) << error;
    restored->KeepDataDir();
    // The owner's session survives (the signing keys came back with the data) and every order
    // opens with its customer's phone (the PII keys did).
    for (const auto& id : restored_ids) {
        auto order = Call("GET", restored->url("/api/orders/" + id), {owner_->Auth()});
        ASSERT_EQ(order.status, 200) << id << " " << order.Describe();
        ASSERT_EQ(order.json["order"]["customer"]["phone"], "+919876543210") << id;
    }
}

TEST_F(Backups, AServerNeverStartsOnDataItsKeysCannotRead) {
    ASSERT_FALSE(PlaceOne(1).empty());
    server_->Signal(SIGTERM);
    ASSERT_EQ(server_->WaitExit(std::chrono::seconds(15)), 0);

    // The database alone, copied to a new data dir: no keys are generated over it.
    const auto bare = Fresh("bare");
    fs::create_directories(bare);
    fs::copy_file(data_dir_ / "webdpro.db", bare / "webdpro.db");
    std::string error;
    TestServer::Options options;
    options.data_dir = bare;
    auto refused = TestServer::Start(options, error);
    EXPECT_EQ(refused, nullptr);
    EXPECT_NE(error.find("keys are missing"), std::string::npos) << error;
    EXPECT_FALSE(fs::exists(bare / "secrets.toml")) << "no keys were made over existing data";

    // The database with another installation's keys: refused, and the data is untouched.
    const auto other = Fresh("other-keys");
    ASSERT_EQ(Cli({"migrate", "--data-dir", other.string()}, error), 0) << error;
    {
        TestServer::Options first;
        first.data_dir = other;
        auto made_keys = TestServer::Start(first, error);  // a fresh install generates its own keys
        ASSERT_NE(made_keys, nullptr) << error;
        made_keys->KeepDataDir();
    }
    fs::copy_file(other / "secrets.toml", bare / "secrets.toml");
    const auto before = QueryFile(bare / "webdpro.db", "SELECT count(*), sum(total_paise) FROM orders");
    refused = TestServer::Start(options, error);
    EXPECT_EQ(refused, nullptr);
    EXPECT_NE(error.find("cannot read the database"), std::string::npos) << error;
    EXPECT_EQ(QueryFile(bare / "webdpro.db", "SELECT count(*), sum(total_paise) FROM orders"), before);

    // With its own keys it starts.
    fs::copy_file(data_dir_ / "secrets.toml", bare / "secrets.toml", fs::copy_options::overwrite_existing);
    auto started = TestServer::Start(options, error);
    ASSERT_NE(started, nullptr) << error;
    started->KeepDataDir();
}

TEST_F(Backups, DamagedArchivesWrongPassphrasesAndMissingKeysAreRefusedBeforeAnythingChanges) {
    ASSERT_FALSE(PlaceOne(1).empty());
    std::string output;
    const auto archive = Fresh("a.wdpbak");
    // No passphrase and no --without-keys: refused, no file.
    EXPECT_NE(Cli({"backup", "--data-dir", data_dir_.string(), "--out", archive.string()}, output), 0);
    EXPECT_NE(output.find("passphrase"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(archive));
    ASSERT_EQ(Cli({"backup", "--data-dir", data_dir_.string(), "--out", archive.string(), "--passphrase-file",
                   passphrase_file_.string()},
                  output),
              0)
        << output;
    server_->Signal(SIGTERM);
    ASSERT_EQ(server_->WaitExit(std::chrono::seconds(15)), 0);

    const auto target = Fresh("target");
    ASSERT_EQ(Cli({"migrate", "--data-dir", target.string()}, output), 0) << output;
    const auto untouched = QueryFile(target / "webdpro.db", "SELECT count(*) FROM orders");
    auto target_unchanged = [&] {
        EXPECT_EQ(QueryFile(target / "webdpro.db", "SELECT count(*) FROM orders"), untouched);
        EXPECT_FALSE(fs::exists(target / "secrets.toml"));
    };

    // The wrong passphrase.
    EXPECT_NE(Cli({"restore", "--data-dir", target.string(), "--from", archive.string(), "--passphrase-file",
                   wrong_passphrase_file_.string()},
                  output),
              0);
    EXPECT_NE(output.find("passphrase is wrong"), std::string::npos) << output;
    target_unchanged();
    // No passphrase for sealed keys.
    EXPECT_NE(Cli({"restore", "--data-dir", target.string(), "--from", archive.string()}, output), 0);
    target_unchanged();

    // One flipped byte anywhere is caught, by verify and by restore.
    const auto damaged = Fresh("damaged.wdpbak");
    fs::copy_file(archive, damaged);
    {
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(fs::file_size(damaged) / 2));
        f.put('\x5a');
    }
    EXPECT_NE(Cli({"backup", "verify", damaged.string()}, output), 0);
    EXPECT_NE(output.find("damaged"), std::string::npos) << output;
    EXPECT_NE(Cli({"restore", "--data-dir", target.string(), "--from", damaged.string(), "--passphrase-file",
                   passphrase_file_.string()},
                  output),
              0);
    target_unchanged();
    // A cut-short archive too.
    fs::resize_file(damaged, fs::file_size(archive) - 100);
    EXPECT_NE(Cli({"backup", "verify", damaged.string()}, output), 0);

    // Keys deliberately left out: a loud warning; the restore needs the keys already in place.
    const auto keyless = Fresh("keyless.wdpbak");
    ASSERT_EQ(Cli({"backup", "--data-dir", data_dir_.string(), "--out", keyless.string(), "--without-keys"}, output), 0)
        << output;
    EXPECT_NE(output.find("WARNING"), std::string::npos) << output;
    EXPECT_NE(Cli({"restore", "--data-dir", target.string(), "--from", keyless.string()}, output), 0);
    EXPECT_NE(output.find("without its keys"), std::string::npos) << output;
    target_unchanged();
    fs::copy_file(data_dir_ / "secrets.toml", target / "secrets.toml");
    ASSERT_EQ(Cli({"restore", "--data-dir", target.string(), "--from", keyless.string()}, output), 0) << output;
    EXPECT_EQ(QueryFile(target / "webdpro.db", "SELECT count(*) FROM orders"), std::vector<std::int64_t>{1});
}

}  // namespace webdpro::testing
