// The `liner` binary: dispatches to a subcommand (see cli/commands.cpp).
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv, argv + argc);
  liner::cli::Io io{std::cin, std::cout, std::cerr, isatty(0) != 0, isatty(1) != 0,
                    isatty(2) != 0};
  int rc = liner::cli::RunCli(args, io);
  std::cout.flush();
  return rc;
}
