#pragma once

#include <string_view>

namespace webdpro {

/// Names the calling thread for top, perf, gdb and /proc/PID/task/TID/comm ("db-writer",
/// "http-io-1"): the kernel keeps the first 15 bytes. Best effort: a failure is ignored.
void SetThreadName(std::string_view name);

}  // namespace webdpro
