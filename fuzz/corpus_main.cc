// Runs a fuzz target's entry point over every file of its committed corpus
// (seeds and the reproducers of past findings): the corpus tests of the
// default and sanitizer configurations, built with any compiler (gcc
// included), so every finding stays a regression test.
#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  size_t files = 0;
  for (int a = 1; a < argc; ++a) {
    std::vector<std::string> paths;
    if (DIR* dir = opendir(argv[a])) {
      while (dirent* e = readdir(dir)) {
        if (e->d_name[0] != '.') paths.push_back(std::string(argv[a]) + "/" + e->d_name);
      }
      closedir(dir);
    } else {
      paths.push_back(argv[a]);
    }
    for (const std::string& path : paths) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return 1;
      }
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::fprintf(stderr, "%s (%zu bytes)\n", path.c_str(), bytes.size());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++files;
    }
  }
  std::printf("ran %zu inputs\n", files);
  return files > 0 ? 0 : 1;
}
