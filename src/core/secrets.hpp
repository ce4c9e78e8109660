#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace webdpro {

/// A secret the process needs, and how to make one in development when none is configured.
struct SecretSpec {
    std::string name;  ///< lowercase, e.g. "jwt_keys"; its variable is WEBDPRO_SECRET_JWT_KEYS
    /// Makes a fresh value for development; empty = the secret is optional and never generated.
    std::function<std::string()> generate;
};

/// Where secrets come from.
struct SecretSources {
    /// The process environment: WEBDPRO_SECRET_<NAME> variables and WEBDPRO_SECRETS_FILE.
    std::map<std::string, std::string> env;
    /// The data dir; its `secrets.toml` holds secrets generated in development.
    std::filesystem::path data_dir;
    /// When a required secret is missing everywhere: generate it into DATA_DIR/secrets.toml
    /// (mode 0600) — development — or fail start-up — production.
    bool generate_missing = true;
};

/// Named secret values (signing keys, encryption keys, provider credentials). Never part of
/// Config, never logged: there is no way to print them. Precedence: WEBDPRO_SECRET_<NAME> ←
/// the file named by WEBDPRO_SECRETS_FILE (a TOML table of `name = "value"` strings), or else
/// DATA_DIR/secrets.toml when it exists. Immutable after Load; thread-safe.
class Secrets final {
public:
    /// Loads every source and makes sure each spec with a generator has a value (generating the
    /// missing ones when allowed). Errors (kInvalidArgument): the secrets file is unreadable or
    /// has a non-string value; a required secret is missing and generation is off (the message
    /// names the variable to set); the data dir cannot take the generated file.
    static Result<Secrets> Load(const SecretSources& sources, std::span<const SecretSpec> specs);
    /// Secrets given directly (tests).
    static Secrets FromMap(std::map<std::string, std::string> values);
    /// Secrets read from the text of a secrets file (`name = "value"` lines), e.g. the keys a
    /// backup archive carries. kInvalidArgument when it is not such a table.
    static Result<Secrets> FromToml(std::string_view text);

    /// The named secrets that have a value, as the text of a secrets file. Only for writing key
    /// material deliberately to where it belongs (a sealed backup, a restored data dir).
    std::string ExportToml(std::span<const std::string_view> names) const;

    /// The raw value of `name`, or nullopt.
    std::optional<std::string> Get(std::string_view name) const;
    /// `name` decoded from base64 (either alphabet), at least `min_bytes` long. The error names
    /// the secret and the reason, never the value.
    Result<SecretBytes> Key(std::string_view name, std::size_t min_bytes = 32) const;

    /// Names generated during Load (to tell the operator; values are never reported).
    const std::vector<std::string>& generated() const { return generated_; }
    /// Things the operator should know, e.g. a secrets file readable by other users.
    const std::vector<std::string>& warnings() const { return warnings_; }

    /// "WEBDPRO_SECRET_" + upper-case name.
    static std::string EnvName(std::string_view name);
    /// A fresh 32-byte key, base64url without padding.
    static std::string NewKey();

private:
    std::map<std::string, std::string, std::less<>> values_;
    std::vector<std::string> generated_;
    std::vector<std::string> warnings_;
};

}  // namespace webdpro
