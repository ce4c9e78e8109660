#include "delivery/tracking_page.hpp"

#include <array>

#include "core/markup.hpp"

namespace webdpro::delivery {
namespace {

struct Words {
    std::string_view title;
    std::array<std::string_view, 5> steps;
    std::string_view cancelled;
    std::string_view paid;
    std::string_view cod;
    std::string_view unpaid;
    std::string_view refunded;
    std::string_view rider;  // "{name} brings your order."
    std::string_view call;
    std::string_view code;  // "Your delivery code: "
    std::string_view eta;   // "Arriving in about {minutes} min."
    std::string_view refresh;
};

constexpr Words kEnglish{
    .title = "Your order now",
    .steps = {"Order placed", "Confirmed by the shop", "Packed", "Out for delivery", "Delivered"},
    .cancelled = "This order was cancelled.",
    .paid = "Payment: paid online.",
    .cod = "Payment: cash on delivery — pay the rider.",
    .unpaid = "Payment: not paid yet.",
    .refunded = "Payment: refunded.",
    .rider = "{name} from the shop brings your order.",
    .call = "Call {name}",
    .code = "Your delivery code: ",
    .eta = "Arriving in about {minutes} min.",
    .refresh = "Reload this page to see the latest.",
};

constexpr Words kHindi{
    .title = "आपका ऑर्डर अभी",
    .steps = {"ऑर्डर हो गया", "दुकान ने कन्फ़र्म किया", "पैक हो गया", "डिलीवरी के लिए निकला", "पहुँच गया"},
    .cancelled = "यह ऑर्डर रद्द हो गया।",
    .paid = "भुगतान: ऑनलाइन हो चुका है।",
    .cod = "भुगतान: कैश ऑन डिलीवरी — राइडर को दें।",
    .unpaid = "भुगतान: अभी नहीं हुआ।",
    .refunded = "भुगतान: वापस कर दिया गया।",
    .rider = "दुकान से {name} आपका ऑर्डर ला रहे हैं।",
    .call = "{name} को कॉल करें",
    .code = "आपका डिलीवरी कोड: ",
    .eta = "लगभग {minutes} मिनट में पहुँचेगा।",
    .refresh = "ताज़ा जानकारी के लिए यह पेज फिर से खोलें।",
};

std::string With(std::string_view text, std::string_view name, const std::string& value) {
    std::string out(text);
    const std::string key = "{" + std::string(name) + "}";
    if (auto at = out.find(key); at != std::string::npos) {
        out.replace(at, key.size(), value);
    }
    return out;
}

std::string FirstWord(const std::string& name) {
    const auto end = name.find(' ');
    return end == std::string::npos ? name : name.substr(0, end);
}

}  // namespace

std::string NoScriptStatusHtml(const Tracking& t, std::string_view language) {
    const Words& w = language == "hi" ? kHindi : kEnglish;
    int reached = 0;
    if (t.status == "CONFIRMED") {
        reached = 1;
    } else if (t.status == "PACKED") {
        reached = 2;
    } else if (t.status == "OUT_FOR_DELIVERY") {
        reached = 3;
    } else if (t.status == "DELIVERED") {
        reached = 4;
    }
    std::string html = "<section class=\"box\"><h2>" + std::string(w.title) + "</h2>";
    if (t.status == "CANCELLED") {
        return html + "<p class=\"note\">" + std::string(w.cancelled) + "</p></section>";
    }
    html += "<ol class=\"steps\">";
    for (int i = 0; i < static_cast<int>(w.steps.size()); ++i) {
        html += i <= reached ? "<li class=\"done\">" : "<li>";
        html += w.steps[static_cast<std::size_t>(i)];
        html += "</li>";
    }
    html += "</ol><p>";
    if (t.payment_status == "PAID") {
        html += w.paid;
    } else if (t.payment_status == "REFUNDED") {
        html += w.refunded;
    } else {
        html += t.payment_method == "COD" ? w.cod : w.unpaid;
    }
    html += "</p>";
    const bool under_way =
        t.delivery && (t.delivery->state == DeliveryState::kAssigned || t.delivery->state == DeliveryState::kPickedUp);
    if (under_way) {
        const std::string name = EscapeXml(FirstWord(t.delivery->rider_name));
        html += "<p>" + With(w.rider, "name", name) + "</p>";
        if (!t.rider_phone.empty()) {
            html += "<p><a class=\"btn\" href=\"tel:" + EscapeXml(t.rider_phone) + "\">" + With(w.call, "name", name) +
                    "</a></p>";
        }
        if (!t.proof_code.empty()) {
            html += "<p class=\"box\">" + std::string(w.code) + "<strong>" + EscapeXml(t.proof_code) + "</strong></p>";
        }
        if (t.eta) {
            html += "<p><strong>" +
                    With(w.eta, "minutes", std::to_string(std::max<std::int64_t>(1, (t.eta->count() + 59) / 60))) +
                    "</strong></p>";
        }
    }
    if (t.status != "DELIVERED") {
        html += "<p class=\"small\">" + std::string(w.refresh) + "</p>";
    }
    return html + "</section>";
}

}  // namespace webdpro::delivery
