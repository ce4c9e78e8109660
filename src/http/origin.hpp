#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace webdpro::http {

/// A web origin (RFC 6454): scheme, host and port, compared as a whole. Only http and https.
struct Origin {
    std::string scheme;  ///< "http" or "https"
    std::string host;    ///< lower-case name, IPv4 address or bracketed IPv6 literal
    std::uint16_t port = 0;

    /// "https://shop.example.in", "http://localhost:8080": the port only when not the scheme's default.
    std::string Serialize() const;
    /// The same origin with another host (a store's subdomain or domain on the platform's scheme and port).
    Origin WithHost(std::string other_host) const;
    bool operator==(const Origin&) const = default;
};

/// The origin of an http(s) URL or Origin header value ("https://Shop.Example.in:443/a?b" ->
/// https, shop.example.in, 443). Nullopt for other schemes, user info, an empty or malformed host
/// or port. Pure; thread-safe.
std::optional<Origin> ParseOrigin(std::string_view url);

/// The origin a request was addressed to: its Host header, on https when `trust_forwarded_proto`
/// and the first X-Forwarded-Proto value says so, else http (this server speaks plain HTTP).
/// Nullopt when the Host header is missing or not a host[:port].
std::optional<Origin> RequestOrigin(const Request& request, bool trust_forwarded_proto);

}  // namespace webdpro::http
