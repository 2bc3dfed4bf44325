// `candlewick batch`: renders a directory of CSV files (or a manifest of
// jobs) into a directory of charts, in parallel on one cw_renderer, with a
// progress bar on a terminal and a summary of the failures.
//
// Jobs go through in chunks (reading, indicators, then one batch call whose
// progress callback writes each chart as it finishes), so memory stays
// bounded by the chunk, whatever the number of files.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "capi/candlewick.h"
#include "tools/cli/chart_extras.h"
#include "tools/cli/chart_flags.h"
#include "tools/cli/commands.h"
#include "tools/cli/files.h"
#include "tools/cli/ohlcv_csv.h"

namespace candlewick {
namespace cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kChunk = 256;        // jobs read and rendered at a time
constexpr size_t kListedFailures = 20;

void PrintBatchHelp(FILE* out) {
  std::fprintf(out,
               "usage: candlewick batch (--in DIR | --manifest FILE) --out DIR [options]\n"
               "\n"
               "Renders every CSV file of a directory, or every job of a manifest, into a\n"
               "directory of charts, in parallel. Exits 1 if any chart failed (each is\n"
               "listed), 2 on a usage error.\n"
               "\n"
               "  -i, --in DIR          every *.csv file in DIR (not recursive), each to\n"
               "                        OUT/<name>.<format>\n"
               "  -m, --manifest FILE   a CSV of jobs: a header naming `csv` and `out`, and\n"
               "                        optionally width, height, theme, type, format and\n"
               "                        title (empty cells take the options below); csv\n"
               "                        paths are relative to the manifest, out paths to OUT\n"
               "  -o, --out DIR         output directory (created if missing)\n"
               "  -j, --threads N       rendering threads (default: the CPU count)\n"
               "  -f, --format NAME     png (default) | webp | webp-lossy | svg | rgba | rgb |\n"
               "                        indexed\n"
               "  -W, --width N         width in pixels (default 800)\n"
               "  -H, --height N        height in pixels (default 600)\n"
               "  -t, --theme NAME      classic | modern | tradingview | light\n"
               "      --type NAME       candlestick | hollow | ohlc | line | area |\n"
               "                        heikin-ashi | renko | pnf\n"
               "      --axes            price, panel and time axes, labels, legend\n"
               "      --tz ZONE         time zone of the time axis (IANA name; default UTC)\n"
               "      --antialias       blended edges\n"
               "      --name-titles     title each chart with its file name (\"AAPL\")\n"
               "      --overlay IND     an indicator over the prices (sma:20, bbands:20,2,2)\n"
               "      --panel IND       an indicator panel (rsi:14, macd:12,26,9)\n"
               "      --png PRESET      fastest | balanced | smallest\n"
               "      --quality Q       lossy WebP quality 0..100 (default 90)\n"
               "      --no-volume       no volume panel\n"
               "      --no-grid         no grid lines\n"
               "      --font FILE       a TrueType font for labels\n"
               "      --cache-mb N      memory the renderer keeps between charts (64)\n"
               "      --progress        a progress bar even when stderr is not a terminal\n"
               "      --no-progress     no progress bar\n"
               "  -h, --help            this text\n");
}

int Usage(const std::string& message) { return UsageError("batch", message); }

struct JobSpec {
  std::string label;  // what messages call it (the CSV path as given)
  std::string csv;    // resolved paths
  std::string out;
  cw_chart_options options;
  int32_t format = CW_FORMAT_PNG;
  std::string title;
  std::string error;  // a bad manifest cell: the job fails with it
};

struct Settings {
  cw_chart_options options;
  int32_t format = -1;  // -1: png, or the manifest's out extension
  float webp_quality = 90.0f;
  bool name_titles = false;
  std::vector<std::string> overlays, panels;
  uint32_t threads = 0;
  uint64_t cache_mb = 64;
  int progress = -1;  // -1: when stderr is a terminal
  std::string in_dir, manifest, out_dir, font;
  std::string time_zone;  // --tz; options.time_zone points into it
};

// A progress bar on stderr: redrawn at most ten times a second.
class ProgressBar {
 public:
  ProgressBar(bool enabled, size_t total)
      : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}

  void Finished(bool ok) {
    ++done_;
    if (!ok) ++failed_;
    Draw(done_ == total_);
  }
  void End() {
    if (enabled_ && drawn_) std::fputc('\n', stderr);
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  size_t done() const { return done_; }
  size_t failed() const { return failed_; }

 private:
  void Draw(bool force) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done_ / total_);
    char bar[kWidth + 1];
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
    bar[kWidth] = '\0';
    const double seconds = Seconds();
    std::fprintf(stderr, "\r[%s] %zu/%zu %3d%%  %.0f charts/s  %zu failed\033[K", bar, done_,
                 total_, total_ == 0 ? 100 : static_cast<int>(100 * done_ / total_),
                 seconds > 0 ? static_cast<double>(done_) / seconds : 0.0, failed_);
    std::fflush(stderr);
  }

  bool enabled_;
  size_t total_;
  size_t done_ = 0, failed_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// --- Jobs ------------------------------------------------------------------

std::string Join(const std::string& dir, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return (fs::path(dir) / path).string();
}

absl::StatusOr<std::vector<JobSpec>> ListDirectory(const Settings& s) {
  std::vector<std::string> names;
  std::error_code ec;
  const std::string dir = ResolveUserPath(s.in_dir);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_regular_file(ec) && absl::AsciiStrToLower(p.extension().string()) == ".csv") {
      names.push_back(p.filename().string());
    }
  }
  if (ec) {
    return absl::NotFoundError(absl::StrCat("cannot read directory '", s.in_dir, "': ",
                                            ec.message()));
  }
  std::sort(names.begin(), names.end());
  std::vector<JobSpec> jobs;
  const int32_t format = s.format < 0 ? CW_FORMAT_PNG : s.format;
  for (const std::string& name : names) {
    JobSpec j;
    j.label = (fs::path(s.in_dir) / name).string();
    j.csv = (fs::path(dir) / name).string();
    const std::string stem = fs::path(name).stem().string();
    j.out = Join(ResolveUserPath(s.out_dir), stem + "." + FormatExtension(format));
    j.options = s.options;
    j.format = format;
    if (s.name_titles) j.title = stem;
    jobs.push_back(std::move(j));
  }
  return jobs;
}

// One line of a manifest split into cells: commas separate, double quotes
// quote (a doubled quote inside is one quote), spaces around cells go. A
// quote left open (a line ends inside it: cells never span lines) sets
// *error.
std::vector<std::string> SplitCsvLine(absl::string_view line, std::string* error) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  if (quoted) *error = "a quoted cell has no closing quote";
  for (std::string& cell : cells) cell = std::string(absl::StripAsciiWhitespace(cell));
  return cells;
}

// Where each column a manifest may name sits in its rows (-1: absent).
struct ManifestColumns {
  enum { kCsv, kOut, kWidth, kHeight, kTheme, kType, kFormat, kTitle, kCount };
  int index[kCount];

  ManifestColumns() { std::fill(index, index + kCount, -1); }

  // Reads the header row's cells.
  absl::Status ReadHeader(const std::vector<std::string>& cells, const std::string& manifest,
                          int line_number) {
    static const char* const kNames[kCount] = {"csv",   "out",  "width",  "height",
                                               "theme", "type", "format", "title"};
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string name = absl::AsciiStrToLower(cells[i]);
      int k = 0;
      while (k < kCount && name != kNames[k]) ++k;
      if (k == kCount) {
        return absl::InvalidArgumentError(
            absl::StrCat(manifest, ":", line_number, ": unknown column '", cells[i], "'"));
      }
      if (index[k] >= 0) {
        return absl::InvalidArgumentError(absl::StrCat(manifest, ":", line_number, ": the column '",
                                                       kNames[k], "' appears twice"));
      }
      index[k] = static_cast<int>(i);
    }
    if (index[kCsv] < 0 || index[kOut] < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(manifest, ": the header must name the columns csv and out"));
    }
    columns = cells.size();
    return absl::OkStatus();
  }

  size_t columns = 0;  // cells in the header

  // Column k's cell in a row: empty if the header or the row has none.
  std::string Cell(const std::vector<std::string>& cells, int k) const {
    return index[k] >= 0 && static_cast<size_t>(index[k]) < cells.size() ? cells[index[k]]
                                                                        : std::string();
  }
};

// The job of one manifest row; a bad cell becomes the job's error.
JobSpec ManifestJob(const Settings& s, const ManifestColumns& columns,
                    const std::vector<std::string>& cells, const std::string& split_error,
                    int line_number, const std::string& base, const std::string& out_dir) {
  using C = ManifestColumns;
  auto cell = [&](int k) { return columns.Cell(cells, k); };
  JobSpec j;
  j.options = s.options;
  j.label = cell(C::kCsv);
  j.csv = Join(base, cell(C::kCsv));
  j.out = Join(out_dir, cell(C::kOut));
  j.title = cell(C::kTitle);
  auto bad = [&](const char* what, const std::string& value) {
    if (j.error.empty()) {
      j.error = absl::StrCat(s.manifest, ":", line_number, ": ", what, " '", value, "'");
    }
  };
  // A row the header cannot account for ("Hello, world" unquoted in a title
  // would lose its second half) fails rather than being guessed at; empty
  // trailing cells (a trailing comma) are harmless.
  if (!split_error.empty()) {
    j.error = absl::StrCat(s.manifest, ":", line_number, ": ", split_error);
  }
  size_t used = cells.size();
  while (used > columns.columns && cells[used - 1].empty()) --used;
  if (used > columns.columns && j.error.empty()) {
    j.error = absl::StrCat(s.manifest, ":", line_number, ": ", used, " cells, the header names ",
                           columns.columns, " columns (quote a cell that holds a comma)");
  }
  j.format = s.format;
  if (!cell(C::kFormat).empty() && !ParseFormat(cell(C::kFormat), &j.format)) {
    bad("unknown format", cell(C::kFormat));
  }
  // The out path's extension names the format, or must agree with it.
  std::string format_error;
  const int32_t format = j.format;
  j.format = ChooseFormat(j.out, format, format >= 0 ? cw_format_name(format) : "",
                          &format_error);
  if (j.format < 0) {
    if (j.error.empty()) j.error = absl::StrCat(s.manifest, ":", line_number, ": ", format_error);
    j.format = CW_FORMAT_PNG;
  }
  if (j.label.empty()) bad("no csv path", "");
  if (cell(C::kOut).empty()) bad("no out path", "");
  if (!cell(C::kWidth).empty() && !absl::SimpleAtoi(cell(C::kWidth), &j.options.width)) {
    bad("bad width", cell(C::kWidth));
  }
  if (!cell(C::kHeight).empty() && !absl::SimpleAtoi(cell(C::kHeight), &j.options.height)) {
    bad("bad height", cell(C::kHeight));
  }
  if (!cell(C::kTheme).empty() && !ParseTheme(cell(C::kTheme), &j.options.theme)) {
    bad("unknown theme", cell(C::kTheme));
  }
  if (!cell(C::kType).empty() && !ParseChartType(cell(C::kType), &j.options.type)) {
    bad("unknown chart type", cell(C::kType));
  }
  if (j.label.empty()) j.label = absl::StrCat(s.manifest, ":", line_number);
  return j;
}

// Jobs that would write the same file as an earlier job fail with the reason,
// so no chart is silently replaced by another while both count as rendered:
// X.csv and X.CSV in a directory (both OUT/X.png), or manifest paths that
// name one file ("a.png", "./a.png", "sub/../a.png").
void FailRepeatedOutputs(std::vector<JobSpec>* specs) {
  std::map<std::string, const JobSpec*> first;
  for (JobSpec& j : *specs) {
    if (!j.error.empty()) continue;
    const auto [it, inserted] = first.emplace(fs::path(j.out).lexically_normal().string(), &j);
    if (!inserted) {
      j.error = absl::StrCat("writes the same file as ", it->second->label, " ('", j.out, "')");
    }
  }
}

absl::StatusOr<std::vector<JobSpec>> ReadManifest(const Settings& s) {
  const std::string path = ResolveUserPath(s.manifest);
  std::string text;
  if (!ReadWholeFile(path, &text)) {
    return absl::NotFoundError(
        absl::StrCat("cannot read manifest '", s.manifest, "': ", std::strerror(errno)));
  }
  const std::string base = fs::path(path).parent_path().string();
  const std::string out_dir = ResolveUserPath(s.out_dir);
  ManifestColumns columns;
  std::vector<JobSpec> jobs;
  int line_number = 0;
  bool header = true;
  // A UTF-8 byte order mark (spreadsheets write one) is no part of the text.
  absl::string_view body(text);
  absl::ConsumePrefix(&body, "\xEF\xBB\xBF");
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    std::string split_error;
    const std::vector<std::string> cells = SplitCsvLine(line, &split_error);
    if (header) {
      header = false;
      if (!split_error.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(s.manifest, ":", line_number, ": ", split_error));
      }
      const absl::Status st = columns.ReadHeader(cells, s.manifest, line_number);
      if (!st.ok()) return st;
      continue;
    }
    jobs.push_back(ManifestJob(s, columns, cells, split_error, line_number, base, out_dir));
  }
  return jobs;
}

// --- Rendering -------------------------------------------------------------

// A job read into memory, with what its render borrows.
struct Loaded {
  const JobSpec* spec = nullptr;
  OhlcvTable table;
  ChartExtras extras;
  cw_ohlcv series{};
  cw_chart_data data{};
  std::string error;
};

// Reads the chunk's CSV files and computes their indicators on `threads`
// threads (each with its own indicator context).
void LoadChunk(const Settings& s, std::deque<Loaded>* chunk, uint32_t threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    cw_indicator_context* context = nullptr;
    const bool extras = !s.overlays.empty() || !s.panels.empty();
    if (extras && cw_indicator_context_create(nullptr, &context) != CW_OK) context = nullptr;
    for (size_t i; (i = next.fetch_add(1)) < chunk->size();) {
      Loaded& l = (*chunk)[i];
      if (!l.spec->error.empty()) {
        l.error = l.spec->error;
        continue;
      }
      absl::StatusOr<OhlcvTable> table = ReadOhlcvCsv(l.spec->csv);
      if (!table.ok()) {
        l.error = std::string(table.status().message());
        continue;
      }
      l.table = std::move(*table);
      if (!l.table.note.empty()) {
        std::fprintf(stderr, "candlewick batch: warning: %s\n", l.table.note.c_str());
      }
      if (extras && context == nullptr) {
        l.error = "out of memory for an indicator context";
        continue;
      }
      absl::Status st;
      for (const std::string& spec : s.overlays) {
        if (st.ok()) st = l.extras.AddOverlay(context, spec, l.table);
      }
      for (const std::string& spec : s.panels) {
        if (st.ok()) st = l.extras.AddPanel(context, spec, l.table);
      }
      if (!st.ok()) {
        l.error = std::string(st.message());
        continue;
      }
      const OhlcvTable& t = l.table;
      l.series = cw_ohlcv_contiguous(t.rows(), t.time.empty() ? nullptr : t.time.data(),
                                     t.open.data(), t.high.data(), t.low.data(), t.close.data(),
                                     t.volume.empty() ? nullptr : t.volume.data());
      cw_chart_data_init(&l.data, &l.series);
      l.data.title = l.spec->title.empty() ? nullptr : l.spec->title.c_str();
      l.extras.Apply(&l.data);
    }
    cw_indicator_context_destroy(context);
  };
  const uint32_t n = std::max<uint32_t>(1, std::min<uint32_t>(threads, chunk->size()));
  std::vector<std::thread> pool;
  for (uint32_t t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

bool WriteFile(const std::string& path, const uint8_t* data, size_t size, std::string* error) {
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  const bool ok = WriteWholeFile(path, data, size);
  if (!ok) *error = absl::StrCat("cannot write '", path, "': ", std::strerror(errno));
  return ok;
}

struct Failure {
  size_t index;  // in the job list: failures are listed in its order
  std::string label, message;
};

// The batch call's progress callback: writes each chart as it finishes.
struct Writer {
  std::vector<Loaded*> owners;  // owners[i] made jobs[i]
  cw_render_job* first = nullptr;
  ProgressBar* bar = nullptr;
  std::vector<Failure>* failures = nullptr;
  const JobSpec* specs = nullptr;
  uint64_t bytes = 0;

  static void OnJob(void* opaque, const cw_render_job* job, size_t, size_t) {
    auto* w = static_cast<Writer*>(opaque);
    const Loaded& l = *w->owners[static_cast<size_t>(job - w->first)];
    std::string error;
    if (job->status != CW_OK) {
      error = absl::StrCat(cw_status_string(job->status), ": ", job->message);
    } else if (WriteFile(l.spec->out, cw_buffer_data(job->output), cw_buffer_size(job->output),
                         &error)) {
      w->bytes += cw_buffer_size(job->output);
    }
    cw_buffer_destroy(job->output);
    if (!error.empty()) {
      w->failures->push_back({static_cast<size_t>(l.spec - w->specs), l.spec->label, error});
    }
    w->bar->Finished(error.empty());
  }
};

void RenderChunk(const Settings& s, cw_renderer* renderer, uint32_t threads, const JobSpec* specs,
                 std::deque<Loaded>* chunk, ProgressBar* bar, std::vector<Failure>* failures,
                 uint64_t* bytes) {
  std::vector<cw_render_job> jobs;
  Writer writer;
  writer.bar = bar;
  writer.failures = failures;
  writer.specs = specs;
  jobs.reserve(chunk->size());
  for (Loaded& l : *chunk) {
    if (!l.error.empty()) {
      failures->push_back({static_cast<size_t>(l.spec - specs), l.spec->label, l.error});
      bar->Finished(false);
      continue;
    }
    jobs.emplace_back();
    cw_render_job_init(&jobs.back(), &l.spec->options, &l.data, l.spec->format);
    jobs.back().webp_quality = s.webp_quality;
    writer.owners.push_back(&l);
  }
  writer.first = jobs.data();
  cw_batch_options bo;
  cw_batch_options_init(&bo);
  bo.threads = threads;
  bo.progress = &Writer::OnJob;
  bo.progress_opaque = &writer;
  cw_renderer_render_batch(renderer, jobs.data(), jobs.size(), &bo, nullptr);
  *bytes += writer.bytes;
}

// Renders the default options once with no data, so bad options are a
// usage error (with the renderer's message) rather than a failure per file.
std::string CheckOptions(cw_renderer* renderer, const Settings& s) {
  cw_chart_data empty;
  cw_chart_data_init(&empty, nullptr);
  cw_render_job probe;
  cw_render_job_init(&probe, &s.options, &empty, s.format < 0 ? CW_FORMAT_PNG : s.format);
  probe.webp_quality = s.webp_quality;
  const cw_status st = cw_renderer_render(renderer, &probe);
  cw_buffer_destroy(probe.output);
  return st == CW_ERR_SIZE_OUT_OF_RANGE || st == CW_ERR_INVALID_ARGUMENT ? probe.message : "";
}

// Returned by ParseBatchFlags when the command goes on.
constexpr int kContinue = -1;

// Reads the flags into `s`; returns kContinue, or the exit code of --help or
// a usage error.
int ParseBatchFlags(int argc, char** argv, Settings* s) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* v = nullptr;
    auto value = [&]() {
      if (i + 1 >= argc) return false;
      v = argv[++i];
      return true;
    };
    // A flag whose value is kept as given (a path, a zone name).
    auto text_value = [&](std::string* out) {
      if (!value()) return false;
      *out = v;
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      PrintBatchHelp(stdout);
      return 0;
    } else if (arg == "-i" || arg == "--in") {
      if (!text_value(&s->in_dir)) return Usage("missing value for " + arg);
    } else if (arg == "-m" || arg == "--manifest") {
      if (!text_value(&s->manifest)) return Usage("missing value for " + arg);
    } else if (arg == "-o" || arg == "--out") {
      if (!text_value(&s->out_dir)) return Usage("missing value for " + arg);
    } else if (arg == "-j" || arg == "--threads") {
      if (!value() || !absl::SimpleAtoi(v, &s->threads) || s->threads < 1 ||
          s->threads > CW_MAX_BATCH_THREADS) {
        return Usage(absl::StrCat("threads must be 1..", CW_MAX_BATCH_THREADS));
      }
    } else if (arg == "-f" || arg == "--format") {
      if (!value() || !ParseFormat(v, &s->format)) return Usage("unknown format");
    } else if (arg == "-W" || arg == "--width") {
      if (!value() || !absl::SimpleAtoi(v, &s->options.width)) return Usage("bad width");
    } else if (arg == "-H" || arg == "--height") {
      if (!value() || !absl::SimpleAtoi(v, &s->options.height)) return Usage("bad height");
    } else if (arg == "-t" || arg == "--theme") {
      if (!value() || !ParseTheme(v, &s->options.theme)) return Usage("unknown theme");
    } else if (arg == "--type") {
      if (!value() || !ParseChartType(v, &s->options.type)) return Usage("unknown chart type");
    } else if (arg == "--png") {
      if (!value() || !ParsePngPreset(v, &s->options.png_preset)) return Usage("unknown PNG preset");
    } else if (arg == "--quality") {
      if (!value() || !absl::SimpleAtof(v, &s->webp_quality)) return Usage("bad quality");
    } else if (arg == "--axes") {
      s->options.show_axes = 1;
    } else if (arg == "--tz") {
      if (!text_value(&s->time_zone)) return Usage("missing value for " + arg);
    } else if (arg == "--antialias") {
      s->options.antialias = 1;
    } else if (arg == "--name-titles") {
      s->name_titles = true;
    } else if (arg == "--overlay" || arg == "--panel") {
      if (!value()) return Usage("missing value for " + arg);
      (arg == "--overlay" ? s->overlays : s->panels).push_back(v);
    } else if (arg == "--no-volume") {
      s->options.show_volume = 0;
    } else if (arg == "--no-grid") {
      s->options.show_grid = 0;
    } else if (arg == "--font") {
      if (!text_value(&s->font)) return Usage("missing value for " + arg);
    } else if (arg == "--cache-mb") {
      if (!value() || !absl::SimpleAtoi(v, &s->cache_mb) || s->cache_mb > (uint64_t{1} << 40)) {
        return Usage("bad --cache-mb");
      }
    } else if (arg == "--progress") {
      s->progress = 1;
    } else if (arg == "--no-progress") {
      s->progress = 0;
    } else {
      return Usage("unknown option " + arg);
    }
  }
  if (!s->time_zone.empty()) s->options.time_zone = s->time_zone.c_str();
  if (s->in_dir.empty() == s->manifest.empty()) return Usage("give one of --in DIR or --manifest FILE");
  if (s->out_dir.empty()) return Usage("--out DIR is required");
  return kContinue;
}

// The renderer, with --font and --cache-mb; null (with a message) on failure.
// `font_bytes` holds the font while the renderer lives.
cw_renderer* CreateRenderer(const Settings& s, std::string* font_bytes) {
  if (!s.font.empty() && !ReadWholeFile(ResolveUserPath(s.font), font_bytes)) {
    std::fprintf(stderr, "candlewick batch: cannot read font '%s'\n", s.font.c_str());
    return nullptr;
  }
  cw_renderer_options ro;
  cw_renderer_options_init(&ro);
  ro.max_cache_bytes = s.cache_mb << 20;
  if (!font_bytes->empty()) {
    ro.font_data = reinterpret_cast<const uint8_t*>(font_bytes->data());
    ro.font_data_size = font_bytes->size();
  }
  char why[256];
  if (cw_renderer_options_validate(&ro, why, sizeof why) != CW_OK) {
    std::fprintf(stderr, "candlewick batch: %s\n", why);
    return nullptr;
  }
  cw_renderer* renderer = nullptr;
  if (cw_renderer_create(&ro, &renderer) != CW_OK) {
    std::fprintf(stderr, "candlewick batch: out of memory\n");
    return nullptr;
  }
  return renderer;
}

// Lists the failures on stderr in the jobs' order, the first
// kListedFailures of them; returns the exit code, 1.
int ReportFailures(std::vector<Failure>* failures, size_t total) {
  std::fflush(stdout);
  std::sort(failures->begin(), failures->end(),
            [](const Failure& a, const Failure& b) { return a.index < b.index; });
  std::fprintf(stderr, "candlewick batch: %zu of %zu charts failed:\n", failures->size(), total);
  for (size_t i = 0; i < failures->size() && i < kListedFailures; ++i) {
    // The CSV reader's messages name the file already ("in/a.csv:3: ...").
    const Failure& f = (*failures)[i];
    if (absl::StartsWith(f.message, f.label + ":")) {
      std::fprintf(stderr, "  %s\n", f.message.c_str());
    } else {
      std::fprintf(stderr, "  %s: %s\n", f.label.c_str(), f.message.c_str());
    }
  }
  if (failures->size() > kListedFailures) {
    std::fprintf(stderr, "  ... and %zu more\n", failures->size() - kListedFailures);
  }
  return 1;
}

}  // namespace

int RunBatch(int argc, char** argv) {
  Settings s;
  cw_chart_options_init(&s.options);
  if (const int code = ParseBatchFlags(argc, argv, &s); code != kContinue) return code;

  std::string font_bytes;
  cw_renderer* renderer = CreateRenderer(s, &font_bytes);
  if (renderer == nullptr) return 1;
  std::unique_ptr<cw_renderer, void (*)(cw_renderer*)> owner(renderer, &cw_renderer_destroy);
  if (const std::string bad = CheckOptions(renderer, s); !bad.empty()) return Usage(bad);

  absl::StatusOr<std::vector<JobSpec>> specs = s.manifest.empty() ? ListDirectory(s)
                                                                  : ReadManifest(s);
  if (!specs.ok()) {
    std::fprintf(stderr, "candlewick batch: %s\n", std::string(specs.status().message()).c_str());
    return absl::IsInvalidArgument(specs.status()) ? 2 : 1;
  }
  FailRepeatedOutputs(&*specs);
  std::error_code ec;
  fs::create_directories(ResolveUserPath(s.out_dir), ec);
  if (ec) {
    std::fprintf(stderr, "candlewick batch: cannot create '%s': %s\n", s.out_dir.c_str(),
                 ec.message().c_str());
    return 1;
  }

  const uint32_t threads = s.threads != 0 ? s.threads
                                          : std::max(1u, std::thread::hardware_concurrency());
  const bool show = s.progress == 1 || (s.progress == -1 && isatty(STDERR_FILENO));
  ProgressBar bar(show, specs->size());
  std::vector<Failure> failures;
  uint64_t bytes = 0;
  for (size_t first = 0; first < specs->size(); first += kChunk) {
    std::deque<Loaded> chunk(std::min(kChunk, specs->size() - first));
    for (size_t i = 0; i < chunk.size(); ++i) chunk[i].spec = &(*specs)[first + i];
    LoadChunk(s, &chunk, threads);
    RenderChunk(s, renderer, threads, specs->data(), &chunk, &bar, &failures, &bytes);
  }
  bar.End();

  const size_t total = specs->size(), ok = total - failures.size();
  const double seconds = bar.Seconds();
  std::printf("rendered %zu of %zu charts into %s in %.2f s (%.0f charts/s on %u threads, %llu bytes)\n",
              ok, total, s.out_dir.c_str(), seconds,
              seconds > 0 ? static_cast<double>(total) / seconds : 0.0, threads,
              static_cast<unsigned long long>(bytes));
  if (failures.empty()) return 0;
  return ReportFailures(&failures, total);
}

}  // namespace cli
}  // namespace candlewick
