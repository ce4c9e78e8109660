#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <toml++/toml.h>

extern char** environ;

namespace webdpro {
namespace {

constexpr std::string_view kFileOnlyEnv = "(file only)";

std::optional<std::int64_t> AsInt(const ConfigValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::int64_t out = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && p == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    return std::nullopt;
}

std::optional<double> AsDouble(const ConfigValue& v) {
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*i);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        double out = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && p == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    return std::nullopt;
}

std::optional<bool> AsBool(const ConfigValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) {
        return *b;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        if (*s == "true" || *s == "1" || *s == "yes") {
            return true;
        }
        if (*s == "false" || *s == "0" || *s == "no") {
            return false;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> AsList(const ConfigValue& v) {
    if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
        return *l;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start <= s->size()) {
            const auto comma = s->find(',', start);
            std::string item = s->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            if (!item.empty()) {
                out.push_back(item);
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
        return out;
    }
    return std::nullopt;
}

std::string EnvName(const std::string& key) {
    std::string out = "WEBDPRO_";
    for (char c : key) {
        out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

const ConfigKeyDef* FindKey(const std::vector<ConfigKeyDef>& keys, const std::string& key) {
    for (const auto& def : keys) {
        if (def.key == key) {
            return &def;
        }
    }
    return nullptr;
}

std::optional<ConfigValue> FromToml(const toml::node& node) {
    if (auto s = node.value<std::string>(); s && node.is_string()) {
        return ConfigValue(*s);
    }
    if (node.is_integer()) {
        return ConfigValue(*node.value<std::int64_t>());
    }
    if (node.is_boolean()) {
        return ConfigValue(*node.value<bool>());
    }
    if (node.is_floating_point()) {
        return ConfigValue(*node.value<double>());
    }
    if (const auto* arr = node.as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *arr) {
            if (!item.is_string()) {
                return std::nullopt;
            }
            items.push_back(*item.value<std::string>());
        }
        return ConfigValue(std::move(items));
    }
    return std::nullopt;
}

// The whole of a structured value, for a key that reads it itself.
ConfigNode NodeFromToml(const toml::node& node) {
    ConfigNode out;
    if (node.is_string()) {
        out.kind = ConfigNode::Kind::kString;
        out.text = *node.value<std::string>();
    } else if (node.is_integer()) {
        out.kind = ConfigNode::Kind::kInteger;
        out.integer = *node.value<std::int64_t>();
        out.number = *node.value<double>();
    } else if (node.is_floating_point()) {
        out.kind = ConfigNode::Kind::kFloat;
        out.number = *node.value<double>();
    } else if (node.is_boolean()) {
        out.kind = ConfigNode::Kind::kBool;
        out.flag = *node.value<bool>();
    } else if (const auto* array = node.as_array()) {
        out.kind = ConfigNode::Kind::kArray;
        for (const auto& item : *array) {
            out.items.push_back(NodeFromToml(item));
        }
    } else if (const auto* table = node.as_table()) {
        out.kind = ConfigNode::Kind::kTable;
        for (const auto& [name, value] : *table) {
            out.names.emplace_back(name.str());
            out.fields.push_back(NodeFromToml(value));
        }
    }
    return out;
}

Result<void> ApplyToml(const std::vector<ConfigKeyDef>& keys, void* config, const toml::table& table,
                       const std::string& prefix, const std::string& file) {
    for (const auto& [name, node] : table) {
        const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
        const ConfigKeyDef* def = FindKey(keys, key);
        if (def != nullptr && def->apply_node) {
            if (auto r = def->apply_node(config, NodeFromToml(node), file); !r) {
                return r;
            }
            continue;
        }
        if (const auto* sub = node.as_table()) {
            if (auto r = ApplyToml(keys, config, *sub, key, file); !r) {
                return r;
            }
            continue;
        }
        if (def == nullptr) {
            return Fail(ConfigError(key, file, "is not a known setting"));
        }
        auto value = FromToml(node);
        if (!value) {
            return Fail(ConfigError(key, file, "has an unsupported type"));
        }
        if (auto why = def->apply(config, *value)) {
            return Fail(ConfigError(key, file, *why));
        }
    }
    return {};
}

}  // namespace

ApiError ConfigError(const std::string& key, const std::string& source, const std::string& reason) {
    ApiError e(ErrorCode::kInvalidArgument, "config: " + key + " (" + source + ") " + reason);
    e.fields.push_back({key, reason});
    return e;
}

std::expected<std::int64_t, std::string> ParseConfigInt(const ConfigValue& value, std::int64_t lo, std::int64_t hi) {
    auto n = AsInt(value);
    if (!n) {
        return std::unexpected("must be a whole number");
    }
    if (*n < lo || *n > hi) {
        return std::unexpected("must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    }
    return *n;
}

std::expected<double, std::string> ParseConfigDouble(const ConfigValue& value, double lo, double hi) {
    auto d = AsDouble(value);
    if (!d || !std::isfinite(*d)) {
        return std::unexpected("must be a number");
    }
    if (*d < lo || *d > hi) {
        return std::unexpected("must be between " + FormatConfigDouble(lo) + " and " + FormatConfigDouble(hi));
    }
    return *d;
}

std::expected<std::string, std::string> ParseConfigString(const ConfigValue& value, const ConfigCheck& check) {
    const auto* s = std::get_if<std::string>(&value);
    if (s == nullptr) {
        return std::unexpected("must be a string");
    }
    if (check) {
        if (auto why = check(*s)) {
            return std::unexpected(std::move(*why));
        }
    }
    return *s;
}

std::expected<bool, std::string> ParseConfigBool(const ConfigValue& value) {
    auto b = AsBool(value);
    if (!b) {
        return std::unexpected("must be true or false");
    }
    return *b;
}

std::expected<std::vector<std::string>, std::string> ParseConfigList(const ConfigValue& value, const ConfigCheck& item,
                                                                     std::string_view what) {
    auto list = AsList(value);
    if (!list) {
        return std::unexpected("must be a list of " + std::string(what));
    }
    if (item) {
        for (const auto& element : *list) {
            if (auto why = item(element)) {
                return std::unexpected(std::move(*why));
            }
        }
    }
    return std::move(*list);
}

std::string FormatConfigDouble(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

ConfigCheck OneOf(std::vector<std::string> allowed) {
    return [allowed = std::move(allowed)](const std::string& s) -> std::optional<std::string> {
        for (const auto& a : allowed) {
            if (s == a) {
                return std::nullopt;
            }
        }
        std::string list;
        for (const auto& a : allowed) {
            list += (list.empty() ? "" : ", ") + a;
        }
        return "must be one of " + list;
    };
}

std::optional<std::string> EmptyOrHttpUrl(const std::string& value) {
    if (value.empty() || value.starts_with("http://") || value.starts_with("https://")) {
        return std::nullopt;
    }
    return "must be empty or start with http:// or https://";
}

bool ParseListen(const std::string& text, std::string& host, std::uint16_t& port) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) {
        return false;
    }
    std::string h = text.substr(0, colon);
    if (h.front() == '[') {
        if (h.back() != ']' || h.size() < 3) {
            return false;
        }
        h = h.substr(1, h.size() - 2);
    }
    unsigned value = 0;
    const std::string p = text.substr(colon + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || end != p.data() + p.size() || value > 65535) {
        return false;
    }
    host = h;
    port = static_cast<std::uint16_t>(value);
    return true;
}

bool IsSecretEnv(const std::string& name) {
    // Secrets are read where they are needed (auth, payments, AI), never through the configuration.
    static const std::vector<std::string> kSecretPrefixes = {"WEBDPRO_SECRET_", "WEBDPRO_SECRETS_FILE"};
    return std::any_of(kSecretPrefixes.begin(), kSecretPrefixes.end(),
                       [&](const std::string& p) { return name.starts_with(p); });
}

Result<void> LoadConfigInto(const std::vector<ConfigKeyDef>& keys, const ConfigSources& sources, void* config) {
    if (sources.file) {
        toml::table table;
        try {
            table = toml::parse_file(*sources.file);
        } catch (const toml::parse_error& e) {
            std::string reason(e.description());
            return Fail(ErrorCode::kInvalidArgument, "config: cannot read " + *sources.file + " at line " +
                                                         std::to_string(e.source().begin.line) + ": " + reason);
        }
        if (auto r = ApplyToml(keys, config, table, "", *sources.file); !r) {
            return r;
        }
    }
    for (const auto& [name, value] : sources.env) {
        if (!name.starts_with("WEBDPRO_") || IsSecretEnv(name)) {
            continue;
        }
        const ConfigKeyDef* match = nullptr;
        for (const auto& def : keys) {
            if (!def.file_only && EnvName(def.key) == name) {
                match = &def;
                break;
            }
        }
        if (match == nullptr) {
            return Fail(ConfigError(name, "environment", "is not a known setting"));
        }
        if (auto why = match->apply(config, ConfigValue(value))) {
            return Fail(ConfigError(match->key, "environment " + name, *why));
        }
    }
    for (const auto& [key, value] : sources.overrides) {
        const ConfigKeyDef* def = FindKey(keys, key);
        if (def == nullptr) {
            return Fail(ConfigError(key, "command line", "is not a known setting"));
        }
        if (auto why = def->apply(config, ConfigValue(value))) {
            return Fail(ConfigError(key, "command line", *why));
        }
    }
    return {};
}

std::vector<ConfigKeyInfo> DescribeConfigKeys(const std::vector<ConfigKeyDef>& keys) {
    std::vector<ConfigKeyInfo> out;
    for (const auto& def : keys) {
        out.push_back(
            {def.key, def.file_only ? std::string(kFileOnlyEnv) : EnvName(def.key), def.default_value, def.help});
    }
    return out;
}

std::map<std::string, std::string> ProcessEnvironment() {
    std::map<std::string, std::string> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) {
            out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
        }
    }
    return out;
}

}  // namespace webdpro
