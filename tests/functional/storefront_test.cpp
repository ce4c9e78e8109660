// Store hosting over the real binary: a store and its catalog are written into the database the
// way the stores feature writes them, then fetched as customers (by /s/{slug}/, subdomain and
// custom domain) and as the owner's preview.
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "core/ids.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kBaseDomain = "shops.test";

/// A generated spec, as `webdpro generate --spec` prints it.
std::string GeneratedSpec(const std::string& description) {
    std::string output;
    EXPECT_EQ(RunWebdpro({"generate", description, "--spec"}, output), 0) << output;
    const auto json = nlohmann::json::parse(output.substr(output.find('{'), output.rfind('}') - output.find('{') + 1));
    return json.dump();
}

struct SeededStore {
    std::string store_id;
    std::string slug;
    std::vector<std::string> product_ids;
};

SeededStore Seed(const TestServer& server, const std::string& tenant, const std::string& slug,
                 const std::string& status, const std::string& custom_domain) {
    SeededStore store{.store_id = StoreId::New().str(), .slug = slug, .product_ids = {}};
    const std::string spec = GeneratedSpec("Sharma Kirana, fresh vegetables and groceries in Jaipur");
    Sql(server,
        "INSERT INTO stores (tenant_id, store_id, slug, status, description, business_name, sector, spec, "
        "custom_domain, site_version, created_at, updated_at) VALUES (" +
            Quote(tenant) + ", " + Quote(store.store_id) + ", " + Quote(slug) + ", " + Quote(status) +
            ", 'kirana in Jaipur', 'Sharma Kirana', 'grocery', " + Quote(spec) + ", " +
            (custom_domain.empty() ? "NULL" : Quote(custom_domain)) + ", 1, 0, 0)");
    struct Item {
        const char* name;
        const char* category;
        int price;
        int stock;
    };
    const Item items[] = {{"Desi Tomato", "Vegetables", 4000, 30},
                          {"Red Onion", "Vegetables", 3500, 2},
                          {"Toor Dal", "Staples", 15000, 0}};
    int order = 0;
    for (const auto& item : items) {
        const std::string id = ProductId::New().str();
        store.product_ids.push_back(id);
        Sql(server,
            "INSERT INTO products (tenant_id, product_id, store_id, name, price_paise, mrp_paise, "
            "stock_quantity, category, unit, gst_rate_bp, sort_order, created_at, updated_at) VALUES (" +
                Quote(tenant) + ", " + Quote(id) + ", " + Quote(store.store_id) + ", " + Quote(item.name) + ", " +
                std::to_string(item.price) + ", " + std::to_string(item.price + 500) + ", " +
                std::to_string(item.stock) + ", " + Quote(item.category) + ", 'kg', 0, " + std::to_string(order++) +
                ", 0, 0)");
    }
    return store;
}

class StorefrontHosting : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string error;
        TestServer::Options options;
        options.extra_args = RelaxedLimits();
        for (std::string flag :
             {"storefront.base_domain=" + std::string(kBaseDomain), std::string("storefront.lookup_ttl_ms=50")}) {
            options.extra_args.push_back("--set");
            options.extra_args.push_back(flag);
        }
        server_ = TestServer::Start(options, error).release();
        ASSERT_NE(server_, nullptr) << error;
        owner_a_ = new Session(*SignUpOwner(*server_, "9000000101", "Sharma Kirana"));
        owner_b_ = new Session(*SignUpOwner(*server_, "9000000102", "Other Bakery"));
        const std::string tenant_a = owner_a_->account["tenant"]["id"];
        // A custom domain is a paid feature.
        Sql(*server_, "UPDATE tenants SET plan = 'PRO' WHERE tenant_id = " + Quote(tenant_a));
        published_ = new SeededStore(Seed(*server_, tenant_a, "sharma-kirana", "PUBLISHED", "shop.sharma.test"));
        draft_ = new SeededStore(Seed(*server_, tenant_a, "sharma-draft", "DRAFT", ""));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete owner_a_;
        delete owner_b_;
        delete published_;
        delete draft_;
    }

    static std::string Url(const std::string& path) { return server_->url(path); }

    static TestServer* server_;
    static Session* owner_a_;
    static Session* owner_b_;
    static SeededStore* published_;
    static SeededStore* draft_;
};
TestServer* StorefrontHosting::server_ = nullptr;
Session* StorefrontHosting::owner_a_ = nullptr;
Session* StorefrontHosting::owner_b_ = nullptr;
SeededStore* StorefrontHosting::published_ = nullptr;
SeededStore* StorefrontHosting::draft_ = nullptr;

TEST_F(StorefrontHosting, ServesAPublishedStoreWithEtagsAndCaching) {
    auto redirect = Call("GET", Url("/s/sharma-kirana"));
    EXPECT_EQ(redirect.status, 301);
    EXPECT_EQ(redirect.Header("location"), "/s/sharma-kirana/");

    auto home = Call("GET", Url("/s/sharma-kirana/"));
    ASSERT_EQ(home.status, 200) << home.body;
    EXPECT_THAT(home.Header("content-type"), HasSubstr("text/html"));
    EXPECT_THAT(home.Header("cache-control"), HasSubstr("must-revalidate"));
    const std::string etag = home.Header("etag");
    ASSERT_FALSE(etag.empty());
    // The catalog, not the spec: its names and its ids in the cart buttons.
    EXPECT_THAT(home.body, HasSubstr("Desi Tomato"));
    EXPECT_THAT(home.body, HasSubstr("data-add=\"" + published_->product_ids[0] + "\""));
    EXPECT_THAT(home.body, HasSubstr("https://sharma-kirana.shops.test/"));  // canonical on the subdomain
    EXPECT_THAT(home.body, Not(HasSubstr("Preview")));

    auto again = Call("GET", Url("/s/sharma-kirana/"), {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());

    auto zipped = Call("GET", Url("/s/sharma-kirana/"), {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(zipped.status, 200);
    EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
    EXPECT_THAT(zipped.Header("vary"), HasSubstr("Accept-Encoding"));
    ASSERT_GE(zipped.body.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(zipped.body[0]), 0x1f);
    EXPECT_LT(zipped.body.size(), home.body.size());
    EXPECT_EQ(Call("GET", Url("/s/sharma-kirana/"), {{"If-None-Match", zipped.Header("etag")}}).status, 304);

    auto product = Call("GET", Url("/s/sharma-kirana/p/desi-tomato.html"));
    EXPECT_EQ(product.status, 200);
    EXPECT_THAT(product.body, HasSubstr("Desi Tomato"));

    auto script = Call("GET", Url("/s/sharma-kirana/cart.js"));
    EXPECT_EQ(script.status, 200);
    EXPECT_THAT(script.Header("content-type"), HasSubstr("javascript"));
    EXPECT_THAT(script.Header("cache-control"), HasSubstr("max-age=3600"));
    EXPECT_THAT(script.body, HasSubstr("product_id"));

    auto head = Call("HEAD", Url("/s/sharma-kirana/"));
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
}

TEST_F(StorefrontHosting, UnknownPathsGetTheStores404Page) {
    auto missing = Call("GET", Url("/s/sharma-kirana/no/such/page.html"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_THAT(missing.Header("content-type"), HasSubstr("text/html"));
    EXPECT_THAT(missing.body, HasSubstr("<base href=\"&#x2F;s&#x2F;sharma-kirana&#x2F;\">"));
    EXPECT_THAT(missing.body, HasSubstr("Sharma"));
}

TEST_F(StorefrontHosting, UnpublishedAndUnknownSlugsLookTheSame) {
    auto draft = Call("GET", Url("/s/sharma-draft/"));
    auto unknown = Call("GET", Url("/s/no-such-store/"));
    EXPECT_EQ(draft.status, 404);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(draft.ErrorCode(), "not_found");
    EXPECT_EQ(draft.json["error"], unknown.json["error"]);
    EXPECT_EQ(Call("GET", Url("/s/sharma-draft")).status, 404);
    EXPECT_EQ(Call("GET", Url("/s/sharma-draft/p/desi-tomato.html")).status, 404);
}

TEST_F(StorefrontHosting, PeopleGetANotFoundPageInTheStoresLanguageAndApiClientsTheEnvelope) {
    const std::string tenant = owner_a_->account["tenant"]["id"];
    Seed(*server_, tenant, "sharma-band", "DRAFT", "");
    Sql(*server_, "UPDATE stores SET language = 'hi' WHERE slug = 'sharma-band'");
    const std::pair<std::string, std::string> html = {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};
    const auto expect_page = [](const ApiReply& page, const std::string& language, const std::string& words) {
        EXPECT_EQ(page.status, 404);
        EXPECT_THAT(page.Header("content-type"), HasSubstr("text/html"));
        EXPECT_EQ(page.Header("cache-control"), "no-store");
        EXPECT_THAT(page.body, HasSubstr("<html lang=\"" + language + "\""));
        EXPECT_THAT(page.body, HasSubstr(words));
        EXPECT_THAT(page.body, HasSubstr("name=\"viewport\""));
        EXPECT_THAT(page.body, Not(HasSubstr("not_found")));
    };
    // No such store, in the browser's language when it prefers Hindi.
    expect_page(Call("GET", Url("/s/no-such-shop/"), {html}), "en", "No shop at this address");
    expect_page(Call("GET", Url("/s/no-such-shop"), {html}), "en", "No shop at this address");
    expect_page(Call("GET", Url("/s/no-such-shop/"), {html, {"Accept-Language", "hi-IN,hi;q=0.9,en;q=0.8"}}), "hi",
                "इस पते पर कोई दुकान नहीं");
    // A store taken offline: in its own language.
    expect_page(Call("GET", Url("/s/sharma-band/"), {html}), "hi", "इस पते पर कोई दुकान नहीं");
    // An unknown subdomain.
    expect_page(Call("GET", Url("/"), {html, {"Host", "nobody.shops.test"}}), "en", "No shop at this address");

    // API clients keep the envelope.
    for (const std::string path : {"/s/no-such-shop/", "/s/sharma-band/"}) {
        auto api = Call("GET", Url(path), {{"Accept", "application/json"}});
        EXPECT_EQ(api.status, 404);
        EXPECT_EQ(api.ErrorCode(), "not_found") << api.body;
    }
}

TEST_F(StorefrontHosting, AShopWhosePagesCannotBeBuiltShowsPeopleAPageNotAnError) {
    const std::string tenant = owner_a_->account["tenant"]["id"];
    Seed(*server_, tenant, "sharma-broken", "PUBLISHED", "");
    Sql(*server_, "UPDATE stores SET spec = '{\"not\":\"a store\"}' WHERE slug = 'sharma-broken'");
    auto page = Call("GET", Url("/s/sharma-broken/"), {{"Accept", "text/html,*/*;q=0.8"}});
    EXPECT_EQ(page.status, 500);
    EXPECT_THAT(page.Header("content-type"), HasSubstr("text/html"));
    EXPECT_EQ(page.Header("cache-control"), "no-store");
    EXPECT_THAT(page.body, HasSubstr("This shop can't open right now"));
    EXPECT_THAT(page.body, Not(HasSubstr("\"error\"")));
    auto api = Call("GET", Url("/s/sharma-broken/"), {{"Accept", "application/json"}});
    EXPECT_GE(api.status, 400);
    EXPECT_FALSE(api.ErrorCode().empty()) << api.body;
}

TEST_F(StorefrontHosting, TheOwnerPreviewsADraftAndOtherTenantsCannot) {
    const std::string root = "/api/stores/" + draft_->store_id + "/preview/";
    auto preview = Call("GET", Url(root), {owner_a_->Auth()});
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_EQ(preview.Header("cache-control"), "no-store");
    EXPECT_THAT(preview.body, HasSubstr("Preview — not published"));
    EXPECT_THAT(preview.body, HasSubstr("noindex"));
    EXPECT_EQ(Call("GET", Url(root + "p/desi-tomato.html"), {owner_a_->Auth()}).status, 200);
    // The preview takes no orders: its checkout says so and cannot be sent.
    auto checkout = Call("GET", Url(root + "checkout.html"), {owner_a_->Auth()});
    ASSERT_EQ(checkout.status, 200);
    EXPECT_THAT(checkout.body, HasSubstr("orders open once the store is published"));
    EXPECT_THAT(checkout.body, HasSubstr("type=\"submit\" disabled"));
    EXPECT_THAT(Call("GET", Url("/s/sharma-kirana/checkout.html")).body, Not(HasSubstr("type=\"submit\" disabled")));

    auto bare = Call("GET", Url("/api/stores/" + draft_->store_id + "/preview"), {owner_a_->Auth()});
    EXPECT_EQ(bare.status, 301);
    EXPECT_EQ(bare.Header("location"), root);

    auto other = Call("GET", Url(root), {owner_b_->Auth()});
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(other.ErrorCode(), "not_found");
    EXPECT_EQ(Call("GET", Url(root)).status, 401);
    EXPECT_EQ(Call("GET", Url("/api/stores/not-an-id/preview/"), {owner_a_->Auth()}).status, 404);
}

TEST_F(StorefrontHosting, SubdomainAndCustomDomainServeTheStoreAtTheRoot) {
    auto sub = Call("GET", Url("/"), {{"Host", "sharma-kirana.shops.test"}});
    ASSERT_EQ(sub.status, 200) << sub.body;
    EXPECT_THAT(sub.body, HasSubstr("Desi Tomato"));
    auto missing = Call("GET", Url("/nope.html"), {{"Host", "sharma-kirana.shops.test"}});
    EXPECT_EQ(missing.status, 404);
    EXPECT_THAT(missing.body, HasSubstr("<base href=\"&#x2F;\">"));
    auto product = Call("GET", Url("/p/desi-tomato.html"), {{"Host", "Sharma-Kirana.shops.test:443"}});
    EXPECT_EQ(product.status, 200);

    auto domain = Call("GET", Url("/"), {{"Host", "shop.sharma.test"}});
    ASSERT_EQ(domain.status, 200) << domain.body;
    EXPECT_THAT(domain.body, HasSubstr("https://shop.sharma.test/"));

    EXPECT_EQ(Call("GET", Url("/"), {{"Host", "sharma-draft.shops.test"}}).status, 404);
    EXPECT_EQ(Call("GET", Url("/"), {{"Host", "nobody.shops.test"}}).status, 404);
    // Platform hosts are never a store: the web app and the API answer there.
    EXPECT_EQ(Call("GET", Url("/healthz"), {{"Host", std::string(kBaseDomain)}}).status, 200);
    EXPECT_EQ(Call("GET", Url("/healthz"), {{"Host", "localhost"}}).status, 200);
}

TEST_F(StorefrontHosting, ACatalogChangeShowsOnceTheSiteVersionMoves) {
    const std::string tenant = owner_a_->account["tenant"]["id"];
    auto before = Call("GET", Url("/s/sharma-kirana/"));
    ASSERT_EQ(before.status, 200);
    Sql(*server_,
        "UPDATE products SET name = 'Alphonso Mango' WHERE product_id = " + Quote(published_->product_ids[0]));
    Sql(*server_, "UPDATE stores SET site_version = site_version + 1 WHERE store_id = " + Quote(published_->store_id));
    std::string body;
    for (int i = 0; i < 50 && body.find("Alphonso Mango") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        body = Call("GET", Url("/s/sharma-kirana/")).body;
    }
    EXPECT_THAT(body, HasSubstr("Alphonso Mango"));
    EXPECT_THAT(body, Not(HasSubstr("Desi Tomato")));
    auto after = Call("GET", Url("/s/sharma-kirana/"), {{"If-None-Match", before.Header("etag")}});
    EXPECT_EQ(after.status, 200);  // the old ETag no longer matches
    // Restore for the other tests (any order).
    Sql(*server_, "UPDATE products SET name = 'Desi Tomato' WHERE product_id = " + Quote(published_->product_ids[0]));
    Sql(*server_, "UPDATE stores SET site_version = site_version + 1 WHERE store_id = " + Quote(published_->store_id));
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
}

TEST_F(StorefrontHosting, AProductEditShowsOnItsPageAndTheListsThatShowIt) {
    const std::string product = "/s/sharma-kirana/p/red-onion.html";
    auto before = Call("GET", Url(product));
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_THAT(before.body, HasSubstr("₹35"));
    auto category = Call("GET", Url("/s/sharma-kirana/c/vegetables.html"));
    ASSERT_EQ(category.status, 200);
    EXPECT_THAT(category.body, HasSubstr("₹35"));
    // Through the owner's API: the catalog moves the store's site version itself.
    const std::string edit = "/api/stores/" + published_->store_id + "/products/" + published_->product_ids[1];
    auto patched = Call("PATCH", Url(edit), {owner_a_->Auth()}, nlohmann::json{{"price_paise", 3900}}.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    std::string body;
    for (int i = 0; i < 50 && body.find("₹39") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        body = Call("GET", Url(product)).body;
    }
    EXPECT_THAT(body, HasSubstr("₹39"));
    EXPECT_THAT(body, Not(HasSubstr("₹35")));
    EXPECT_THAT(Call("GET", Url("/s/sharma-kirana/c/vegetables.html")).body, HasSubstr("₹39"));
    EXPECT_EQ(Call("GET", Url(product), {{"If-None-Match", before.Header("etag")}}).status, 200);
    // The sitemap names every page, and a page the store does not have is its 404 page.
    auto sitemap = Call("GET", Url("/s/sharma-kirana/sitemap.xml"));
    EXPECT_THAT(sitemap.body, HasSubstr("p/red-onion.html"));
    EXPECT_THAT(sitemap.body, HasSubstr("c/vegetables.html"));
    EXPECT_EQ(Call("GET", Url("/s/sharma-kirana/c/vegetables.page-2.html")).status, 404);
    auto restored = Call("PATCH", Url(edit), {owner_a_->Auth()}, nlohmann::json{{"price_paise", 3500}}.dump());
    ASSERT_EQ(restored.status, 200) << restored.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
}

TEST_F(StorefrontHosting, UnpublishingHidesTheStoreWithinTheLookupTtl) {
    Sql(*server_, "UPDATE stores SET status = 'DRAFT' WHERE store_id = " + Quote(published_->store_id));
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    EXPECT_EQ(Call("GET", Url("/s/sharma-kirana/")).status, 404);
    EXPECT_EQ(Call("GET", Url("/"), {{"Host", "sharma-kirana.shops.test"}}).status, 404);
    Sql(*server_, "UPDATE stores SET status = 'PUBLISHED' WHERE store_id = " + Quote(published_->store_id));
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    EXPECT_EQ(Call("GET", Url("/s/sharma-kirana/")).status, 200);
}

/// A server with `flags`, one owner on a paid plan and the published store "sharma-kirana" on the
/// custom domain shop.sharma.test.
std::unique_ptr<TestServer> ServerWithStore(const std::vector<std::string>& flags) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    for (const std::string& flag : flags) {
        options.extra_args.push_back("--set");
        options.extra_args.push_back(flag);
    }
    auto server = TestServer::Start(options, error);
    EXPECT_NE(server, nullptr) << error;
    if (!server) {
        return server;
    }
    auto owner = SignUpOwner(*server, "9000000121", "Sharma Kirana");
    EXPECT_TRUE(owner);
    if (!owner) {
        return nullptr;
    }
    const std::string tenant = owner->account["tenant"]["id"];
    Sql(*server, "UPDATE tenants SET plan = 'PRO' WHERE tenant_id = " + Quote(tenant));
    Seed(*server, tenant, "sharma-kirana", "PUBLISHED", "shop.sharma.test");
    return server;
}

/// Every absolute-URL file of the store as served with `host`: home, a product, sitemap, robots.
std::string StoreFilesFor(const TestServer& server, const std::string& host, const std::string& base) {
    std::string all;
    for (const std::string page : {"", "p/desi-tomato.html", "sitemap.xml", "robots.txt"}) {
        auto reply = Call("GET", server.url(base + page), {{"Host", host}});
        EXPECT_EQ(reply.status, 200) << host << " " << base << page << ": " << reply.body.substr(0, 200);
        all += reply.body;
    }
    return all;
}

TEST(StorefrontCanonicalUrls, NeverComeFromAnUncheckedHostHeader) {
    // Nothing configured: no absolute URLs at all, whatever Host says.
    auto bare = ServerWithStore({});
    ASSERT_NE(bare, nullptr);
    const std::string files = StoreFilesFor(*bare, "evil.example", "/s/sharma-kirana/");
    EXPECT_THAT(files, Not(HasSubstr("evil.example")));
    EXPECT_THAT(files, Not(HasSubstr("og:url")));
    EXPECT_THAT(files, Not(HasSubstr("rel=\"canonical\"")));
    EXPECT_THAT(files, HasSubstr("<loc>/s/sharma-kirana/p/desi-tomato.html</loc>"));
}

TEST(StorefrontCanonicalUrls, ComeFromThePublicOriginWithItsPort) {
    auto server = ServerWithStore({"auth.public_origin=http://shops.example.test:8443"});
    ASSERT_NE(server, nullptr);
    const std::string root = "http://shops.example.test:8443/s/sharma-kirana/";
    const std::string files = StoreFilesFor(*server, "evil.example:9999", "/s/sharma-kirana/");
    EXPECT_THAT(files, Not(HasSubstr("evil.example")));
    EXPECT_THAT(files, HasSubstr("<loc>" + root + "p/desi-tomato.html</loc>"));
    EXPECT_THAT(files, HasSubstr("Sitemap: " + root + "sitemap.xml"));
    EXPECT_THAT(files, HasSubstr("rel=\"canonical\" href=\"http:&#x2F;&#x2F;shops.example.test:8443&#x2F;s&#x2F;"
                                 "sharma-kirana&#x2F;p&#x2F;desi-tomato.html\""));
    EXPECT_THAT(files, HasSubstr("property=\"og:url\""));

    // The store's own domain: its name, on the platform's scheme and port.
    const std::string domain = StoreFilesFor(*server, "Shop.Sharma.test:8443", "/");
    EXPECT_THAT(domain, HasSubstr("<loc>http://shop.sharma.test:8443/p/desi-tomato.html</loc>"));
    EXPECT_THAT(domain, Not(HasSubstr("shops.example.test")));
}

/// A node that trusts its store lookups for a minute: only the owner's own changes may cut that short.
class StoreLookupCache : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        TestServer::Options options;
        options.extra_args = RelaxedLimits();
        for (std::string flag :
             {"storefront.base_domain=" + std::string(kBaseDomain), std::string("storefront.lookup_ttl_ms=60000")}) {
            options.extra_args.push_back("--set");
            options.extra_args.push_back(flag);
        }
        server_ = TestServer::Start(options, error);
        ASSERT_NE(server_, nullptr) << error;
        owner_ = SignUpOwner(*server_, "9000000111", "Fresh Kirana");
        ASSERT_TRUE(owner_);
        const std::string tenant = owner_->account["tenant"]["id"];
        Sql(*server_, "UPDATE tenants SET plan = 'PRO' WHERE tenant_id = " + Quote(tenant));
        store_ = Seed(*server_, tenant, "fresh-kirana", "DRAFT", "");
    }

    int Post(const std::string& action) {
        return Call("POST", server_->url("/api/stores/" + store_.store_id + "/" + action),
                    {owner_->Auth(), {"Content-Type", "application/json"}}, "{}")
            .status;
    }
    int Get(const std::string& host = "") {
        return host.empty() ? Call("GET", server_->url("/s/fresh-kirana/")).status
                            : Call("GET", server_->url("/"), {{"Host", host}}).status;
    }
    /// Whether `host` serves the store (an unknown custom domain is the platform's web app).
    bool Serves(const std::string& host) {
        auto page = Call("GET", server_->url("/"), {{"Host", host}});
        return page.status == 200 && page.body.find("Desi Tomato") != std::string::npos;
    }

    std::unique_ptr<TestServer> server_;
    std::optional<Session> owner_;
    SeededStore store_;
};

TEST_F(StoreLookupCache, PublishingUnpublishingAndDomainChangesShowAtOnceOnThisNode) {
    // The owner checks the link before publishing: the miss is remembered...
    EXPECT_EQ(Get(), 404);
    EXPECT_EQ(Get("fresh-kirana.shops.test"), 404);
    // ...and publishing forgets it.
    ASSERT_EQ(Post("publish"), 200);
    EXPECT_EQ(Get(), 200);
    EXPECT_EQ(Get("fresh-kirana.shops.test"), 200);

    ASSERT_EQ(Post("unpublish"), 200);
    EXPECT_EQ(Get(), 404);
    EXPECT_EQ(Get("fresh-kirana.shops.test"), 404);
    ASSERT_EQ(Post("publish"), 200);

    const std::string domain_url = server_->url("/api/stores/" + store_.store_id + "/domain");
    EXPECT_FALSE(Serves("shop.fresh.test"));
    auto set = Call("PUT", domain_url, {owner_->Auth(), {"Content-Type", "application/json"}},
                    R"({"domain":"shop.fresh.test"})");
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_TRUE(Serves("shop.fresh.test"));
    ASSERT_EQ(Call("DELETE", domain_url, {owner_->Auth()}).status, 200);
    EXPECT_FALSE(Serves("shop.fresh.test"));
}

}  // namespace
}  // namespace webdpro::testing
