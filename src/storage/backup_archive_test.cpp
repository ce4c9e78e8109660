#include "storage/backup_archive.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "storage/test_util.hpp"

namespace webdpro::storage {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string ReadAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
}

void WriteAll(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

constexpr std::string_view kKeys = "pii_key = \"abc\"\n";
constexpr std::string_view kPassphrase = "twelve-chars-at-least";

class BackupArchiveTest : public ::testing::Test {
protected:
    void SetUp() override {
        // Any bytes do: the archive does not interpret the database.
        std::string database(300000, '\0');
        for (std::size_t i = 0; i < database.size(); ++i) {
            database[i] = static_cast<char>((i * 131U) % 251U);
        }
        WriteAll(dir_.path() / "db", database);
    }
    TempDir dir_;
};

TEST_F(BackupArchiveTest, RoundTripsTheDatabaseAndItsKeys) {
    auto written =
        WriteBackupArchive(dir_.path() / "a", dir_.path() / "db",
                           BackupKeys{.secrets_toml = std::string(kKeys), .passphrase = std::string(kPassphrase)});
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_TRUE(written->has_keys);
    EXPECT_EQ(written->database_bytes, 300000u);
    EXPECT_FALSE(fs::exists(dir_.path() / "a.partial"));

    auto opened = ReadBackupArchive(dir_.path() / "a", dir_.path() / "out");
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(ReadAll(dir_.path() / "out"), ReadAll(dir_.path() / "db"));
    EXPECT_EQ(opened->info.database_sha256, written->database_sha256);
    auto keys = OpenBackupKeys(*opened, kPassphrase);
    ASSERT_TRUE(keys) << keys.error().message;
    EXPECT_EQ(*keys, kKeys);

    auto wrong = OpenBackupKeys(*opened, "another passphrase");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(BackupArchiveTest, KeysLeftOutAreSaidSo) {
    ASSERT_TRUE(WriteBackupArchive(dir_.path() / "a", dir_.path() / "db", std::nullopt));
    auto opened = ReadBackupArchive(dir_.path() / "a", dir_.path() / "out");
    ASSERT_TRUE(opened);
    EXPECT_FALSE(opened->info.has_keys);
    EXPECT_FALSE(OpenBackupKeys(*opened, kPassphrase));
}

TEST_F(BackupArchiveTest, AShortPassphraseIsRefused) {
    auto written = WriteBackupArchive(dir_.path() / "a", dir_.path() / "db",
                                      BackupKeys{.secrets_toml = std::string(kKeys), .passphrase = "short"});
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(fs::exists(dir_.path() / "a"));
}

TEST_F(BackupArchiveTest, EveryDamagedByteAndEveryCutIsCaughtAndNothingIsLeftBehind) {
    ASSERT_TRUE(
        WriteBackupArchive(dir_.path() / "a", dir_.path() / "db",
                           BackupKeys{.secrets_toml = std::string(kKeys), .passphrase = std::string(kPassphrase)}));
    const std::string good = ReadAll(dir_.path() / "a");
    // A flipped byte in the magic, the header, the database, the sealed keys and the trailer.
    for (const std::size_t at :
         {std::size_t{3}, std::size_t{30}, good.size() / 2, good.size() - 100, good.size() - 5}) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x01);
        WriteAll(dir_.path() / "bad", bad);
        auto opened = ReadBackupArchive(dir_.path() / "bad", dir_.path() / "out");
        ASSERT_FALSE(opened) << "byte " << at;
        EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument) << "byte " << at;
        EXPECT_FALSE(fs::exists(dir_.path() / "out")) << "byte " << at;
        EXPECT_FALSE(fs::exists(dir_.path() / "out.partial")) << "byte " << at;
    }
    for (const std::size_t keep : {std::size_t{0}, std::size_t{10}, good.size() / 2, good.size() - 1}) {
        WriteAll(dir_.path() / "cut", good.substr(0, keep));
        EXPECT_FALSE(ReadBackupArchive(dir_.path() / "cut", dir_.path() / "out")) << "kept " << keep;
    }
    auto missing = ReadBackupArchive(dir_.path() / "nowhere", dir_.path() / "out");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(BackupArchiveTest, KeysFromOneArchiveDoNotOpenAnother) {
    const BackupKeys keys{.secrets_toml = std::string(kKeys), .passphrase = std::string(kPassphrase)};
    ASSERT_TRUE(WriteBackupArchive(dir_.path() / "a", dir_.path() / "db", keys));
    WriteAll(dir_.path() / "db2", "another database");
    ASSERT_TRUE(WriteBackupArchive(dir_.path() / "b", dir_.path() / "db2", keys));
    auto a = ReadBackupArchive(dir_.path() / "a", dir_.path() / "out-a");
    auto b = ReadBackupArchive(dir_.path() / "b", dir_.path() / "out-b");
    ASSERT_TRUE(a && b);
    OpenedBackup swapped = *b;
    swapped.sealed_keys = a->sealed_keys;
    EXPECT_FALSE(OpenBackupKeys(swapped, kPassphrase));
}

}  // namespace
}  // namespace webdpro::storage
