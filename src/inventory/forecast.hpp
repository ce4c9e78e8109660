#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace webdpro::inventory {

/// How a product's demand was forecast.
enum class ForecastMethod : std::uint8_t {
    kNone,          ///< no sales in the history: nothing to forecast
    kAverage,       ///< under two weeks of history: the mean of the recent days ("recent_mean")
    kIntermittent,  ///< mostly days without a sale: Croston's method with the Syntetos–Boylan correction
    kHoltWinters,   ///< additive Holt-Winters, damped trend, weekly season
};

/// The names the API gives them: "none", "recent_mean", "croston", "holt_winters".
std::string_view ForecastMethodName(ForecastMethod method);

/// Histories shorter than this (days) are averaged: two weeks are needed to see a weekly season.
inline constexpr std::size_t kMinSeasonalDays = 14;
/// Length of the weekly season, in days.
inline constexpr std::size_t kSeason = 7;

/// The smoothing parameters of one Holt-Winters fit.
struct HoltWintersParams {
    double alpha = 0.2;  ///< level
    double beta = 0.05;  ///< trend
    double gamma = 0.1;  ///< season
    double phi = 0.9;    ///< trend damping (1 = undamped)
};

/// A demand forecast for the days after the history.
struct Forecast {
    ForecastMethod method = ForecastMethod::kNone;
    std::vector<double> daily;  ///< expected units per day, day 0 = the day after the history; all >= 0
    double residual_sd = 0;     ///< spread of the one-step-ahead errors (units/day), for safety stock
    HoltWintersParams params;   ///< the chosen parameters (kHoltWinters only)
};

/// Forecasts `horizon` days of demand from `history` (units sold per day, oldest first, ending the
/// day before the forecast's first day; a product's days before it was listed must not be in it).
/// Picks the method by the history (see ForecastMethod) and, for Holt-Winters, the parameters that
/// minimise the one-step-ahead squared error (coordinate search over a small grid). Pure and thread-safe; about a
/// twentieth of a millisecond for 13 weeks of history (bench/forecast).
///
/// `censored` (empty, or one flag per day of `history`; non-zero = censored) marks days whose
/// demand is unknown: the shelf was empty and nothing sold, so the zero says nothing about what
/// customers wanted. Such days are left out of the mean, of Croston's intervals and of the choice
/// of method, and Holt-Winters carries its state across them (its error is not scored there), so a
/// stock-out does not pull the forecast down.
Forecast ForecastDemand(std::span<const double> history, std::size_t horizon,
                        std::span<const std::uint8_t> censored = {});

/// Additive Holt-Winters with damped trend and weekly season for a chosen parameter set (history of
/// at least kMinSeasonalDays). Exposed for tests and the benchmark.
Forecast HoltWinters(std::span<const double> history, std::size_t horizon, const HoltWintersParams& params);

/// Croston's method with the Syntetos–Boylan bias correction: a flat rate of demand per day.
Forecast Croston(std::span<const double> history, std::size_t horizon);

/// Days from now until `stock` runs out when demand follows `daily` (day 0 = today, of which only
/// `today_left` (0..1] is still ahead). Fractional; 0 when there is no stock; nullopt when it lasts
/// past the forecast.
std::optional<double> DaysUntilStockout(std::span<const double> daily, std::int64_t stock, double today_left);

/// What to order now so that stock covers the lead time plus the review period (the days until the
/// next look) with a safety margin of z·σ·√(lead + review) for one-step error σ: the expected demand
/// over those days plus the margin, rounded up, minus the stock; never below zero. Days past the
/// forecast repeat its mean.
std::int64_t ReorderQuantity(std::span<const double> daily, double residual_sd, std::int64_t stock, int lead_time_days,
                             int review_days, double z);

}  // namespace webdpro::inventory
