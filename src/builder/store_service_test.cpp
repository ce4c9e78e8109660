#include "builder/store_service.hpp"

#include <thread>

#include <gtest/gtest.h>

#include "ai/site_spec_chain.hpp"
#include "auth/test_util.hpp"
#include "core/log.hpp"
#include "core/work_pool.hpp"
#include "storage/test_util.hpp"
#include "storefront/render_summary.hpp"
#include "stores/slug.hpp"
#include "stores/store_rules.hpp"

namespace webdpro::builder {
namespace {

using auth::testing::Await;
using auth::testing::Count;
using storage::testing::Eventually;
using storage::testing::Gate;
using stores::BaseSlug;
using stores::IsWellFormedSlug;
using stores::PlanAllowsCustomDomain;
using stores::StoreLimitForPlan;

/// The site check the server runs, over the storefront's renderer.
class RenderCheck final : public SiteCheck {
public:
    explicit RenderCheck(const storefront::Renderer& renderer) : renderer_(renderer) {}
    Result<SiteCheckReport> Check(const sitegen::SiteSpec& spec) const override {
        auto summary = storefront::SummarizeRender(renderer_, spec);
        if (!summary) {
            return Fail(std::move(summary.error()));
        }
        return SiteCheckReport{.theme = summary->theme, .pages = summary->pages, .images = summary->images};
    }

private:
    const storefront::Renderer& renderer_;
};

constexpr const char* kKirana = "Sharma Kirana, fresh vegetables and groceries in Jaipur";

class StoreServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        ASSERT_NE(db_, nullptr);
        auto renderer = storefront::Renderer::CreateEmbedded();
        ASSERT_TRUE(renderer) << renderer.error().message;
        renderer_ = std::make_unique<storefront::Renderer>(std::move(*renderer));
        site_check_ = std::make_unique<RenderCheck>(*renderer_);
        chain_ =
            std::make_unique<ai::SiteSpecChain>(std::vector<ai::ChainLevel>{}, ai::ChainOptions{}, recorder_, budget_);
        tenant_a_ = AddTenant("+919000000001", "FREE");
        tenant_b_ = AddTenant("+919000000002", "FREE");
        Build({});
    }
    void TearDown() override {
        if (service_) {
            service_->Stop();
        }
    }

    void Build(StoreServiceOptions options, int threads = 2) {
        if (service_) {
            service_->Stop();
        }
        service_.reset();
        pool_ = std::make_unique<WorkPool>("stores-test", threads, 64);
        service_ =
            std::make_unique<StoreService>(*db_, *chain_, *site_check_, *pool_, events_, logger_, std::move(options));
    }

    TenantId AddTenant(const std::string& phone, const std::string& plan) {
        const UserId user = UserId::New();
        const TenantId tenant = TenantId::New();
        auto done = db_->WriteSync([&](storage::Conn& conn) -> Result<bool> {
            if (auto r = conn.Exec("INSERT INTO users (user_id, phone, created_at, updated_at) VALUES ($1, $2, 1, 1)",
                                   user, phone);
                !r) {
                return Fail(r.error());
            }
            if (auto r = conn.Exec("INSERT INTO tenants (tenant_id, owner_user_id, business_name, plan, created_at, "
                                   "updated_at) VALUES ($1, $2, 'Shop', $3, 1, 1)",
                                   tenant, user, plan);
                !r) {
                return Fail(r.error());
            }
            return true;
        });
        EXPECT_TRUE(done) << storage::testing::Describe(done.error());
        return tenant;
    }

    void Exec(const std::string& sql) {
        auto done = db_->WriteSync([&](storage::Conn& conn) -> Result<bool> {
            if (auto r = conn.ExecScript(sql); !r) {
                return Fail(r.error());
            }
            return true;
        });
        ASSERT_TRUE(done) << storage::testing::Describe(done.error());
    }

    /// Waits for the store's current run to end; returns the event types in order.
    std::vector<std::string> WaitForRun(const StoreId& store) {
        std::vector<std::string> types;
        EXPECT_TRUE(Eventually([&] { return events_.Since(store.str(), 0).finished; })) << store.str();
        for (const auto& e : events_.Since(store.str(), 0).events) {
            types.push_back(e.type);
        }
        return types;
    }

    Store Generated(const TenantId& tenant, const std::string& description = kKirana) {
        auto store = Await(service_->Create(tenant, person_, description, std::nullopt));
        EXPECT_TRUE(store) << storage::testing::Describe(store.error());
        WaitForRun(store->id);
        return *Await(service_->Get(tenant, store->id));
    }

    ai::InMemoryCallRecorder recorder_;
    ai::UnlimitedBudget budget_;
    Logger logger_{2, LogLevel::kError};
    GenerationEvents events_;
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<storefront::Renderer> renderer_;
    std::unique_ptr<RenderCheck> site_check_;
    std::unique_ptr<ai::SiteSpecChain> chain_;
    std::unique_ptr<WorkPool> pool_;
    std::unique_ptr<StoreService> service_;
    TenantId tenant_a_;
    TenantId tenant_b_;
    UserId person_ = UserId::New();
};

}  // namespace

TEST_F(StoreServiceTest, CreateGeneratesADraftWithANameSlugSeededProductsAndAnOutboxEvent) {
    auto created = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    ASSERT_TRUE(created) << storage::testing::Describe(created.error());
    EXPECT_EQ(created->status, StoreStatus::kGenerating);
    EXPECT_TRUE(created->slug.starts_with("new-")) << created->slug;
    EXPECT_EQ(created->language, "en");

    EXPECT_EQ(WaitForRun(created->id), (std::vector<std::string>{"spec", "code", "images", "assembly", "done"}));
    auto store = Await(service_->Get(tenant_a_, created->id));
    ASSERT_TRUE(store);
    EXPECT_EQ(store->status, StoreStatus::kDraft);
    ASSERT_TRUE(store->spec);
    EXPECT_EQ(store->slug, BaseSlug(store->spec->business_name));
    EXPECT_EQ(store->business_name, store->spec->business_name);
    EXPECT_EQ(store->sector, "grocery");
    EXPECT_EQ(store->generation_level, "rules");
    EXPECT_EQ(store->site_version, 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM products WHERE store_id = '" + store->id.str() + "'"),
              static_cast<std::int64_t>(store->spec->products.size()));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STORE_GENERATED'"), 1);

    auto spec_event = events_.Since(created->id.str(), 0).events.front();
    EXPECT_EQ(spec_event.data["served_by"], "rules");
    EXPECT_TRUE(spec_event.data["levels"].is_array());
    EXPECT_GT(events_.Since(created->id.str(), 0).events[1].data["pages"].get<int>(), 3);
    EXPECT_GT(events_.Since(created->id.str(), 0).events[2].data["images"].get<int>(), 0);
}

TEST_F(StoreServiceTest, SameNameGetsANumberedSlug) {
    auto first = Generated(tenant_a_);
    auto second = Generated(tenant_b_);
    EXPECT_EQ(second.slug, first.slug + "-2");
}

TEST_F(StoreServiceTest, HindiDescriptionsAreDetectedAndTransliterated) {
    auto store = Generated(tenant_a_, "शर्मा किराना, जयपुर में ताज़ी सब्ज़ियाँ और राशन");
    EXPECT_EQ(store.language, "hi");
    EXPECT_EQ(store.status, StoreStatus::kDraft);
    EXPECT_TRUE(IsWellFormedSlug(store.slug)) << store.slug;
    EXPECT_FALSE(store.slug.starts_with("new-")) << store.slug;
}

TEST_F(StoreServiceTest, BadDescriptionsCreateNothing) {
    for (const std::string& bad :
         {std::string(""), std::string("   \n  "), std::string("ab"), std::string(501, 'x'), std::string("ab\xff")}) {
        auto store = Await(service_->Create(tenant_a_, person_, bad, std::nullopt));
        ASSERT_FALSE(store) << bad;
        EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument);
        ASSERT_EQ(store.error().fields.size(), 1u);
        EXPECT_EQ(store.error().fields[0].field, "description");
    }
    // 500 Devanagari characters are 1,500 bytes and still fit.
    std::string hindi;
    for (int i = 0; i < 500; ++i) {
        hindi += "क";
    }
    EXPECT_TRUE(Await(service_->Create(tenant_a_, person_, hindi, std::nullopt)));
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM stores"), 1);
}

TEST_F(StoreServiceTest, AtMostTwoStoresOfATenantGenerateAtOnceAndAFullQueueIsBusy) {
    Build({.max_generating_per_tenant = 2, .max_queued = 3}, /*threads=*/1);
    Gate gate;
    std::thread blocker([&] {
        Await(pool_->Run([&]() -> Result<bool> {
            gate.Wait();
            return true;
        }));
    });
    ASSERT_TRUE(Eventually([&] { return pool_->pending() == 1; }));

    auto one = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    auto two = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    ASSERT_TRUE(one && two);
    auto three = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    ASSERT_FALSE(three);
    EXPECT_EQ(three.error().code, ErrorCode::kRateLimited);

    auto other = Await(service_->Create(tenant_b_, person_, kKirana, std::nullopt));
    ASSERT_TRUE(other);
    auto full = Await(service_->Create(tenant_b_, person_, kKirana, std::nullopt));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::kUnavailable);
    EXPECT_GT(full.error().retry_after_s, 0);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM stores"), 3);

    gate.Open();
    blocker.join();
    for (const auto* s : {&*one, &*two, &*other}) {
        WaitForRun(s->id);
        EXPECT_EQ(Await(service_->Get(s->tenant_id, s->id))->status, StoreStatus::kDraft);
    }
}

TEST_F(StoreServiceTest, OnePersonStartsAtMostTheirHourlyShareOfGenerationsAcrossBusinesses) {
    Build({.generations_per_person_per_hour = 2});
    ASSERT_TRUE(Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt)));
    ASSERT_TRUE(Await(service_->Create(tenant_b_, person_, kKirana, std::nullopt)));
    auto third = Await(service_->Create(tenant_b_, person_, kKirana, std::nullopt));
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error().code, ErrorCode::kRateLimited);
    EXPECT_GT(third.error().retry_after_s, 0);
    EXPECT_NE(third.error().message.find("2 new stores in the last hour"), std::string::npos) << third.error().message;
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM stores"), 2) << "the refused one wrote nothing";
    // Someone else is not held back by it.
    EXPECT_TRUE(Await(service_->Create(tenant_a_, UserId::New(), kKirana, std::nullopt)));
}

TEST_F(StoreServiceTest, ThePlanLimitsHowManyStoresATenantHas) {
    for (int i = 0; i < 3; ++i) {
        Generated(tenant_a_);
    }
    auto fourth = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    ASSERT_FALSE(fourth);
    EXPECT_EQ(fourth.error().code, ErrorCode::kConflict);
    EXPECT_NE(fourth.error().message.find("FREE plan allows 3 stores"), std::string::npos) << fourth.error().message;
    Exec("UPDATE tenants SET plan = 'PRO' WHERE tenant_id = '" + tenant_a_.str() + "'");
    EXPECT_TRUE(Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt)));
    EXPECT_EQ(StoreLimitForPlan("FREE"), 3);
    EXPECT_EQ(StoreLimitForPlan("PRO"), 20);
    EXPECT_EQ(StoreLimitForPlan("ENTERPRISE"), 100);
}

TEST_F(StoreServiceTest, AFailedGenerationEndsFailedAndOnlyThenCanBeRetried) {
    Exec("CREATE TRIGGER refuse_products BEFORE INSERT ON products BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    auto created = Await(service_->Create(tenant_a_, person_, kKirana, std::nullopt));
    ASSERT_TRUE(created);
    auto events = WaitForRun(created->id);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back(), "failed");
    auto failed = Await(service_->Get(tenant_a_, created->id));
    EXPECT_EQ(failed->status, StoreStatus::kFailed);
    EXPECT_FALSE(failed->generation_error.empty());
    EXPECT_EQ(failed->generation_error.find("disk on fire"), std::string::npos) << "internal detail leaked";
    EXPECT_FALSE(failed->spec);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox"), 0);

    Exec("DROP TRIGGER refuse_products;");
    auto retried = Await(service_->Retry(tenant_a_, created->id));
    ASSERT_TRUE(retried) << storage::testing::Describe(retried.error());
    EXPECT_EQ(retried->status, StoreStatus::kGenerating);
    EXPECT_EQ(WaitForRun(created->id).back(), "done");
    auto draft = Await(service_->Get(tenant_a_, created->id));
    EXPECT_EQ(draft->status, StoreStatus::kDraft);
    EXPECT_TRUE(draft->generation_error.empty());

    auto again = Await(service_->Retry(tenant_a_, created->id));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(StoreServiceTest, RecoverRequeuesStoresLeftGenerating) {
    const StoreId orphan = StoreId::New();
    Exec("INSERT INTO stores (tenant_id, store_id, slug, status, description, created_at, updated_at) VALUES ('" +
         tenant_a_.str() + "', '" + orphan.str() +
         "', 'new-orphan', 'GENERATING', 'Gupta Bakery, cakes in Pune', 1, 1)");
    auto recovered = service_->Recover();
    ASSERT_TRUE(recovered);
    EXPECT_EQ(*recovered, 1);
    EXPECT_EQ(WaitForRun(orphan).back(), "done");
    auto store = Await(service_->Get(tenant_a_, orphan));
    EXPECT_EQ(store->status, StoreStatus::kDraft);
    EXPECT_EQ(store->sector, "bakery");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM stores WHERE status = 'GENERATING'"), 0);
}

TEST_F(StoreServiceTest, DetailsAreValidatedAsAWholeAndNothingChangesOnError) {
    auto store = Generated(tenant_a_);
    StoreDetails bad;
    bad.theme_name = "neon";
    bad.primary = "red";
    bad.phone = "12345";
    bad.latitude = std::optional<double>(100.0);
    bad.tagline = std::string(200, 'x');
    auto rejected = Await(service_->UpdateDetails(tenant_a_, store.id, bad));
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& f : rejected.error().fields) {
        fields.insert(f.field);
    }
    EXPECT_EQ(fields, (std::set<std::string>{"theme.name", "theme.primary", "contact.phone", "latitude", "tagline"}));
    EXPECT_EQ(Await(service_->Get(tenant_a_, store.id))->site_version, store.site_version);

    StoreDetails good;
    good.business_name = "Sharma General Store";
    good.theme_name = "classic";
    good.primary = "#1A7F37";
    good.phone = "98765 43210";
    good.hours = "8 am - 9 pm";
    good.latitude = std::optional<double>(26.9);
    good.longitude = std::optional<double>(75.8);
    auto updated = Await(service_->UpdateDetails(tenant_a_, store.id, good));
    ASSERT_TRUE(updated) << storage::testing::Describe(updated.error());
    EXPECT_EQ(updated->business_name, "Sharma General Store");
    EXPECT_EQ(updated->spec->theme.name, "classic");
    EXPECT_EQ(updated->spec->theme.primary, "#1a7f37");
    EXPECT_EQ(updated->spec->contact.phone, "+919876543210");
    EXPECT_EQ(updated->latitude, 26.9);
    EXPECT_EQ(updated->site_version, store.site_version + 1);
    EXPECT_EQ(updated->slug, store.slug) << "a rename keeps the store's address";

    StoreDetails clear;
    clear.latitude = std::optional<double>{};
    EXPECT_FALSE(Await(service_->UpdateDetails(tenant_a_, store.id, clear))->latitude);
}

TEST_F(StoreServiceTest, RegeneratingTheCopyKeepsProductsContactAndColours) {
    auto store = Generated(tenant_a_);
    StoreDetails edit;
    edit.primary = "#123456";
    edit.phone = "9876543210";
    ASSERT_TRUE(Await(service_->UpdateDetails(tenant_a_, store.id, edit)));
    auto queued = Await(service_->RegenerateCopy(tenant_a_, store.id));
    ASSERT_TRUE(queued);
    EXPECT_EQ(WaitForRun(store.id), (std::vector<std::string>{"spec", "code", "images", "assembly", "done"}));
    auto after = Await(service_->Get(tenant_a_, store.id));
    EXPECT_EQ(after->status, StoreStatus::kDraft);
    EXPECT_EQ(after->spec->theme.primary, "#123456");
    EXPECT_EQ(after->spec->contact.phone, "+919876543210");
    EXPECT_EQ(after->spec->products, store.spec->products);
    EXPECT_TRUE(after->spec->tagline != store.spec->tagline || after->spec->about != store.spec->about ||
                after->spec->features != store.spec->features)
        << "the rewritten copy should read differently: " << after->spec->tagline;
    EXPECT_EQ(after->site_version, store.site_version + 2);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM products"), static_cast<std::int64_t>(store.spec->products.size()))
        << "regenerating must not seed the catalog again";
}

TEST_F(StoreServiceTest, PublishAndUnpublishMoveBetweenDraftAndPublished) {
    auto store = Generated(tenant_a_);
    auto published = Await(service_->Publish(tenant_a_, store.id));
    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, StoreStatus::kPublished);
    EXPECT_TRUE(published->published_at);
    EXPECT_EQ(published->site_version, store.site_version + 1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM outbox WHERE type = 'STORE_PUBLISHED'"), 1);
    auto unpublished = Await(service_->Unpublish(tenant_a_, store.id));
    ASSERT_TRUE(unpublished);
    EXPECT_EQ(unpublished->status, StoreStatus::kDraft);
    EXPECT_FALSE(unpublished->published_at);
    EXPECT_EQ(unpublished->site_version, store.site_version + 2);

    Exec("UPDATE stores SET status = 'FAILED' WHERE store_id = '" + store.id.str() + "'");
    auto refused = Await(service_->Publish(tenant_a_, store.id));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

TEST_F(StoreServiceTest, CustomDomainsNeedAPaidPlanAndAreUnique) {
    Build({.base_domain = "webdpro.in"});
    auto store = Generated(tenant_a_);
    auto free = Await(service_->SetDomain(tenant_a_, store.id, "shop.example.com"));
    ASSERT_FALSE(free);
    EXPECT_EQ(free.error().code, ErrorCode::kPaymentRequired);
    EXPECT_EQ(free.error().message, "A custom domain needs a paid plan");
    EXPECT_FALSE(PlanAllowsCustomDomain("FREE"));
    EXPECT_TRUE(PlanAllowsCustomDomain("PRO"));

    Exec("UPDATE tenants SET plan = 'PRO'");
    for (const char* bad : {"localhost", "http://shop.example.com", "shop.example.com/x", "-a.example.com", "10.0.0.1",
                            "shop..example.com", "sharma.webdpro.in", "webdpro.in"}) {
        auto r = Await(service_->SetDomain(tenant_a_, store.id, bad));
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
    }
    auto set = Await(service_->SetDomain(tenant_a_, store.id, "Shop.Example.COM."));
    ASSERT_TRUE(set) << storage::testing::Describe(set.error());
    EXPECT_EQ(set->custom_domain, "shop.example.com");
    EXPECT_EQ(set->site_version, store.site_version + 1);

    auto other = Generated(tenant_b_);
    auto taken = Await(service_->SetDomain(tenant_b_, other.id, "shop.example.com"));
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kConflict);

    // Back on FREE with a domain: publishing asks the same hook.
    Exec("UPDATE tenants SET plan = 'FREE'");
    auto publish = Await(service_->Publish(tenant_a_, store.id));
    ASSERT_FALSE(publish);
    EXPECT_EQ(publish.error().code, ErrorCode::kPaymentRequired);
    auto cleared = Await(service_->ClearDomain(tenant_a_, store.id));
    ASSERT_TRUE(cleared);
    EXPECT_TRUE(cleared->custom_domain.empty());
    EXPECT_TRUE(Await(service_->Publish(tenant_a_, store.id)));
}

TEST_F(StoreServiceTest, AnotherTenantsStoreIsNotFound) {
    auto store = Generated(tenant_a_);
    EXPECT_EQ(Await(service_->Get(tenant_b_, store.id)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(service_->Publish(tenant_b_, store.id)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(service_->Retry(tenant_b_, store.id)).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Await(service_->UpdateDetails(tenant_b_, store.id, {})).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(Await(service_->List(tenant_b_))->empty());
    EXPECT_EQ(Await(service_->List(tenant_a_))->size(), 1u);
}

TEST_F(StoreServiceTest, LanguageIsDetectedFromTheScript) {
    EXPECT_EQ(DetectLanguage("शर्मा किराना, जयपुर"), sitegen::Language::kHindi);
    EXPECT_EQ(DetectLanguage("Sharma Kirana, Jaipur"), sitegen::Language::kEnglish);
    EXPECT_EQ(DetectLanguage("Sharma किराना store in Jaipur city"), sitegen::Language::kEnglish);
}

}  // namespace webdpro::builder
