// THE CROSS-TENANT WALK. Tenant isolation, tested from outside and for every route at once: the
// server's own route table (`webdpro routes --permissions`) is walked, and every route with a path
// parameter is called as tenant A's principal with tenant B's ids. Every answer must be 404 with
// the error envelope — never 403, never data. A route added later is walked automatically; if
// it has a path parameter this file does not know how to fill, the test fails and says so: teach
// `Fillers` below how to create such an id in tenant B.
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "orders_support.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

struct RouteRow {
    std::string method;
    std::string pattern;
    std::string permission;  // "-" = public
    std::string scope;       // public | any | tenant | platform
    std::set<std::string> roles;
};

std::vector<RouteRow> RouteTable() {
    std::string output;
    EXPECT_EQ(RunWebdpro({"routes", "--permissions"}, output), 0) << output;
    std::vector<RouteRow> rows;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        RouteRow row;
        std::string roles;
        if (!(fields >> row.method >> row.pattern >> row.permission >> row.scope >> roles) || row.pattern.empty() ||
            row.pattern[0] != '/') {
            continue;  // not a route line (e.g. a log line)
        }
        std::stringstream split(roles);
        for (std::string role; std::getline(split, role, ',');) {
            if (role != "-") {
                row.roles.insert(role);
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> ParamNames(const std::string& pattern) {
    std::vector<std::string> names;
    static const std::regex kParam(R"(\{([a-z_]+)(\.\.\.)?\})");
    for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), kParam); it != std::sregex_iterator(); ++it) {
        names.push_back((*it)[1]);
    }
    return names;
}

class CrossTenantWalk : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string error;
        TestServer::Options options;
        options.extra_args = RelaxedLimits();
        server_ = TestServer::Start(options, error).release();
        ASSERT_NE(server_, nullptr) << error;
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    static TestServer* server_;
};
TestServer* CrossTenantWalk::server_ = nullptr;

}  // namespace

TEST_F(CrossTenantWalk, EveryRouteWithAnIdAnswers404ForAnotherTenantsIds) {
    TestServer& server = *server_;
    const auto routes = RouteTable();
    ASSERT_FALSE(routes.empty());

    // Tenant A: an owner and an agent. Tenant B: an owner and the things whose ids we steal.
    auto owner_a = SignUpOwner(server, "9000000001", "Tenant A Kirana");
    auto owner_b = SignUpOwner(server, "9000000002", "Tenant B Bakery");
    ASSERT_TRUE(owner_a && owner_b);
    ASSERT_EQ(Call("POST", server.url("/api/agents"), {owner_a->Auth()},
                   nlohmann::json{{"phone", "9000000011"}, {"name", "A Rider"}}.dump())
                  .status,
              201);
    auto agent_a = SignIn(server, "9000000011");
    ASSERT_TRUE(agent_a);
    ASSERT_EQ(agent_a->account["role"], "DELIVERY_AGENT");
    auto invited_b = Call("POST", server.url("/api/agents"), {owner_b->Auth()},
                          nlohmann::json{{"phone", "9000000022"}, {"name", "B Rider"}}.dump());
    ASSERT_EQ(invited_b.status, 201) << invited_b.body;

    const std::map<std::string, const Session*> tenant_a_by_role = {{"BUSINESS_OWNER", &*owner_a},
                                                                    {"DELIVERY_AGENT", &*agent_a}};
    const std::set<std::string> table_keys = [&] {
        std::set<std::string> keys;
        for (const auto& r : routes) {
            keys.insert(r.method + " " + r.pattern);
        }
        return keys;
    }();

    std::map<std::string, std::string> filled;
    // How to get an id of each kind that belongs to tenant B. Teach this map about new parameters.
    std::map<std::string, std::function<std::string()>> fillers = {
        {"user_id", [&] { return invited_b.json["agent"]["user_id"].get<std::string>(); }},
        {"agent_id", [&] { return invited_b.json["agent"]["user_id"].get<std::string>(); }},
        {"tenant_id", [&] { return owner_b->account["tenant"]["id"].get<std::string>(); }},
        {"store_id",
         [&]() -> std::string {
             if (!table_keys.contains("POST /api/stores")) {
                 return "";
             }
             // Wait until it is generated (DRAFT), so every route meets a complete store of B's.
             const auto store = GenerateStore(server, *owner_b, "Tenant B Bakery, cakes and breads in Pune");
             EXPECT_EQ(store.view["status"], "DRAFT") << "tenant B's store " << store.id << ": " << store.view.dump();
             return store.id;
         }},
        // One of the products generated with tenant B's store, as tenant B lists them.
        {"product_id",
         [&]() -> std::string {
             // {store_id} comes first in every such route, so it is filled already.
             const std::string store = filled.contains("store_id") ? filled["store_id"] : "";
             if (store.empty()) {
                 return "";
             }
             auto list = Call("GET", server.url("/api/stores/" + store + "/products?limit=1"), {owner_b->Auth()});
             if (list.status != 200 || !list.json.is_object() || list.json["products"].empty()) {
                 return "";
             }
             return list.json["products"][0]["product_id"].get<std::string>();
         }},
        // An order placed in tenant B over HTTP, on a published store of B's seeded into the database.
        {"order_id",
         [&]() -> std::string {
             const auto shop = SeedPublishedStore(server, owner_b->account["tenant"]["id"].get<std::string>(),
                                                  "tenant-b-orders", 1, 10);
             if (shop.product_ids.empty()) {
                 return "";
             }
             auto placed =
                 PlaceOrder(server, shop.slug,
                            CheckoutBody({{shop.product_ids[0], 1}},
                                         {.name = "B Buyer", .phone = "9876500000", .address = "1 Main Road"}),
                            "cross-tenant");
             return placed.status == 201 ? placed.json["order_id"].get<std::string>() : "";
         }},
        // A UPI payment waiting for tenant B's check: B takes UPI on a seeded store, a customer
        // orders, pays and sends the UTR.
        {"payment_id",
         [&]() -> std::string {
             const auto shop =
                 SeedPublishedStore(server, owner_b->account["tenant"]["id"].get<std::string>(), "tenant-b-upi", 1, 10);
             if (shop.product_ids.empty()) {
                 return "";
             }
             const std::vector<std::pair<std::string, std::string>> as_b = {owner_b->Auth(),
                                                                            {"Content-Type", "application/json"}};
             Call("PUT", server.url("/api/tenant/payment-settings"), as_b,
                  nlohmann::json{{"upi_vpa", "tenant.b@okaxis"}, {"upi_payee_name", "Tenant B Bakery"}}.dump());
             Call("PUT", server.url("/api/stores/" + shop.store_id + "/checkout-settings"), as_b,
                  nlohmann::json{{"methods", {{"upi", true}}}}.dump());
             auto placed =
                 PlaceOrder(server, shop.slug,
                            CheckoutBody({{shop.product_ids[0], 1}},
                                         {.name = "B Buyer", .phone = "9876500001", .address = "2 Main Road"}, "UPI"),
                            "cross-tenant-upi");
             if (placed.status != 201) {
                 return "";
             }
             const std::string order = placed.json["order_id"];
             const std::string tracking = placed.json["tracking_url"];
             const std::string token = tracking.substr(tracking.find("&t=") + 3);
             Call("POST", server.url("/s/" + shop.slug + "/api/orders/" + order + "/upi?t=" + token),
                  {{"Content-Type", "application/json"}}, nlohmann::json{{"utr", "412345678901"}}.dump());
             auto waiting = Call("GET", server.url("/api/payments/upi/waiting"), {owner_b->Auth()});
             if (waiting.status != 200 || waiting.json["payments"].empty()) {
                 return "";
             }
             return waiting.json["payments"][0]["payment_id"].get<std::string>();
         }},
        // A refund of tenant B's: B confirms the UPI payment above, then cancels its order, which
        // leaves B owing the customer the money.
        {"refund_id",
         [&]() -> std::string {
             if (!filled.contains("payment_id")) {
                 filled["payment_id"] = fillers["payment_id"]();
             }
             const std::string payment = filled["payment_id"];
             if (payment.empty()) {
                 return "";
             }
             const std::vector<std::pair<std::string, std::string>> as_b = {owner_b->Auth(),
                                                                            {"Content-Type", "application/json"}};
             auto waiting = Call("GET", server.url("/api/payments/upi/waiting"), {owner_b->Auth()});
             std::string order;
             for (const auto& p : waiting.json.value("payments", nlohmann::json::array())) {
                 if (p.value("payment_id", "") == payment) {
                     order = p.value("order_id", "");
                 }
             }
             if (order.empty() ||
                 Call("POST", server.url("/api/payments/" + payment + "/confirm"), as_b, "{}").status != 200 ||
                 Call("POST", server.url("/api/orders/" + order + "/status"), as_b,
                      nlohmann::json{{"status", "CANCELLED"}}.dump())
                         .status != 200) {
                 return "";
             }
             const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
             while (std::chrono::steady_clock::now() < deadline) {
                 auto refunds = Call("GET", server.url("/api/orders/" + order + "/refunds"), {owner_b->Auth()});
                 if (refunds.status == 200 && !refunds.json["refunds"].empty()) {
                     return refunds.json["refunds"][0]["refund_id"].get<std::string>();
                 }
                 std::this_thread::sleep_for(std::chrono::milliseconds(50));
             }
             return "";
         }},
        // A delivery of tenant B's: B's order given to B's rider.
        {"delivery_id",
         [&]() -> std::string {
             if (!filled.contains("order_id")) {
                 filled["order_id"] = fillers["order_id"]();
             }
             if (filled["order_id"].empty()) {
                 return "";
             }
             auto assigned = Call("POST", server.url("/api/orders/" + filled["order_id"] + "/assign"),
                                  {owner_b->Auth(), {"Content-Type", "application/json"}},
                                  nlohmann::json{{"agent_user_id", invited_b.json["agent"]["user_id"]}}.dump());
             return assigned.status == 200 ? assigned.json["delivery_id"].get<std::string>() : "";
         }},
        // A file inside a store's site (storefront routes' tail): any name will do.
        {"path", [] { return std::string("index.html"); }},
        // A photo file ("pho_….webp") of tenant B's product, uploaded by tenant B (a 2 x 2 PNG).
        {"file",
         [&]() -> std::string {
             const std::string store = filled.contains("store_id") ? filled["store_id"] : "";
             if (store.empty()) {
                 return "";
             }
             if (!filled.contains("product_id")) {
                 filled["product_id"] = fillers["product_id"]();
             }
             const std::string png(
                 "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08"
                 "\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x13\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\xc0\x00\xc2"
                 "\x40\xe2\xff\xff\xff\x00\x22\xec\x05\xfb\x66\x0a\x11\x7e\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
                 "\x82",
                 76);
             auto put = Call("PUT", server.url("/api/stores/" + store + "/products/" + filled["product_id"] + "/photo"),
                             {owner_b->Auth(), {"Content-Type", "image/png"}}, png);
             if (put.status != 200 || !put.json.contains("image")) {
                 return "";
             }
             const std::string image = put.json["image"];
             return image.substr(image.rfind('/') + 1);
         }},
        // Tenant B's store is not published (generated stores start as DRAFT): its slug must
        // answer exactly like an unknown one. (A published store is public by design.)
        {"slug",
         [&]() -> std::string {
             const std::string id = filled.contains("store_id") ? filled["store_id"] : "";
             if (id.empty()) {
                 return "";
             }
             auto store = Call("GET", server.url("/api/stores/" + id), {owner_b->Auth()});
             if (!store.json.is_object() || !store.json.contains("slug") || store.json["status"] == "PUBLISHED") {
                 return "";
             }
             return store.json["slug"].get<std::string>();
         }},
    };
    auto fill = [&](const std::string& name) -> std::string {
        if (auto it = filled.find(name); it != filled.end()) {
            return it->second;
        }
        auto filler = fillers.find(name);
        const std::string value = filler == fillers.end() ? "" : filler->second();
        filled[name] = value;
        return value;
    };

    // The route's path with every parameter filled with tenant B's ids; `missing` names the first
    // parameter no filler could make (the path is then unusable).
    struct FilledPath {
        std::string path;
        std::string missing;
    };
    auto fill_path = [&](const std::string& pattern) {
        FilledPath out{pattern, ""};
        for (const auto& name : ParamNames(pattern)) {
            const std::string value = fill(name);
            if (value.empty()) {
                out.missing = name;
                return out;
            }
            out.path = std::regex_replace(out.path, std::regex("\\{" + name + "(\\.\\.\\.)?\\}"), value);
        }
        return out;
    };
    int walked = 0;
    // Calls the route as `caller` on `path`: it must answer 404 with the error envelope.
    auto expect_not_found = [&](const RouteRow& route, const Session& caller, const std::string& path,
                                const std::string& why) {
        const std::string key = route.method + " " + route.pattern;
        const std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";
        auto reply = Call(route.method, server.url(path), {caller.Auth()}, body);
        ++walked;
        EXPECT_EQ(reply.status, 404) << key << " " << why << " (" << path << "): " << reply.Describe();
        EXPECT_EQ(reply.ErrorCode(), "not_found") << key << ": " << reply.body;
        EXPECT_TRUE(reply.json.is_object() && reply.json["request_id"].is_string()) << key << ": " << reply.body;
    };

    std::vector<std::string> skipped;
    std::vector<RouteRow> public_by_slug;
    for (const auto& route : routes) {
        const auto params = ParamNames(route.pattern);
        if (params.empty()) {
            continue;
        }
        const std::string key = route.method + " " + route.pattern;
        if (route.scope == "public") {
            if (std::ranges::find(params, "slug") != params.end()) {
                public_by_slug.push_back(route);  // walked below, once tenant B has a store
            } else {
                skipped.push_back(key + " (public)");
            }
            continue;
        }
        if (route.scope == "platform") {
            skipped.push_back(key + " (platform-wide, super admin only)");
            continue;
        }
        // The caller: a principal of tenant A whose role holds the route's permission.
        const Session* caller = nullptr;
        for (const auto& [role, session] : tenant_a_by_role) {
            if (route.roles.contains(role)) {
                caller = session;
                break;
            }
        }
        if (caller == nullptr) {
            ADD_FAILURE() << key << " (permission " << route.permission << ", roles held by none of tenant A's "
                          << "owner or agent): the cross-tenant walk cannot call it. Teach "
                             "tests/functional/cross_tenant_test.cpp a principal that can.";
            continue;
        }
        const auto filled_path = fill_path(route.pattern);
        if (!filled_path.missing.empty()) {
            ADD_FAILURE() << key << " has the path parameter {" << filled_path.missing
                          << "} and the cross-tenant walk does not know how to make one in tenant B. Teach "
                             "`fillers` in tests/functional/cross_tenant_test.cpp.";
            continue;
        }
        expect_not_found(route, *caller, filled_path.path, "as tenant A with tenant B's ids");
    }

    // Public storefront routes by slug: tenant B's unpublished store is not there for anyone.
    fill("store_id");
    for (const auto& route : public_by_slug) {
        const std::string key = route.method + " " + route.pattern;
        const auto filled_path = fill_path(route.pattern);
        if (!filled_path.missing.empty()) {
            ADD_FAILURE() << key << ": no unpublished store of tenant B to fill {" << filled_path.missing
                          << "} (POST /api/stores and GET /api/stores/{store_id} make one)";
            continue;
        }
        expect_not_found(route, *owner_a, filled_path.path, "with tenant B's unpublished slug");
    }

    // The ids were real: tenant B itself can act on them.
    auto own = Call("GET", server.url("/api/agents"), {owner_b->Auth()});
    ASSERT_EQ(own.status, 200);
    ASSERT_EQ(own.json["agents"].size(), 1u) << "tenant A's calls must not have touched tenant B's agent";
    EXPECT_EQ(Call("DELETE", server.url("/api/agents/" + fill("user_id")), {owner_b->Auth()}).status, 204);

    std::cout << "[ cross-tenant walk ] " << walked << " route(s) with path parameters walked as tenant A with "
              << "tenant B's ids, all 404 unless reported above; " << skipped.size() << " skipped:";
    for (const auto& s : skipped) {
        std::cout << " " << s << ";";
    }
    std::cout << std::endl;
    RecordProperty("routes_walked", walked);
    EXPECT_GE(walked, 1);
}

TEST_F(CrossTenantWalk, TenantScopedListsShowOnlyTheCallersTenant) {
    TestServer& server = *server_;
    auto owner_c = SignUpOwner(server, "9000000003", "Tenant C");
    auto owner_d = SignUpOwner(server, "9000000004", "Tenant D");
    ASSERT_TRUE(owner_c && owner_d);
    ASSERT_EQ(Call("POST", server.url("/api/agents"), {owner_d->Auth()},
                   nlohmann::json{{"phone", "9000000044"}, {"name", "D Rider"}}.dump())
                  .status,
              201);
    auto list = Call("GET", server.url("/api/agents"), {owner_c->Auth()});
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(list.json["agents"].empty()) << list.body;
    // The tenant comes from the session only: a tenant id in the body or query changes nothing.
    auto smuggled =
        Call("GET", server.url("/api/agents?tenant_id=" + owner_d->account["tenant"]["id"].get<std::string>()),
             {owner_c->Auth()});
    EXPECT_TRUE(smuggled.json["agents"].empty()) << smuggled.body;
    auto invited = Call(
        "POST", server.url("/api/agents"), {owner_c->Auth()},
        nlohmann::json{{"phone", "9000000045"}, {"name", "C Rider"}, {"tenant_id", owner_d->account["tenant"]["id"]}}
            .dump());
    ASSERT_EQ(invited.status, 201);
    auto d_agents = Call("GET", server.url("/api/agents"), {owner_d->Auth()});
    EXPECT_EQ(d_agents.json["agents"].size(), 1u) << d_agents.body;
}

TEST_F(CrossTenantWalk, SalesShowOnlyTheCallersTenant) {
    TestServer& server = *server_;
    auto owner_e = SignUpOwner(server, "9000000005", "Tenant E");
    auto owner_f = SignUpOwner(server, "9000000006", "Tenant F");
    ASSERT_TRUE(owner_e && owner_f);
    const auto store_f =
        SeedPublishedStore(server, owner_f->account["tenant"]["id"].get<std::string>(), "tenant-f-sales", 1, 10);
    ASSERT_EQ(store_f.product_ids.size(), 1u);
    auto placed = PlaceOrder(server, store_f.slug,
                             CheckoutBody({{store_f.product_ids[0], 1}},
                                          {.name = "F Buyer", .phone = "9876500006", .address = "1 Main Road"}),
                             "f-sale");
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    // Tenant F sees its sale once the dispatcher has counted it; tenant E never does.
    nlohmann::json f_today;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        f_today = Call("GET", server.url("/api/tenant/sales"), {owner_f->Auth()}).json["today"];
        if (f_today["orders"] == 1) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(f_today["orders"], 1) << f_today.dump();
    auto e_sales =
        Call("GET", server.url("/api/tenant/sales?tenant_id=" + owner_f->account["tenant"]["id"].get<std::string>()),
             {owner_e->Auth()});
    ASSERT_EQ(e_sales.status, 200) << e_sales.Describe();
    EXPECT_EQ(e_sales.json["today"]["orders"], 0) << e_sales.body;
    EXPECT_EQ(e_sales.json["open_orders"]["CONFIRMED"], 0) << e_sales.body;
    EXPECT_TRUE(e_sales.json["stores"].empty()) << e_sales.body;
    EXPECT_EQ(e_sales.body.find(store_f.store_id), std::string::npos);
}

}  // namespace webdpro::testing
