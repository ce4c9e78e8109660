#include "inventory/forecast.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace webdpro::inventory {
namespace {

/// Days looked at to decide whether a product sells on most days.
constexpr std::size_t kRecentDays = 56;
/// Days averaged by the short-history fallback.
constexpr std::size_t kAverageDays = 7;
/// A product that sells on fewer than this share of recent days is an intermittent seller; a
/// weekly season cannot be estimated from such a series (Syntetos–Boylan: mean interval > 1.32).
constexpr double kIntermittentSaleShare = 1.0 / 1.32;
/// Full weeks used to initialise level, trend and season.
constexpr std::size_t kMaxInitWeeks = 4;
/// One-step errors of the first week are not scored: the initial state is still settling.
constexpr std::size_t kScoreFrom = kSeason;
/// Values above the weekday's median plus this many robust deviations are capped while fitting, so
/// a promotion day neither drags the level up nor wins the parameter search.
constexpr double kSpikeDeviations = 5.0;

constexpr std::array kAlphas = {0.05, 0.1, 0.2, 0.35, 0.6};
constexpr std::array kBetas = {0.0, 0.05, 0.15};
constexpr std::array kGammas = {0.05, 0.15, 0.3};
constexpr std::array kPhis = {0.8, 0.9, 0.98};
/// Rounds of the coordinate search over the parameters.
constexpr int kSearchRounds = 2;
constexpr std::array kCrostonAlphas = {0.05, 0.1, 0.2, 0.3};

double Mean(std::span<const double> values) {
    if (values.empty()) {
        return 0;
    }
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double StdDev(std::span<const double> values) {
    if (values.size() < 2) {
        return 0;
    }
    const double mean = Mean(values);
    double sum = 0;
    for (double v : values) {
        sum += (v - mean) * (v - mean);
    }
    return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

double Median(std::vector<double> values) {
    if (values.empty()) {
        return 0;
    }
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

std::span<const double> Tail(std::span<const double> values, std::size_t n) {
    return values.subspan(values.size() - std::min(n, values.size()));
}

/// The history with one-off spikes capped at the weekday's median plus kSpikeDeviations robust
/// deviations (MAD), so that the fit follows the everyday pattern.
std::vector<double> CapSpikes(std::span<const double> history) {
    std::array<std::vector<double>, kSeason> by_weekday;
    for (std::size_t t = 0; t < history.size(); ++t) {
        by_weekday[t % kSeason].push_back(history[t]);
    }
    std::array<double, kSeason> medians{};
    for (std::size_t p = 0; p < kSeason; ++p) {
        medians[p] = Median(by_weekday[p]);
    }
    std::vector<double> deviations;
    deviations.reserve(history.size());
    for (std::size_t t = 0; t < history.size(); ++t) {
        deviations.push_back(std::abs(history[t] - medians[t % kSeason]));
    }
    // 1.4826·MAD estimates σ for normal noise; at least one unit so that low sellers keep their days.
    const double scale = std::max({1.4826 * Median(deviations), 0.1 * Mean(history), 1.0});
    std::vector<double> capped(history.begin(), history.end());
    for (std::size_t t = 0; t < capped.size(); ++t) {
        capped[t] = std::min(capped[t], medians[t % kSeason] + kSpikeDeviations * scale);
    }
    return capped;
}

/// State after running the recursions over the history: the one-step squared error and the state
/// to forecast from.
struct HwRun {
    double sse = 0;
    std::size_t scored = 0;
    double level = 0;
    double trend = 0;
    std::array<double, kSeason> season{};
};

/// Level = mean of the first week, trend = slope between the first and the last of up to
/// kMaxInitWeeks weekly means, season = each weekday's mean deviation from its week's mean.
HwRun InitialState(std::span<const double> y) {
    const std::size_t weeks = std::min(kMaxInitWeeks, y.size() / kSeason);
    std::vector<double> week_means;
    for (std::size_t w = 0; w < weeks; ++w) {
        week_means.push_back(Mean(y.subspan(w * kSeason, kSeason)));
    }
    HwRun state;
    state.level = week_means.front();
    if (weeks > 1) {
        state.trend = (week_means.back() - week_means.front()) / static_cast<double>((weeks - 1) * kSeason);
    }
    for (std::size_t p = 0; p < kSeason; ++p) {
        double sum = 0;
        for (std::size_t w = 0; w < weeks; ++w) {
            sum += y[w * kSeason + p] - week_means[w];
        }
        state.season[p] = sum / static_cast<double>(weeks);
    }
    // The level starts at the middle of the first week; move it to just before day 0.
    state.level -= state.trend * (static_cast<double>(kSeason) - 1) / 2;
    return state;
}

bool IsCensored(std::span<const std::uint8_t> censored, std::size_t t) {
    return t < censored.size() && censored[t] != 0;
}

/// `censored` days are missing values: the state moves on as predicted (the update with the
/// prediction as the observation) and the day is not scored.
HwRun RunHoltWinters(std::span<const double> y, const HoltWintersParams& p, const HwRun& initial,
                     std::span<const std::uint8_t> censored = {}) {
    HwRun s = initial;
    for (std::size_t t = 0; t < y.size(); ++t) {
        double& season = s.season[t % kSeason];
        const double base = s.level + p.phi * s.trend;
        const double predicted = std::max(0.0, base + season);
        const bool missing = IsCensored(censored, t);
        const double observed = missing ? base + season : y[t];
        if (t >= kScoreFrom && !missing) {
            s.sse += (y[t] - predicted) * (y[t] - predicted);
            ++s.scored;
        }
        const double level = p.alpha * (observed - season) + (1 - p.alpha) * base;
        s.trend = p.beta * (level - s.level) + (1 - p.beta) * p.phi * s.trend;
        season = p.gamma * (observed - base) + (1 - p.gamma) * season;
        s.level = level;
    }
    return s;
}

/// The days whose demand was seen (censored ones left out), oldest first.
std::vector<double> Observed(std::span<const double> history, std::span<const std::uint8_t> censored) {
    std::vector<double> out;
    out.reserve(history.size());
    for (std::size_t t = 0; t < history.size(); ++t) {
        if (!IsCensored(censored, t)) {
            out.push_back(history[t]);
        }
    }
    return out;
}

/// The history with each censored day replaced by the mean of the seen days of its weekday (or of
/// all seen days when that weekday was never seen), so that the initial level and season and the
/// spike caps start from plausible demand instead of stock-out zeros.
std::vector<double> Imputed(std::span<const double> history, std::span<const std::uint8_t> censored) {
    std::array<double, kSeason> sum{};
    std::array<int, kSeason> count{};
    double all_sum = 0;
    int all_count = 0;
    for (std::size_t t = 0; t < history.size(); ++t) {
        if (!IsCensored(censored, t)) {
            sum[t % kSeason] += history[t];
            ++count[t % kSeason];
            all_sum += history[t];
            ++all_count;
        }
    }
    const double overall = all_count > 0 ? all_sum / static_cast<double>(all_count) : 0;
    std::vector<double> out(history.begin(), history.end());
    for (std::size_t t = 0; t < out.size(); ++t) {
        if (IsCensored(censored, t)) {
            const std::size_t p = t % kSeason;
            out[t] = count[p] > 0 ? sum[p] / static_cast<double>(count[p]) : overall;
        }
    }
    return out;
}

Forecast FromState(const HwRun& s, std::size_t n, std::size_t horizon, const HoltWintersParams& p) {
    Forecast f;
    f.method = ForecastMethod::kHoltWinters;
    f.params = p;
    f.residual_sd = s.scored > 0 ? std::sqrt(s.sse / static_cast<double>(s.scored)) : 0;
    double damped = 0;
    double power = 1;
    for (std::size_t h = 1; h <= horizon; ++h) {
        power *= p.phi;
        damped += power;
        f.daily.push_back(std::max(0.0, s.level + damped * s.trend + s.season[(n + h - 1) % kSeason]));
    }
    return f;
}

Forecast Average(std::span<const double> history, std::size_t horizon) {
    const auto recent = Tail(history, kAverageDays);
    Forecast f;
    f.method = ForecastMethod::kAverage;
    f.daily.assign(horizon, Mean(recent));
    f.residual_sd = StdDev(recent);
    return f;
}

bool IsIntermittent(std::span<const double> history) {
    const auto recent = Tail(history, kRecentDays);
    const auto selling = std::ranges::count_if(recent, [](double v) { return v > 0; });
    return static_cast<double>(selling) < kIntermittentSaleShare * static_cast<double>(recent.size());
}

/// One Croston pass: smoothed size z and interval p updated on sale days; returns the one-step
/// squared error of the corrected rate and leaves the final rate in `rate`.
double RunCroston(std::span<const double> y, double alpha, double& rate) {
    double size = 0;
    double interval = 0;
    std::size_t since = 1;
    std::size_t t = 0;
    // Start from the first sale: its size, and the days up to it as the first interval.
    for (; t < y.size(); ++t) {
        if (y[t] > 0) {
            size = y[t];
            interval = static_cast<double>(t + 1);
            ++t;
            break;
        }
    }
    double sse = 0;
    const double correction = 1 - alpha / 2;
    for (; t < y.size(); ++t) {
        const double predicted = correction * size / interval;
        sse += (y[t] - predicted) * (y[t] - predicted);
        if (y[t] > 0) {
            size = alpha * y[t] + (1 - alpha) * size;
            interval = alpha * static_cast<double>(since) + (1 - alpha) * interval;
            since = 1;
        } else {
            ++since;
        }
    }
    rate = interval > 0 ? correction * size / interval : 0;
    return sse;
}

}  // namespace

std::string_view ForecastMethodName(ForecastMethod method) {
    switch (method) {
        case ForecastMethod::kNone:
            return "none";
        case ForecastMethod::kAverage:
            return "recent_mean";
        case ForecastMethod::kIntermittent:
            return "croston";
        case ForecastMethod::kHoltWinters:
            return "holt_winters";
    }
    return "none";
}

Forecast HoltWinters(std::span<const double> history, std::size_t horizon, const HoltWintersParams& params) {
    if (history.size() < kMinSeasonalDays) {
        return Average(history, horizon);
    }
    const std::vector<double> y = CapSpikes(history);
    return FromState(RunHoltWinters(y, params, InitialState(y)), y.size(), horizon, params);
}

Forecast Croston(std::span<const double> history, std::size_t horizon) {
    double best_sse = std::numeric_limits<double>::infinity();
    double best_rate = 0;
    for (double alpha : kCrostonAlphas) {
        double rate = 0;
        const double sse = RunCroston(history, alpha, rate);
        if (sse < best_sse) {
            best_sse = sse;
            best_rate = rate;
        }
    }
    Forecast f;
    f.method = ForecastMethod::kIntermittent;
    f.daily.assign(horizon, best_rate);
    f.residual_sd = StdDev(Tail(history, kRecentDays));
    return f;
}

Forecast ForecastDemand(std::span<const double> history, std::size_t horizon, std::span<const std::uint8_t> censored) {
    // Mean, intermittency and Croston look only at the days whose demand was seen.
    const std::vector<double> observed = Observed(history, censored);
    if (std::ranges::none_of(observed, [](double v) { return v > 0; })) {
        Forecast f;
        f.daily.assign(horizon, 0.0);
        return f;
    }
    if (observed.size() < kMinSeasonalDays || history.size() < kMinSeasonalDays) {
        return Average(observed, horizon);
    }
    if (IsIntermittent(observed)) {
        return Croston(observed, horizon);
    }
    // Holt-Winters keeps every day in place (the weekday of each matters) and skips censored ones.
    const std::vector<double> y = CapSpikes(Imputed(history, censored));
    const HwRun initial = InitialState(y);
    // Coordinate search over the grid: each parameter in turn over its values, the others held,
    // twice round. About 30 fits instead of the grid's 135, for the same error (bench/forecast).
    HoltWintersParams best_params;
    HwRun best = RunHoltWinters(y, best_params, initial, censored);
    auto consider = [&](HoltWintersParams p) {
        HwRun run = RunHoltWinters(y, p, initial, censored);
        if (run.sse < best.sse) {
            best = run;
            best_params = p;
        }
    };
    for (int round = 0; round < kSearchRounds; ++round) {
        const HoltWintersParams start = best_params;
        for (double alpha : kAlphas) {
            consider({alpha, best_params.beta, best_params.gamma, best_params.phi});
        }
        for (double gamma : kGammas) {
            consider({best_params.alpha, best_params.beta, gamma, best_params.phi});
        }
        for (double beta : kBetas) {
            consider({best_params.alpha, beta, best_params.gamma, best_params.phi});
        }
        for (double phi : kPhis) {
            consider({best_params.alpha, best_params.beta, best_params.gamma, phi});
        }
        if (start.alpha == best_params.alpha && start.beta == best_params.beta && start.gamma == best_params.gamma &&
            start.phi == best_params.phi) {
            break;
        }
    }
    return FromState(best, y.size(), horizon, best_params);
}

std::optional<double> DaysUntilStockout(std::span<const double> daily, std::int64_t stock, double today_left) {
    if (stock <= 0) {
        return 0.0;
    }
    double left = static_cast<double>(stock);
    double elapsed = 0;
    for (std::size_t d = 0; d < daily.size(); ++d) {
        const double share = d == 0 ? std::clamp(today_left, 0.0, 1.0) : 1.0;
        const double demand = daily[d] * share;
        if (demand >= left && demand > 0) {
            return elapsed + share * left / demand;
        }
        left -= demand;
        elapsed += share;
    }
    return std::nullopt;
}

std::int64_t ReorderQuantity(std::span<const double> daily, double residual_sd, std::int64_t stock, int lead_time_days,
                             int review_days, double z) {
    const int cover = std::max(0, lead_time_days) + std::max(0, review_days);
    const double tail_rate = Mean(daily);
    double demand = 0;
    for (int d = 0; d < cover; ++d) {
        demand += static_cast<std::size_t>(d) < daily.size() ? daily[static_cast<std::size_t>(d)] : tail_rate;
    }
    if (demand <= 0) {
        return 0;
    }
    const double safety = z * residual_sd * std::sqrt(static_cast<double>(cover));
    const auto target = static_cast<std::int64_t>(std::ceil(demand + safety - 1e-9));
    return std::max<std::int64_t>(0, target - stock);
}

}  // namespace webdpro::inventory
