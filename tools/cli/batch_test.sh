#!/bin/bash
# End-to-end checks of `candlewick batch`: a directory and a manifest of jobs,
# outputs identical to `candlewick render`, per-job failures listed with a
# non-zero exit, usage errors, and the progress bar only on a terminal.
set -u
cli="$TEST_SRCDIR/$TEST_WORKSPACE/tools/cli/candlewick"
sample="$TEST_SRCDIR/$TEST_WORKSPACE/data/sample.csv"
tmp="$TEST_TMPDIR"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
png_signature() { head -c 8 "$1" | od -An -tx1 | tr -d ' \n'; }

mkdir -p "$tmp/in" "$tmp/good"
for s in AAA BBB CCC DDD; do cp "$sample" "$tmp/in/$s.csv"; cp "$sample" "$tmp/good/$s.csv"; done
head -40 "$sample" > "$tmp/in/short.csv"
printf 'time,open,high,low,close\n1,1,2,0.5,1.5\n2,1,oops,0.5,1.5\n' > "$tmp/in/broken.csv"
printf 'time,open,high,low,close\n1,1,0.5,2,1.5\n' > "$tmp/in/inverted.csv"
echo "not a chart" > "$tmp/in/notes.txt"

# A directory with two bad files: the others are written, the bad ones are
# listed with their reasons, exit 1; no progress bar (stderr is a file).
"$cli" batch --in "$tmp/in" --out "$tmp/out" -j 2 --axes --name-titles > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
[ $rc -eq 1 ] || fail "a batch with bad files exited $rc, want 1"
for s in AAA BBB CCC DDD short; do
  [ "$(png_signature "$tmp/out/$s.png")" = "89504e470d0a1a0a" ] || fail "$s.png missing or not a PNG"
done
[ ! -e "$tmp/out/broken.png" ] || fail "a chart was written for a broken CSV"
[ ! -e "$tmp/out/notes.png" ] || fail "a non-CSV file was rendered"
grep -q "rendered 5 of 7 charts" "$tmp/stdout" || fail "summary: $(cat "$tmp/stdout")"
grep -q "2 of 7 charts failed" "$tmp/stderr" || fail "failure count: $(cat "$tmp/stderr")"
grep -q "  [^ ]*broken.csv:3: high 'oops' is not a decimal number$" "$tmp/stderr" || fail "CSV error not listed: $(cat "$tmp/stderr")"
grep -q "inverted.csv:2: high 0.5 is below low 2" "$tmp/stderr" || fail "data error not listed: $(cat "$tmp/stderr")"
if grep -q $'\r' "$tmp/stderr"; then fail "a progress bar was drawn on a file"; fi

# Each chart is exactly what `candlewick render` draws with the same options.
"$cli" render --csv "$tmp/in/BBB.csv" --axes --title BBB -o "$tmp/single.png" > /dev/null || fail "render"
cmp -s "$tmp/single.png" "$tmp/out/BBB.png" || fail "batch output differs from render output"

# All good: exit 0, on one thread and on four, the same bytes.
"$cli" batch -i "$tmp/good" -o "$tmp/good1" -j 1 --overlay sma:20 --panel rsi:14 > /dev/null 2>&1 || fail "good batch -j 1"
"$cli" batch -i "$tmp/good" -o "$tmp/good4" -j 4 --overlay sma:20 --panel rsi:14 > /dev/null 2>&1 || fail "good batch -j 4"
for s in AAA BBB CCC DDD; do
  cmp -s "$tmp/good1/$s.png" "$tmp/good4/$s.png" || fail "$s.png differs between 1 and 4 threads"
done
"$cli" render --csv "$tmp/good/CCC.csv" --overlay sma:20 --panel rsi:14 -o "$tmp/ccc.png" > /dev/null
# --tz as render's.
"$cli" batch -i "$tmp/good" -o "$tmp/tz" --axes --tz America/New_York > /dev/null 2>&1 || fail "batch --tz"
"$cli" render --csv "$tmp/good/CCC.csv" --axes --tz America/New_York -o "$tmp/ccc_ny.png" > /dev/null
cmp -s "$tmp/ccc_ny.png" "$tmp/tz/CCC.png" || fail "--tz output differs from render"
cmp -s "$tmp/ccc.png" "$tmp/good4/CCC.png" || fail "overlay/panel output differs from render"

# A manifest: per-job sizes, themes, formats and titles; bad cells fail
# their job alone.
cat > "$tmp/jobs.csv" <<CSV
csv,out,width,height,theme,format,title
in/AAA.csv,sub/one.png,400,300,light,,"Hello, world"
in/BBB.csv,two.svg,,,,,
in/CCC.csv,three.webp,,,tradingview,webp-lossy,
in/CCC.csv,four.png,5,100,,,
in/DDD.csv,five.png,,,neon,,
in/AAA.csv,six.jpg,,,,,
in/AAA.csv,seven.png,,,,svg,
CSV
"$cli" batch --manifest "$tmp/jobs.csv" --out "$tmp/mout" > "$tmp/stdout" 2> "$tmp/stderr"
[ $? -eq 1 ] || fail "manifest with bad jobs did not exit 1"
[ "$(png_signature "$tmp/mout/sub/one.png")" = "89504e470d0a1a0a" ] || fail "sub/one.png"
head -c 200 "$tmp/mout/two.svg" | grep -q "<svg" || fail "two.svg is not SVG"
[ "$(head -c 4 "$tmp/mout/three.webp")" = "RIFF" ] || fail "three.webp is not WebP"
grep -q "width and height must be in \[16, 16384\], got 5x100" "$tmp/stderr" || fail "bad size not explained: $(cat "$tmp/stderr")"
grep -q "jobs.csv:6: unknown theme 'neon'" "$tmp/stderr" || fail "bad theme not explained: $(cat "$tmp/stderr")"
# An output extension that names no format, or another than the job's: the
# job fails (never PNG bytes in a .jpg file).
grep -q "jobs.csv:7: cannot write '.jpg' files" "$tmp/stderr" || fail "bad extension not explained: $(cat "$tmp/stderr")"
grep -q "jobs.csv:8: the extension of '.*seven.png' does not match --format svg" "$tmp/stderr" || fail "extension/format mismatch not explained: $(cat "$tmp/stderr")"
[ ! -e "$tmp/mout/six.jpg" ] && [ ! -e "$tmp/mout/seven.png" ] || fail "a chart was written despite its extension"
"$cli" render --csv "$tmp/in/AAA.csv" -W 400 -H 300 -t light --title "Hello, world" -o "$tmp/one.png" > /dev/null
cmp -s "$tmp/one.png" "$tmp/mout/sub/one.png" || fail "manifest job differs from render"

# Two jobs that would write one file: the later fails with the reason,
# the earlier's chart stays (never one chart silently overwritten by
# another, both counted as rendered). In a directory, X.csv and X.CSV both
# go to OUT/X.png; in a manifest, paths that name the same file.
mkdir -p "$tmp/clash"
cp "$sample" "$tmp/clash/EEE.CSV"
head -60 "$sample" > "$tmp/clash/EEE.csv"
# expect_clash SUMMARY MESSAGE FIRST_CSV FIRST_OUT BATCH_ARGS...: the batch
# exits 1 with SUMMARY and MESSAGE, and FIRST_OUT is FIRST_CSV's chart.
expect_clash() {
  local summary=$1 message=$2 first_csv=$3 first_out=$4
  shift 4
  "$cli" batch "$@" > "$tmp/stdout" 2> "$tmp/stderr"
  local rc=$?
  [ $rc -eq 1 ] || fail "batch $* with one output twice exited $rc, want 1"
  grep -q "$summary" "$tmp/stdout" || fail "clash summary: $(cat "$tmp/stdout")"
  grep -q "$message" "$tmp/stderr" || fail "clash not explained: $(cat "$tmp/stderr")"
  "$cli" render --csv "$first_csv" -o "$tmp/first.png" > /dev/null
  cmp -s "$tmp/first.png" "$first_out" || fail "the first job's chart ($first_out) was overwritten"
}
expect_clash "rendered 1 of 2 charts" "EEE.csv: writes the same file as .*EEE.CSV" \
  "$tmp/clash/EEE.CSV" "$tmp/clashout/EEE.png" -i "$tmp/clash" -o "$tmp/clashout"
cat > "$tmp/clash.csv" <<CSV
csv,out,width
in/AAA.csv,same.png,
in/BBB.csv,./sub/../same.png,400
in/CCC.csv,other.png,
CSV
expect_clash "rendered 2 of 3 charts" "in/BBB.csv: writes the same file as in/AAA.csv" \
  "$tmp/in/AAA.csv" "$tmp/clashm/same.png" --manifest "$tmp/clash.csv" --out "$tmp/clashm"

# Manifests as spreadsheets save them: a UTF-8 byte order mark is not part
# of the first column's name. Cells a manifest cannot mean are errors, never
# guessed: an unquoted comma in a title (more cells than the header names),
# an unclosed quote, a column named twice.
printf '\xef\xbb\xbfcsv,out\r\nin/AAA.csv,bom.png\r\n' > "$tmp/bom.csv"
"$cli" batch --manifest "$tmp/bom.csv" --out "$tmp/bomout" > /dev/null 2> "$tmp/stderr" || fail "a manifest with a BOM failed: $(cat "$tmp/stderr")"
[ "$(png_signature "$tmp/bomout/bom.png")" = "89504e470d0a1a0a" ] || fail "bom.png missing"
cat > "$tmp/cells.csv" <<'CSV'
csv,out,title
in/AAA.csv,comma.png,Hello, world
in/BBB.csv,quote.png,"Hello
in/CCC.csv,fine.png,"Hello, world"
CSV
"$cli" batch --manifest "$tmp/cells.csv" --out "$tmp/cellsout" > "$tmp/stdout" 2> "$tmp/stderr"
[ $? -eq 1 ] || fail "a manifest with bad rows did not exit 1"
grep -q "cells.csv:2: 4 cells, the header names 3 columns" "$tmp/stderr" || fail "extra cell not explained: $(cat "$tmp/stderr")"
grep -q "cells.csv:3: a quoted cell has no closing quote" "$tmp/stderr" || fail "open quote not explained: $(cat "$tmp/stderr")"
[ ! -e "$tmp/cellsout/comma.png" ] && [ ! -e "$tmp/cellsout/quote.png" ] || fail "a chart was written for a bad manifest row"
[ -e "$tmp/cellsout/fine.png" ] || fail "the good manifest row was not rendered"
printf 'csv,out,CSV\nin/AAA.csv,twice.png,in/BBB.csv\n' > "$tmp/twice.csv"
"$cli" batch --manifest "$tmp/twice.csv" --out "$tmp/x" 2> "$tmp/stderr"
[ $? -eq 2 ] || fail "a column named twice: not a usage error"
grep -q "twice.csv:1: the column 'csv' appears twice" "$tmp/stderr" || fail "column twice not explained: $(cat "$tmp/stderr")"

# Usage errors exit 2.
"$cli" batch --out "$tmp/x" 2>/dev/null; [ $? -eq 2 ] || fail "no input: not a usage error"
"$cli" batch --in "$tmp/in" 2>/dev/null; [ $? -eq 2 ] || fail "no --out: not a usage error"
"$cli" batch --in "$tmp/in" --manifest "$tmp/jobs.csv" --out "$tmp/x" 2>/dev/null; [ $? -eq 2 ] || fail "both inputs: not a usage error"
"$cli" batch --in "$tmp/in" --out "$tmp/x" -W 5 2> "$tmp/stderr"; [ $? -eq 2 ] || fail "width 5: not a usage error"
grep -q "got 5x600" "$tmp/stderr" || fail "bad width not explained: $(cat "$tmp/stderr")"
"$cli" batch --in "$tmp/in" --out "$tmp/x" -j 0 2>/dev/null; [ $? -eq 2 ] || fail "-j 0: not a usage error"
"$cli" batch --in "$tmp/in" --out "$tmp/x" --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown option: not a usage error"
printf 'file,out\na.csv,a.png\n' > "$tmp/badheader.csv"
"$cli" batch -m "$tmp/badheader.csv" -o "$tmp/x" 2>/dev/null; [ $? -eq 2 ] || fail "bad manifest header: not a usage error"
"$cli" batch --in "$tmp/in" --out "$tmp/x" --tz America/New_Yrok 2> "$tmp/stderr"; [ $? -eq 2 ] || fail "bad --tz: not a usage error"
grep -q "time zone 'America/New_Yrok'" "$tmp/stderr" || fail "bad --tz not explained: $(cat "$tmp/stderr")"
"$cli" batch --in "$tmp/nowhere" --out "$tmp/x" 2>/dev/null; [ $? -eq 1 ] || fail "missing directory did not exit 1"
"$cli" batch --help | grep -q -- "--manifest" || fail "--help lacks --manifest"
"$cli" --help | grep -q "batch" || fail "top-level --help lacks batch"

# On a terminal (a pseudo-terminal from script(1)) the progress bar shows.
script -qec "'$cli' batch -i '$tmp/good' -o '$tmp/tty' -j 2" /dev/null > "$tmp/tty.txt" 2>&1
grep -q $'\r\[##############################\] 4/4 100%' "$tmp/tty.txt" || fail "no progress bar on a terminal: $(cat -v "$tmp/tty.txt")"

if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all batch checks passed"
