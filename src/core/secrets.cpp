#include "core/secrets.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>

#include <toml++/toml.h>

namespace webdpro {
namespace {

constexpr std::string_view kSecretsFileEnv = "WEBDPRO_SECRETS_FILE";
constexpr std::string_view kGeneratedFile = "secrets.toml";

ApiError SecretError(std::string message) {
    return ApiError(ErrorCode::kInvalidArgument, "secrets: " + std::move(message));
}

/// Copies the string values of `table` into `out`; `origin` names the source in errors.
Result<void> TakeValues(const toml::table& table, const std::string& origin,
                        std::map<std::string, std::string, std::less<>>& out) {
    for (const auto& [key, node] : table) {
        auto value = node.value<std::string>();
        if (!node.is_string() || !value) {
            return Fail(SecretError(origin + ": " + std::string(key.str()) + " must be a string"));
        }
        out[std::string(key.str())] = *value;
    }
    return {};
}

Result<void> ReadFile(const std::filesystem::path& path, std::map<std::string, std::string, std::less<>>& out,
                      std::vector<std::string>& warnings) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        warnings.push_back("secrets file " + path.string() + " is readable by other users; chmod 600 it");
    }
    toml::table table;
    try {
        table = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        // The description never quotes values, so no secret leaks into the message.
        return Fail(SecretError("cannot read " + path.string() + " at line " + std::to_string(e.source().begin.line) +
                                ": " + std::string(e.description())));
    }
    return TakeValues(table, path.string(), out);
}

/// Appends `lines` to DATA_DIR/secrets.toml, creating it with mode 0600, and syncs it.
Result<void> AppendGenerated(const std::filesystem::path& file, const std::string& lines) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        return Fail(SecretError("cannot create " + file.string() + ": " + std::strerror(errno)));
    }
    ::fchmod(fd, 0600);
    std::size_t done = 0;
    while (done < lines.size()) {
        const ssize_t n = ::write(fd, lines.data() + done, lines.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const std::string reason = std::strerror(errno);
            ::close(fd);
            return Fail(SecretError("cannot write " + file.string() + ": " + reason));
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        return Fail(SecretError("cannot sync " + file.string()));
    }
    return {};
}

}  // namespace

std::string Secrets::EnvName(std::string_view name) {
    std::string out = "WEBDPRO_SECRET_";
    for (char c : name) {
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string Secrets::NewKey() {
    const Bytes key = RandomBytes(32);
    return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

Secrets Secrets::FromMap(std::map<std::string, std::string> values) {
    Secrets s;
    for (auto& [k, v] : values) {
        s.values_[k] = std::move(v);
    }
    return s;
}

Result<Secrets> Secrets::FromToml(std::string_view text) {
    toml::table table;
    try {
        table = toml::parse(text);
    } catch (const toml::parse_error& e) {
        return Fail(SecretError("not a secrets table at line " + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description())));
    }
    Secrets s;
    if (auto taken = TakeValues(table, "secrets", s.values_); !taken) {
        return Fail(taken.error());
    }
    return s;
}

std::string Secrets::ExportToml(std::span<const std::string_view> names) const {
    toml::table table;
    for (const auto name : names) {
        if (auto it = values_.find(name); it != values_.end()) {
            table.insert(std::string(name), it->second);
        }
    }
    std::ostringstream out;
    out << table << "\n";
    return out.str();
}

Result<Secrets> Secrets::Load(const SecretSources& sources, std::span<const SecretSpec> specs) {
    Secrets s;
    const std::filesystem::path generated_file = sources.data_dir / kGeneratedFile;
    std::optional<std::filesystem::path> file;
    if (auto it = sources.env.find(std::string(kSecretsFileEnv)); it != sources.env.end() && !it->second.empty()) {
        file = it->second;
        if (!std::filesystem::exists(*file)) {
            return Fail(
                SecretError(std::string(kSecretsFileEnv) + " names " + file->string() + ", which does not exist"));
        }
    } else if (std::filesystem::exists(generated_file)) {
        file = generated_file;
    }
    if (file) {
        if (auto read = ReadFile(*file, s.values_, s.warnings_); !read) {
            return Fail(read.error());
        }
    }
    const std::string prefix = "WEBDPRO_SECRET_";
    for (const auto& [name, value] : sources.env) {
        if (!name.starts_with(prefix) || name.size() == prefix.size()) {
            continue;
        }
        std::string key = name.substr(prefix.size());
        for (auto& c : key) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        s.values_[key] = value;
    }

    std::string new_lines;
    for (const auto& spec : specs) {
        if (!spec.generate || s.values_.contains(spec.name)) {
            continue;
        }
        // A named secrets file is production's source of truth: never write next to it.
        if (!sources.generate_missing || (file && *file != generated_file)) {
            return Fail(SecretError("missing secret '" + spec.name + "': set " + EnvName(spec.name) + " or add " +
                                    spec.name + " to the secrets file"));
        }
        std::string value = spec.generate();
        new_lines += spec.name + " = \"" + value + "\"\n";
        s.values_[spec.name] = std::move(value);
        s.generated_.push_back(spec.name);
    }
    if (!new_lines.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(sources.data_dir, ec);
        const std::string header = std::filesystem::exists(generated_file)
                                       ? std::string()
                                       : "# Generated by WebDPro for development. Keep it private (mode 0600).\n"
                                         "# In production set WEBDPRO_SECRET_* or WEBDPRO_SECRETS_FILE instead.\n";
        if (auto written = AppendGenerated(generated_file, header + new_lines); !written) {
            return Fail(written.error());
        }
    }
    return s;
}

std::optional<std::string> Secrets::Get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) {
        return std::nullopt;
    }
    return it->second;
}

Result<SecretBytes> Secrets::Key(std::string_view name, std::size_t min_bytes) const {
    auto value = Get(name);
    if (!value) {
        return Fail(SecretError("missing secret '" + std::string(name) + "': set " + EnvName(name)));
    }
    auto bytes = Base64DecodeAny(*value);
    if (!bytes) {
        return Fail(SecretError("secret '" + std::string(name) + "' must be base64"));
    }
    if (bytes->size() < min_bytes) {
        return Fail(SecretError("secret '" + std::string(name) + "' must decode to at least " +
                                std::to_string(min_bytes) + " bytes"));
    }
    return SecretBytes(std::move(*bytes));
}

}  // namespace webdpro
