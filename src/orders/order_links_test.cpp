#include "orders/order_links.hpp"

#include <cctype>

#include <gtest/gtest.h>

namespace webdpro::orders {
namespace {

const OrderId kOrder = OrderId::New();

TEST(AllowedTransitions, FollowTheStateMachine) {
    using enum OrderStatus;
    EXPECT_EQ(AllowedTransitions(kPendingPayment), (std::vector{kConfirmed, kCancelled}));
    EXPECT_EQ(AllowedTransitions(kConfirmed), (std::vector{kPacked, kCancelled}));
    EXPECT_EQ(AllowedTransitions(kPacked), (std::vector{kOutForDelivery, kCancelled}));
    EXPECT_EQ(AllowedTransitions(kOutForDelivery), (std::vector{kDelivered, kCancelled}));
    EXPECT_TRUE(AllowedTransitions(kDelivered).empty());
    EXPECT_TRUE(AllowedTransitions(kCancelled).empty());
}

TEST(UrlEncode, KeepsUnreservedAndEscapesEveryOtherByte) {
    EXPECT_EQ(UrlEncode("Az09-._~"), "Az09-._~");
    EXPECT_EQ(UrlEncode("a b&c=d?e/f+g#"), "a%20b%26c%3Dd%3Fe%2Ff%2Bg%23");
    EXPECT_EQ(UrlEncode("₹"), "%E2%82%B9");
    EXPECT_EQ(UrlEncode(""), "");
}

TEST(WhatsAppLink, UsesTheDigitsOfThePhoneAndAnEncodedText) {
    EXPECT_EQ(WhatsAppLink("+919876543210", "Hi there!"), "https://wa.me/919876543210?text=Hi%20there%21");
    EXPECT_EQ(WhatsAppLink("", "Hi"), "");
    EXPECT_EQ(WhatsAppLink("+", "Hi"), "");
}

TEST(ShortOrderRef, IsTheLastSixCharactersInCapitals) {
    const std::string id = kOrder.str();
    std::string tail = id.substr(id.size() - 6);
    for (char& c : tail) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_EQ(ShortOrderRef(kOrder), "#" + tail);
    EXPECT_EQ(ShortOrderRef(kOrder).size(), 7u);
}

TEST(WhatsAppText, NamesTheShopTheOrderAndTheStatusInTheStoreLanguage) {
    const std::string english = WhatsAppText("en", "Asha Kirana", kOrder, OrderStatus::kOutForDelivery);
    EXPECT_NE(english.find("Asha Kirana"), std::string::npos) << english;
    EXPECT_NE(english.find(ShortOrderRef(kOrder)), std::string::npos) << english;
    EXPECT_NE(english.find("out for delivery"), std::string::npos) << english;

    const std::string hindi = WhatsAppText("hi", "आशा किराना", kOrder, OrderStatus::kDelivered);
    EXPECT_NE(hindi.find("आशा किराना"), std::string::npos) << hindi;
    EXPECT_NE(hindi.find(ShortOrderRef(kOrder)), std::string::npos) << hindi;
    EXPECT_NE(hindi.find("पहुँच गया है"), std::string::npos) << hindi;
    // Unknown languages fall back to English rather than to nothing.
    EXPECT_EQ(WhatsAppText("xx", "S", kOrder, OrderStatus::kPacked),
              WhatsAppText("en", "S", kOrder, OrderStatus::kPacked));
}

}  // namespace
}  // namespace webdpro::orders
