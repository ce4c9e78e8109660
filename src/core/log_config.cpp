#include "core/log_config.hpp"

#include "core/log.hpp"

namespace webdpro {

ConfigSection<LogConfig> LogConfigSection() {
    ConfigSection<LogConfig> s("log");
    s.String("level", &LogConfig::level, "debug, info, warn or error",
             [](const std::string& text) -> std::optional<std::string> {
                 LogLevel level;
                 if (!ParseLogLevel(text, level)) {
                     return "must be one of debug, info, warn, error";
                 }
                 return std::nullopt;
             });
    return s;
}

}  // namespace webdpro
