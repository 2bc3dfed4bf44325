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

bool ReadWholeFile(const std::string& path, std::string* bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char chunk[65536];
  for (size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) bytes->append(chunk, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

int UsageError(const char* command, absl::string_view message) {
  std::fprintf(stderr, "candlewick %s: %.*s\n", command, static_cast<int>(message.size()),
               message.data());
  std::fprintf(stderr, "Run 'candlewick %s --help' for the options.\n", command);
  return 2;
}

}  // namespace cli
}  // namespace candlewick
