#!/usr/bin/env bash
# Index benchmark: torchbump's SimpleIndexPage.parse and Version vs pip's link parser and packaging.version,
# on the same generated inputs in the same run. Targets: parse >= 20x pip, versions >= 30x packaging.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Benchmarks/generated/index"
mkdir -p "$out"
cd "$here"
swift build -c release --product IndexBench >/dev/null || { echo "release build of IndexBench failed" >&2; exit 1; }
bin="$(swift build -c release --show-bin-path)/IndexBench"
cd "$root"
swift_out="$("$bin" "$out")"
py_out="$(python3 "$here/baseline.py" "$out")"
value() { printf '%s\n' "$1" | awk -v k="$2" '$1 == k {print $2}'; }

echo "$swift_out"
echo "$py_out"
echo
sp=$(value "$swift_out" swift-parse-mbps); pp=$(value "$py_out" pip-parse-mbps)
sv=$(value "$swift_out" swift-versions-per-second); pv=$(value "$py_out" packaging-versions-per-second)
sl=$(value "$swift_out" swift-parse-links); pl=$(value "$py_out" pip-parse-links)
[ "$sl" = "$pl" ] || echo "warning: link counts differ (torchbump $sl, pip $pl)"
printf 'page parse:  torchbump %8.2f MB/s   pip       %8.2f MB/s   ratio %6.1fx (target >= 20x)\n' "$sp" "$pp" "$(echo "$sp / $pp" | bc -l)"
printf 'versions:    torchbump %8.0f /s     packaging %8.0f /s     ratio %6.1fx (target >= 30x)\n' "$sv" "$pv" "$(echo "$sv / $pv" | bc -l)"
