#!/bin/bash
# Builds the C# binding (build.sh) and its NUnit 2.6 tests against an
# installed candlewick, builds the C reference results
# (../common/reference/run.sh), and runs the tests with nunit-console.
# Ends with a "csharp: N passed, N failed" line.  Needs PKG_CONFIG_PATH to
# find candlewick.pc.   Usage: test.sh [WORKDIR]  (default: a temporary one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -ge 1 ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

"$here/build.sh" "$work/lib"
"$root/swig/common/reference/run.sh" "$work/reference"
mcs -target:library -unsafe -warnaserror+ -nologo -out:"$work/lib/Candlewick.Tests.dll" \
  -r:"$work/lib/Candlewick.dll" -pkg:nunit "$here"/tests/*.cs

set +e
(cd "$work" && CANDLEWICK_REFERENCE="$work/reference" CANDLEWICK_REPO="$root" \
  nunit-console "$work/lib/Candlewick.Tests.dll" -nologo -labels -result="$work/TestResult.xml")
rc=$?
set -e
python3 - "$work/TestResult.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
total, failed = int(r.get("total")), int(r.get("failures")) + int(r.get("errors"))
skipped = int(r.get("not-run", 0))
print("csharp: %d passed, %d failed, %d skipped" % (total - failed - skipped, failed, skipped))
PY
exit $rc
