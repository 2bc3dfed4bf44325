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

# Bad data (high < low) is a library error with the row named.
printf 'time,open,high,low,close\n1,1,0.5,2,1.5\n' > "$tmp/hl.csv"
"$cli" render --csv "$tmp/hl.csv" -o "$tmp/hl.png" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "high<low did not exit 1"
grep -q "row 0" "$tmp/err.txt" || fail "row not named: $(cat "$tmp/err.txt")"

# Usage errors exit 2.
"$cli" render --width 5 -o "$tmp/x.png" 2>/dev/null; [ $? -eq 2 ] || fail "width 5 not a usage error"
"$cli" render --theme neon 2>/dev/null; [ $? -eq 2 ] || fail "unknown theme not a usage error"
"$cli" render --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown option not a usage error"
"$cli" frobnicate 2>/dev/null; [ $? -eq 2 ] || fail "unknown command not a usage error"

# Options change the output.
"$cli" render -t light -W 640 -H 360 --png smallest -o "$tmp/light.png" > /dev/null || fail "light render"
cmp -s "$tmp/chart.png" "$tmp/light.png" && fail "theme/size had no effect"

if [ $failures -ne 0 ]; then
  echo "$failures failed"
  exit 1
fi
echo "cli_test: all checks passed"
