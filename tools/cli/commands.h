// Subcommands of the candlewick tool. Each takes its own argv (argv[0] is the
// subcommand name) and returns the process exit code: 0 success, 1 a data or
// library error, 2 a usage error.
#ifndef CANDLEWICK_TOOLS_CLI_COMMANDS_H_
#define CANDLEWICK_TOOLS_CLI_COMMANDS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace candlewick {
namespace cli {

int RunRender(int argc, char** argv);
int RunIndicators(int argc, char** argv);
int RunBatch(int argc, char** argv);
int RunVersion();

// A path as the user meant it: relative paths are taken from the directory
// `bazel run` was started in (BUILD_WORKING_DIRECTORY) when there is one.
std::string ResolveUserPath(const std::string& path);

// Prints "candlewick <command>: <message>" and where to find the options on
// stderr; returns 2, the exit code of a usage error.
int UsageError(const char* command, absl::string_view message);

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_COMMANDS_H_
