#include "core/secrets.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/ids.hpp"

namespace webdpro {
namespace {

class TempDir final {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / NewIdString("webdpro-secrets-test")) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::string Slurp(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::vector<SecretSpec> kSpecs = {
    {"jwt_keys", [] { return "k1:" + Secrets::NewKey(); }},
    {"pii_key", [] { return Secrets::NewKey(); }},
    {"msg91_authkey", nullptr},
};

}  // namespace

TEST(Secrets, ExportedKeysReadBackAsTheSameSecrets) {
    const auto secrets = Secrets::FromMap({{"pii_key", "a\"b\\c"}, {"jwt_keys", "k1:xyz"}, {"other", "kept out"}});
    const std::vector<std::string_view> names = {"jwt_keys", "pii_key", "missing"};
    auto back = Secrets::FromToml(secrets.ExportToml(names));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->Get("pii_key"), "a\"b\\c");
    EXPECT_EQ(back->Get("jwt_keys"), "k1:xyz");
    EXPECT_FALSE(back->Get("other"));
    EXPECT_FALSE(back->Get("missing"));
    EXPECT_FALSE(Secrets::FromToml("not = [toml"));
    EXPECT_FALSE(Secrets::FromToml("pii_key = 3"));
}

TEST(Secrets, GeneratesMissingOnesOnceWithMode0600) {
    TempDir dir;
    auto first = Secrets::Load({.env = {}, .data_dir = dir.path(), .generate_missing = true}, kSpecs);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->generated(), (std::vector<std::string>{"jwt_keys", "pii_key"}));
    EXPECT_FALSE(first->Get("msg91_authkey"));
    const auto file = dir.path() / "secrets.toml";
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    auto second = Secrets::Load({.env = {}, .data_dir = dir.path(), .generate_missing = true}, kSpecs);
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->generated().empty());
    EXPECT_EQ(first->Get("pii_key"), second->Get("pii_key"));
    EXPECT_EQ(first->Get("jwt_keys"), second->Get("jwt_keys"));
    auto key = second->Key("pii_key");
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(key->size(), 32u);
}

TEST(Secrets, EnvironmentWinsOverTheFile) {
    TempDir dir;
    std::ofstream(dir.path() / "secrets.toml") << "pii_key = \"from-file\"\njwt_keys = \"k1:x\"\n";
    ::chmod((dir.path() / "secrets.toml").c_str(), 0600);
    auto s = Secrets::Load({.env = {{"WEBDPRO_SECRET_PII_KEY", "from-env"}, {"PATH", "/bin"}},
                            .data_dir = dir.path(),
                            .generate_missing = true},
                           kSpecs);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->Get("pii_key"), "from-env");
    EXPECT_EQ(s->Get("jwt_keys"), "k1:x");
    EXPECT_TRUE(s->generated().empty());
    EXPECT_TRUE(s->warnings().empty());
}

TEST(Secrets, MissingSecretWithoutGenerationNamesTheVariable) {
    TempDir dir;
    auto s = Secrets::Load(
        {.env = {{"WEBDPRO_SECRET_PII_KEY", Secrets::NewKey()}}, .data_dir = dir.path(), .generate_missing = false},
        kSpecs);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("WEBDPRO_SECRET_JWT_KEYS"), std::string::npos) << s.error().message;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "secrets.toml"));
}

TEST(Secrets, NamedSecretsFileIsNeverWrittenTo) {
    TempDir dir;
    const auto named = dir.path() / "prod-secrets.toml";
    std::ofstream(named) << "pii_key = \"" << Secrets::NewKey() << "\"\n";
    auto s = Secrets::Load(
        {.env = {{"WEBDPRO_SECRETS_FILE", named.string()}}, .data_dir = dir.path(), .generate_missing = true}, kSpecs);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("jwt_keys"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "secrets.toml"));
}

TEST(Secrets, BadFilesAreErrorsWithoutQuotingValues) {
    TempDir dir;
    const auto named = dir.path() / "s.toml";
    std::ofstream(named) << "pii_key = 12345\n";
    auto s = Secrets::Load({.env = {{"WEBDPRO_SECRETS_FILE", named.string()}}, .data_dir = dir.path()}, kSpecs);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("pii_key must be a string"), std::string::npos) << s.error().message;
    EXPECT_EQ(s.error().message.find("12345"), std::string::npos);

    auto missing = Secrets::Load(
        {.env = {{"WEBDPRO_SECRETS_FILE", (dir.path() / "nope.toml").string()}}, .data_dir = dir.path()}, kSpecs);
    ASSERT_FALSE(missing);
}

TEST(Secrets, WarnsAboutAWorldReadableFile) {
    TempDir dir;
    const auto file = dir.path() / "secrets.toml";
    std::ofstream(file) << "pii_key = \"a\"\njwt_keys = \"b\"\n";
    ::chmod(file.c_str(), 0644);
    auto s = Secrets::Load({.env = {}, .data_dir = dir.path()}, kSpecs);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->warnings().size(), 1u);
}

TEST(Secrets, KeyRejectsNonBase64AndShortValuesWithoutEchoingThem) {
    const Secrets s =
        Secrets::FromMap({{"short", "c2hvcnQ"}, {"junk", "!!!not-base64!!!"}, {"good", Secrets::NewKey()}});
    auto short_key = s.Key("short");
    ASSERT_FALSE(short_key);
    EXPECT_NE(short_key.error().message.find("at least 32 bytes"), std::string::npos);
    EXPECT_EQ(short_key.error().message.find("c2hvcnQ"), std::string::npos);
    EXPECT_FALSE(s.Key("junk"));
    EXPECT_FALSE(s.Key("absent"));
    EXPECT_TRUE(s.Key("good"));
}

TEST(Secrets, GeneratedFileKeepsEarlierValuesWhenANewSecretIsAdded) {
    TempDir dir;
    const std::vector<SecretSpec> one = {{"pii_key", [] { return Secrets::NewKey(); }}};
    auto first = Secrets::Load({.env = {}, .data_dir = dir.path()}, one);
    ASSERT_TRUE(first);
    auto second = Secrets::Load({.env = {}, .data_dir = dir.path()}, kSpecs);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(second->generated(), (std::vector<std::string>{"jwt_keys"}));
    EXPECT_EQ(first->Get("pii_key"), second->Get("pii_key"));
    EXPECT_NE(Slurp(dir.path() / "secrets.toml").find("jwt_keys"), std::string::npos);
}

}  // namespace webdpro
