#include "tenancy/tenancy_service.hpp"

#include <gtest/gtest.h>

#include "auth/test_util.hpp"

namespace webdpro::tenancy {
namespace {

using auth::testing::Await;
using auth::testing::Count;

PiiVault MakeVault() {
    return *PiiVault::Create(SecretBytes(Bytes(32, 'e')), SecretBytes(Bytes(32, 'i')));
}

class TenancyServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = auth::testing::MigratedMemoryDb();
        users_ = std::make_unique<auth::UserService>(*db_);
        sessions_ = std::make_unique<auth::SessionService>(*db_, auth::SessionOptions{});
        tenancy_ = std::make_unique<TenancyService>(*db_, *users_, *sessions_, vault_);
        owner_a_ = User("9000000001");
        owner_b_ = User("9000000002");
        shop_a_ = *Await(tenancy_->CreateTenant(owner_a_, "  Sharma Kirana ", meta_));
        shop_b_ = *Await(tenancy_->CreateTenant(owner_b_, "Gupta Bakery", meta_));
    }

    UserId User(const std::string& phone) {
        return Await(users_->FindOrCreate(*auth::PhoneNumber::Parse(phone), ""))->id;
    }
    Result<Agent> Invite(const Tenant& t, const std::string& phone, const std::string& name) {
        return Await(tenancy_->InviteAgent(t.id, t.owner_user_id, *auth::PhoneNumber::Parse(phone), name, meta_));
    }

    const PiiVault vault_ = MakeVault();
    auth::RequestMeta meta_{"req_1", "127.0.0.1", "test"};
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<auth::UserService> users_;
    std::unique_ptr<auth::SessionService> sessions_;
    std::unique_ptr<TenancyService> tenancy_;
    UserId owner_a_;
    UserId owner_b_;
    Tenant shop_a_;
    Tenant shop_b_;
};

}  // namespace

TEST_F(TenancyServiceTest, CreatingATenantMakesTheCallerItsOwner) {
    EXPECT_EQ(shop_a_.business_name, "Sharma Kirana");
    EXPECT_EQ(shop_a_.plan, "FREE");
    auto memberships = Await(tenancy_->ForUser(owner_a_));
    ASSERT_TRUE(memberships);
    ASSERT_EQ(memberships->size(), 1u);
    EXPECT_EQ((*memberships)[0].tenant_id, shop_a_.id);
    EXPECT_EQ((*memberships)[0].role, Role::kBusinessOwner);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'tenant.create'"), 2);
}

TEST_F(TenancyServiceTest, OnePersonOwnsAtMostTheirShareOfBusinesses) {
    TenancyService limited(*db_, *users_, *sessions_, vault_, {.businesses_per_person = 2});
    ASSERT_TRUE(Await(limited.CreateTenant(owner_a_, "Sharma Sweets", meta_)));  // the second
    auto third = Await(limited.CreateTenant(owner_a_, "Sharma Tailors", meta_));
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error().code, ErrorCode::kConflict);
    EXPECT_NE(third.error().message.find("already run 2 businesses"), std::string::npos) << third.error().message;
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM tenants WHERE business_name = 'Sharma Tailors'"), 0);
    EXPECT_TRUE(Await(limited.CreateTenant(owner_b_, "Gupta Sweets", meta_))) << "another person is not held back";
}

TEST_F(TenancyServiceTest, BusinessNamesAreValidated) {
    for (const char* bad : {"", " ", "A", "\tX\x01Y",
                            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901"}) {
        auto t = Await(tenancy_->CreateTenant(owner_a_, bad, meta_));
        ASSERT_FALSE(t) << bad;
        EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
        ASSERT_EQ(t.error().fields.size(), 1u);
        EXPECT_EQ(t.error().fields[0].field, "business_name");
    }
    // 80 Devanagari characters are fine although they take 240 bytes.
    std::string hindi;
    for (int i = 0; i < 80; ++i) {
        hindi += "क";
    }
    EXPECT_TRUE(Await(tenancy_->CreateTenant(owner_a_, hindi, meta_)));
}

TEST_F(TenancyServiceTest, InvitedAgentsAreListedWithTheirPhoneStoredEncrypted) {
    auto agent = Invite(shop_a_, "+91 98765 43210", "Ravi");
    ASSERT_TRUE(agent) << agent.error().message;
    EXPECT_EQ(agent->phone, "+919876543210");
    EXPECT_EQ(agent->name, "Ravi");
    auto list = Await(tenancy_->ListAgents(shop_a_.id));
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].user_id, agent->user_id);
    EXPECT_EQ((*list)[0].phone, "+919876543210");
    // At rest: ciphertext and a blind index, never the number.
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM memberships WHERE phone_enc IS NOT NULL AND instr(phone_enc, "
                    "CAST('9876543210' AS BLOB)) = 0"),
              1);
    EXPECT_EQ(
        Count(*db_, "SELECT count(*) FROM memberships WHERE phone_hash = '" + vault_.BlindIndex("+919876543210") + "'"),
        1);
    // The agent signs in to this tenant as DELIVERY_AGENT.
    auto memberships = Await(tenancy_->ForUser(agent->user_id));
    ASSERT_TRUE(memberships);
    ASSERT_EQ(memberships->size(), 1u);
    EXPECT_EQ((*memberships)[0].role, Role::kDeliveryAgent);
    EXPECT_EQ((*memberships)[0].business_name, "Sharma Kirana");
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'agent.invite'"), 1);
}

TEST_F(TenancyServiceTest, InvitationConflictsAndValidation) {
    ASSERT_TRUE(Invite(shop_a_, "9876543210", "Ravi"));
    auto again = Invite(shop_a_, "98765 43210", "Ravi again");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    auto owner = Invite(shop_a_, "9000000001", "Me");
    ASSERT_FALSE(owner);
    EXPECT_EQ(owner.error().code, ErrorCode::kConflict);
    auto nameless = Invite(shop_a_, "9876543211", "   ");
    ASSERT_FALSE(nameless);
    EXPECT_EQ(nameless.error().fields.at(0).field, "name");
    // The same person may ride for two shops.
    EXPECT_TRUE(Invite(shop_b_, "9876543210", "Ravi"));
}

TEST_F(TenancyServiceTest, AnotherTenantsAgentIsNotFound) {
    auto agent_b = Invite(shop_b_, "9876543210", "Ravi");
    ASSERT_TRUE(agent_b);
    auto removed = Await(tenancy_->RemoveAgent(shop_a_.id, owner_a_, agent_b->user_id, meta_));
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(Await(tenancy_->ListAgents(shop_a_.id))->empty());
    EXPECT_EQ(Await(tenancy_->ListAgents(shop_b_.id))->size(), 1u);
    // The owner is not an agent either.
    auto owner = Await(tenancy_->RemoveAgent(shop_a_.id, owner_a_, owner_a_, meta_));
    ASSERT_FALSE(owner);
    EXPECT_EQ(owner.error().code, ErrorCode::kNotFound);
}

TEST_F(TenancyServiceTest, RemovingAnAgentEndsTheirSessionsInThatTenant) {
    auto agent = Invite(shop_a_, "9876543210", "Ravi");
    ASSERT_TRUE(agent);
    auto session = Await(
        sessions_->Create({.user_id = agent->user_id, .tenant_id = shop_a_.id, .role = Role::kDeliveryAgent}, meta_));
    ASSERT_TRUE(session);
    ASSERT_TRUE(*Await(sessions_->IsActive(session->session_id)));
    ASSERT_TRUE(Await(tenancy_->RemoveAgent(shop_a_.id, owner_a_, agent->user_id, meta_)));
    EXPECT_FALSE(*Await(sessions_->IsActive(session->session_id)));
    EXPECT_TRUE(Await(tenancy_->ListAgents(shop_a_.id))->empty());
    EXPECT_TRUE(Await(tenancy_->ForUser(agent->user_id))->empty());
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM audit_log WHERE action = 'agent.remove'"), 1);
    // Removing twice is not found; inviting again re-activates.
    auto twice = Await(tenancy_->RemoveAgent(shop_a_.id, owner_a_, agent->user_id, meta_));
    EXPECT_EQ(twice.error().code, ErrorCode::kNotFound);
    auto back = Invite(shop_a_, "9876543210", "Ravi K");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->name, "Ravi K");
}

TEST_F(TenancyServiceTest, AdminListMasksOwnerPhones) {
    auto tenants = Await(tenancy_->ListTenants(100));
    ASSERT_TRUE(tenants);
    ASSERT_EQ(tenants->size(), 2u);
    for (const auto& t : *tenants) {
        EXPECT_TRUE(t.owner_phone_masked.starts_with("+91******")) << t.owner_phone_masked;
    }
    EXPECT_EQ(Await(tenancy_->ListTenants(1))->size(), 1u);
}

}  // namespace webdpro::tenancy
