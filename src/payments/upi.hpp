#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/money.hpp"

namespace webdpro::payments {

/// What a `upi://pay` link carries (NPCI's UPI linking specification): the payee's VPA and name,
/// the amount in rupees with two decimals, the currency (INR), a note and our reference.
struct UpiPayment {
    std::string vpa;         ///< pa
    std::string payee_name;  ///< pn
    Paise amount;            ///< am, as "299.00"
    std::string note;        ///< tn
    std::string reference;   ///< tr: our order id
};

/// "upi://pay?pa=…&pn=…&am=299.00&cu=INR&tn=…&tr=…", every value percent-encoded (RFC 3986
/// unreserved characters and '@' kept). Pure.
std::string UpiLink(const UpiPayment& payment);

/// The text as a QR code drawn in SVG (libqrencode, error correction M, a 4-module quiet zone),
/// one path of unit squares scaled by the viewBox; kInternal when it cannot be encoded.
Result<std::string> QrSvg(std::string_view text);

/// A UPI transaction reference (UTR / RRN): exactly 12 digits, spaces ignored. nullopt otherwise.
std::optional<std::string> NormalizeUtr(std::string_view text);

}  // namespace webdpro::payments
