#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace webdpro::http {

/// ASCII case-insensitive comparison, as HTTP field names compare.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

/// An ordered list of HTTP header fields with case-insensitive lookup. Deliberately a flat vector:
/// a message carries a handful of fields, and a scan beats a map at that size. Not thread-safe.
class Headers final {
public:
    using Field = std::pair<std::string, std::string>;

    /// The first field named `name`, or nullopt. The view lives until the headers change.
    std::optional<std::string_view> Get(std::string_view name) const;
    bool Has(std::string_view name) const { return Get(name).has_value(); }
    /// Replaces every field named `name` with one field.
    void Set(std::string_view name, std::string_view value);
    /// Sets the field only when no field of that name exists (lets a handler override defaults).
    void SetDefault(std::string_view name, std::string_view value);
    /// Appends a field, keeping existing ones of the same name.
    void Add(std::string_view name, std::string_view value);
    /// Removes every field named `name`.
    void Remove(std::string_view name);

    const std::vector<Field>& fields() const { return fields_; }
    auto begin() const { return fields_.begin(); }
    auto end() const { return fields_.end(); }
    std::size_t size() const { return fields_.size(); }
    bool empty() const { return fields_.empty(); }
    void reserve(std::size_t n) { fields_.reserve(n); }
    void clear() { fields_.clear(); }

private:
    std::vector<Field> fields_;
};

}  // namespace webdpro::http
