#include "ai/breaker_prober.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include "core/metrics.hpp"

namespace webdpro::ai {
namespace {

double StateValue(CircuitBreaker::State state) {
    switch (state) {
        case CircuitBreaker::State::kClosed:
            return 0;
        case CircuitBreaker::State::kOpen:
            return 1;
        case CircuitBreaker::State::kHalfOpen:
            return 2;
    }
    return 1;
}

}  // namespace

BreakerProber::BreakerProber(SiteSpecChain& chain, BreakerProberOptions options)
    : chain_(chain),
      loop_(BackgroundLoopOptions{.name = "ai-probe",
                                  .period = options.period,
                                  .initial_delay = options.period,
                                  .metrics = options.metrics},
            [this] {
                RunOnce();
                return LoopNext::kWait;
            }) {
    if (options.metrics == nullptr) {
        return;
    }
    auto& registry = options.metrics->registry();
    auto& up =
        prometheus::BuildGauge()
            .Name("webdpro_ai_level_up")
            .Help("1 when a model level has credentials and its breaker is closed, so generations use it; else 0.")
            .Register(registry);
    auto& state = prometheus::BuildGauge()
                      .Name("webdpro_ai_breaker_state")
                      .Help("Breaker of each model level: 0 closed, 1 open (skipped), 2 half-open (being probed).")
                      .Register(registry);
    auto& probes = prometheus::BuildCounter()
                       .Name("webdpro_ai_probes_total")
                       .Help("Background probes of model levels whose breaker cool-down passed, by what they found.")
                       .Register(registry);
    for (const LevelHealth& level : chain_.Health()) {
        up_.push_back(&up.Add({{"level", level.level}}));
        state_.push_back(&state.Add({{"level", level.level}}));
        probes_up_.push_back(&probes.Add({{"level", level.level}, {"result", "up"}}));
        probes_down_.push_back(&probes.Add({{"level", level.level}, {"result", "down"}}));
    }
    Publish();
}

BreakerProber::~BreakerProber() {
    Stop();
}

void BreakerProber::Start() {
    loop_.Start();
}

void BreakerProber::Stop() {
    loop_.Stop();
}

std::vector<ProbeResult> BreakerProber::RunOnce() {
    std::vector<ProbeResult> probed = chain_.ProbeDueLevels();
    for (const ProbeResult& probe : probed) {
        if (probe.level < probes_up_.size()) {
            (probe.up ? probes_up_ : probes_down_)[probe.level]->Increment();
        }
    }
    Publish();
    return probed;
}

void BreakerProber::Publish() {
    if (up_.empty()) {
        return;
    }
    const std::vector<LevelHealth> health = chain_.Health();
    for (std::size_t i = 0; i < health.size() && i < up_.size(); ++i) {
        up_[i]->Set(health[i].up ? 1 : 0);
        state_[i]->Set(StateValue(health[i].breaker));
    }
}

}  // namespace webdpro::ai
