#include "orders/gstin.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace webdpro::orders {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

struct StateCode {
    int code;
    std::string_view name;
};

// GST state codes. 25 (Daman and Diu) stays valid so registrations from before the 2020 merger
// with 26 still check; 28 is Andhra Pradesh's pre-2014 code, still seen on old registrations.
constexpr std::array<StateCode, 40> kStates = {{
    {1, "Jammu and Kashmir"},
    {2, "Himachal Pradesh"},
    {3, "Punjab"},
    {4, "Chandigarh"},
    {5, "Uttarakhand"},
    {6, "Haryana"},
    {7, "Delhi"},
    {8, "Rajasthan"},
    {9, "Uttar Pradesh"},
    {10, "Bihar"},
    {11, "Sikkim"},
    {12, "Arunachal Pradesh"},
    {13, "Nagaland"},
    {14, "Manipur"},
    {15, "Mizoram"},
    {16, "Tripura"},
    {17, "Meghalaya"},
    {18, "Assam"},
    {19, "West Bengal"},
    {20, "Jharkhand"},
    {21, "Odisha"},
    {22, "Chhattisgarh"},
    {23, "Madhya Pradesh"},
    {24, "Gujarat"},
    {25, "Daman and Diu"},
    {26, "Dadra and Nagar Haveli and Daman and Diu"},
    {27, "Maharashtra"},
    {28, "Andhra Pradesh (Old)"},
    {29, "Karnataka"},
    {30, "Goa"},
    {31, "Lakshadweep"},
    {32, "Kerala"},
    {33, "Tamil Nadu"},
    {34, "Puducherry"},
    {35, "Andaman and Nicobar Islands"},
    {36, "Telangana"},
    {37, "Andhra Pradesh"},
    {38, "Ladakh"},
    {97, "Other Territory"},
    {99, "Centre Jurisdiction"},
}};

int AlphabetValue(char c) {
    const auto at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

bool IsUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

Result<std::string> Invalid(std::string message) {
    return Fail(ApiError::Invalid("gstin", std::move(message)));
}

}  // namespace

std::optional<char> GstinCheckCharacter(std::string_view first14) {
    if (first14.size() != 14) {
        return std::nullopt;
    }
    int sum = 0;
    for (std::size_t i = 0; i < first14.size(); ++i) {
        const int value = AlphabetValue(first14[i]);
        if (value < 0) {
            return std::nullopt;
        }
        const int product = value * (i % 2 == 0 ? 1 : 2);
        sum += product / 36 + product % 36;
    }
    return kAlphabet[static_cast<std::size_t>((36 - sum % 36) % 36)];
}

std::optional<std::string_view> GstStateName(int code) {
    for (const auto& state : kStates) {
        if (state.code == code) {
            return state.name;
        }
    }
    return std::nullopt;
}

std::optional<int> GstStateCodeByName(std::string_view name) {
    for (const auto& state : kStates) {
        if (EqualsIgnoringCase(state.name, name)) {
            return state.code;
        }
    }
    return std::nullopt;
}

Result<std::string> ValidateGstin(std::string_view raw) {
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) {
        raw.remove_prefix(1);
    }
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) {
        raw.remove_suffix(1);
    }
    std::string gstin;
    for (char c : raw) {
        gstin.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (gstin.size() != 15) {
        return Invalid("A GSTIN has 15 characters; this one has " + std::to_string(gstin.size()) + ".");
    }
    if (!IsDigit(gstin[0]) || !IsDigit(gstin[1]) || !GstStateName((gstin[0] - '0') * 10 + (gstin[1] - '0'))) {
        return Invalid("The first two characters must be a GST state code (01–38, 97 or 99).");
    }
    const std::string_view pan = std::string_view(gstin).substr(2, 10);
    bool pan_ok = pan.substr(5, 4) != "0000";
    for (std::size_t i = 0; i < pan.size(); ++i) {
        const bool digit_place = i >= 5 && i <= 8;
        pan_ok = pan_ok && (digit_place ? IsDigit(pan[i]) : IsUpper(pan[i]));
    }
    if (!pan_ok) {
        return Invalid("Characters 3–12 must be a PAN: 5 letters, 4 digits and a letter.");
    }
    if (gstin[12] == '0' || AlphabetValue(gstin[12]) < 0) {
        return Invalid("Character 13 (the entity number) must be 1–9 or A–Z.");
    }
    if (gstin[13] != 'Z') {
        return Invalid("Character 14 must be Z.");
    }
    const auto check = GstinCheckCharacter(std::string_view(gstin).substr(0, 14));
    if (!check || *check != gstin[14]) {
        return Invalid("The check character (the last one) does not match; please re-check the GSTIN.");
    }
    return gstin;
}

}  // namespace webdpro::orders
