// AI chain under chaos: generations against the fake model server (real HTTP on loopback) with
// every model level failing part of the time with mixed faults, then with every level hanging,
// then with every level refusing connections. Prints how many stores were valid, p50/p99 time and
// cost per store. Exits non-zero only when a generation yields an invalid spec (never on timings).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "ai/model_providers.hpp"
#include "ai/rules_generator.hpp"
#include "ai/site_spec_chain.hpp"
#include "fakes/model_server/fake_model_server.hpp"

namespace {

using namespace webdpro;  // NOLINT: a benchmark's main, not a header
using fakes::FakeModelServer;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

const std::vector<std::string> kModels = {"claude-3-sonnet-20240229", "claude-3-haiku-20240307",
                                          "amazon.titan-text-express-v1", "meta.llama3-8b-instruct-v1:0"};

struct Settings {
    int generations = 1000;
    double fail_rate = 0.3;
    int threads = 8;
    int deadline_ms = 3000;
    int level_timeout_ms = 500;
    int hang_deadline_ms = 2000;
    int later_runs = 100;
    // 0: a random 30% fault mix is not a real rate limit; holding a level for the retry-after at
    // hundreds of generations a second would turn every 429 into seconds of skipped traffic.
    int retry_after_s = 0;
    int breaker_threshold = 5;
    int cool_down_ms = 500;
};

std::vector<ai::ChainLevel> Levels(const http::Client& client, const std::string& base, milliseconds timeout) {
    auto options = [&](const std::string& model) { return ai::HttpProviderOptions{base, model, milliseconds(300)}; };
    std::vector<ai::ChainLevel> levels;
    levels.push_back({"claude-3-sonnet", std::make_unique<ai::AnthropicProvider>(client, options(kModels[0]), "k"),
                      timeout, 0.003, 0.015});
    levels.push_back({"claude-3-haiku", std::make_unique<ai::AnthropicProvider>(client, options(kModels[1]), "k"),
                      timeout, 0.00025, 0.00125});
    ai::BedrockAuth auth;
    auth.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    levels.push_back({"titan-express", std::make_unique<ai::BedrockProvider>(client, options(kModels[2]), auth),
                      timeout, 0.0002, 0.0006});
    levels.push_back({"llama", std::make_unique<ai::OpenAiCompatibleProvider>(client, options(kModels[3]), "k"),
                      timeout, 0.00022, 0.00022});
    return levels;
}

double Percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0.0;
    }
    std::ranges::sort(values);
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

ai::SpecRequest Request(int i) {
    const auto samples = ai::SampleDescriptions();
    ai::SpecRequest request;
    request.tenant_id = TenantId("ten_bench");
    request.plan = i % 2 == 0 ? ai::Plan::kPro : ai::Plan::kFree;
    // A unique suffix keeps the cache out of the measurement.
    request.description = std::string(samples[static_cast<std::size_t>(i) % samples.size()]) + " #" + std::to_string(i);
    request.language = i % 3 == 0 ? sitegen::Language::kHindi : sitegen::Language::kEnglish;
    return request;
}

// Runs `count` generations on `threads` threads; returns false when any spec is invalid.
bool Chaos(const Settings& settings) {
    std::string error;
    auto fake = FakeModelServer::Start(error);
    if (!fake) {
        std::fprintf(stderr, "fake model server: %s\n", error.c_str());
        return false;
    }
    fake->SetRetryAfter(settings.retry_after_s);
    fake->SetTrickleInterval(milliseconds(20));
    std::uint32_t seed = 42;
    for (const auto& model : kModels) {
        fake->SetFaultMix(model, settings.fail_rate, seed++);
    }
    http::Client client;
    ai::InMemoryCallRecorder recorder;
    ai::UnlimitedBudget budget;
    ai::ChainOptions options;
    options.deadline = milliseconds(settings.deadline_ms);
    options.min_level_time = milliseconds(settings.level_timeout_ms / 2);
    options.breaker_failure_threshold = settings.breaker_threshold;
    // The bench compresses hours of traffic into seconds; the cool-down is scaled down with it.
    options.breaker_cool_down = milliseconds(settings.cool_down_ms);
    ai::SiteSpecChain chain(Levels(client, fake->base_url(), milliseconds(settings.level_timeout_ms)), options,
                            recorder, budget);

    std::atomic<int> next{0};
    std::atomic<int> invalid{0};
    std::mutex mutex;
    std::vector<double> times_ms;
    std::vector<double> costs_usd;
    std::map<std::string, int> served_by;
    const auto started = SteadyClock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < settings.threads; ++t) {
        workers.emplace_back([&] {
            for (int i = next.fetch_add(1); i < settings.generations; i = next.fetch_add(1)) {
                const auto begin = SteadyClock::now();
                const ai::SpecGeneration result = chain.Generate(Request(i));
                const double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - begin).count();
                if (!sitegen::Validate(result.spec).empty()) {
                    invalid.fetch_add(1);
                }
                std::lock_guard lock(mutex);
                times_ms.push_back(ms);
                costs_usd.push_back(static_cast<double>(result.cost_micro_usd) / 1e6);
                ++served_by[result.served_by];
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
    const double wall_s = std::chrono::duration<double>(SteadyClock::now() - started).count();
    const int valid = settings.generations - invalid.load();
    std::map<std::string, int> failures;
    for (const auto& record : recorder.records()) {
        if (record.outcome != "served") {
            ++failures[record.error_class];
        }
    }
    double total_cost = 0.0;
    for (const double c : costs_usd) {
        total_cost += c;
    }
    std::printf(
        "chaos: %d generations, each model level failing %.0f%% (mixed faults; 429 retry-after %d s), "
        "%d threads, breaker %d failures / %d ms cool-down, %.1f s wall\n",
        settings.generations, settings.fail_rate * 100.0, settings.retry_after_s, settings.threads,
        settings.breaker_threshold, settings.cool_down_ms, wall_s);
    std::printf("  valid stores: %d / %d\n", valid, settings.generations);
    std::printf("  time per store: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", Percentile(times_ms, 0.5),
                Percentile(times_ms, 0.99), Percentile(times_ms, 1.0));
    std::printf("  cost per store: mean $%.6f, p50 $%.6f, p99 $%.6f\n",
                total_cost / static_cast<double>(std::max<std::size_t>(1, costs_usd.size())),
                Percentile(costs_usd, 0.5), Percentile(costs_usd, 0.99));
    std::printf("  served by:");
    for (const auto& [level, count] : served_by) {
        std::printf(" %s=%d", level.c_str(), count);
    }
    std::printf("\n  failed/skipped attempts:");
    for (const auto& [cls, count] : failures) {
        std::printf(" %s=%d", cls.c_str(), count);
    }
    std::printf("\n");
    return invalid.load() == 0;
}

// Every level hangs (or every level refuses): the first generation, then `later_runs` more.
bool Dead(const Settings& settings, bool hang) {
    std::string error;
    auto fake = FakeModelServer::Start(error);
    if (!fake) {
        std::fprintf(stderr, "fake model server: %s\n", error.c_str());
        return false;
    }
    for (const auto& model : kModels) {
        fake->SetFault(model, FakeModelServer::Fault::kHang);
    }
    const std::string base =
        hang ? fake->base_url() : "http://127.0.0.1:" + std::to_string(FakeModelServer::ClosedPort());
    http::Client client;
    ai::InMemoryCallRecorder recorder;
    ai::UnlimitedBudget budget;
    ai::ChainOptions options;
    options.deadline = milliseconds(settings.hang_deadline_ms);
    options.min_level_time = milliseconds(settings.hang_deadline_ms / 8);
    // Seed-style per-level timeouts, far above the deadline: the deadline must bound the call.
    ai::SiteSpecChain chain(Levels(client, base, milliseconds(120'000)), options, recorder, budget);

    bool ok = true;
    auto run = [&](int i) {
        const auto begin = SteadyClock::now();
        const ai::SpecGeneration result = chain.Generate(Request(i));
        ok = ok && sitegen::Validate(result.spec).empty();
        return std::chrono::duration<double, std::milli>(SteadyClock::now() - begin).count();
    };
    const double first = run(0);
    std::vector<double> later;
    for (int i = 1; i <= settings.later_runs; ++i) {
        later.push_back(run(i));
    }
    std::printf("%s: deadline %d ms; first generation %.1f ms; next %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                hang ? "all hanging" : "all refused", settings.hang_deadline_ms, first, settings.later_runs,
                Percentile(later, 0.5), Percentile(later, 0.99), Percentile(later, 1.0));
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"AI chain chaos benchmark"};
    Settings settings;
    app.add_option("--generations", settings.generations, "generations in the chaos run");
    app.add_option("--fail-rate", settings.fail_rate, "probability that a model call fails");
    app.add_option("--threads", settings.threads, "concurrent generations");
    app.add_option("--deadline-ms", settings.deadline_ms, "chain deadline in the chaos run");
    app.add_option("--level-timeout-ms", settings.level_timeout_ms, "per-level timeout in the chaos run");
    app.add_option("--hang-deadline-ms", settings.hang_deadline_ms, "chain deadline when everything hangs");
    app.add_option("--later-runs", settings.later_runs, "generations after the first when everything is dead");
    app.add_option("--breaker-threshold", settings.breaker_threshold, "consecutive failures that open a breaker");
    app.add_option("--cool-down-ms", settings.cool_down_ms, "breaker cool-down in the chaos run");
    app.add_option("--retry-after-s", settings.retry_after_s, "retry-after the fake sends with 429");
    CLI11_PARSE(app, argc, argv);

    const bool chaos_ok = Chaos(settings);
    const bool hang_ok = Dead(settings, /*hang=*/true);
    const bool refused_ok = Dead(settings, /*hang=*/false);
    if (!chaos_ok || !hang_ok || !refused_ok) {
        std::fprintf(stderr, "FAILED: some generation did not yield a valid store\n");
        return 1;
    }
    return 0;
}
