#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/headers.hpp"

namespace webdpro::http {

/// Why a request head cannot be framed and routed without ambiguity (RFC 9112 §3.2, §5.2, §6), or
/// nullopt when it can. Refused: obs-folded lines (and a line starting with whitespace), any
/// Transfer-Encoding other than exactly one final `chunked` (other codings, `chunked, identity`,
/// lists, parameters), Transfer-Encoding together with Content-Length, Transfer-Encoding on
/// HTTP/1.0, more than one Host, no Host on HTTP/1.1, and a Host that is not a host[:port].
/// `raw_head` is the head as received, start line through the empty line; `headers` its fields as
/// parsed; `version` 10 or 11. Such a request must be answered 400 and its connection closed: a
/// proxy in front may have read its body differently. Pure; thread-safe.
std::optional<std::string> FramingProblem(std::string_view raw_head, const Headers& headers, unsigned version);

}  // namespace webdpro::http
