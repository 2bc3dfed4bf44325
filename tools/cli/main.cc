// candlewick: the command-line front end. Subcommands live in their own
// files; this one only dispatches.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tools/cli/commands.h"

namespace {

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "usage: candlewick <command> [options]\n"
               "\n"
               "commands:\n"
               "  render      draw a chart from a CSV file (or the bundled sample)\n"
               "  indicators  compute indicators over a CSV file into a CSV file\n"
               "  batch       render a directory of CSV files (or a manifest) in parallel\n"
               "  version     print the library version\n"
               "\n"
               "Run 'candlewick <command> --help' for a command's options.\n");
}


int Dispatch(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  const char* command = argv[1];
  if (std::strcmp(command, "--help") == 0 || std::strcmp(command, "-h") == 0 ||
      std::strcmp(command, "help") == 0) {
    PrintUsage(stdout);
    return 0;
  }
  if (std::strcmp(command, "render") == 0) return candlewick::cli::RunRender(argc - 1, argv + 1);
  if (std::strcmp(command, "indicators") == 0) {
    return candlewick::cli::RunIndicators(argc - 1, argv + 1);
  }
  if (std::strcmp(command, "batch") == 0) return candlewick::cli::RunBatch(argc - 1, argv + 1);
  if (std::strcmp(command, "version") == 0) return candlewick::cli::RunVersion();
  std::fprintf(stderr, "candlewick: unknown command '%s'\n\n", command);
  PrintUsage(stderr);
  return 2;
}

}  // namespace

// Whatever the command, standard output that could not be written (a full
// disk) fails it: a truncated list, CSV or summary never comes
// with exit 0.
int main(int argc, char** argv) {
  int code = Dispatch(argc, argv);
  if ((std::fflush(stdout) != 0 || std::ferror(stdout)) && code == 0) {
    // (A command that failed has said why already.)
    const int error = errno;
    std::fprintf(stderr, "candlewick: write error on standard output%s%s\n",
                 error != 0 ? ": " : "", error != 0 ? std::strerror(error) : "");
    code = 1;
  }
  return code;
}
