#pragma once

#include <chrono>
#include <vector>

#include "ai/site_spec_chain.hpp"
#include "core/background_loop.hpp"

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace webdpro::ai {

struct BreakerProberOptions {
    /// How often the loop looks for breakers whose cool-down has passed (a mutex per level).
    std::chrono::milliseconds period{1'000};
    /// When set: webdpro_ai_level_up, webdpro_ai_breaker_state and webdpro_ai_probes_total by
    /// level, and the loop's run counts (loop="ai-probe").
    Metrics* metrics = nullptr;
};

/// Decides in the background whether a model level whose breaker opened is back: every period
/// it runs SiteSpecChain::ProbeDueLevels on a core::BackgroundLoop of its own, then publishes each
/// level's health. The chain must be built with ChainOptions::background_probe, so that owners'
/// requests skip an open level instead of probing it themselves.
///
/// Start() and Stop() are thread-safe; Stop() waits for a probe in hand (at most the chain's
/// probe timeout per level). The chain and the metrics must outlive the prober.
class BreakerProber final {
public:
    BreakerProber(SiteSpecChain& chain, BreakerProberOptions options);
    ~BreakerProber();
    BreakerProber(const BreakerProber&) = delete;
    BreakerProber& operator=(const BreakerProber&) = delete;

    void Start();
    void Stop();
    /// One pass on the caller's thread: probes what is due, then publishes health. Returns what
    /// the probes found. Blocking.
    std::vector<ProbeResult> RunOnce();

private:
    void Publish();

    SiteSpecChain& chain_;
    std::vector<prometheus::Gauge*> up_;
    std::vector<prometheus::Gauge*> state_;
    std::vector<prometheus::Counter*> probes_up_;
    std::vector<prometheus::Counter*> probes_down_;
    BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace webdpro::ai
