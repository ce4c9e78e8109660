#include "delivery/tracking_page.hpp"

#include <gtest/gtest.h>

namespace webdpro::delivery {
namespace {

Tracking OutForDelivery() {
    Tracking t;
    t.order_id = OrderId("ord_1");
    t.status = "OUT_FOR_DELIVERY";
    t.payment_method = "COD";
    t.payment_status = "UNPAID";
    Delivery d;
    d.state = DeliveryState::kPickedUp;
    d.rider_name = "Sunil <b>Yadav";
    t.delivery = d;
    t.proof_code = "4821";
    t.rider_phone = "+919123422991";
    t.eta = std::chrono::seconds(430);
    return t;
}

std::size_t Count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST(NoScriptStatus, ShowsTheStepsTheRiderTheCodeAndTheEta) {
    const std::string html = NoScriptStatusHtml(OutForDelivery(), "en");
    EXPECT_EQ(Count(html, "<li class=\"done\">"), 4u);  // placed … out for delivery
    EXPECT_NE(html.find("Out for delivery"), std::string::npos);
    EXPECT_NE(html.find("cash on delivery"), std::string::npos);
    EXPECT_NE(html.find("href=\"tel:+919123422991\""), std::string::npos);
    EXPECT_NE(html.find("Call Sunil"), std::string::npos);
    EXPECT_NE(html.find("<strong>4821</strong>"), std::string::npos);
    EXPECT_NE(html.find("about 8 min"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos) << "a name is text, never markup";
}

TEST(NoScriptStatus, SpeaksHindiAndSaysNothingOfARiderOnceDelivered) {
    Tracking t = OutForDelivery();
    EXPECT_NE(NoScriptStatusHtml(t, "hi").find("डिलीवरी के लिए निकला"), std::string::npos);
    t.status = "DELIVERED";
    t.payment_status = "PAID";
    t.delivery->state = DeliveryState::kDelivered;
    t.proof_code.clear();
    t.rider_phone.clear();
    const std::string html = NoScriptStatusHtml(t, "en");
    EXPECT_EQ(Count(html, "<li class=\"done\">"), 5u);
    EXPECT_EQ(html.find("tel:"), std::string::npos);
    EXPECT_NE(html.find("paid online"), std::string::npos);
    t.status = "CANCELLED";
    EXPECT_NE(NoScriptStatusHtml(t, "en").find("cancelled"), std::string::npos);
    EXPECT_EQ(NoScriptStatusHtml(t, "en").find("<ol"), std::string::npos);
}

}  // namespace
}  // namespace webdpro::delivery
