#include "http/origin.hpp"

#include <algorithm>
#include <charconv>

namespace webdpro::http {
namespace {

constexpr std::uint16_t kHttpPort = 80;
constexpr std::uint16_t kHttpsPort = 443;
constexpr std::size_t kMaxHostChars = 253;

std::uint16_t DefaultPort(std::string_view scheme) {
    return scheme == "https" ? kHttpsPort : kHttpPort;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool IsIpv6Char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
}

// host[:port] -> origin on `scheme`; nullopt when either part is malformed.
std::optional<Origin> FromAuthority(std::string scheme, std::string_view authority) {
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        host = authority.substr(0, close + 1);
        port = authority.substr(close + 1);
        if (!port.empty() && !port.starts_with(':')) {
            return std::nullopt;
        }
    } else if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon);
    }
    Origin origin;
    origin.scheme = std::move(scheme);
    origin.host = Lower(host);
    if (origin.host.ends_with('.')) {
        origin.host.pop_back();
    }
    if (origin.host.empty() || origin.host.size() > kMaxHostChars) {
        return std::nullopt;
    }
    const bool literal = origin.host.starts_with('[');
    const std::string_view inner =
        literal ? std::string_view(origin.host).substr(1, origin.host.size() - 2) : std::string_view(origin.host);
    if (inner.empty() || !std::ranges::all_of(inner, literal ? IsIpv6Char : IsNameChar)) {
        return std::nullopt;
    }
    origin.port = DefaultPort(origin.scheme);
    if (!port.empty()) {
        port.remove_prefix(1);  // ':'
        unsigned value = 0;
        const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || error != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
            return std::nullopt;
        }
        origin.port = static_cast<std::uint16_t>(value);
    }
    return origin;
}

}  // namespace

std::string Origin::Serialize() const {
    std::string out = scheme + "://" + host;
    if (port != DefaultPort(scheme)) {
        out += ":" + std::to_string(port);
    }
    return out;
}

Origin Origin::WithHost(std::string other_host) const {
    Origin out = *this;
    out.host = std::move(other_host);
    return out;
}

std::optional<Origin> ParseOrigin(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::nullopt;
    }
    std::string scheme = Lower(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") {
        return std::nullopt;
    }
    std::string_view rest = url.substr(scheme_end + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) {
        return std::nullopt;
    }
    return FromAuthority(std::move(scheme), authority);
}

std::optional<Origin> RequestOrigin(const Request& request, bool trust_forwarded_proto) {
    const auto host = request.Header("Host");
    if (!host) {
        return std::nullopt;
    }
    std::string scheme = "http";
    if (trust_forwarded_proto) {
        if (const auto proto = request.Header("X-Forwarded-Proto")) {
            // The first value is the client's hop.
            std::string_view first = proto->substr(0, proto->find(','));
            while (!first.empty() && (first.front() == ' ' || first.front() == '\t')) {
                first.remove_prefix(1);
            }
            while (!first.empty() && (first.back() == ' ' || first.back() == '\t')) {
                first.remove_suffix(1);
            }
            if (EqualsIgnoreCase(first, "https")) {
                scheme = "https";
            }
        }
    }
    return FromAuthority(std::move(scheme), *host);
}

}  // namespace webdpro::http
