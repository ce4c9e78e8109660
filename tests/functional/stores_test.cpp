// The store lifecycle over the real binary: a sentence becomes a DRAFT store with progress on the
// event stream; bad requests change nothing; retry only from FAILED; publish and unpublish; a
// custom domain on the FREE plan; the plan's store limit; and a restart that finds stores left
// GENERATING (or FAILED) finishes them.
#include <sqlite3.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts_support.hpp"
#include "core/ids.hpp"
#include "stores_support.hpp"
#include "support/test_server.hpp"

namespace webdpro::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kKirana = "Sharma Kirana, fresh vegetables and groceries in Jaipur";

std::unique_ptr<TestServer> StartServer(std::optional<std::filesystem::path> data_dir = std::nullopt) {
    std::string error;
    TestServer::Options options;
    options.extra_args = RelaxedLimits();
    options.data_dir = std::move(data_dir);
    auto server = TestServer::Start(options, error);
    EXPECT_NE(server, nullptr) << error;
    return server;
}

ApiReply CreateStore(const TestServer& s, const Session& owner, const nlohmann::json& body) {
    return Call("POST", s.url("/api/stores"), {owner.Auth()}, body.dump());
}

struct SseEvent {
    std::string type;
    nlohmann::json data;
};

std::vector<SseEvent> ParseEvents(const std::string& body) {
    std::vector<SseEvent> events;
    std::istringstream in(body);
    std::string line;
    SseEvent current;
    std::string data;
    while (std::getline(in, line)) {
        if (line.starts_with("event: ")) {
            current.type = line.substr(7);
        } else if (line.starts_with("data: ")) {
            data += line.substr(6);
        } else if (line.empty() && !current.type.empty()) {
            current.data = nlohmann::json::parse(data, nullptr, false);
            events.push_back(current);
            current = {};
            data.clear();
        }
    }
    return events;
}

std::vector<std::string> Types(const std::vector<SseEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        out.push_back(e.type);
    }
    return out;
}

class StoresApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() { server_ = StartServer().release(); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    void SetUp() override { ASSERT_NE(server_, nullptr); }

    static TestServer* server_;
};
TestServer* StoresApi::server_ = nullptr;

}  // namespace

TEST_F(StoresApi, ASentenceBecomesADraftStoreWithProgressEventsInOrder) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000001", "Sharma Kirana");
    ASSERT_TRUE(owner);
    auto created = CreateStore(s, *owner, {{"description", kKirana}});
    ASSERT_EQ(created.status, 202) << created.body;
    EXPECT_EQ(created.json["status"], "GENERATING");
    const std::string id = created.json["store_id"];
    EXPECT_TRUE(id.starts_with("sto_"));
    EXPECT_EQ(created.json["events_url"], "/api/stores/" + id + "/events");
    EXPECT_EQ(created.json["language"], "en");

    auto stream = Call("GET", s.url(created.json["events_url"].get<std::string>()), {owner->Auth()});
    ASSERT_EQ(stream.status, 200) << stream.body;
    EXPECT_NE(stream.Header("content-type").find("text/event-stream"), std::string::npos);
    const auto events = ParseEvents(stream.body);
    EXPECT_EQ(Types(events), (std::vector<std::string>{"spec", "code", "images", "assembly", "done"})) << stream.body;
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0].data["served_by"], "rules");
    EXPECT_TRUE(events[0].data["levels"].is_array());
    EXPECT_GT(events[1].data["pages"].get<int>(), 0);
    EXPECT_GT(events[2].data["images"].get<int>(), 0);
    EXPECT_EQ(events[4].data["store"]["status"], "DRAFT");
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].data["seq"], i + 1);
    }
    // Resuming after the third event replays only the rest.
    auto resumed = Call("GET", s.url("/api/stores/" + id + "/events"), {owner->Auth(), {"Last-Event-ID", "3"}});
    EXPECT_EQ(Types(ParseEvents(resumed.body)), (std::vector<std::string>{"assembly", "done"})) << resumed.body;

    auto store = Call("GET", s.url("/api/stores/" + id), {owner->Auth()});
    ASSERT_EQ(store.status, 200);
    EXPECT_EQ(store.json["status"], "DRAFT");
    EXPECT_EQ(store.json["slug"], "sharma-kirana") << store.body;
    EXPECT_EQ(store.json["sector"], "grocery");
    EXPECT_EQ(store.json["generation_level"], "rules");
    EXPECT_EQ(store.json["site_version"], 1);
    EXPECT_EQ(store.json["urls"]["preview"], "/api/stores/" + id + "/preview/");
    EXPECT_FALSE(store.json["urls"].contains("public"));
    EXPECT_TRUE(store.json["tagline"].is_string());
    EXPECT_GT(SqlCount(s.data_dir(), "SELECT count(*) FROM products WHERE store_id = '" + id + "'"), 0);
    EXPECT_EQ(SqlCount(s.data_dir(),
                       "SELECT count(*) FROM outbox WHERE type = 'STORE_GENERATED' AND payload LIKE '%\"store_id\":\"" +
                           id + "\"%'"),
              1);

    auto list = Call("GET", s.url("/api/stores"), {owner->Auth()});
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json["stores"].size(), 1u);
    EXPECT_EQ(list.json["stores"][0]["store_id"], id);
}

TEST_F(StoresApi, HindiDescriptionsGetAHindiStoreWithATransliteratedSlug) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000002", "Gupta");
    ASSERT_TRUE(owner);
    auto created = CreateStore(s, *owner, {{"description", "गुप्ता मिठाई भंडार, जयपुर में ताज़ी मिठाइयाँ और नमकीन"}});
    ASSERT_EQ(created.status, 202) << created.body;
    EXPECT_EQ(created.json["language"], "hi");
    auto store = WaitSettled(s, *owner, created.json["store_id"]);
    EXPECT_EQ(store["status"], "DRAFT");
    const std::string slug = store["slug"];
    EXPECT_FALSE(slug.starts_with("new-")) << slug;
    EXPECT_EQ(slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"), std::string::npos) << slug;
}

TEST_F(StoresApi, BadRequestsAreRejectedAndCreateNothing) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000003", "Bad Requests");
    ASSERT_TRUE(owner);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{}", "description"},
        {R"({"description": 42})", "description"},
        {R"({"description": "   "})", "description"},
        {R"({"description": "ab"})", "description"},
        {nlohmann::json{{"description", std::string(501, 'x')}}.dump(), "description"},
        {R"({"description": "Sharma Kirana in Jaipur", "language": "fr"})", "language"},
        {R"({"description": "Sharma Kirana in Jaipur", "language": 1})", "language"},
        {R"({"description": "Sharma Kirana in Jaipur", "colour": "red"})", "colour"},
    };
    for (const auto& [body, field] : cases) {
        auto r = Call("POST", s.url("/api/stores"), {owner->Auth()}, body);
        EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
        EXPECT_EQ(r.ErrorCode(), "invalid_argument") << r.body;
        ASSERT_TRUE(r.json["error"]["fields"].is_array()) << r.body;
        EXPECT_EQ(r.json["error"]["fields"][0]["field"], field) << r.body;
    }
    auto not_json = Call("POST", s.url("/api/stores"), {owner->Auth()}, "description=shop");
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(Call("POST", s.url("/api/stores"), {}, R"({"description": "Sharma Kirana"})").status, 401);
    auto list = Call("GET", s.url("/api/stores"), {owner->Auth()});
    EXPECT_TRUE(list.json["stores"].empty()) << list.body;
    EXPECT_EQ(Call("GET", s.url("/api/stores/sto_nonsense"), {owner->Auth()}).status, 404);
}

TEST_F(StoresApi, PublishUnpublishEditAndDomainsFollowTheRules) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000004", "Publisher");
    ASSERT_TRUE(owner);
    auto created = CreateStore(s, *owner, {{"description", "Gupta Bakery, fresh cakes and breads in Pune"}});
    ASSERT_EQ(created.status, 202);
    const std::string id = created.json["store_id"];
    auto draft = WaitSettled(s, *owner, id);
    ASSERT_EQ(draft["status"], "DRAFT");
    const std::string base = "/api/stores/" + id;

    auto retry = Call("POST", s.url(base + "/retry"), {owner->Auth()}, "{}");
    EXPECT_EQ(retry.status, 409) << retry.body;

    auto bad_edit = Call("PATCH", s.url(base), {owner->Auth()},
                         R"({"theme": {"name": "neon", "primary": "red"}, "contact": {"phone": "123"},
                             "latitude": 200, "tagline": 5})");
    EXPECT_EQ(bad_edit.status, 400) << bad_edit.body;
    EXPECT_EQ(Call("GET", s.url(base), {owner->Auth()}).json["site_version"], draft["site_version"]);
    auto type_errors = bad_edit.json["error"]["fields"];
    ASSERT_TRUE(type_errors.is_array());
    EXPECT_EQ(type_errors[0]["field"], "tagline") << "wrong JSON types are named first, before any value checks";

    auto bad_values = Call("PATCH", s.url(base), {owner->Auth()},
                           R"({"theme": {"name": "neon", "primary": "red"}, "contact": {"phone": "123"},
                               "latitude": 200})");
    EXPECT_EQ(bad_values.status, 400) << bad_values.body;
    EXPECT_EQ(bad_values.json["error"]["fields"].size(), 4u) << bad_values.body;

    auto edit = Call("PATCH", s.url(base), {owner->Auth()},
                     R"({"tagline": "Fresh every morning", "theme": {"name": "classic", "primary": "#AA3300"},
                         "contact": {"phone": "98765 43210", "hours": "7 am - 9 pm"}, "latitude": 18.52,
                         "longitude": 73.85})");
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_EQ(edit.json["tagline"], "Fresh every morning");
    EXPECT_EQ(edit.json["theme"]["name"], "classic");
    EXPECT_EQ(edit.json["theme"]["primary"], "#aa3300");
    EXPECT_EQ(edit.json["contact"]["phone"], "+919876543210");
    EXPECT_EQ(edit.json["latitude"], 18.52);
    EXPECT_EQ(edit.json["site_version"], draft["site_version"].get<int>() + 1);

    auto published = Call("POST", s.url(base + "/publish"), {owner->Auth()}, "{}");
    ASSERT_EQ(published.status, 200) << published.body;
    EXPECT_EQ(published.json["status"], "PUBLISHED");
    EXPECT_TRUE(published.json["published_at"].is_string());
    EXPECT_EQ(published.json["urls"]["public"], "/s/" + published.json["slug"].get<std::string>() + "/");

    auto domain = Call("PUT", s.url(base + "/domain"), {owner->Auth()}, R"({"domain": "shop.example.com"})");
    EXPECT_EQ(domain.status, 402) << domain.body;
    EXPECT_EQ(domain.json["error"]["message"], "A custom domain needs a paid plan");
    auto bad_domain = Call("PUT", s.url(base + "/domain"), {owner->Auth()}, R"({"domain": "http://x"})");
    EXPECT_EQ(bad_domain.status, 400) << bad_domain.body;
    EXPECT_EQ(Call("DELETE", s.url(base + "/domain"), {owner->Auth()}).status, 200);

    auto unpublished = Call("POST", s.url(base + "/unpublish"), {owner->Auth()}, "{}");
    ASSERT_EQ(unpublished.status, 200) << unpublished.body;
    EXPECT_EQ(unpublished.json["status"], "DRAFT");
    EXPECT_TRUE(unpublished.json["published_at"].is_null());
    EXPECT_GT(unpublished.json["site_version"].get<int>(), published.json["site_version"].get<int>());

    auto regenerate = Call("POST", s.url(base + "/regenerate"), {owner->Auth()}, "{}");
    ASSERT_EQ(regenerate.status, 202) << regenerate.body;
    auto regen_events = Call("GET", s.url(base + "/events"), {owner->Auth()});
    EXPECT_EQ(Types(ParseEvents(regen_events.body)),
              (std::vector<std::string>{"spec", "code", "images", "assembly", "done"}))
        << regen_events.body;
    auto after = Call("GET", s.url(base), {owner->Auth()});
    EXPECT_EQ(after.json["theme"]["primary"], "#aa3300") << "regenerating the copy keeps the colours";
    EXPECT_EQ(after.json["contact"]["phone"], "+919876543210");
}

TEST_F(StoresApi, SharingTheLinkIsRememberedForTheSetupChecklist) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000006", "Sharer");
    auto other = SignUpOwner(s, "9100000007", "Someone Else");
    ASSERT_TRUE(owner && other);
    const auto store = GenerateStore(s, *owner, "Verma Sweets, fresh mithai in Lucknow");
    ASSERT_EQ(store.view["status"], "DRAFT");
    EXPECT_EQ(store.view.value("link_shared", true), false);
    const std::string base = "/api/stores/" + store.id;

    // A draft has no link customers can open yet.
    auto early = Call("POST", s.url(base + "/link-shared"), {owner->Auth()}, "{}");
    EXPECT_EQ(early.status, 409) << early.body;
    ASSERT_EQ(Call("POST", s.url(base + "/publish"), {owner->Auth()}, "{}").status, 200);
    EXPECT_EQ(Call("GET", s.url(base), {owner->Auth()}).json["link_shared"], false);

    // Another tenant cannot mark it.
    EXPECT_EQ(Call("POST", s.url(base + "/link-shared"), {other->Auth()}, "{}").status, 404);
    EXPECT_EQ(Call("POST", s.url(base + "/link-shared"), {}, "{}").status, 401);

    auto shared = Call("POST", s.url(base + "/link-shared"), {owner->Auth()}, "{}");
    ASSERT_EQ(shared.status, 200) << shared.body;
    EXPECT_EQ(shared.json["link_shared"], true);
    // Saying it twice is harmless; it stays done, also after the store goes offline and back.
    EXPECT_EQ(Call("POST", s.url(base + "/link-shared"), {owner->Auth()}, "{}").status, 200);
    ASSERT_EQ(Call("POST", s.url(base + "/unpublish"), {owner->Auth()}, "{}").status, 200);
    auto list = Call("GET", s.url("/api/stores"), {owner->Auth()});
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json["stores"].size(), 1u);
    EXPECT_EQ(list.json["stores"][0]["link_shared"], true);
}

TEST_F(StoresApi, NewCopyRewritesOnlyThePartsTheOwnerChose) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000008", "Copywriter");
    ASSERT_TRUE(owner);
    const auto store = GenerateStore(s, *owner, "Mehta Dairy, fresh milk and paneer in Indore");
    ASSERT_EQ(store.view["status"], "DRAFT");
    const std::string base = "/api/stores/" + store.id;
    auto edit = Call("PATCH", s.url(base), {owner->Auth()}, R"({"tagline": "Milk at your door by 7"})");
    ASSERT_EQ(edit.status, 200) << edit.body;

    for (const char* bad : {R"({"replace": ["products"]})", R"({"replace": []})", R"({"replace": "about"})"}) {
        auto refused = Call("POST", s.url(base + "/regenerate"), {owner->Auth()}, bad);
        EXPECT_EQ(refused.status, 400) << bad << " " << refused.body;
        EXPECT_EQ(ErrorFields(refused), std::set<std::string>{"replace"}) << refused.body;
    }

    auto regenerate =
        Call("POST", s.url(base + "/regenerate"), {owner->Auth()}, R"({"replace": ["about", "features"]})");
    ASSERT_EQ(regenerate.status, 202) << regenerate.body;
    Call("GET", s.url(base + "/events"), {owner->Auth()});  // answers once the job is done
    auto after = Call("GET", s.url(base), {owner->Auth()});
    EXPECT_EQ(after.json["tagline"], "Milk at your door by 7") << "the tagline was not chosen for rewriting";

    // Without a choice every part of the copy is rewritten, as before.
    ASSERT_EQ(Call("POST", s.url(base + "/regenerate"), {owner->Auth()}, "{}").status, 202);
    Call("GET", s.url(base + "/events"), {owner->Auth()});
    EXPECT_NE(Call("GET", s.url(base), {owner->Auth()}).json["tagline"], "Milk at your door by 7");
}

TEST_F(StoresApi, TheFreePlanHoldsThreeStores) {
    TestServer& s = *server_;
    auto owner = SignUpOwner(s, "9100000005", "Many Shops");
    ASSERT_TRUE(owner);
    for (int i = 0; i < 3; ++i) {
        auto created = CreateStore(s, *owner, {{"description", "Shop number " + std::to_string(i) + " in Delhi"}});
        ASSERT_EQ(created.status, 202) << created.body;
        WaitSettled(s, *owner, created.json["store_id"]);
    }
    auto fourth = CreateStore(s, *owner, {{"description", "One shop too many in Delhi"}});
    EXPECT_EQ(fourth.status, 409) << fourth.body;
    EXPECT_NE(fourth.json["error"]["message"].get<std::string>().find("3 stores"), std::string::npos) << fourth.body;
    EXPECT_EQ(Call("GET", s.url("/api/stores"), {owner->Auth()}).json["stores"].size(), 3u);
}

TEST(StoresRestart, StoresLeftGeneratingOrFailedFinishAfterARestart) {
    auto first = StartServer();
    ASSERT_NE(first, nullptr);
    first->KeepDataDir();
    const std::filesystem::path data_dir = first->data_dir();
    auto owner = SignUpOwner(*first, "9100000006", "Restart Kirana");
    ASSERT_TRUE(owner);
    const std::string tenant = owner->account["tenant"]["id"];
    auto created = CreateStore(*first, *owner, {{"description", kKirana}});
    ASSERT_EQ(created.status, 202);
    ASSERT_EQ(WaitSettled(*first, *owner, created.json["store_id"])["status"], "DRAFT");
    first->Signal(SIGKILL);
    ASSERT_TRUE(first->WaitExit(std::chrono::seconds(10)));
    first.reset();

    // While it is down: one store interrupted mid-generation, one that failed with no spec.
    const std::string orphan_id = StoreId::New().str();
    const std::string failed_id2 = StoreId::New().str();
    Sql(data_dir,
        "INSERT INTO stores (tenant_id, store_id, slug, status, description, language, created_at, "
        "updated_at) VALUES ('" +
            tenant + "', '" + orphan_id +
            "', 'new-orphan', 'GENERATING', 'Patel Medical Store, medicines in Surat', 'en', 1, 1)");
    Sql(data_dir,
        "INSERT INTO stores (tenant_id, store_id, slug, status, description, language, generation_error, "
        "created_at, updated_at) VALUES ('" +
            tenant + "', '" + failed_id2 +
            "', 'new-failed', "
            "'FAILED', 'Verma Tailors, stitching in Lucknow', 'en', 'We could not build the store.', 2, 2)");

    auto second = StartServer(data_dir);
    ASSERT_NE(second, nullptr);
    auto recovered = WaitSettled(*second, *owner, orphan_id);
    EXPECT_EQ(recovered["status"], "DRAFT") << recovered.dump();
    EXPECT_EQ(recovered["sector"], "pharmacy") << recovered.dump();
    EXPECT_EQ(SqlCount(data_dir, "SELECT count(*) FROM stores WHERE status = 'GENERATING'"), 0);
    // The hub never saw the orphan's run before the restart: the stream still ends with its state.
    auto stream = Call("GET", second->url("/api/stores/" + orphan_id + "/events"), {owner->Auth()});
    auto events = ParseEvents(stream.body);
    ASSERT_FALSE(events.empty()) << stream.body;
    EXPECT_EQ(events.back().type, "done");

    const std::string& failed = failed_id2;
    auto failed_stream = Call("GET", second->url("/api/stores/" + failed + "/events"), {owner->Auth()});
    EXPECT_EQ(Types(ParseEvents(failed_stream.body)), (std::vector<std::string>{"failed"})) << failed_stream.body;
    auto retried = Call("POST", second->url("/api/stores/" + failed + "/retry"), {owner->Auth()}, "{}");
    ASSERT_EQ(retried.status, 202) << retried.body;
    EXPECT_EQ(retried.json["status"], "GENERATING");
    EXPECT_EQ(WaitSettled(*second, *owner, failed)["status"], "DRAFT");
    EXPECT_EQ(WaitSettled(*second, *owner, failed)["sector"], "tailoring");
    second.reset();
    std::filesystem::remove_all(data_dir);
}

}  // namespace webdpro::testing
