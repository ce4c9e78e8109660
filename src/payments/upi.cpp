#include "payments/upi.hpp"

#include <qrencode.h>

#include <cctype>
#include <memory>

namespace webdpro::payments {
namespace {

constexpr int kQuietZone = 4;

std::string Encode(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0f]);
        }
    }
    return out;
}

}  // namespace

std::string UpiLink(const UpiPayment& p) {
    return "upi://pay?pa=" + Encode(p.vpa) + "&pn=" + Encode(p.payee_name) + "&am=" + FormatDecimal(p.amount) +
           "&cu=INR&tn=" + Encode(p.note) + "&tr=" + Encode(p.reference);
}

Result<std::string> QrSvg(std::string_view text) {
    const std::string data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M),
                                                         &QRcode_free);
    if (!code) {
        return Fail(ApiError::Internal("the QR code could not be encoded"));
    }
    const int width = code->width;
    const int size = width + 2 * kQuietZone;
    std::string path;
    path.reserve(static_cast<std::size_t>(width * width) * 4);
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each module byte is "dark".
            if ((code->data[y * width + x] & 1) != 0) {
                path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h1v1h-1z";
            }
        }
    }
    const std::string n = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" +
           std::to_string(size * 6) + "\" height=\"" + std::to_string(size * 6) +
           "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"UPI QR code\"><rect width=\"" + n +
           "\" height=\"" + n + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::optional<std::string> NormalizeUtr(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c == ' ') {
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        digits.push_back(c);
    }
    if (digits.size() != 12) {
        return std::nullopt;
    }
    return digits;
}

}  // namespace webdpro::payments
