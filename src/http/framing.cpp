#include "http/framing.hpp"

#include <cstddef>

namespace webdpro::http {
namespace {

std::string_view TrimOws(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// A line of the head that starts with SP or HTAB: an obs-fold, or whitespace before the first field.
bool HasFoldedLine(std::string_view raw_head) {
    for (std::size_t at = raw_head.find('\n'); at != std::string_view::npos; at = raw_head.find('\n', at + 1)) {
        if (at + 1 < raw_head.size() && (raw_head[at + 1] == ' ' || raw_head[at + 1] == '\t')) {
            return true;
        }
    }
    return false;
}

// uri-host [ ":" port ]: a reg-name or IPv4 (unreserved and sub-delims other than ','), or an IP literal.
bool IsHostAndPort(std::string_view host) {
    std::string_view port;
    if (host.starts_with('[')) {
        const std::size_t close = host.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        for (char c : host.substr(1, close - 1)) {
            const bool ok =
                (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        port = host.substr(close + 1);
        if (!port.empty() && !port.starts_with(':')) {
            return false;
        }
    } else {
        const std::size_t colon = host.find(':');
        if (colon != std::string_view::npos) {
            port = host.substr(colon);
            host = host.substr(0, colon);
        }
        for (char c : host) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            std::string_view("-._~!$&'()*+;=%").find(c) != std::string_view::npos;
            if (!ok) {
                return false;
            }
        }
    }
    if (!port.empty()) {
        port.remove_prefix(1);
        if (port.size() > 5) {
            return false;
        }
        for (char c : port) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> FramingProblem(std::string_view raw_head, const Headers& headers, unsigned version) {
    if (HasFoldedLine(raw_head)) {
        return "a header line is folded (obs-fold) or starts with whitespace";
    }
    std::size_t hosts = 0;
    std::size_t lengths = 0;
    std::size_t codings = 0;
    bool chunked_last = false;
    for (const auto& [name, value] : headers) {
        if (EqualsIgnoreCase(name, "Host")) {
            ++hosts;
            if (!IsHostAndPort(TrimOws(value))) {
                return "the Host header is not a host and port";
            }
        } else if (EqualsIgnoreCase(name, "Content-Length")) {
            ++lengths;
        } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
            std::string_view list = value;
            std::size_t in_field = 0;
            while (true) {
                const std::size_t comma = list.find(',');
                const std::string_view coding = TrimOws(list.substr(0, comma));
                if (!coding.empty()) {
                    ++in_field;
                    chunked_last = EqualsIgnoreCase(coding, "chunked");
                }
                if (comma == std::string_view::npos) {
                    break;
                }
                list.remove_prefix(comma + 1);
            }
            // An empty Transfer-Encoding still names a coding the server cannot decode.
            codings += in_field == 0 ? 2 : in_field;
        }
    }
    if (hosts > 1) {
        return "more than one Host header";
    }
    if (hosts == 0 && version >= 11) {
        return "an HTTP/1.1 request without a Host header";
    }
    if (codings > 0) {
        if (version < 11) {
            return "Transfer-Encoding on an HTTP/1.0 request";
        }
        if (lengths > 0) {
            return "both Transfer-Encoding and Content-Length";
        }
        if (codings != 1 || !chunked_last) {
            return "a Transfer-Encoding other than chunked";
        }
    }
    return std::nullopt;
}

}  // namespace webdpro::http
