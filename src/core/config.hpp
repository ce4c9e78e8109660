#pragma once

#include <concepts>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace webdpro {

/// Where configuration comes from; later sources win: defaults ← file ← env ← overrides.
struct ConfigSources {
    std::optional<std::string> file;               ///< TOML file path
    std::map<std::string, std::string> env;        ///< the process environment (only WEBDPRO_* is read)
    std::map<std::string, std::string> overrides;  ///< dotted key → value, from command-line flags
};

/// One documented configuration key.
struct ConfigKeyInfo {
    std::string key;  ///< "server.listen"
    std::string env;  ///< "WEBDPRO_SERVER_LISTEN"
    std::string default_value;
    std::string help;
};

/// A value as a source gave it: text from the environment or a flag, typed from the TOML file.
using ConfigValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>, double>;

/// Checks a string value (or one item of a list); the reason when it is refused.
using ConfigCheck = std::function<std::optional<std::string>(const std::string&)>;

/// A value of a structured key (arrays of tables), as the TOML file wrote it. Structured keys
/// exist only in the file: no environment variable, no flag.
struct ConfigNode {
    enum class Kind : std::uint8_t { kString, kInteger, kFloat, kBool, kArray, kTable, kOther };
    Kind kind = Kind::kOther;
    std::string text;                ///< kString
    std::int64_t integer = 0;        ///< kInteger
    double number = 0.0;             ///< kFloat, and kInteger converted
    bool flag = false;               ///< kBool
    std::vector<ConfigNode> items;   ///< kArray, in order
    std::vector<std::string> names;  ///< kTable: the field names, in the file's order
    std::vector<ConfigNode> fields;  ///< kTable: their values, same order

    bool IsNumber() const { return kind == Kind::kInteger || kind == Kind::kFloat; }
};

/// The error of a bad key: "config: KEY (SOURCE) REASON", with the key as the field.
ApiError ConfigError(const std::string& key, const std::string& source, const std::string& reason);

/// Parsers shared by the key kinds: the value, or the reason it is refused. Text (environment,
/// flags) is converted; a TOML value must have a fitting type.
std::expected<std::int64_t, std::string> ParseConfigInt(const ConfigValue& value, std::int64_t lo, std::int64_t hi);
std::expected<double, std::string> ParseConfigDouble(const ConfigValue& value, double lo, double hi);
std::expected<std::string, std::string> ParseConfigString(const ConfigValue& value, const ConfigCheck& check);
std::expected<bool, std::string> ParseConfigBool(const ConfigValue& value);
/// A list from the file, or comma-separated text; `item` checks each element. `what` names the
/// elements in the refusal of a value that is no list ("must be a list of origins").
std::expected<std::vector<std::string>, std::string> ParseConfigList(const ConfigValue& value, const ConfigCheck& item,
                                                                     std::string_view what);
/// The shortest text that reads back as `value` ("0.5", "20").
std::string FormatConfigDouble(double value);

/// Checks for string keys: one of `allowed`; empty or an http(s) URL.
ConfigCheck OneOf(std::vector<std::string> allowed);
std::optional<std::string> EmptyOrHttpUrl(const std::string& value);

/// The keys of one config section (`[orders]`), declared by the feature that reads them, over
/// the feature's own settings struct `S` (whose default member values are the defaults).
template <class S>
class ConfigSection {
public:
    /// `apply` sets the member from a value and returns the reason when it refuses it;
    /// `apply_node` (structured keys only) reads the file's value at `key` from `source`.
    struct Key {
        std::string name;  ///< within the section: "reservation_minutes"
        std::string help;
        std::string default_value;
        bool file_only = false;
        std::function<std::optional<std::string>(S&, const ConfigValue&)> apply;
        std::function<Result<void>(S&, const ConfigNode&, const std::string& key, const std::string& source)>
            apply_node;
    };

    /// `name` is the TOML table and the first part of every key: "orders".
    explicit ConfigSection(std::string name) : name_(std::move(name)) {}

    /// A whole number between `lo` and `hi`.
    template <std::integral T>
    ConfigSection& Int(std::string key, T S::*member, std::int64_t lo, std::int64_t hi, std::string help) {
        return Add(std::move(key), std::move(help), std::to_string(S{}.*member),
                   [=](S& s, const ConfigValue& v) -> std::optional<std::string> {
                       auto n = ParseConfigInt(v, lo, hi);
                       if (!n) {
                           return n.error();
                       }
                       s.*member = static_cast<T>(*n);
                       return std::nullopt;
                   });
    }

    /// A finite number between `lo` and `hi`.
    ConfigSection& Double(std::string key, double S::*member, double lo, double hi, std::string help) {
        return Add(std::move(key), std::move(help), FormatConfigDouble(S{}.*member),
                   [=](S& s, const ConfigValue& v) -> std::optional<std::string> {
                       auto d = ParseConfigDouble(v, lo, hi);
                       if (!d) {
                           return d.error();
                       }
                       s.*member = *d;
                       return std::nullopt;
                   });
    }

    /// A string, refused when `check` gives a reason.
    ConfigSection& String(std::string key, std::string S::*member, std::string help, ConfigCheck check = nullptr) {
        return Add(std::move(key), std::move(help), S{}.*member,
                   [=](S& s, const ConfigValue& v) -> std::optional<std::string> {
                       auto text = ParseConfigString(v, check);
                       if (!text) {
                           return text.error();
                       }
                       s.*member = std::move(*text);
                       return std::nullopt;
                   });
    }

    /// true or false (also 1/0, yes/no as text).
    ConfigSection& Bool(std::string key, bool S::*member, std::string help) {
        return Add(std::move(key), std::move(help), S{}.*member ? "true" : "false",
                   [=](S& s, const ConfigValue& v) -> std::optional<std::string> {
                       auto b = ParseConfigBool(v);
                       if (!b) {
                           return b.error();
                       }
                       s.*member = *b;
                       return std::nullopt;
                   });
    }

    /// A list of strings (a TOML array, or comma-separated text); `what` names the elements
    /// ("origins"), `item` checks each one.
    ConfigSection& List(std::string key, std::vector<std::string> S::*member, std::string what, std::string help,
                        ConfigCheck item) {
        const S defaults{};
        std::string shown;
        for (const auto& value : defaults.*member) {
            shown += (shown.empty() ? "" : ",") + value;
        }
        return Add(std::move(key), std::move(help), std::move(shown),
                   [=](S& s, const ConfigValue& v) -> std::optional<std::string> {
                       auto list = ParseConfigList(v, item, what);
                       if (!list) {
                           return list.error();
                       }
                       s.*member = std::move(*list);
                       return std::nullopt;
                   });
    }

    /// A structured key that only the config file can set (`[[section.key]]` tables); `parse`
    /// reads it into the section. Listed with no default and "(file only)" for its variable.
    ConfigSection& FileOnly(
        std::string key, std::string help,
        std::function<Result<void>(S&, const ConfigNode&, const std::string& key, const std::string& source)> parse) {
        const std::string refusal = "can only be set in the config file, as [[" + name_ + "." + key + "]] tables";
        Add(std::move(key), std::move(help), "",
            [refusal](S&, const ConfigValue&) -> std::optional<std::string> { return refusal; });
        keys_.back().file_only = true;
        keys_.back().apply_node = std::move(parse);
        return *this;
    }

    const std::string& name() const { return name_; }
    const std::vector<Key>& keys() const { return keys_; }

private:
    ConfigSection& Add(std::string key, std::string help, std::string default_value,
                       std::function<std::optional<std::string>(S&, const ConfigValue&)> apply) {
        Key& added = keys_.emplace_back();
        added.name = std::move(key);
        added.help = std::move(help);
        added.default_value = std::move(default_value);
        added.apply = std::move(apply);
        return *this;
    }

    std::string name_;
    std::vector<Key> keys_;
};

/// One key of a whole configuration, its target type erased (ConfigSchema keeps it typed).
struct ConfigKeyDef {
    std::string key;  ///< "orders.max_lines"
    std::string help;
    std::string default_value;
    bool file_only = false;
    std::function<std::optional<std::string>(void* config, const ConfigValue&)> apply;
    std::function<Result<void>(void* config, const ConfigNode&, const std::string& source)> apply_node;
};

/// Reads the sources into `config` through `keys`. Any unknown key (in the file, as a WEBDPRO_*
/// variable, or as an override) and any bad value is an error naming the key, its source and
/// the reason. Secrets (IsSecretEnv) are not configuration and are skipped.
Result<void> LoadConfigInto(const std::vector<ConfigKeyDef>& keys, const ConfigSources& sources, void* config);

/// Every key with its env name ("(file only)" for structured keys), default and help.
std::vector<ConfigKeyInfo> DescribeConfigKeys(const std::vector<ConfigKeyDef>& keys);

/// The configuration `C` of a program: its sections, each a member of `C`, in the order they
/// are documented. Built once at start-up; Load() and Keys() are thread-safe.
template <class C>
class ConfigSchema {
public:
    template <class S>
    ConfigSchema& Add(S C::*member, const ConfigSection<S>& section) {
        for (const auto& key : section.keys()) {
            ConfigKeyDef def;
            def.key = section.name() + "." + key.name;
            def.help = key.help;
            def.default_value = key.default_value;
            def.file_only = key.file_only;
            def.apply = [member, apply = key.apply](void* config, const ConfigValue& value) {
                return apply(static_cast<C*>(config)->*member, value);
            };
            if (key.apply_node) {
                def.apply_node = [member, apply = key.apply_node, full = def.key](void* config, const ConfigNode& node,
                                                                                  const std::string& source) {
                    return apply(static_cast<C*>(config)->*member, node, full, source);
                };
            }
            keys_.push_back(std::move(def));
        }
        return *this;
    }

    /// Defaults ← file ← env ← overrides; see LoadConfigInto.
    Result<C> Load(const ConfigSources& sources) const {
        C config;
        if (auto loaded = LoadConfigInto(keys_, sources, &config); !loaded) {
            return Fail(std::move(loaded.error()));
        }
        return config;
    }

    /// Every key, for `webdpro config` and the README.
    std::vector<ConfigKeyInfo> Keys() const { return DescribeConfigKeys(keys_); }

private:
    std::vector<ConfigKeyDef> keys_;
};

/// Environment variables that carry secrets rather than configuration; config loading ignores them.
bool IsSecretEnv(const std::string& name);

/// Splits "HOST:PORT" ("[::1]:80" for IPv6). False when malformed or the port is out of range.
bool ParseListen(const std::string& text, std::string& host, std::uint16_t& port);

/// Reads the process environment into a map.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace webdpro
