#include "storefront/store_input.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sitegen/detail/test_fixture.hpp"
#include "storefront/hosting_routes.hpp"

namespace webdpro::storefront {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

catalog::Product CatalogProduct(std::string name, std::string category, std::int64_t price, std::int64_t stock) {
    catalog::Product p;
    p.id = ProductId::New();
    p.name = std::move(name);
    p.category = std::move(category);
    p.price = Paise(price);
    p.mrp = Paise(price + 500);
    p.stock = stock;
    p.unit = "kg";
    p.gst_rate_bp = 500;
    p.hsn = "0702";
    return p;
}

StoreContent Content(std::vector<catalog::Product> products) {
    StoreContent content;
    content.ref.slug = "sharma-kirana";
    content.spec = sitegen::SampleSpec();
    content.products = std::move(products);
    return content;
}

const Renderer& TheRenderer() {
    static const Renderer renderer = std::move(*Renderer::CreateEmbedded());
    return renderer;
}

TEST(BuildRenderInput, TheCatalogReplacesTheSpecProducts) {
    auto tomato = CatalogProduct("Tomato", "Vegetables", 4200, 0);
    auto rice = CatalogProduct("Basmati rice", "Rice", 9900, 3);
    rice.image = "https://cdn.example.in/rice.webp";
    const auto content = Content({tomato, rice});
    const std::vector<std::string> themes = {"bazaar", "clean"};
    RenderInput input = BuildRenderInput(content, RenderOptions{.base_path = "/s/sharma-kirana/"}, themes);

    ASSERT_EQ(input.spec.products.size(), 2u);
    EXPECT_EQ(input.spec.products[0].name, "Tomato");
    EXPECT_EQ(input.spec.products[0].price, Paise(4200));
    EXPECT_EQ(input.spec.products[0].mrp, Paise(4700));
    EXPECT_EQ(input.spec.products[0].gst_rate, 5);
    ASSERT_EQ(input.options.products.size(), 2u);
    EXPECT_EQ(input.options.products[0].product_id, tomato.id.str());
    EXPECT_EQ(input.options.products[0].stock, 0);
    EXPECT_EQ(input.options.products[1].photo, rice.image);
    EXPECT_EQ(input.options.slug, "sharma-kirana");
    EXPECT_EQ(input.options.base_path, "/s/sharma-kirana/");
    EXPECT_EQ(input.options.theme, "");  // "Mandi Green" is not a theme: the sector's default
    // "Staples" lost its products; "Rice" is new.
    ASSERT_EQ(input.spec.categories.size(), 2u);
    EXPECT_EQ(input.spec.categories[0].name, "Vegetables");
    EXPECT_EQ(input.spec.categories[1].name, "Rice");

    auto site = TheRenderer().Render(input.spec, input.options);
    ASSERT_TRUE(site) << site.error().message;
    const std::string& home = site->files.at("index.html").body;
    EXPECT_THAT(home, HasSubstr("data-add=\"" + tomato.id.str() + "\""));
    EXPECT_THAT(home, HasSubstr("data-add=\"" + rice.id.str() + "\""));
    EXPECT_THAT(home, HasSubstr("cdn.example.in&#x2F;rice.webp"));             // attribute-escaped
    EXPECT_TRUE(site->files.contains("p/tomato.html"));                        // product URLs keep their readable slug
    EXPECT_THAT(site->files.at("p/tomato.html").body, HasSubstr("disabled"));  // out of stock
    EXPECT_TRUE(site->files.contains("c/rice.html"));
    EXPECT_FALSE(site->files.contains("c/staples.html"));
}

TEST(BuildRenderInput, AStoreWithEveryProductDeactivatedStillRenders) {
    const auto content = Content({});
    RenderInput input = BuildRenderInput(content, RenderOptions{}, std::vector<std::string>{"bazaar"});
    EXPECT_TRUE(input.spec.products.empty());
    EXPECT_EQ(input.spec.categories.size(), 1u);
    auto site = TheRenderer().Render(input.spec, input.options);
    ASSERT_TRUE(site) << site.error().message;
    EXPECT_TRUE(site->files.contains("index.html"));
    EXPECT_TRUE(site->files.contains("404.html"));
}

TEST(BuildRenderInput, AKnownThemeNameInTheSpecIsUsed) {
    auto content = Content({CatalogProduct("Tomato", "Vegetables", 4200, 9)});
    content.spec.theme.name = "clean";
    const std::vector<std::string> themes = {"bazaar", "classic", "clean"};
    EXPECT_EQ(BuildRenderInput(content, RenderOptions{}, themes).options.theme, "clean");
}

TEST(Render, PreviewPagesCarryABannerAndNoindex) {
    auto content = Content({CatalogProduct("Tomato", "Vegetables", 4200, 9)});
    RenderInput input = BuildRenderInput(content, RenderOptions{.preview = true}, std::vector<std::string>{});
    auto site = TheRenderer().Render(input.spec, input.options);
    ASSERT_TRUE(site);
    for (const char* page : {"index.html", "p/tomato.html", "about.html"}) {
        EXPECT_THAT(site->files.at(page).body, HasSubstr("Preview — not published")) << page;
        EXPECT_THAT(site->files.at(page).body, HasSubstr("<meta name=\"robots\" content=\"noindex\">")) << page;
    }
    input.options.preview = false;
    auto published = TheRenderer().Render(input.spec, input.options);
    EXPECT_THAT(published->files.at("index.html").body, Not(HasSubstr("Preview — not published")));
}

TEST(Render, AProductIdThatIsNotPlainAsciiIsNotTrusted) {
    auto spec = sitegen::SampleSpec();
    RenderOptions options;
    options.products = {ProductState{.product_id = "\"><script>x</script>"}};
    auto site = TheRenderer().Render(spec, options);
    ASSERT_TRUE(site);
    EXPECT_THAT(site->files.at("index.html").body, HasSubstr("data-add=\"tomato\""));
    EXPECT_THAT(site->files.at("index.html").body, Not(HasSubstr("<script>x")));
}

TEST(NormalizeHost, LowerCasesAndDropsThePortAndTrailingDot) {
    EXPECT_EQ(NormalizeHost("Sharma-Kirana.WebDPro.in:8443"), "sharma-kirana.webdpro.in");
    EXPECT_EQ(NormalizeHost("shop.example.in."), "shop.example.in");
    EXPECT_EQ(NormalizeHost("127.0.0.1:8080"), "127.0.0.1");
    EXPECT_EQ(NormalizeHost("[::1]:8080"), "[::1]");
    EXPECT_EQ(NormalizeHost(""), "");
    EXPECT_EQ(NormalizeHost("evil.test/<script>"), "");
    EXPECT_EQ(NormalizeHost("a b.test"), "");
    EXPECT_EQ(NormalizeHost("[::1"), "");
    EXPECT_EQ(NormalizeHost(std::string(300, 'a')), "");
}

TEST(BuildRenderInput, OwnerPhotosLoadFromTheStoresOwnOrigin) {
    auto tomato = CatalogProduct("Tomato", "Vegetables", 4200, 9);
    const std::string photo = "pho_01jbq8e2x5k7m9p1r3t5v7w9y1";
    tomato.image = "/media/ten_01jbq8e2x5k7m9p1r3t5v7w9y1/" + photo + ".webp";
    const std::vector<std::string> themes;
    RenderInput input = BuildRenderInput(Content({tomato}), RenderOptions{.base_path = "/s/sharma-kirana/"}, themes);
    ASSERT_EQ(input.options.products.size(), 1u);
    EXPECT_EQ(input.options.products[0].photo, "media/" + photo + ".webp");

    auto site = TheRenderer().Render(input.spec, input.options);
    ASSERT_TRUE(site) << site.error().message;
    EXPECT_THAT(site->files.at("index.html").body, HasSubstr("src=\"media&#x2F;" + photo + ".webp\""));
    EXPECT_THAT(site->files.at("p/tomato.html").body, HasSubstr("src=\"..&#x2F;media&#x2F;" + photo + ".webp\""));
    EXPECT_FALSE(site->files.contains("img/p/tomato.svg"));  // no generated art behind the photo

    // With a canonical root, link previews get the photo's absolute URL.
    input.options.canonical_root = "https://sharma-kirana.shops.test/";
    auto canonical = TheRenderer().Render(input.spec, input.options);
    ASSERT_TRUE(canonical) << canonical.error().message;
    EXPECT_THAT(canonical->files.at("p/tomato.html").body,
                HasSubstr("og:image\" content=\"https:&#x2F;&#x2F;sharma-kirana.shops.test&#x2F;media&#x2F;" + photo +
                          ".webp\""));
}

}  // namespace
}  // namespace webdpro::storefront
