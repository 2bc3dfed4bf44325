// The helpers commands.h shares between the subcommands.
#include "tools/cli/commands.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace candlewick {
namespace cli {

std::string ResolveUserPath(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (cwd == nullptr || cwd[0] == '\0') return path;
  return std::string(cwd) + "/" + path;
}

int UsageError(const char* command, absl::string_view message) {
  std::fprintf(stderr, "candlewick %s: %.*s\n", command, static_cast<int>(message.size()),
               message.data());
  std::fprintf(stderr, "Run 'candlewick %s --help' for the options.\n", command);
  return 2;
}

}  // namespace cli
}  // namespace candlewick
