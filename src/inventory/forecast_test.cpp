#include "inventory/forecast.hpp"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace webdpro::inventory {
namespace {

constexpr std::size_t kHorizon = 14;

std::vector<double> Constant(std::size_t days, double value) {
    return std::vector<double>(days, value);
}

/// Mon..Sun pattern (day 0 is the pattern's first day), repeated.
std::vector<double> Weekly(std::size_t days, const std::array<double, 7>& week) {
    std::vector<double> y;
    for (std::size_t t = 0; t < days; ++t) {
        y.push_back(week[t % 7]);
    }
    return y;
}

TEST(ForecastDemand, NoSalesForecastsNothing) {
    const Forecast f = ForecastDemand(Constant(90, 0), kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kNone);
    ASSERT_EQ(f.daily.size(), kHorizon);
    for (double d : f.daily) {
        EXPECT_EQ(d, 0);
    }
    EXPECT_EQ(f.residual_sd, 0);
}

TEST(ForecastDemand, EmptyHistoryForecastsNothing) {
    const Forecast f = ForecastDemand({}, kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kNone);
    EXPECT_EQ(f.daily.size(), kHorizon);
}

TEST(ForecastDemand, ShortHistoryAveragesTheRecentDays) {
    // 10 days: the last 7 average (2+4+...); the first days do not count.
    const std::vector<double> y = {50, 50, 50, 2, 4, 6, 8, 2, 4, 2};
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kAverage);
    ASSERT_EQ(f.daily.size(), kHorizon);
    EXPECT_NEAR(f.daily[0], 28.0 / 7, 1e-9);
    EXPECT_NEAR(f.daily[13], 28.0 / 7, 1e-9);
    EXPECT_GT(f.residual_sd, 0);
}

TEST(ForecastDemand, ConstantSalesForecastTheSameWithNoError) {
    const Forecast f = ForecastDemand(Constant(120, 12), kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kHoltWinters);
    ASSERT_EQ(f.daily.size(), kHorizon);
    for (double d : f.daily) {
        EXPECT_NEAR(d, 12, 1e-6);
    }
    EXPECT_NEAR(f.residual_sd, 0, 1e-6);
}

TEST(ForecastDemand, FollowsATrendDampedButUpward) {
    std::vector<double> y;
    for (std::size_t t = 0; t < 120; ++t) {
        y.push_back(10 + 0.2 * static_cast<double>(t));  // 10 → 33.8
    }
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kHoltWinters);
    // The next day continues the line; later days keep rising, at most as fast as the trend.
    EXPECT_NEAR(f.daily[0], 34.0, 0.5);
    EXPECT_GT(f.daily[13], f.daily[0]);
    EXPECT_LE(f.daily[13], 34.0 + 0.2 * 13 + 0.5);
}

TEST(ForecastDemand, RepeatsAWeeklyPattern) {
    const std::array<double, 7> week = {8, 8, 9, 8, 10, 20, 25};  // weekend peak
    const std::vector<double> y = Weekly(119, week);              // 17 weeks: next day is pattern day 0
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kHoltWinters);
    for (std::size_t h = 0; h < kHorizon; ++h) {
        EXPECT_NEAR(f.daily[h], week[h % 7], 0.5) << "day " << h;
    }
}

TEST(ForecastDemand, WeeklyPatternStartingMidWeekKeepsItsPhase) {
    const std::array<double, 7> week = {8, 8, 9, 8, 10, 20, 25};
    const std::vector<double> y = Weekly(125, week);  // ends on pattern day 5 → next is day 6 (the peak)
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_NEAR(f.daily[0], 25, 0.5);
    EXPECT_NEAR(f.daily[1], 8, 0.5);
}

TEST(ForecastDemand, OneSpikeDoesNotMoveTheForecast) {
    std::vector<double> y = Constant(120, 10);
    y[100] = 200;  // a festival order
    const Forecast f = ForecastDemand(y, kHorizon);
    for (double d : f.daily) {
        EXPECT_NEAR(d, 10, 1.0);
    }
}

TEST(ForecastDemand, ASpikeOnTheLastDayIsCappedToo) {
    std::vector<double> y = Constant(120, 10);
    y.back() = 300;
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_LT(f.daily[0], 25);
}

TEST(ForecastDemand, SparseSalesUseCrostonsRate) {
    // Two units every fifth day: 0.4 units a day on average.
    std::vector<double> y;
    for (std::size_t t = 0; t < 120; ++t) {
        y.push_back(t % 5 == 4 ? 2 : 0);
    }
    const Forecast f = ForecastDemand(y, kHorizon);
    EXPECT_EQ(f.method, ForecastMethod::kIntermittent);
    for (double d : f.daily) {
        // The SBA correction shades the rate down by alpha/2 (at most 15%).
        EXPECT_GT(d, 0.4 * 0.85 - 1e-9);
        EXPECT_LE(d, 0.4 + 1e-9);
    }
    EXPECT_GT(f.residual_sd, 0);
}

TEST(ForecastDemand, NeverForecastsBelowZero) {
    std::vector<double> y;
    for (std::size_t t = 0; t < 60; ++t) {
        y.push_back(std::max(0.0, 40 - 0.7 * static_cast<double>(t)));  // falling to zero
    }
    const Forecast f = ForecastDemand(y, kHorizon);
    for (double d : f.daily) {
        EXPECT_GE(d, 0);
    }
}

TEST(ForecastDemand, NoisySeriesStayNearTheirMean) {
    std::mt19937 rng(7);
    std::poisson_distribution<int> sales(15);
    std::vector<double> y;
    for (std::size_t t = 0; t < 180; ++t) {
        y.push_back(sales(rng));
    }
    const Forecast f = ForecastDemand(y, kHorizon);
    for (double d : f.daily) {
        EXPECT_NEAR(d, 15, 3);
    }
    EXPECT_NEAR(f.residual_sd, std::sqrt(15.0), 1.5);
}

TEST(HoltWinters, FallsBackToTheAverageOnShortHistories) {
    const Forecast f = HoltWinters(Constant(10, 3), kHorizon, {});
    EXPECT_EQ(f.method, ForecastMethod::kAverage);
}

TEST(ForecastMethodName, NamesEveryMethod) {
    EXPECT_EQ(ForecastMethodName(ForecastMethod::kNone), "none");
    EXPECT_EQ(ForecastMethodName(ForecastMethod::kAverage), "recent_mean");
    EXPECT_EQ(ForecastMethodName(ForecastMethod::kIntermittent), "croston");
    EXPECT_EQ(ForecastMethodName(ForecastMethod::kHoltWinters), "holt_winters");
}

double MeanOf(const std::vector<double>& daily) {
    double sum = 0;
    for (double d : daily) {
        sum += d;
    }
    return daily.empty() ? 0 : sum / static_cast<double>(daily.size());
}

/// A steady seller of 10 a day whose shelf was empty for the last `empty_days` days (nothing sold).
struct StockedOut {
    std::vector<double> sales;
    std::vector<std::uint8_t> censored;
};
StockedOut SteadyThenEmpty(std::size_t days, std::size_t empty_days) {
    StockedOut out{Constant(days, 10), std::vector<std::uint8_t>(days, 0)};
    for (std::size_t t = days - empty_days; t < days; ++t) {
        out.sales[t] = 0;
        out.censored[t] = 1;
    }
    return out;
}

TEST(ForecastDemand, StockOutDaysDoNotPullHoltWintersDown) {
    const StockedOut h = SteadyThenEmpty(70, 10);
    const Forecast uncensored = ForecastDemand(h.sales, kHorizon);
    const Forecast censored = ForecastDemand(h.sales, kHorizon, h.censored);
    EXPECT_EQ(censored.method, ForecastMethod::kHoltWinters);
    EXPECT_NEAR(MeanOf(censored.daily), 10, 0.5);
    // Without the flags the empty days read as no demand and drag the forecast well below.
    EXPECT_LT(MeanOf(uncensored.daily), 7);
}

TEST(ForecastDemand, StockOutDaysAreLeftOutOfTheRecentMean) {
    const StockedOut h = SteadyThenEmpty(10, 4);
    const Forecast f = ForecastDemand(h.sales, kHorizon, h.censored);
    EXPECT_EQ(f.method, ForecastMethod::kAverage);
    EXPECT_DOUBLE_EQ(MeanOf(f.daily), 10);
    EXPECT_LT(MeanOf(ForecastDemand(h.sales, kHorizon).daily), 9);
}

TEST(ForecastDemand, StockOutDaysDoNotMakeASteadySellerIntermittent) {
    // Sold 5 a day while stocked, but the shelf was empty on most of the last 8 weeks.
    std::vector<double> sales = Constant(70, 5);
    std::vector<std::uint8_t> censored(70, 0);
    for (std::size_t t = 20; t < 66; ++t) {
        sales[t] = 0;
        censored[t] = 1;
    }
    EXPECT_EQ(ForecastDemand(sales, kHorizon).method, ForecastMethod::kIntermittent);
    // 24 stocked days are enough for the weekly model, which carries its state over the gap.
    const Forecast f = ForecastDemand(sales, kHorizon, censored);
    EXPECT_EQ(f.method, ForecastMethod::kHoltWinters);
    EXPECT_NEAR(MeanOf(f.daily), 5, 0.01);
}

TEST(ForecastDemand, CrostonCountsIntervalsOverStockedDaysOnly) {
    // A sale of 2 every 4th day, with 30 days out of stock in the middle.
    std::vector<double> sales;
    for (std::size_t t = 0; t < 90; ++t) {
        sales.push_back(t % 4 == 3 ? 2 : 0);
    }
    std::vector<std::uint8_t> censored(90, 0);
    for (std::size_t t = 30; t < 60; ++t) {
        sales[t] = 0;
        censored[t] = 1;
    }
    const Forecast f = ForecastDemand(sales, kHorizon, censored);
    EXPECT_EQ(f.method, ForecastMethod::kIntermittent);
    EXPECT_NEAR(MeanOf(f.daily), 0.5, 0.1);
    // Counted as days without demand, the gap stretches the smoothed interval and lowers the rate.
    EXPECT_LT(MeanOf(ForecastDemand(sales, kHorizon).daily), MeanOf(f.daily));
}

TEST(ForecastDemand, AlwaysEmptyShelfForecastsNothing) {
    const Forecast f = ForecastDemand(Constant(30, 0), kHorizon, std::vector<std::uint8_t>(30, 1));
    EXPECT_EQ(f.method, ForecastMethod::kNone);
    EXPECT_EQ(f.daily.size(), kHorizon);
}

TEST(DaysUntilStockout, WalksTheDailyForecast) {
    const std::vector<double> daily = {4, 4, 4, 4};
    EXPECT_NEAR(*DaysUntilStockout(daily, 10, 1.0), 2.5, 1e-9);
    // Half of today is left: 2 units today, then 4 a day.
    EXPECT_NEAR(*DaysUntilStockout(daily, 10, 0.5), 0.5 + 2.0, 1e-9);
    EXPECT_NEAR(*DaysUntilStockout(daily, 16, 1.0), 4.0, 1e-9);
}

TEST(DaysUntilStockout, NoStockIsZeroAndEnoughStockIsNever) {
    const std::vector<double> daily = {1, 1, 1};
    EXPECT_EQ(*DaysUntilStockout(daily, 0, 1.0), 0.0);
    EXPECT_FALSE(DaysUntilStockout(daily, 4, 1.0).has_value());
    EXPECT_FALSE(DaysUntilStockout(std::vector<double>{0, 0, 0}, 1, 1.0).has_value());
}

TEST(ReorderQuantity, CoversLeadTimeAndReviewWithSafetyStock) {
    const std::vector<double> daily(14, 10.0);
    // 10 days of 10 units, no error: 100 − 30 in stock.
    EXPECT_EQ(ReorderQuantity(daily, 0, 30, 3, 7, 1.65), 70);
    // σ = 2: 1.65·2·√10 = 10.43 → 111 − 30.
    EXPECT_EQ(ReorderQuantity(daily, 2, 30, 3, 7, 1.65), 81);
    // Enough on the shelf: nothing.
    EXPECT_EQ(ReorderQuantity(daily, 2, 500, 3, 7, 1.65), 0);
}

TEST(ReorderQuantity, DaysPastTheForecastRepeatItsMean) {
    const std::vector<double> daily = {1, 3};
    EXPECT_EQ(ReorderQuantity(daily, 0, 0, 2, 2, 1.65), 8);
}

TEST(ReorderQuantity, NoDemandOrdersNothing) {
    EXPECT_EQ(ReorderQuantity(std::vector<double>(14, 0.0), 3, 0, 3, 7, 1.65), 0);
}

}  // namespace
}  // namespace webdpro::inventory
