// Rewrites tests/golden/*.png and hashes.txt from the current renderer.
// Run after an intended visual change, then look at the images before
// committing them:  bazel run //tests:regenerate_golden
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "capi/candlewick.h"
#include "cc/base/byte_buffer.h"
#include "cc/encode/png.h"
#include "tests/golden_cases.h"
#include "tests/test_support.h"

int main() {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr) {
    std::fprintf(stderr, "run me with: bazel run //tests:regenerate_golden\n");
    return 2;
  }
  const std::string dir = std::string(workspace) + "/tests/golden/";
  std::string hashes;
  for (const auto& c : candlewick_test::GoldenCases()) {
    std::vector<uint8_t> rgba;
    if (cw_status st = candlewick_test::RenderGolden(c, &rgba); st != CW_OK) {
      std::fprintf(stderr, "%s: %s\n", c.name.c_str(), cw_status_string(st));
      return 1;
    }
    // Golden files are true-colour PNGs written independently of the
    // chart's own palette encoder, so a bug there cannot hide in them.
    candlewick::ByteBuffer png(candlewick::AllocatorHooks::Default());
    const absl::Status st = candlewick::EncodeRgbaPng(rgba.data(), c.options.width,
                                                      c.options.height, c.options.width * 4,
                                                      candlewick::PngPreset::kSmallest, &png);
    if (!st.ok()) {
      std::fprintf(stderr, "%s: %s\n", c.name.c_str(), std::string(st.message()).c_str());
      return 1;
    }
    const std::string path = dir + c.name + ".png";
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || std::fwrite(png.data(), 1, png.size(), f) != png.size() ||
        std::fclose(f) != 0) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
    hashes += c.name + " " + candlewick_test::PixelHash(rgba.data(), rgba.size()) + "\n";
    std::printf("wrote %s\n", path.c_str());
  }
  FILE* f = std::fopen((dir + "hashes.txt").c_str(), "wb");
  if (f == nullptr || std::fputs(hashes.c_str(), f) < 0 || std::fclose(f) != 0) return 1;
  return 0;
}
