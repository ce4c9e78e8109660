#include "app/cli.hpp"

int main(int argc, char** argv) {
    return webdpro::app::RunCli(argc, argv);
}
