#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace webdpro::auth {

/// An Indian mobile number in E.164 form, "+91" followed by ten digits starting with 6-9.
/// Only Parse makes one, so holding a PhoneNumber means it is valid. Immutable; thread-safe.
class PhoneNumber final {
public:
    /// Accepts a number as people type it: spaces, hyphens, dots and parentheses are ignored, and
    /// at most one prefix is stripped: "+91", "0091", "91" (only when 12 digits remain) or a
    /// leading "0". Everything else — landlines, toll-free numbers, other countries, letters,
    /// a second '+' — is nullopt (external-apis.md §6.3).
    static std::optional<PhoneNumber> Parse(std::string_view text);

    /// "+919812345678".
    const std::string& e164() const { return e164_; }
    /// "919812345678", as MSG91 wants it.
    std::string DigitsWithCountryCode() const { return e164_.substr(1); }
    /// "+91******5678", for lists and logs.
    std::string Masked() const;

    friend bool operator==(const PhoneNumber&, const PhoneNumber&) = default;

private:
    explicit PhoneNumber(std::string e164) : e164_(std::move(e164)) {}

    std::string e164_;
};

/// Masks a stored E.164 number for display: keeps the country code and the last four digits.
std::string MaskPhone(std::string_view e164);

}  // namespace webdpro::auth
