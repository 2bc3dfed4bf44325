#!/bin/bash
# End-to-end checks of the candlewick tool: exit codes, messages, PNG output.
set -u
cli="$TEST_SRCDIR/$TEST_WORKSPACE/tools/cli/candlewick"
tmp="$TEST_TMPDIR"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

png_signature() { head -c 8 "$1" | od -An -tx1 | tr -d ' \n'; }

# No arguments after 'render': the bundled sample becomes chart.png.
(cd "$tmp" && "$cli" render > out.txt 2>&1) || fail "render with no arguments exited $?"
[ -s "$tmp/chart.png" ] || fail "chart.png not written"
[ "$(png_signature "$tmp/chart.png")" = "89504e470d0a1a0a" ] || fail "chart.png is not a PNG"
grep -q "120 candles" "$tmp/out.txt" || fail "summary line missing: $(cat "$tmp/out.txt")"

"$cli" render --help | grep -q -- "--theme" || fail "--help lacks --theme"
"$cli" --help | grep -q "render" || fail "top-level --help lacks render"

# A malformed line: non-zero exit and its line number.
printf 'time,open,high,low,close,volume\n1,1,2,0.5,1.5,10\n2,1,oops,0.5,1.5,10\n' > "$tmp/bad.csv"
"$cli" render --csv "$tmp/bad.csv" -o "$tmp/bad.png" 2> "$tmp/err.txt"
rc=$?
[ $rc -eq 1 ] || fail "malformed CSV exited $rc, want 1"
grep -q "bad.csv:3:" "$tmp/err.txt" || fail "line number missing: $(cat "$tmp/err.txt")"
[ ! -e "$tmp/bad.png" ] || fail "a PNG was written for bad input"

# Bad data (high < low) is reported with the file line, by both commands.
printf 'time,open,high,low,close\n\n1,1,2,0.5,1.5\n2,1,0.5,2,1.5\n' > "$tmp/hl.csv"
"$cli" render --csv "$tmp/hl.csv" -o "$tmp/hl.png" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "high<low did not exit 1"
grep -q "hl.csv:4: high 0.5 is below low 2" "$tmp/err.txt" || fail "line not named: $(cat "$tmp/err.txt")"
"$cli" indicators --csv "$tmp/hl.csv" --ind sma:2 -o "$tmp/hl_ind.csv" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "indicators: high<low did not exit 1"
grep -q "hl.csv:4: high 0.5 is below low 2" "$tmp/err.txt" || fail "indicators: line not named: $(cat "$tmp/err.txt")"

# A header-only file, a directory, a missing file: clear errors, exit 1.
printf 'time,open,high,low,close\n' > "$tmp/header.csv"
"$cli" render --csv "$tmp/header.csv" -o "$tmp/h.png" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "header-only did not exit 1"
grep -q "no data rows" "$tmp/err.txt" || fail "header-only: $(cat "$tmp/err.txt")"
"$cli" render --csv "$tmp" -o "$tmp/h.png" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "a directory did not exit 1"
grep -q "is a directory" "$tmp/err.txt" || fail "directory: $(cat "$tmp/err.txt")"
"$cli" render --csv "$tmp/none.csv" -o "$tmp/h.png" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "a missing file did not exit 1"
grep -q "cannot open" "$tmp/err.txt" || fail "missing file: $(cat "$tmp/err.txt")"
[ ! -e "$tmp/h.png" ] || fail "a PNG was written for a bad CSV"

# Renko/P&F boxes too small for the bundled sample: refused at once, naming
# the limit (they took 35 s and 15 GB, or drew a blank chart).
for t in renko pnf; do
  for box in 1e-6 1e-300; do
    timeout 60 "$cli" render --type $t --box $box -o "$tmp/tiny.png" 2> "$tmp/err.txt"
    rc=$?
    [ $rc -eq 1 ] || fail "$t box $box exited $rc, want 1"
    grep -q "more than 100000\|2^52 boxes" "$tmp/err.txt" || fail "$t box $box: $(cat "$tmp/err.txt")"
  done
done
[ ! -e "$tmp/tiny.png" ] || fail "a PNG was written for a tiny box"

# Usage errors exit 2.
"$cli" render --width 5 -o "$tmp/x.png" 2>/dev/null; [ $? -eq 2 ] || fail "width 5 not a usage error"
"$cli" render --theme neon 2>/dev/null; [ $? -eq 2 ] || fail "unknown theme not a usage error"
"$cli" render --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown option not a usage error"
"$cli" frobnicate 2>/dev/null; [ $? -eq 2 ] || fail "unknown command not a usage error"

# Options change the output.
"$cli" render -t light -W 640 -H 360 --png smallest -o "$tmp/light.png" > /dev/null || fail "light render"
cmp -s "$tmp/chart.png" "$tmp/light.png" && fail "theme/size had no effect"

# Every chart type, with axes, overlays and panels.
for t in candlestick hollow ohlc line area heikin-ashi renko pnf; do
  "$cli" render --type $t --axes --antialias -o "$tmp/t_$t.png" > /dev/null || fail "type $t"
  [ "$(png_signature "$tmp/t_$t.png")" = "89504e470d0a1a0a" ] || fail "type $t: not a PNG"
done
"$cli" render --axes --overlay sma:20 --overlay bbands:20,2,2 --panel rsi:14 --panel macd:12,26,9 \
  --title 'Sample & <friends>' -o "$tmp/rich.svg" > /dev/null || fail "rich SVG"
# The SVG must be well-formed XML with the title escaped.
/usr/bin/python3 - "$tmp/rich.svg" <<'PY' || fail "SVG does not parse as XML"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
assert "Sample & <friends>" in texts, texts
assert any(True for _ in root.iter("{http://www.w3.org/2000/svg}polyline"))
PY
"$cli" render -o "$tmp/x.webp" > /dev/null || fail "webp by extension"
[ "$(head -c 4 "$tmp/x.webp")" = "RIFF" ] || fail "webp output is not RIFF"
"$cli" render --format rgba -W 100 -H 50 -o "$tmp/x.raw" > /dev/null || fail "raw rgba"
[ "$(stat -c %s "$tmp/x.raw")" = "20000" ] || fail "raw rgba size"
"$cli" render --format rgb -W 100 -H 50 -o "$tmp/x.rgb" > /dev/null || fail "raw rgb"
[ "$(stat -c %s "$tmp/x.rgb")" = "15000" ] || fail "raw rgb size"
"$cli" render --overlay nosuch:3 -o "$tmp/bad.png" 2>/dev/null; [ $? -eq 2 ] || fail "unknown indicator"
"$cli" render --panel sma:0 -o "$tmp/bad.png" 2>/dev/null; [ $? -eq 2 ] || fail "bad parameter"
"$cli" render --format tiff 2>/dev/null; [ $? -eq 2 ] || fail "unknown format"
"$cli" render --type spiral 2>/dev/null; [ $? -eq 2 ] || fail "unknown type"

# indicators: names, empty cells before the lookback, values checked
# against an SMA computed here by awk from the same CSV.
printf 'time,open,high,low,close,volume\n' > "$tmp/ind.csv"
for i in 1 2 3 4 5 6 7 8; do echo "$i,$i,$((i + 1)),$((i - 1)),$i.5,100" >> "$tmp/ind.csv"; done
"$cli" indicators --csv "$tmp/ind.csv" --out "$tmp/ind_out.csv" --ind sma:3 --ind bbands:3,2 --ind macd:2,4,2 \
  || fail "indicators exited $?"
head -1 "$tmp/ind_out.csv" | grep -q '^time,sma_3,bbands_3_2_upper,bbands_3_2_middle,bbands_3_2_lower,macd_2_4_2_macd,macd_2_4_2_signal,macd_2_4_2_hist$' \
  || fail "indicator header: $(head -1 "$tmp/ind_out.csv")"
[ "$(sed -n 2p "$tmp/ind_out.csv" | cut -d, -f2)" = "" ] || fail "sma_3 row 1 should be empty"
awk -F, 'NR > 1 { c[NR] = $5 } END { for (r = 4; r <= NR; r++) printf "%d %.10f\n", r, (c[r] + c[r-1] + c[r-2]) / 3 }' \
  "$tmp/ind.csv" > "$tmp/want.txt"
awk -F, 'NR > 3 { printf "%d %.10f\n", NR, $2 }' "$tmp/ind_out.csv" > "$tmp/got.txt"
cmp -s "$tmp/want.txt" "$tmp/got.txt" || fail "sma_3 values differ: $(paste "$tmp/want.txt" "$tmp/got.txt" | head -3)"
"$cli" indicators --ind nosuch > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown indicator not a usage error"
"$cli" indicators > /dev/null 2>&1; [ $? -eq 2 ] || fail "no --ind not a usage error"
"$cli" indicators --list | grep -q '^rsi ' || fail "--list lacks rsi"
# Newer indicators: seven pivot outputs; the anchored VWAP needs an anchor
# column the CSV cannot give, which is an error rather than a silent guess.
"$cli" indicators --csv "$tmp/ind.csv" --out "$tmp/piv.csv" --ind pivots --ind vwap \
  || fail "pivots/vwap exited $?"
head -1 "$tmp/piv.csv" | grep -q '^time,pivots_p,pivots_r1,pivots_r2,pivots_r3,pivots_s1,pivots_s2,pivots_s3,vwap$' \
  || fail "pivots header: $(head -1 "$tmp/piv.csv")"
# Row 2's pivot comes from row 1 (high 2, low 0, close 1.5): P = 3.5/3.
[ "$(sed -n 3p "$tmp/piv.csv" | cut -d, -f2 | cut -c1-8)" = "1.166666" ] \
  || fail "pivot p of row 2: $(sed -n 3p "$tmp/piv.csv")"
"$cli" indicators --csv "$tmp/ind.csv" --ind avwap > /dev/null 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "avwap without anchors did not exit 1"
grep -q "anchor column" "$tmp/err.txt" || fail "avwap message: $(cat "$tmp/err.txt")"
# A period longer than the 8 rows is an error that says so, not empty columns.
"$cli" indicators --csv "$tmp/ind.csv" --ind macd > /dev/null 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "macd over 8 rows did not exit 1"
grep -q "slow period 26 is longer than the series (8 rows)" "$tmp/err.txt" \
  || fail "short series message: $(cat "$tmp/err.txt")"

if [ $failures -ne 0 ]; then
  echo "$failures failed"
  exit 1
fi
echo "cli_test: all checks passed"
