#include "core/ids.hpp"

#include <set>

#include <gtest/gtest.h>

namespace webdpro {

TEST(Ids, NewHasPrefixAndParses) {
    const OrderId id = OrderId::New();
    EXPECT_TRUE(id.str().starts_with("ord_"));
    EXPECT_EQ(id.str().size(), 4u + 26u);
    auto parsed = OrderId::Parse(id.str());
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, id);
}

TEST(Ids, ParseRejectsOtherTypesAndGarbage) {
    EXPECT_FALSE(TenantId::Parse(OrderId::New().str()));
    EXPECT_FALSE(TenantId::Parse(""));
    EXPECT_FALSE(TenantId::Parse("ten_"));
    EXPECT_FALSE(TenantId::Parse("ten_01JD3X5Q0000000000000000AA"));  // uppercase is not ours
    EXPECT_FALSE(TenantId::Parse("ten_01jd3x5q00000000000000000u"));  // 'u' is not Crockford
    EXPECT_FALSE(TenantId::Parse("ten_01jd3x5q0000000000000000' OR 1=1"));
}

TEST(Ids, SortByCreationTime) {
    const auto a = StoreId::New();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto b = StoreId::New();
    EXPECT_LT(a, b);
}

TEST(Ids, AreUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        ASSERT_TRUE(seen.insert(NewIdString("x")).second);
    }
}

}  // namespace webdpro
