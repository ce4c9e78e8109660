#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace webdpro {

/// Makes "<prefix>_<26 chars>": a 48-bit millisecond timestamp followed by 80 random bits, in
/// lowercase Crockford base32, so ids sort by creation time. Thread-safe.
std::string NewIdString(std::string_view prefix);

/// True when `text` is "<prefix>_" followed by 26 Crockford base32 characters.
bool IsIdString(std::string_view prefix, std::string_view text);

/// A strongly typed id: an OrderId cannot be passed where a TenantId is expected.
template <class Tag>
class Id final {
public:
    static constexpr std::string_view kPrefix = Tag::kPrefix;

    Id() = default;
    /// Wraps an existing value as is (for values read back from the database).
    explicit Id(std::string value) : value_(std::move(value)) {}

    /// A fresh, time-sortable id.
    static Id New() { return Id(NewIdString(kPrefix)); }
    /// Accepts only well-formed ids of this type; anything else (including another type's id) is nullopt.
    static std::optional<Id> Parse(std::string_view text) {
        if (!IsIdString(kPrefix, text)) {
            return std::nullopt;
        }
        return Id(std::string(text));
    }

    const std::string& str() const { return value_; }
    bool empty() const { return value_.empty(); }

    friend auto operator<=>(const Id&, const Id&) = default;
    friend bool operator==(const Id&, const Id&) = default;

private:
    std::string value_;
};

struct TenantTag {
    static constexpr std::string_view kPrefix = "ten";
};
struct UserTag {
    static constexpr std::string_view kPrefix = "usr";
};
struct StoreTag {
    static constexpr std::string_view kPrefix = "sto";
};
struct ProductTag {
    static constexpr std::string_view kPrefix = "prd";
};
struct OrderTag {
    static constexpr std::string_view kPrefix = "ord";
};
struct DeliveryTag {
    static constexpr std::string_view kPrefix = "dlv";
};
struct PaymentTag {
    static constexpr std::string_view kPrefix = "pay";
};
struct EventTag {
    static constexpr std::string_view kPrefix = "evt";
};
struct SessionTag {
    static constexpr std::string_view kPrefix = "ses";
};
struct RequestTag {
    static constexpr std::string_view kPrefix = "req";
};

using TenantId = Id<TenantTag>;
using UserId = Id<UserTag>;
using StoreId = Id<StoreTag>;
using ProductId = Id<ProductTag>;
using OrderId = Id<OrderTag>;
using DeliveryId = Id<DeliveryTag>;
using PaymentId = Id<PaymentTag>;
using EventId = Id<EventTag>;
using SessionId = Id<SessionTag>;
using RequestId = Id<RequestTag>;

}  // namespace webdpro
