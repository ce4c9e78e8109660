#include "storage/value.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "storage/db.hpp"

namespace webdpro::storage {
namespace {

static_assert(Bindable<int>);
static_assert(Bindable<std::int64_t>);
static_assert(Bindable<std::uint32_t>);
static_assert(Bindable<bool>);
static_assert(Bindable<double>);
static_assert(Bindable<std::string>);
static_assert(Bindable<std::string_view>);
static_assert(Bindable<const char*>);
static_assert(Bindable<const char (&)[4]>);
static_assert(Bindable<Blob>);
static_assert(Bindable<std::nullptr_t>);
static_assert(Bindable<std::optional<int>>);
static_assert(Bindable<std::optional<std::string>>);
static_assert(Bindable<TenantId>);
static_assert(Bindable<std::optional<OrderId>>);
// Refused: these would bind something surprising.
static_assert(!Bindable<std::uint64_t>, "may wrap negative");
static_assert(!Bindable<char>, "a character is not a number");
static_assert(!Bindable<Paise>, "money is bound as .value");
static_assert(!Bindable<std::vector<Value>>);
static_assert(!Bindable<std::optional<Paise>>);

TEST(ToValue, ConvertsScalars) {
    EXPECT_EQ(ToValue(42), Value(std::int64_t{42}));
    EXPECT_EQ(ToValue(std::int64_t{-7}), Value(std::int64_t{-7}));
    EXPECT_EQ(ToValue(std::uint32_t{4000000000U}), Value(std::int64_t{4000000000LL}));
    EXPECT_EQ(ToValue(true), Value(std::int64_t{1}));
    EXPECT_EQ(ToValue(false), Value(std::int64_t{0}));
    EXPECT_EQ(ToValue(2.5), Value(2.5));
    EXPECT_EQ(ToValue(nullptr), Value(nullptr));
    EXPECT_EQ(ToValue(std::nullopt), Value(nullptr));
}

TEST(ToValue, ConvertsText) {
    const std::string owned = "owned";
    const std::string_view view = "view";
    const char* pointer = "pointer";
    const char* null_pointer = nullptr;
    EXPECT_EQ(ToValue(owned), Value(std::string("owned")));
    EXPECT_EQ(ToValue(view), Value(std::string("view")));
    EXPECT_EQ(ToValue(pointer), Value(std::string("pointer")));
    EXPECT_EQ(ToValue("literal"), Value(std::string("literal")));
    EXPECT_EQ(ToValue(null_pointer), Value(nullptr));
}

TEST(ToValue, ConvertsOptionalsIdsAndBlobs) {
    EXPECT_EQ(ToValue(std::optional<int>()), Value(nullptr));
    EXPECT_EQ(ToValue(std::optional<int>(3)), Value(std::int64_t{3}));
    const TenantId tenant("ten_x");
    EXPECT_EQ(ToValue(tenant), Value(std::string("ten_x")));
    EXPECT_EQ(ToValue(std::optional<TenantId>()), Value(nullptr));
    const Blob bytes = {0, 1, 255};
    EXPECT_EQ(ToValue(bytes), Value(bytes));
    EXPECT_EQ(ToValue(Paise(1999).value), Value(std::int64_t{1999}));
}

TEST(Row, ReadsTypedColumns) {
    const Row row({std::int64_t{7}, 1.5, std::string("text"), Blob{1, 2}, nullptr, std::int64_t{1}});
    EXPECT_EQ(row.ColumnCount(), 6U);
    EXPECT_EQ(row.Int(0), 7);
    EXPECT_DOUBLE_EQ(row.Real(1), 1.5);
    EXPECT_EQ(row.Text(2), "text");
    EXPECT_EQ(row.BlobAt(3), (Blob{1, 2}));
    EXPECT_TRUE(row.IsNull(4));
    EXPECT_FALSE(row.IsNull(0));
    EXPECT_TRUE(row.Bool(5));
    EXPECT_DOUBLE_EQ(row.Real(0), 7.0) << "an INTEGER column reads as REAL";
}

TEST(Row, OptionalAccessorsMapNullToNullopt) {
    const Row row({nullptr, std::int64_t{3}, std::string("a")});
    EXPECT_EQ(row.OptInt(0), std::nullopt);
    EXPECT_EQ(row.OptText(0), std::nullopt);
    EXPECT_EQ(row.OptReal(0), std::nullopt);
    EXPECT_EQ(row.OptBlob(0), std::nullopt);
    EXPECT_EQ(row.OptBool(0), std::nullopt);
    EXPECT_EQ(row.OptInt(1), 3);
    EXPECT_EQ(row.OptText(2), "a");
}

TEST(Row, WrongTypeIsALogicError) {
    const Row row({std::string("text"), nullptr, std::int64_t{2}, 1.5});
    EXPECT_THROW(row.Int(0), std::logic_error);
    EXPECT_THROW(row.Text(1), std::logic_error) << "NULL needs the Opt accessor";
    EXPECT_THROW(row.Bool(2), std::logic_error) << "2 is not a boolean";
    EXPECT_THROW(row.Int(3), std::logic_error) << "REAL never narrows to INTEGER";
    EXPECT_THROW(row.OptInt(0), std::logic_error) << "present but of the wrong type";
    try {
        row.Int(0);
    } catch (const std::logic_error& e) {
        EXPECT_STREQ(e.what(), "column 0 is TEXT, not INTEGER");
    }
}

TEST(Row, ColumnOutOfRangeIsALogicError) {
    const Row row({std::int64_t{1}});
    EXPECT_THROW(row.Int(1), std::logic_error);
    EXPECT_THROW(row.IsNull(5), std::logic_error);
    EXPECT_THROW(Row().At(0), std::logic_error);
}

TEST(Row, ReadsColumnsByName) {
    const Row row({std::int64_t{7}, std::string("text"), nullptr},
                  std::make_shared<const ColumnNames>(ColumnNames{"n", "t", "missing"}));
    EXPECT_EQ(row.Int("n"), 7);
    EXPECT_EQ(row.Text("t"), "text");
    EXPECT_EQ(row.OptText("missing"), std::nullopt);
    EXPECT_TRUE(row.IsNull("missing"));
    EXPECT_EQ(row.Int(0), 7);  // positions still work
    EXPECT_THROW(row.Int("nope"), std::logic_error);
    EXPECT_THROW(row.Text("n"), std::logic_error);
    // A row built without names cannot be read by name; equality compares values only.
    EXPECT_THROW(Row({std::int64_t{1}}).Int("n"), std::logic_error);
    EXPECT_EQ(row, Row({std::int64_t{7}, std::string("text"), nullptr}));
}

TEST(DbStats, BatchBucketsArePowersOfTwo) {
    EXPECT_EQ(DbStats::BatchBucket(1), 0U);
    EXPECT_EQ(DbStats::BatchBucket(2), 1U);
    EXPECT_EQ(DbStats::BatchBucket(3), 1U);
    EXPECT_EQ(DbStats::BatchBucket(4), 2U);
    EXPECT_EQ(DbStats::BatchBucket(512), 9U);
    EXPECT_EQ(DbStats::BatchBucket(1U << 20), DbStats::kBatchBuckets - 1);
}

}  // namespace
}  // namespace webdpro::storage
