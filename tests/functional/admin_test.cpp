// The platform admin's console over HTTP on the real binary: a known set of tenants, stores,
// orders and AI calls gives exact figures; suspending a tenant closes its storefront (503), its
// checkout and its people's APIs (403) and restoring brings them back; plan changes; every admin
// route refuses everyone but the super admin; every admin action is in the audit log.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Shop {
    std::optional<Session> owner;
    std::string tenant_id;
    SeededStore store;
};

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class AdminConsole : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = StartRelaxedServer().release();
        ASSERT_NE(server_, nullptr);
        a_ = new Shop();
        b_ = new Shop();
        OpenShop(*a_, "9000000801", "Anand Kirana", "anand-kirana");
        OpenShop(*b_, "9000000802", "Bela Sweets", "bela-sweets");
        std::string output;
        ASSERT_EQ(RunWebdpro({"admin", "create-super-admin", "--phone", "+91 90000 00809", "--data-dir",
                              server_->data_dir().string()},
                             output),
                  0)
            << output;
        auto admin = SignIn(*server_, "9000000809");
        ASSERT_TRUE(admin);
        ASSERT_EQ(admin->account["role"], "SUPER_ADMIN");
        admin_ = new Session(*admin);

        // Orders: Anand 2 × ₹10 + 3 × ₹10 + 1 × ₹10 (cancelled), Bela 4 × ₹10 — all COD.
        const auto& pa = a_->store.product_ids;
        const auto& pb = b_->store.product_ids;
        ASSERT_EQ(PlaceOrder(*server_, a_->store.slug, CheckoutBody({{pa[0], 2}}), "a-1").status, 201);
        ASSERT_EQ(PlaceOrder(*server_, a_->store.slug, CheckoutBody({{pa[0], 1}, {pa[1], 2}}), "a-2").status, 201);
        auto cancelled = PlaceOrder(*server_, a_->store.slug, CheckoutBody({{pa[1], 1}}), "a-3");
        ASSERT_EQ(cancelled.status, 201);
        ASSERT_EQ(PlaceOrder(*server_, b_->store.slug, CheckoutBody({{pb[0], 4}}), "b-1").status, 201);
        WaitOutboxDone();
        auto cancel = Call(
            "POST", server_->url("/api/orders/" + cancelled.json["order_id"].get<std::string>() + "/status"),
            {a_->owner->Auth(), {"Content-Type", "application/json"}}, nlohmann::json{{"status", "CANCELLED"}}.dump());
        ASSERT_EQ(cancel.status, 200) << cancel.Describe();
        WaitOutboxDone();

        // AI calls: Anand's store came from a model after one failed level, Bela's from the rules.
        const std::string now = std::to_string(NowMs());
        Sql(*server_,
            "INSERT INTO ai_calls (call_id, tenant_id, store_id, level, provider, model, outcome, input_tokens, "
            "output_tokens, cost_micro_usd, latency_ms, created_at) VALUES "
            "('c1', " +
                Quote(a_->tenant_id) + ", NULL, 'claude', 'anthropic', 'claude-x', 'TIMEOUT', 100, 0, 0, 900, " + now +
                "), "
                "('c2', " +
                Quote(a_->tenant_id) + ", NULL, 'titan', 'bedrock', 'titan-y', 'OK', 1000, 2000, 4500, 300, " + now +
                "), "
                "('c3', " +
                Quote(a_->tenant_id) + ", NULL, 'titan', 'bedrock', 'titan-y', 'OK', 1000, 1000, 2500, 500, " + now +
                "), "
                "('c4', " +
                Quote(b_->tenant_id) + ", NULL, 'claude', 'anthropic', 'claude-x', 'SKIPPED', 0, 0, 0, 0, " + now +
                "), "
                "('c5', " +
                Quote(b_->tenant_id) + ", NULL, 'rules', 'local', '', 'OK', 0, 0, 0, 2, " + now + ")");
        // Anand's store gets pages (a generated spec), so its storefront answers 200 before suspension.
        std::string spec;
        ASSERT_EQ(RunWebdpro({"generate", "Anand Kirana, groceries in Pune", "--spec"}, spec), 0) << spec;
        spec = spec.substr(spec.find('{'), spec.rfind('}') - spec.find('{') + 1);
        Sql(*server_, "UPDATE stores SET generation_level = 'titan', sector = 'grocery', spec = " + Quote(spec) +
                          ", created_at = " + now + " WHERE store_id = " + Quote(a_->store.store_id));
        Sql(*server_, "UPDATE stores SET generation_level = 'rules', sector = 'sweets', created_at = " + now +
                          " WHERE store_id = " + Quote(b_->store.store_id));
    }
    static void TearDownTestSuite() {
        delete a_;
        delete b_;
        delete admin_;
        delete server_;
        a_ = b_ = nullptr;
        admin_ = nullptr;
        server_ = nullptr;
    }

    static void OpenShop(Shop& shop, const std::string& phone, const std::string& business, const std::string& slug) {
        shop.owner = SignUpOwner(*server_, phone, business);
        ASSERT_TRUE(shop.owner);
        shop.tenant_id = shop.owner->account["tenant"]["id"].get<std::string>();
        shop.store = SeedPublishedStore(*server_, shop.tenant_id, slug, 2, 1000);
        ASSERT_FALSE(shop.store.store_id.empty());
    }

    static void WaitOutboxDone() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'") != 0 &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ASSERT_EQ(QueryInt(*server_, "SELECT count(*) FROM outbox WHERE status <> 'DONE'"), 0);
    }

    static ApiReply Admin(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        Headers headers{admin_->Auth()};
        if (!body.is_null()) {
            headers.emplace_back("Content-Type", "application/json");
        }
        return Call(method, server_->url(path), headers, body.is_null() ? "" : body.dump());
    }

    static ApiReply Reason(const std::string& tenant, const std::string& what, const std::string& reason) {
        return Admin("POST", "/api/admin/tenants/" + tenant + "/" + what, nlohmann::json{{"reason", reason}});
    }

    static TestServer* server_;
    static Shop* a_;
    static Shop* b_;
    static Session* admin_;
};

TestServer* AdminConsole::server_ = nullptr;
Shop* AdminConsole::a_ = nullptr;
Shop* AdminConsole::b_ = nullptr;
Session* AdminConsole::admin_ = nullptr;

const nlohmann::json* FindBy(const nlohmann::json& list, const std::string& key, const std::string& value) {
    for (const auto& item : list) {
        if (item.value(key, "") == value) {
            return &item;
        }
    }
    return nullptr;
}

TEST_F(AdminConsole, TenantsCarryTheirStoresSalesAndStatus) {
    auto list = Admin("GET", "/api/admin/tenants");
    ASSERT_EQ(list.status, 200) << list.Describe();
    ASSERT_EQ(list.json["tenants"].size(), 2u);
    EXPECT_TRUE(list.json["next_cursor"].is_null());
    const auto* a = FindBy(list.json["tenants"], "id", a_->tenant_id);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ((*a)["business_name"], "Anand Kirana");
    EXPECT_EQ((*a)["status"], "ACTIVE");
    EXPECT_EQ((*a)["stores"], 1);
    EXPECT_EQ((*a)["published_stores"], 1);
    EXPECT_EQ((*a)["orders"], 2);        // the cancelled order is taken back out
    EXPECT_EQ((*a)["gmv_paise"], 5000);  // 2 + 3 units at ₹10
    EXPECT_EQ((*a)["owner_phone_masked"], "+91******0801");
    EXPECT_TRUE((*a)["last_order_day"].is_string());
    const auto* b = FindBy(list.json["tenants"], "id", b_->tenant_id);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ((*b)["orders"], 1);
    EXPECT_EQ((*b)["gmv_paise"], 4000);

    // Search by name (any case) and by the owner's phone; filter by status; pages.
    auto by_name = Admin("GET", "/api/admin/tenants?q=bela");
    ASSERT_EQ(by_name.json["tenants"].size(), 1u);
    EXPECT_EQ(by_name.json["tenants"][0]["id"], b_->tenant_id);
    auto by_phone = Admin("GET", "/api/admin/tenants?q=00801");
    ASSERT_EQ(by_phone.json["tenants"].size(), 1u);
    EXPECT_EQ(by_phone.json["tenants"][0]["id"], a_->tenant_id);
    EXPECT_EQ(Admin("GET", "/api/admin/tenants?q=%25").json["tenants"].size(), 0u);
    EXPECT_EQ(Admin("GET", "/api/admin/tenants?status=SUSPENDED").json["tenants"].size(), 0u);
    EXPECT_EQ(Admin("GET", "/api/admin/tenants?status=GONE").status, 400);
    EXPECT_EQ(Admin("GET", "/api/admin/tenants?cursor=nonsense").status, 400);
    auto first = Admin("GET", "/api/admin/tenants?limit=1");
    ASSERT_EQ(first.json["tenants"].size(), 1u);
    ASSERT_TRUE(first.json["next_cursor"].is_string());
    auto second = Admin("GET", "/api/admin/tenants?limit=1&cursor=" + first.json["next_cursor"].get<std::string>());
    ASSERT_EQ(second.json["tenants"].size(), 1u);
    EXPECT_NE(second.json["tenants"][0]["id"], first.json["tenants"][0]["id"]);
    EXPECT_TRUE(second.json["next_cursor"].is_null());

    auto page = Admin("GET", "/api/admin/tenants/" + a_->tenant_id);
    ASSERT_EQ(page.status, 200) << page.Describe();
    const auto& t = page.json["tenant"];
    ASSERT_EQ(t["stores_list"].size(), 1u);
    EXPECT_EQ(t["stores_list"][0]["slug"], "anand-kirana");
    EXPECT_EQ(t["stores_list"][0]["gmv_paise"], 5000);
    EXPECT_EQ(t["ai"]["month_micro_usd"], 7000);
    EXPECT_EQ(t["ai"]["budget_micro_usd"], 1'000'000);  // FREE
    EXPECT_EQ(Admin("GET", "/api/admin/tenants/" + b_->store.store_id).status, 404);
}

TEST_F(AdminConsole, OverviewCountsThePlatform) {
    auto o = Admin("GET", "/api/admin/overview");
    ASSERT_EQ(o.status, 200) << o.Describe();
    EXPECT_EQ(o.json["tenants"]["total"], 2);
    EXPECT_EQ(o.json["stores"]["published"], 2);
    EXPECT_EQ(o.json["sales"]["gmv_paise"], 9000);
    EXPECT_EQ(o.json["sales"]["orders"], 3);
    EXPECT_EQ(o.json["sales"]["today"]["gmv_paise"], 9000);
    EXPECT_EQ(o.json["orders_last_hour"], 4);  // placed, the cancelled one included
    ASSERT_EQ(o.json["orders_per_minute"].size(), 60u);
    std::int64_t sum = 0;
    for (const auto& n : o.json["orders_per_minute"]) {
        sum += n.get<std::int64_t>();
    }
    EXPECT_EQ(sum, 4);
    EXPECT_EQ(o.json["outbox"]["pending"], 0);
    EXPECT_EQ(o.json["outbox"]["dead"], 0);
}

TEST_F(AdminConsole, AiUsageComesFromTheLedger) {
    auto u = Admin("GET", "/api/admin/ai/usage?range=7d");
    ASSERT_EQ(u.status, 200) << u.Describe();
    EXPECT_EQ(u.json["calls"], 5);
    EXPECT_EQ(u.json["cost_micro_usd"], 7000);
    const auto* titan = FindBy(u.json["models"], "model", "titan-y");
    ASSERT_NE(titan, nullptr);
    EXPECT_EQ((*titan)["calls"], 2);
    EXPECT_EQ((*titan)["cost_micro_usd"], 7000);
    EXPECT_EQ((*titan)["output_tokens"], 3000);
    const auto* anand = FindBy(u.json["tenants"], "tenant_id", a_->tenant_id);
    ASSERT_NE(anand, nullptr);
    EXPECT_EQ((*anand)["cost_micro_usd"], 7000);
    EXPECT_EQ((*anand)["month_micro_usd"], 7000);
    EXPECT_EQ((*anand)["budget_micro_usd"], 1'000'000);
    const auto* claude = FindBy(u.json["levels"], "level", "claude");
    ASSERT_NE(claude, nullptr);
    EXPECT_EQ((*claude)["calls"], 2);
    EXPECT_EQ((*claude)["attempts"], 1);
    EXPECT_EQ((*claude)["served"], 0);
    EXPECT_DOUBLE_EQ((*claude)["success_rate"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ((*claude)["fallback_rate"].get<double>(), 1.0);
    const auto* titan_level = FindBy(u.json["levels"], "level", "titan");
    ASSERT_NE(titan_level, nullptr);
    EXPECT_DOUBLE_EQ((*titan_level)["success_rate"].get<double>(), 1.0);
    EXPECT_EQ((*titan_level)["p50_latency_ms"], 300);
    ASSERT_EQ(u.json["stores_generated"].size(), 2u);
    const auto* grocery = FindBy(u.json["stores_generated"], "sector", "grocery");
    ASSERT_NE(grocery, nullptr);
    EXPECT_EQ((*grocery)["level"], "titan");
    EXPECT_EQ((*grocery)["stores"], 1);
    EXPECT_EQ(Admin("GET", "/api/admin/ai/usage?range=forever").status, 400);
}

TEST_F(AdminConsole, SuspensionClosesTheTenantAndRestoreReopensIt) {
    const std::string path = "/s/" + a_->store.slug + "/";
    ASSERT_EQ(Call("GET", server_->url(path), {{"Accept", "text/html"}}).status, 200);

    EXPECT_EQ(Admin("POST", "/api/admin/tenants/" + a_->tenant_id + "/suspend", nlohmann::json::object()).status, 400);
    EXPECT_EQ(Reason(a_->tenant_id, "suspend", "   ").status, 400);
    EXPECT_EQ(Reason(a_->store.store_id, "suspend", "fraud").status, 404);
    EXPECT_EQ(Reason(a_->tenant_id, "restore", "not suspended").status, 409);
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM tenants WHERE status = 'SUSPENDED'"), 0);

    auto suspended = Reason(a_->tenant_id, "suspend", "Chargebacks under review");
    ASSERT_EQ(suspended.status, 200) << suspended.Describe();
    EXPECT_EQ(suspended.json["tenant"]["status"], "SUSPENDED");
    EXPECT_EQ(suspended.json["tenant"]["suspended_reason"], "Chargebacks under review");
    EXPECT_EQ(suspended.json["tenant"]["suspended_by"], admin_->UserId());
    EXPECT_EQ(Reason(a_->tenant_id, "suspend", "again").status, 409);

    // The storefront: 503 with Retry-After, as a page and as JSON; the other tenant's store is untouched
    // (it has no pages: 404 as before).
    auto page = Call("GET", server_->url(path), {{"Accept", "text/html"}});
    EXPECT_EQ(page.status, 503);
    EXPECT_FALSE(page.Header("retry-after").empty());
    EXPECT_NE(page.body.find("temporarily unavailable"), std::string::npos);
    EXPECT_EQ(Call("GET", server_->url(path + "index.html")).status, 503);
    EXPECT_EQ(Call("GET", server_->url("/s/" + b_->store.slug + "/"), {{"Accept", "text/html"}}).status, 404);
    // The checkout.
    const std::int64_t orders_before = QueryInt(*server_, "SELECT count(*) FROM orders");
    auto refused = PlaceOrder(*server_, a_->store.slug, CheckoutBody({{a_->store.product_ids[0], 1}}), "a-suspended");
    EXPECT_EQ(refused.status, 503) << refused.Describe();
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM orders"), orders_before);
    // Its people: signed in, told why, unable to act; another tenant's owner is not touched.
    auto blocked = Call("GET", server_->url("/api/stores/" + a_->store.store_id + "/orders"), {a_->owner->Auth()});
    EXPECT_EQ(blocked.status, 403);
    EXPECT_NE(blocked.body.find("suspended"), std::string::npos) << blocked.body;
    EXPECT_EQ(Call("GET", server_->url("/api/agents"), {a_->owner->Auth()}).status, 403);
    EXPECT_EQ(Call("GET", server_->url("/api/me"), {a_->owner->Auth()}).status, 200);
    auto again = SignIn(*server_, "9000000801");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->account["tenant"]["id"], a_->tenant_id);
    EXPECT_EQ(Call("GET", server_->url("/api/agents"), {again->Auth()}).status, 403);
    EXPECT_EQ(Call("GET", server_->url("/api/agents"), {b_->owner->Auth()}).status, 200);
    // Listed as suspended; nothing deleted.
    auto listed = Admin("GET", "/api/admin/tenants?status=SUSPENDED");
    ASSERT_EQ(listed.json["tenants"].size(), 1u);
    EXPECT_EQ(listed.json["tenants"][0]["gmv_paise"], 5000);
    EXPECT_EQ(Admin("GET", "/api/admin/overview").json["tenants"]["suspended"], 1);

    auto restored = Reason(a_->tenant_id, "restore", "Review cleared");
    ASSERT_EQ(restored.status, 200) << restored.Describe();
    EXPECT_EQ(restored.json["tenant"]["status"], "ACTIVE");
    EXPECT_TRUE(restored.json["tenant"]["suspended_reason"].is_null());
    EXPECT_EQ(Reason(a_->tenant_id, "restore", "again").status, 409);
    EXPECT_EQ(Call("GET", server_->url(path), {{"Accept", "text/html"}}).status, 200);
    EXPECT_EQ(Call("GET", server_->url("/api/stores/" + a_->store.store_id + "/orders"), {a_->owner->Auth()}).status,
              200);
    auto reopened = PlaceOrder(*server_, a_->store.slug, CheckoutBody({{a_->store.product_ids[0], 1}}), "a-restored");
    EXPECT_EQ(reopened.status, 201) << reopened.Describe();
    auto cancel =
        Call("POST", server_->url("/api/orders/" + reopened.json["order_id"].get<std::string>() + "/status"),
             {a_->owner->Auth(), {"Content-Type", "application/json"}}, nlohmann::json{{"status", "CANCELLED"}}.dump());
    EXPECT_EQ(cancel.status, 200);
    WaitOutboxDone();

    // Who, what, why and when.
    auto audit = Admin("GET", "/api/admin/audit?action=tenant.&tenant=" + a_->tenant_id);
    ASSERT_EQ(audit.status, 200) << audit.Describe();
    ASSERT_GE(audit.json["entries"].size(), 2u);
    const auto& restore_entry = audit.json["entries"][0];
    EXPECT_EQ(restore_entry["action"], "tenant.restore");
    EXPECT_EQ(restore_entry["actor"], admin_->UserId());
    EXPECT_EQ(restore_entry["actor_phone_masked"], "+91******0809");
    EXPECT_EQ(restore_entry["details"]["reason"], "Review cleared");
    EXPECT_EQ(restore_entry["details"]["suspended_reason"], "Chargebacks under review");
    EXPECT_TRUE(restore_entry["at"].is_string());
    EXPECT_EQ(audit.json["entries"][1]["action"], "tenant.suspend");
    EXPECT_EQ(audit.json["entries"][1]["details"]["reason"], "Chargebacks under review");
    auto by_actor = Admin("GET", "/api/admin/audit?actor=" + admin_->UserId() + "&action=tenant.suspend");
    ASSERT_EQ(by_actor.json["entries"].size(), 1u);
    EXPECT_EQ(Admin("GET", "/api/admin/audit?from=2001-01-01&to=2001-01-02").json["entries"].size(), 0u);
    EXPECT_EQ(Admin("GET", "/api/admin/audit?from=yesterday").status, 400);
}

TEST_F(AdminConsole, PlanChangesAreCheckedAndAudited) {
    const std::string path = "/api/admin/tenants/" + b_->tenant_id + "/plan";
    EXPECT_EQ(Admin("POST", path, {{"plan", "GOLD"}, {"reason", "x"}}).status, 400);
    EXPECT_EQ(Admin("POST", path, {{"plan", "PRO"}}).status, 400);
    EXPECT_EQ(Admin("POST", path, {{"plan", "PRO"}, {"months", 3}, {"reason", "x"}}).status, 400);
    EXPECT_EQ(Admin("POST", path, {{"plan", "FREE"}, {"reason", "same"}}).status, 409);
    auto pro = Admin("POST", path, {{"plan", "PRO"}, {"reason", "Festival offer"}});
    ASSERT_EQ(pro.status, 200) << pro.Describe();
    EXPECT_EQ(pro.json["tenant"]["plan"], "PRO");
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM tenants WHERE plan = 'PRO'"), 1);
    auto audit = Admin("GET", "/api/admin/audit?action=tenant.plan_change");
    ASSERT_EQ(audit.json["entries"].size(), 1u);
    EXPECT_EQ(audit.json["entries"][0]["details"]["from"], "FREE");
    EXPECT_EQ(audit.json["entries"][0]["details"]["to"], "PRO");
    EXPECT_EQ(audit.json["entries"][0]["details"]["reason"], "Festival offer");
    EXPECT_EQ(Admin("GET", "/api/admin/tenants/" + b_->tenant_id).json["tenant"]["ai"]["budget_micro_usd"], 20'000'000);
    ASSERT_EQ(Admin("POST", path, {{"plan", "FREE"}, {"reason", "Offer over"}}).status, 200);
}

TEST_F(AdminConsole, OnlyTheSuperAdminReachesTheConsole) {
    auto customer = SignIn(*server_, "9000000888");
    ASSERT_TRUE(customer);
    const std::string t = "/api/admin/tenants/" + b_->tenant_id;
    const std::vector<std::pair<std::string, std::string>> routes = {{"GET", "/api/admin/overview"},
                                                                     {"GET", "/api/admin/tenants"},
                                                                     {"GET", t},
                                                                     {"POST", t + "/suspend"},
                                                                     {"POST", t + "/restore"},
                                                                     {"POST", t + "/plan"},
                                                                     {"GET", "/api/admin/ai/usage"},
                                                                     {"GET", "/api/admin/audit"},
                                                                     {"GET", "/api/admin/events/dead"},
                                                                     {"POST", "/api/admin/events/x/replay"}};
    const nlohmann::json body = {{"reason", "not allowed"}, {"plan", "PRO"}};
    for (const auto& [method, path] : routes) {
        for (const Session* who : {&*a_->owner, &*b_->owner, &*customer}) {
            auto reply = Call(method, server_->url(path), {who->Auth(), {"Content-Type", "application/json"}},
                              method == "POST" ? body.dump() : "");
            EXPECT_EQ(reply.status, 403) << method << " " << path << " " << reply.body;
        }
        EXPECT_EQ(Call(method, server_->url(path)).status, 401) << method << " " << path;
    }
    EXPECT_EQ(QueryInt(*server_, "SELECT count(*) FROM tenants WHERE status = 'SUSPENDED' OR plan <> 'FREE'"), 0);
}

}  // namespace
}  // namespace webdpro::testing
