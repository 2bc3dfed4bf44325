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
# The output's extension: an unknown one, or one that disagrees with
# --format, is a usage error and nothing is written (never PNG bytes in a
# .jpg file).
"$cli" render -o "$tmp/x.jpg" > /dev/null 2> "$tmp/err.txt"; rc=$?
[ $rc -eq 2 ] || fail "-o x.jpg exited $rc, want 2"
[ ! -e "$tmp/x.jpg" ] || fail "x.jpg was written"
grep -q "cannot write '.jpg' files" "$tmp/err.txt" || fail ".jpg message: $(cat "$tmp/err.txt")"
"$cli" render --format png -o "$tmp/y.webp" > /dev/null 2> "$tmp/err.txt"; rc=$?
[ $rc -eq 2 ] || fail "--format png -o y.webp exited $rc, want 2"
grep -q "does not match --format png" "$tmp/err.txt" || fail "mismatch message: $(cat "$tmp/err.txt")"
"$cli" render --format webp-lossy -o "$tmp/y.webp" > /dev/null || fail "webp-lossy into .webp"
"$cli" render --format indexed -W 100 -H 50 -o "$tmp/y.raw" > /dev/null || fail "indexed into .raw"
[ "$(stat -c %s "$tmp/y.raw")" = "5000" ] || fail "raw indexed size"
"$cli" render -W 100 -H 50 -o "$tmp/Y.RGBA" > /dev/null || fail "extensions are case-insensitive"
[ "$(stat -c %s "$tmp/Y.RGBA")" = "20000" ] || fail ".RGBA is RGBA"
"$cli" render -o "$tmp/noext" > /dev/null || fail "no extension"
[ "$(png_signature "$tmp/noext")" = "89504e470d0a1a0a" ] || fail "no extension is PNG"

# Time zones: a bad name is a usage error that says why; a good one moves
# the labels (09:30 New York is 14:30 UTC in March before DST).
"$cli" render --tz America/New_Yrok -o "$tmp/tz.png" > /dev/null 2> "$tmp/err.txt"; rc=$?
[ $rc -eq 2 ] || fail "bad --tz exited $rc, want 2"
grep -q "time zone 'America/New_Yrok': unknown time zone" "$tmp/err.txt" || fail "bad --tz message: $(cat "$tmp/err.txt")"
"$cli" render --tz ../../etc/passwd -o "$tmp/tz.png" > /dev/null 2>&1; [ $? -eq 2 ] || fail "--tz path accepted"
{
  echo "time,open,high,low,close,volume"
  for i in $(seq 0 77); do
    echo "$((1709908200 + i * 300)),100,101,99,100.5,1000"   # 2024-03-08 14:30 UTC + 5 min steps
  done
} > "$tmp/session.csv"
"$cli" render --csv "$tmp/session.csv" --axes --tz America/New_York -o "$tmp/ny.svg" > /dev/null || fail "--tz render"
grep -q '>Mar 8, 2024</text>' "$tmp/ny.svg" || fail "first label is not the New York date"
grep -q '>12:00</text>' "$tmp/ny.svg" || fail "no 12:00 New York label"
"$cli" render --csv "$tmp/session.csv" --axes -o "$tmp/utc.svg" > /dev/null || fail "UTC render"
grep -q '>16:00</text>' "$tmp/utc.svg" || fail "no 16:00 UTC label"
grep -q '>12:00</text>' "$tmp/utc.svg" && fail "a 12:00 label in UTC (the data starts at 14:30 UTC)"

# Named parameters; the legend and panel titles spell the parameters.
"$cli" render --axes --overlay sma:period=20 --overlay bbands:period=20,nbdevup=2 \
  --panel stoch:fastk=14,slowk=3,slowd=3 -o "$tmp/named.svg" > /dev/null || fail "named parameters"
grep -q '>SMA 20</text>' "$tmp/named.svg" || fail "legend lacks SMA 20"
grep -q '>BBANDS 20 2</text>' "$tmp/named.svg" || fail "legend lacks BBANDS 20 2"
grep -q '>STOCH 14 3 slowd=3</text>' "$tmp/named.svg" || fail "panel title lacks STOCH 14 3 slowd=3"
"$cli" render --panel stoch:fastk=14,fastk=3 -o "$tmp/bad.png" 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "a parameter twice"
grep -q "parameter 'fastk' given twice" "$tmp/err.txt" || fail "twice message: $(cat "$tmp/err.txt")"
"$cli" render --help | grep -q 'stoch:fastk=14,slowk=3,slowd=3' || fail "render --help lacks a named example"
"$cli" render --help | grep -q -- '--tz' || fail "render --help lacks --tz"
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
"$cli" indicators --list | grep -q 'fastk=5 \[1..100000\], slowk=3 \[1..100000\], slowk_matype=0 \[0..5\]' \
  || fail "--list lacks stoch's parameter names and ranges: $("$cli" indicators --list | grep '^stoch ')"
"$cli" indicators --help | grep -q 'stoch:fastk=14,slowk=3,slowd=3' || fail "indicators --help lacks a named example"
"$cli" indicators --help | grep -q 'stoch_14_3_3_k' && fail "indicators --help still shows the misleading stoch_14_3_3_k"
# Parameter errors name the indicator, the parameter and its range.
"$cli" indicators --ind sma:0 > /dev/null 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "sma:0 not a usage error"
grep -q "indicator 'sma': parameter 'period' (the first) is 0; it must be a whole number in \[2, 100000\]" "$tmp/err.txt" \
  || fail "sma:0 message: $(cat "$tmp/err.txt")"
"$cli" indicators --ind sma:0x10 > /dev/null 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "hex parameter accepted"
grep -q "'0x10', not a decimal number" "$tmp/err.txt" || fail "hex message: $(cat "$tmp/err.txt")"
"$cli" indicators --ind sma:20,3 > /dev/null 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "two sma parameters accepted"
grep -q "takes 1 parameter (period=30), got 2" "$tmp/err.txt" || fail "count message: $(cat "$tmp/err.txt")"
"$cli" indicators --ind stoch:k=3 > /dev/null 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "unknown parameter name accepted"
grep -q "no parameter named 'k'" "$tmp/err.txt" || fail "name message: $(cat "$tmp/err.txt")"
# Columns spell the parameters unambiguously; the same column twice is refused.
"$cli" indicators --csv "$tmp/ind.csv" --ind stoch:fastk=3,slowk=2,slowd=2 --ind stoch:3,2,2 --ind ema:3,1 \
  > "$tmp/named.csv" || fail "named stoch exited $?"
head -1 "$tmp/named.csv" | grep -q '^time,stoch_3_2_slowd=2_k,stoch_3_2_slowd=2_d,stoch_3_2_slowk_matype=2_k,stoch_3_2_slowk_matype=2_d,ema_3_seed=1$' \
  || fail "named columns: $(head -1 "$tmp/named.csv")"
"$cli" indicators --csv "$tmp/ind.csv" --ind sma:3 --ind sma:period=3 > /dev/null 2> "$tmp/err.txt"; rc=$?
[ $rc -eq 2 ] || fail "duplicate columns exited $rc, want 2"
grep -q "are the same indicator (columns sma_3" "$tmp/err.txt" || fail "duplicate message: $(cat "$tmp/err.txt")"
"$cli" indicators --csv "$tmp/ind.csv" --ind sma:3 --ind sma:3.0 > /dev/null 2>&1; [ $? -eq 2 ] || fail "sma:3 and sma:3.0 both accepted"
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

# Millisecond times (a common export) are read as seconds, as documented,
# with a warning that names the unit; the chart is still written.
printf 'time,open,high,low,close\n1700000000000,1,2,0,1\n1700000060000,1,2,0,1.5\n' > "$tmp/ms.csv"
"$cli" render --csv "$tmp/ms.csv" -o "$tmp/ms.png" > /dev/null 2> "$tmp/err.txt" \
  || fail "render of millisecond times failed: $(cat "$tmp/err.txt")"
grep -q "warning: .*ms.csv: every time is 1700000000000 or more.*milliseconds" "$tmp/err.txt" \
  || fail "no millisecond warning: $(cat "$tmp/err.txt")"
"$cli" render --csv "$tmp/ind.csv" -o "$tmp/s.png" > /dev/null 2> "$tmp/err.txt"
[ ! -s "$tmp/err.txt" ] || fail "a warning for ordinary times: $(cat "$tmp/err.txt")"

# Standard output that cannot be written (a full disk: /dev/full) fails the
# command: never a truncated list, CSV or summary with exit 0.
if [ -w /dev/full ]; then
  for args in "version" "indicators --list" "--help" "render --help" "indicators --ind sma:5"; do
    # shellcheck disable=SC2086
    "$cli" $args > /dev/full 2> "$tmp/err.txt"
    rc=$?
    [ $rc -eq 1 ] || fail "'candlewick $args > /dev/full' exited $rc, want 1"
    grep -q "write error" "$tmp/err.txt" || fail "'candlewick $args > /dev/full' did not say why: $(cat "$tmp/err.txt")"
  done
fi

if [ $failures -ne 0 ]; then
  echo "$failures failed"
  exit 1
fi
echo "cli_test: all checks passed"
