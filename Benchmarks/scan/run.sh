#!/usr/bin/env bash
# Scan benchmark: torchbump scan vs git grep over the same generated vLLM-size tree, in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
tree=Benchmarks/generated/scan-tree
if [ ! -d "$tree/.git" ]; then
  rm -rf "$tree"
  python3 Benchmarks/scan/generate_tree.py "$tree"
  git -C "$tree" init -q
  git -C "$tree" add -A
  git -C "$tree" -c user.email=b@example.com -c user.name=bench commit -qm tree
fi
swift build -c release --product torchbump >/dev/null
bin=$(swift build -c release --show-bin-path)/torchbump
files=$(git -C "$tree" ls-files | wc -l)
size=$(du -sm --exclude=.git "$tree" | cut -f1)
echo "tree: $files files, ${size} MB"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_cmd() {  # prints seconds for one run of "$@"
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
# Warm the page cache once for both.
git -C "$tree" grep -n -E 'torch|CUDA' >/dev/null || true
"$bin" scan "$tree" --format json >/dev/null
grep_times=(); scan_times=()
for _ in $(seq "$runs"); do
  grep_times+=("$(time_cmd git -C "$tree" grep -n -E 'torch|CUDA')")
  scan_times+=("$(time_cmd "$bin" scan "$tree" --format json)")
done
g=$(printf '%s\n' "${grep_times[@]}" | median)
s=$(printf '%s\n' "${scan_times[@]}" | median)
sites=$("$bin" scan "$tree" --format json | grep -c '"kind"' || true)
printf 'git grep median:        %.3f s\n' "$g"
printf 'torchbump scan median:  %.3f s  (%s sites)\n' "$s" "$sites"
printf 'ratio scan/git-grep:    %.2f  (target <= 1.00)\n' "$(echo "$s / $g" | bc -l)"
