#pragma once

namespace webdpro::app {

/// Parses the command line and runs one command (serve, migrate, backup, restore, routes,
/// config). Returns the process exit code: 0 on success, 1 on a runtime failure, 2 on bad usage or
/// configuration.
int RunCli(int argc, char** argv);

}  // namespace webdpro::app
