#include "payments/razorpay.hpp"

#include <gtest/gtest.h>

namespace webdpro::payments {
namespace {

// The sample of Razorpay's own SDK documentation (razorpay-go), checked independently.
constexpr std::string_view kSecret = "EnLs21M47BllR3X8PSFtjtbd";
constexpr std::string_view kOrder = "order_IEIaMR65cu6nz3";
constexpr std::string_view kPayment = "pay_IH4NVgf4Dreq1l";
constexpr std::string_view kSignature = "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f";

TEST(RazorpaySignature, IsTheHexHmacOfOrderBarPayment) {
    EXPECT_EQ(RazorpaySignature(kSecret, std::string(kOrder) + "|" + std::string(kPayment)), kSignature);
    EXPECT_TRUE(PaymentSignatureValid(kSecret, kOrder, kPayment, kSignature));
}

TEST(RazorpaySignature, RefusesAnythingAltered) {
    std::string flipped(kSignature);
    flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
    std::string upper(kSignature);
    for (char& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, kPayment, flipped));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, kPayment, kSignature.substr(0, 63)));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, kPayment, std::string(kSignature) + "0"));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, kPayment, upper));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, kPayment, ""));
    // Another order, another payment, another key, or the parts swapped: all refused.
    EXPECT_FALSE(PaymentSignatureValid(kSecret, "order_IEIaMR65cu6nz4", kPayment, kSignature));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kOrder, "pay_IH4NVgf4Dreq1m", kSignature));
    EXPECT_FALSE(PaymentSignatureValid("EnLs21M47BllR3X8PSFtjtbe", kOrder, kPayment, kSignature));
    EXPECT_FALSE(PaymentSignatureValid(kSecret, kPayment, kOrder, kSignature));
    EXPECT_FALSE(PaymentSignatureValid("", kOrder, kPayment, kSignature));
}

TEST(RazorpayWebhook, SignatureCoversTheExactRawBody) {
    const std::string body = R"({"entity":"event"})";
    const std::string good = "2160ab237044918403adc7089a6b09249b92f505ca497d5daa7bf20a7ee930e1";
    EXPECT_TRUE(WebhookSignatureValid("whsec_test_1", body, good));
    EXPECT_FALSE(WebhookSignatureValid("whsec_test_1", R"({"entity": "event"})", good));  // re-serialised
    EXPECT_FALSE(WebhookSignatureValid("whsec_test_2", body, good));
    EXPECT_FALSE(WebhookSignatureValid("", body, good));
}

TEST(RazorpayEvent, ReadsThePaymentOfAnEvent) {
    auto captured = ParseRazorpayEvent(
        R"({"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_1","order_id":"order_1","amount":4500,"currency":"INR","status":"captured","method":"upi"}}}})");
    ASSERT_TRUE(captured);
    EXPECT_EQ(captured->event, "payment.captured");
    EXPECT_EQ(captured->payment_id, "pay_1");
    EXPECT_EQ(captured->razorpay_order_id, "order_1");
    EXPECT_EQ(captured->amount_paise, 4500);
    EXPECT_EQ(captured->method, "upi");
    auto paid = ParseRazorpayEvent(
        R"({"entity":"event","event":"order.paid","payload":{"order":{"entity":{"id":"order_2","amount":100}}}})");
    ASSERT_TRUE(paid);
    EXPECT_EQ(paid->razorpay_order_id, "order_2");
    EXPECT_EQ(paid->payment_id, "");
    for (const char* bad : {"", "[]", "{}", R"({"entity":"order","event":"x"})", R"({"entity":"event"})", "{nope"}) {
        EXPECT_FALSE(ParseRazorpayEvent(bad)) << bad;
    }
}

}  // namespace
}  // namespace webdpro::payments
