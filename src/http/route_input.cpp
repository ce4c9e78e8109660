#include "http/route_input.hpp"

#include <algorithm>
#include <charconv>

namespace webdpro::http {
namespace {

constexpr std::string_view kNotWhole = "must be a whole number";

}  // namespace

const TenantId& TenantOf(const Request& request) {
    return *request.principal->tenant_id;
}

Result<int> PageLimit(const Request& request, int default_size, int max_size) {
    const std::string text = request.QueryParam("limit").value_or("");
    if (text.empty()) {
        return default_size;
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max_size) {
        return Fail(ApiError::Invalid("limit", "must be between 1 and " + std::to_string(max_size)));
    }
    return value;
}

Result<nlohmann::json> ReadJsonObject(const Request& request) {
    if (request.body.empty()) {
        return nlohmann::json::object();
    }
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return Fail(ErrorCode::kInvalidArgument, "The body must be a JSON object.");
    }
    return body;
}

std::optional<std::string> JsonFields::String(const nlohmann::json& object, const std::string& name,
                                              const std::string& path, Null null) {
    auto it = object.find(name);
    if (it == object.end()) {
        return std::nullopt;
    }
    if (it->is_null() && null == Null::kAbsent) {
        return std::nullopt;
    }
    if (it->is_null() && null == Null::kEmpty) {
        return std::string();
    }
    if (!it->is_string()) {
        Bad(path, "must be a string");
        return std::nullopt;
    }
    return it->get<std::string>();
}

template <class T>
std::optional<T> JsonFields::Typed(const std::string& name, TypeTest is_type, std::string_view wrong) {
    auto it = body_.find(name);
    if (it == body_.end()) {
        return std::nullopt;
    }
    if (!((*it).*is_type)()) {
        Bad(name, std::string(wrong));
        return std::nullopt;
    }
    return it->get<T>();
}

template <class T>
std::optional<std::optional<T>> JsonFields::Clearable(const std::string& name, TypeTest is_type,
                                                      std::string_view wrong) {
    if (auto it = body_.find(name); it != body_.end() && it->is_null()) {
        return std::optional<T>{};
    }
    if (auto value = Typed<T>(name, is_type, wrong)) {
        return std::optional<T>(*value);
    }
    return std::nullopt;
}

std::optional<std::int64_t> JsonFields::Integer(const std::string& name) {
    return Typed<std::int64_t>(name, &nlohmann::json::is_number_integer, kNotWhole);
}

std::optional<std::optional<std::int64_t>> JsonFields::ClearableInteger(const std::string& name) {
    return Clearable<std::int64_t>(name, &nlohmann::json::is_number_integer, kNotWhole);
}

std::optional<std::optional<double>> JsonFields::ClearableNumber(const std::string& name) {
    return Clearable<double>(name, &nlohmann::json::is_number, "must be a number or null");
}

std::optional<bool> JsonFields::Boolean(const std::string& name) {
    return Typed<bool>(name, &nlohmann::json::is_boolean, "must be true or false");
}

const nlohmann::json& JsonFields::Object(const std::string& name) {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) {
        return kEmpty;
    }
    if (!it->is_object()) {
        Bad(name, "must be an object");
        return kEmpty;
    }
    return *it;
}

void JsonFields::OnlyKnown(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                           std::string_view message, const std::string& prefix) {
    for (const auto& [key, value] : object.items()) {
        if (std::ranges::find(known, key) == known.end()) {
            Bad(prefix + key, std::string(message));
        }
    }
}

void JsonFields::Bad(std::string field, std::string message) {
    error_.fields.push_back({std::move(field), std::move(message)});
}

}  // namespace webdpro::http
