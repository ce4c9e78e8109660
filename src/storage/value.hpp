#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace webdpro::storage {

/// Raw bytes (SQLite BLOB, PostgreSQL bytea).
using Blob = std::vector<std::uint8_t>;

/// One SQL value, the same for every engine. Integers are 64-bit, booleans are 0/1 integers,
/// money is integer paise, timestamps are integer milliseconds since the epoch.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
inline constexpr bool kIsCharType =
    std::is_same_v<T, char> || std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char> ||
    std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> ||
    std::is_same_v<T, char32_t>;

/// Anything with a `.str()` returning text: the strong ids of core/ids.hpp.
template <class T>
concept StrongIdLike = requires(const T& v) {
    { v.str() } -> std::convertible_to<std::string_view>;
};

template <class T>
consteval bool IsBindable() {
    using U = std::remove_cvref_t<T>;
    if constexpr (IsOptional<U>::value) {
        return IsBindable<typename U::value_type>();
    } else if constexpr (std::is_integral_v<U>) {
        // Characters are not numbers, and 64-bit unsigned values could silently wrap negative.
        return std::is_same_v<U, bool> || (!kIsCharType<U> && (std::is_signed_v<U> || sizeof(U) < 8));
    } else {
        return std::is_same_v<U, Value> || std::is_same_v<U, std::nullptr_t> || std::is_same_v<U, std::nullopt_t> ||
               std::is_floating_point_v<U> || std::is_same_v<U, Blob> ||
               std::is_convertible_v<const U&, std::string_view> || StrongIdLike<U>;
    }
}

}  // namespace detail

/// Types that can be passed as a statement parameter: signed integers (and unsigned ones narrower
/// than 64 bits), bool (bound as 0/1), double, std::string / std::string_view / const char*,
/// Blob, nullptr / std::nullopt (NULL), std::optional<T> of any of these (empty = NULL), strong
/// ids (bound as `.str()`), and Value itself. Money is bound as `paise.value`.
template <class T>
concept Bindable = detail::IsBindable<T>();

/// Converts a bindable C++ value into a Value.
template <Bindable T>
Value ToValue(T&& v) {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<U, Value> || std::is_same_v<U, std::string> || std::is_same_v<U, Blob>) {
        return Value(std::forward<T>(v));
    } else if constexpr (detail::IsOptional<U>::value) {
        if (!v.has_value()) {
            return Value(nullptr);
        }
        return ToValue(*std::forward<T>(v));
    } else if constexpr (std::is_same_v<U, std::nullptr_t> || std::is_same_v<U, std::nullopt_t>) {
        return Value(nullptr);
    } else if constexpr (std::is_same_v<U, bool>) {
        return Value(std::int64_t{v ? 1 : 0});
    } else if constexpr (std::is_integral_v<U>) {
        return Value(static_cast<std::int64_t>(v));
    } else if constexpr (std::is_floating_point_v<U>) {
        return Value(static_cast<double>(v));
    } else if constexpr (std::is_pointer_v<U>) {
        if (v == nullptr) {
            return Value(nullptr);
        }
        return Value(std::string(v));
    } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
        return Value(std::string(std::string_view(v)));
    } else {
        return Value(std::string(v.str()));
    }
}

/// Name of the Value's type for messages: "NULL", "INTEGER", "REAL", "TEXT" or "BLOB".
std::string_view TypeName(const Value& value);

/// The names of a result's columns in order, as the driver reports them; shared by every row of
/// the result.
using ColumnNames = std::vector<std::string>;

/// One result row, copied out of the driver (it stays valid after the transaction ends).
///
/// Accessors take a zero-based column index or a column name. A name is the column's own name or
/// its `AS` alias; give every computed column (`coalesce(x, '') AS x`, `count(*) AS n`) an alias
/// before reading it by name, because engines name expressions differently. Asking for a column
/// that does not exist, or for a type the column does not hold (including NULL for a
/// non-optional accessor), is a programming error: it throws std::logic_error, which a
/// transaction turns into an internal error and a rollback. `Real` also accepts an INTEGER
/// column. Not thread-safe for concurrent mutation.
class Row final {
public:
    Row() = default;
    /// A row without column names (reading by name throws): tests and hand-built rows.
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    /// A row as a driver returns it: `names` has one entry per value.
    Row(std::vector<Value> values, std::shared_ptr<const ColumnNames> names)
        : values_(std::move(values)), names_(std::move(names)) {}

    std::size_t ColumnCount() const { return values_.size(); }
    /// The index of the column called `name` (the first, if two share it); std::logic_error when
    /// there is none.
    std::size_t Column(std::string_view name) const;
    /// The raw value of a column.
    const Value& At(std::size_t column) const;
    const Value& At(std::string_view name) const { return At(Column(name)); }

    bool IsNull(std::size_t column) const { return std::holds_alternative<std::nullptr_t>(At(column)); }
    bool IsNull(std::string_view name) const { return IsNull(Column(name)); }
    std::int64_t Int(std::size_t column) const;
    std::int64_t Int(std::string_view name) const { return Int(Column(name)); }
    /// An INTEGER column holding 0 or 1 (any other value is a programming error).
    bool Bool(std::size_t column) const;
    bool Bool(std::string_view name) const { return Bool(Column(name)); }
    double Real(std::size_t column) const;
    double Real(std::string_view name) const { return Real(Column(name)); }
    const std::string& Text(std::size_t column) const;
    const std::string& Text(std::string_view name) const { return Text(Column(name)); }
    const Blob& BlobAt(std::size_t column) const;
    const Blob& BlobAt(std::string_view name) const { return BlobAt(Column(name)); }

    /// Like the accessors above, with NULL as std::nullopt.
    std::optional<std::int64_t> OptInt(std::size_t column) const;
    std::optional<std::int64_t> OptInt(std::string_view name) const { return OptInt(Column(name)); }
    std::optional<bool> OptBool(std::size_t column) const;
    std::optional<bool> OptBool(std::string_view name) const { return OptBool(Column(name)); }
    std::optional<double> OptReal(std::size_t column) const;
    std::optional<double> OptReal(std::string_view name) const { return OptReal(Column(name)); }
    std::optional<std::string> OptText(std::size_t column) const;
    std::optional<std::string> OptText(std::string_view name) const { return OptText(Column(name)); }
    std::optional<Blob> OptBlob(std::size_t column) const;
    std::optional<Blob> OptBlob(std::string_view name) const { return OptBlob(Column(name)); }

    /// Rows are equal when their values are (column names are not compared).
    friend bool operator==(const Row& a, const Row& b) { return a.values_ == b.values_; }

private:
    template <class T>
    const T& Get(std::size_t column, std::string_view wanted) const;

    std::vector<Value> values_;
    std::shared_ptr<const ColumnNames> names_;
};

}  // namespace webdpro::storage
