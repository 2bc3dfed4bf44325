// Whole-file reads and writes for the command-line tool and the gallery
// programs.
#ifndef CANDLEWICK_TOOLS_CLI_FILES_H_
#define CANDLEWICK_TOOLS_CLI_FILES_H_

#include <cstddef>
#include <string>

namespace candlewick {
namespace cli {

// Appends the file at `path` to *bytes; false (errno set) when it cannot be
// opened or read.
bool ReadWholeFile(const std::string& path, std::string* bytes);

// Writes `size` bytes from `data` as the file at `path`, replacing it; false
// (errno set) when it cannot be opened, written or closed.
bool WriteWholeFile(const std::string& path, const void* data, size_t size);

}  // namespace cli
}  // namespace candlewick

#endif  // CANDLEWICK_TOOLS_CLI_FILES_H_
