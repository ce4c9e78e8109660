// `webdpro generate`: description → store folder or SiteSpec JSON, on the real binary.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

namespace fs = std::filesystem;

/// A fresh temporary folder, removed when the test ends.
class TempDir final {
public:
    explicit TempDir(const std::string& name)
        : path_(fs::temp_directory_path() / ("webdpro-generate-" + std::to_string(::getpid()) + "-" + name)) {
        fs::remove_all(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(Generate, WritesAStoreThatOpensFromDisk) {
    TempDir dir("store");
    std::string output;
    ASSERT_EQ(RunWebdpro(
                  {"generate", "Sharma Kirana, fresh vegetables and groceries in Jaipur", "--out", dir.path().string()},
                  output),
              0)
        << output;
    EXPECT_NE(output.find("Sharma Kirana: grocery store"), std::string::npos) << output;
    EXPECT_NE(output.find("KB compressed"), std::string::npos) << output;
    for (const char* file : {"index.html", "cart.html", "checkout.html", "order.html", "about.html", "shipping.html",
                             "returns.html", "privacy.html", "terms.html", "404.html", "sitemap.xml", "robots.txt",
                             "manifest.json", "cart.js", "icon.svg", "img/hero.svg"}) {
        EXPECT_TRUE(fs::is_regular_file(dir.path() / file)) << file;
    }
    std::size_t products = 0;
    for (const auto& entry : fs::directory_iterator(dir.path() / "p")) {
        products += entry.path().extension() == ".html" ? 1 : 0;
    }
    EXPECT_GE(products, 8U);
    const std::string home = Read(dir.path() / "index.html");
    EXPECT_NE(home.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(home.find("Sharma Kirana"), std::string::npos);
    // file:// cannot open a folder, so pages link the home page as index.html.
    const std::string product = Read(dir.path() / "p" / fs::directory_iterator(dir.path() / "p")->path().filename());
    EXPECT_NE(product.find("href=\"..&#x2F;index.html\""), std::string::npos);
    EXPECT_FALSE(fs::exists(dir.path() / "index.html.gz"));
}

TEST(Generate, HindiStoreWithThemeAndGzipVariants) {
    TempDir dir("hindi");
    std::string output;
    ASSERT_EQ(RunWebdpro({"generate", "गोपाल डेयरी - शुद्ध दूध, दही, पनीर, आगरा", "--language", "hi", "--theme", "classic",
                          "--gzip", "--out", dir.path().string()},
                         output),
              0)
        << output;
    EXPECT_NE(output.find("theme classic"), std::string::npos) << output;
    const std::string home = Read(dir.path() / "index.html");
    EXPECT_NE(home.find("<html lang=\"hi\">"), std::string::npos);
    EXPECT_NE(home.find("कार्ट में डालें"), std::string::npos);
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "index.html.gz"));
    EXPECT_LT(fs::file_size(dir.path() / "index.html.gz"), fs::file_size(dir.path() / "index.html"));
}

TEST(Generate, SpecPrintsTheSiteSpecJson) {
    std::string output;
    ASSERT_EQ(
        RunWebdpro({"generate", "Krishna Dairy - doodh, paneer, ghee, Mathura. Call 98290 12345", "--spec"}, output), 0)
        << output;
    const auto spec = nlohmann::json::parse(output, nullptr, false);
    ASSERT_FALSE(spec.is_discarded()) << output;
    EXPECT_EQ(spec["business_name"], "Krishna Dairy");
    EXPECT_EQ(spec["sector"], "dairy");
    EXPECT_EQ(spec["language"], "en");
    EXPECT_EQ(spec["contact"]["phone"], "+919829012345");
    EXPECT_GE(spec["products"].size(), 5U);

    ASSERT_EQ(RunWebdpro({"generate", "Krishna Dairy, Mathura", "--spec", "--language", "hi"}, output), 0) << output;
    EXPECT_EQ(nlohmann::json::parse(output)["language"], "hi");
}

TEST(Generate, HostileDescriptionsStayText) {
    TempDir dir("hostile");
    std::string output;
    ASSERT_EQ(RunWebdpro({"generate", "<script>alert(1)</script> \"Kirana\" </title> & Sons, Jaipur", "--out",
                          dir.path().string()},
                         output),
              0)
        << output;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        if (entry.path().extension() == ".html") {
            EXPECT_EQ(Read(entry.path()).find("<script>alert"), std::string::npos) << entry.path();
        }
    }
}

TEST(Generate, BadFlagsFailWithAClearMessage) {
    TempDir dir("flags");
    std::string output;
    EXPECT_EQ(RunWebdpro({"generate", "Sharma Kirana"}, output), 2);
    EXPECT_NE(output.find("--out DIR"), std::string::npos) << output;

    EXPECT_NE(RunWebdpro({"generate", "Sharma Kirana", "--spec", "--out", dir.path().string()}, output), 0);
    EXPECT_NE(output.find("excludes"), std::string::npos) << output;

    EXPECT_NE(RunWebdpro({"generate", "Sharma Kirana", "--spec", "--language", "fr"}, output), 0);
    EXPECT_NE(output.find("--language"), std::string::npos) << output;

    EXPECT_EQ(RunWebdpro({"generate", "Sharma Kirana", "--out", dir.path().string(), "--theme", "neon"}, output), 2);
    EXPECT_NE(output.find("bazaar, classic, clean"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(dir.path()));

    EXPECT_EQ(RunWebdpro({"generate", "   ", "--spec"}, output), 2);
    EXPECT_NE(output.find("description is empty"), std::string::npos) << output;

    EXPECT_EQ(
        RunWebdpro({"generate", "Sharma Kirana", "--out", dir.path().string(), "--base-path", "no-slash"}, output), 2);
    EXPECT_NE(output.find("base_path"), std::string::npos) << output;

    EXPECT_NE(RunWebdpro({"generate"}, output), 0);
    EXPECT_NE(output.find("description"), std::string::npos) << output;
}

TEST(Generate, RefusesToWriteIntoAFolderInUseUnlessForced) {
    TempDir dir("busy");
    fs::create_directories(dir.path());
    std::ofstream(dir.path() / "notes.txt") << "keep me";
    std::string output;
    EXPECT_EQ(RunWebdpro({"generate", "Sharma Kirana, Jaipur", "--out", dir.path().string()}, output), 2);
    EXPECT_NE(output.find("--force"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(dir.path() / "index.html"));

    ASSERT_EQ(RunWebdpro({"generate", "Sharma Kirana, Jaipur", "--out", dir.path().string(), "--force"}, output), 0)
        << output;
    EXPECT_TRUE(fs::exists(dir.path() / "index.html"));
    EXPECT_EQ(Read(dir.path() / "notes.txt"), "keep me");
}

}  // namespace
}  // namespace webdpro::testing
