#include "ai/ai_runtime.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "ai/ledger_test_util.hpp"
#include "ai/rules_generator.hpp"
#include "core/ids.hpp"
#include "fakes/model_server/fake_model_server.hpp"

namespace webdpro::ai {
namespace {

using fakes::FakeModelServer;
using Fault = FakeModelServer::Fault;
using testing::AddCall;
using testing::AddTenant;
using testing::Count;
using testing::MigratedDb;

constexpr std::string_view kSecretKey = "sk-ant-test-secret-0123456789";
const std::string kSonnet = "claude-3-sonnet-20240229";
const std::string kHaiku = "claude-3-haiku-20240307";

EnvLookup FakeEnv(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string_view name) {
        const auto it = values.find(std::string(name));
        return it == values.end() ? std::string() : it->second;
    };
}

AiLevelSettings Level(std::string name, std::string provider, std::string model, std::string base_url,
                      std::string key_env, double in, double out) {
    AiLevelSettings level;
    level.name = std::move(name);
    level.provider = std::move(provider);
    level.model = std::move(model);
    level.base_url = std::move(base_url);
    level.api_key_env = std::move(key_env);
    level.timeout_s = 5;
    level.input_usd_per_1k = in;
    level.output_usd_per_1k = out;
    return level;
}

class AiRuntimeTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = MigratedDb();
        ASSERT_NE(db_, nullptr);
        std::string error;
        fake_ = FakeModelServer::Start(error);
        ASSERT_NE(fake_, nullptr) << error;
        log_path_ = std::filesystem::temp_directory_path() / NewIdString("webdpro-ai-runtime-log");
        log_fd_ = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ASSERT_GE(log_fd_, 0);
        logger_ = std::make_unique<Logger>(log_fd_, LogLevel::kDebug);
        AddTenant(*db_, "ten_free", "FREE");
        AddTenant(*db_, "ten_pro", "PRO");
        // Sonnet (key in TEST_ANTHROPIC_KEY), Haiku whose key variable is unset, then rules.
        config_.deadline_s = 10;
        config_.free_start_level = 1;
        config_.pro_start_level = 0;
        config_.levels = std::vector<AiLevelSettings>{
            Level("claude-3-sonnet", "anthropic", kSonnet, fake_->base_url(), "TEST_ANTHROPIC_KEY", 0.003, 0.015),
            Level("claude-3-haiku", "anthropic", kHaiku, fake_->base_url(), "TEST_UNSET_KEY", 0.00025, 0.00125),
            Level("rules", "rules", "", "", "", 0, 0)};
    }

    void TearDown() override {
        logger_.reset();
        if (log_fd_ >= 0) {
            close(log_fd_);
        }
        std::filesystem::remove(log_path_);
    }

    std::unique_ptr<AiRuntime> Build(const AiConfig& config) {
        auto runtime = AiRuntime::Build(config, *db_, client_, *logger_,
                                        FakeEnv({{"TEST_ANTHROPIC_KEY", std::string(kSecretKey)}}));
        EXPECT_TRUE(runtime) << runtime.error().message;
        return runtime ? std::move(*runtime) : nullptr;
    }

    std::string LogText() {
        logger_->Flush();
        std::ifstream in(log_path_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    static SpecRequest Request(const std::string& tenant, Plan plan) {
        SpecRequest request;
        request.tenant_id = TenantId(tenant);
        request.store_id = StoreId("sto_" + tenant);
        request.plan = plan;
        request.description = "Sharma Kirana in Jaipur, fresh sabzi and daily ration";
        return request;
    }

    http::Client client_;
    std::unique_ptr<storage::SqliteDb> db_;
    std::unique_ptr<FakeModelServer> fake_;
    std::filesystem::path log_path_;
    int log_fd_ = -1;
    std::unique_ptr<Logger> logger_;
    AiConfig config_;
};

}  // namespace

TEST(ResolveLevelConfigs, AbsentLevelsGiveTheDefaultChain) {
    const auto levels = ResolveLevelConfigs(AiConfig{}, FakeEnv({{"ANTHROPIC_API_KEY", "a"}}));
    ASSERT_EQ(levels.size(), 4U);
    EXPECT_EQ(levels[0].name, "claude-3-sonnet");
    EXPECT_EQ(levels[0].api_key, "a");
    EXPECT_DOUBLE_EQ(levels[0].input_usd_per_1k, 0.003);
    EXPECT_DOUBLE_EQ(levels[1].output_usd_per_1k, 0.00125);
    EXPECT_EQ(levels[2].provider, "bedrock");
    EXPECT_EQ(levels[3].model, "meta.llama3-8b-instruct-v1:0");
}

TEST(ResolveLevelConfigs, ReadsKeysFromTheNamedVariablesAndDropsRules) {
    AiConfig config;
    config.levels = std::vector<AiLevelSettings>{
        Level("a", "anthropic", "m1", "", "MY_KEY", 0.1, 0.2), Level("b", "anthropic", "m2", "", "", 0, 0),
        Level("c", "bedrock", "m3", "", "", 0, 0), Level("d", "openai", "m4", "http://127.0.0.1:1", "", 0, 0),
        Level("rules", "rules", "", "", "", 0, 0)};
    config.levels->at(2).aws_region = "ap-south-1";
    const auto levels =
        ResolveLevelConfigs(config, FakeEnv({{"MY_KEY", "mine"},
                                             {"ANTHROPIC_API_KEY", "usual"},
                                             {"AWS_ACCESS_KEY_ID", "AKID"},
                                             {"AWS_SECRET_ACCESS_KEY", "s"},
                                             {"OPENAI_API_KEY", "never-sent-to-a-self-hosted-server"}}));
    ASSERT_EQ(levels.size(), 4U);
    EXPECT_EQ(levels[0].api_key, "mine");
    EXPECT_EQ(levels[0].timeout, std::chrono::seconds(5));
    EXPECT_EQ(levels[1].api_key, "usual");
    EXPECT_EQ(levels[2].aws.access_key_id, "AKID");
    EXPECT_EQ(levels[2].aws_region, "ap-south-1");
    EXPECT_EQ(levels[3].api_key, "");
}

TEST(ChainOptionsFrom, CopiesTheScalars) {
    AiConfig config;
    config.deadline_s = 12;
    config.breaker_failures = 4;
    config.breaker_cool_down_s = 9;
    config.free_start_level = 2;
    config.cache_capacity = 0;
    const ChainOptions options = ChainOptionsFrom(config);
    EXPECT_EQ(options.deadline, std::chrono::seconds(12));
    EXPECT_EQ(options.breaker_failure_threshold, 4);
    EXPECT_EQ(options.breaker_cool_down, std::chrono::seconds(9));
    EXPECT_EQ(options.free_start_level, 2U);
    EXPECT_EQ(options.cache_capacity, 0U);
    const BudgetLimits limits = BudgetLimitsFrom(AiConfig{});
    EXPECT_EQ(limits.free_micro_usd, 1'000'000);
    EXPECT_EQ(limits.pro_micro_usd, 20'000'000);
}

TEST_F(AiRuntimeTest, RulesOnlyConfigRecordsTheRulesCall) {
    AiConfig config;
    config.levels = std::vector<AiLevelSettings>{};
    auto runtime = Build(config);
    ASSERT_NE(runtime, nullptr);
    EXPECT_TRUE(runtime->active_levels().empty());
    const SpecGeneration result = runtime->chain().Generate(Request("ten_free", Plan::kFree));
    EXPECT_EQ(result.served_by, "rules");
    // "Regenerate copy" reaches the rule-based level with its variant.
    SpecRequest regenerate = Request("ten_free", Plan::kFree);
    regenerate.variant = 1;
    EXPECT_EQ(runtime->chain().Generate(regenerate).spec,
              GenerateRuleBased(regenerate.description, regenerate.language, 1));
    runtime->Flush();
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE level = 'rules' AND outcome = 'OK' AND "
                    "tenant_id = 'ten_free' AND store_id = 'sto_ten_free' AND cost_micro_usd = 0"),
              2);
}

TEST_F(AiRuntimeTest, GenerateWritesLedgerRowsWithTheRightOutcomes) {
    auto runtime = Build(config_);
    ASSERT_NE(runtime, nullptr);
    EXPECT_EQ(runtime->active_levels(), std::vector<std::string>{"claude-3-sonnet"});

    // PRO starts at Sonnet, which fails; Haiku has no key; rules answers.
    fake_->QueueFaults(kSonnet, {Fault::kServerError});
    const SpecGeneration failed_over = runtime->chain().Generate(Request("ten_pro", Plan::kPro));
    EXPECT_EQ(failed_over.served_by, "rules");
    // Then Sonnet serves.
    SpecRequest second = Request("ten_pro", Plan::kPro);
    second.description = "Gupta Bakery, Lucknow";
    const SpecGeneration served = runtime->chain().Generate(second);
    EXPECT_EQ(served.served_by, "claude-3-sonnet");
    runtime->Flush();

    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE level = 'claude-3-sonnet' AND outcome = 'ERROR' "
                    "AND error LIKE 'server_error%'"),
              1);
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE level = 'claude-3-haiku' AND outcome = 'SKIPPED' "
                    "AND error = 'no_credentials'"),
              1);  // only the first generation got past Sonnet
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls WHERE level = 'rules' AND outcome = 'OK'"), 1);
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE level = 'claude-3-sonnet' AND outcome = 'OK' AND "
                    "cost_micro_usd > 0 AND input_tokens > 0 AND model = '" +
                        kSonnet + "' AND store_id = 'sto_ten_pro'"),
              1);
    EXPECT_EQ(Count(*db_, "SELECT count(*) FROM ai_calls WHERE tenant_id <> 'ten_pro'"), 0);
}

TEST_F(AiRuntimeTest, StartUpLogNamesLevelsButNeverTheKey) {
    auto runtime = Build(config_);
    ASSERT_NE(runtime, nullptr);
    const std::string log = LogText();
    EXPECT_NE(log.find("ai level active"), std::string::npos) << log;
    EXPECT_NE(log.find("ai level skipped: no credentials"), std::string::npos) << log;
    EXPECT_NE(log.find("TEST_UNSET_KEY"), std::string::npos) << log;
    EXPECT_EQ(log.find(kSecretKey), std::string::npos) << log;
}

TEST_F(AiRuntimeTest, AnExhaustedBudgetSkipsPaidLevels) {
    // FREE tenants start at Haiku; make Haiku usable and the FREE budget already spent this month.
    config_.levels->at(1).api_key_env = "TEST_ANTHROPIC_KEY";
    config_.monthly_budget_usd_free = 0.50;
    AddCall(*db_, "ten_free", "claude-3-haiku", "OK", 500'000, 900, UnixMillis(NowUtc()) - 1000);
    auto runtime = Build(config_);
    ASSERT_NE(runtime, nullptr);

    const SpecGeneration result = runtime->chain().Generate(Request("ten_free", Plan::kFree));
    EXPECT_EQ(result.served_by, "rules");
    ASSERT_FALSE(result.levels.empty());
    EXPECT_EQ(result.levels[0].level, "claude-3-haiku");
    EXPECT_EQ(result.levels[0].reason, "budget");
    EXPECT_EQ(fake_->total_requests(), 0);
    runtime->Flush();
    EXPECT_EQ(Count(*db_,
                    "SELECT count(*) FROM ai_calls WHERE level = 'claude-3-haiku' AND outcome = 'SKIPPED' "
                    "AND error = 'budget'"),
              1);

    // A PRO tenant with money left is still served by a model.
    EXPECT_EQ(runtime->chain().Generate(Request("ten_pro", Plan::kPro)).served_by, "claude-3-sonnet");
}

TEST_F(AiRuntimeTest, AZeroBudgetMeansNoModelCalls) {
    config_.monthly_budget_usd_pro = 0;
    auto runtime = Build(config_);
    ASSERT_NE(runtime, nullptr);
    const SpecGeneration result = runtime->chain().Generate(Request("ten_pro", Plan::kPro));
    EXPECT_EQ(result.served_by, "rules");
    EXPECT_EQ(fake_->total_requests(), 0);
}

TEST_F(AiRuntimeTest, RowsBufferedAtDestructionAreWritten) {
    {
        auto runtime = Build(config_);
        ASSERT_NE(runtime, nullptr);
        runtime->chain().Generate(Request("ten_pro", Plan::kPro));
    }
    EXPECT_GE(Count(*db_, "SELECT count(*) FROM ai_calls"), 1);
}

TEST_F(AiRuntimeTest, ABadLevelStopsTheBuildNamingIt) {
    AiConfig config;
    config.levels = std::vector<AiLevelSettings>{Level("x", "gemini", "m", "", "", 0, 0)};
    auto runtime = AiRuntime::Build(config, *db_, client_, *logger_, FakeEnv({}));
    ASSERT_FALSE(runtime);
    EXPECT_NE(runtime.error().message.find("ai.levels[0]"), std::string::npos) << runtime.error().message;
}

}  // namespace webdpro::ai
