#include "core/thread_name.hpp"

#include <pthread.h>

#include <string>

namespace webdpro {

void SetThreadName(std::string_view name) {
    constexpr std::size_t kMaxLength = 15;  // the kernel's limit, without the terminating NUL
    const std::string truncated(name.substr(0, kMaxLength));
    pthread_setname_np(pthread_self(), truncated.c_str());
}

}  // namespace webdpro
