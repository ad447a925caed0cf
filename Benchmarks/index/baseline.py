"""Python baseline for the index benchmark: pip's link parser and packaging.version on the same inputs.

Reads page.html and versions.txt written by the Swift benchmark; prints `key value` lines like it.
Uses the installed pip (23.2.1: pip._internal.index.collector.IndexContent / parse_links) and packaging.
"""
import os
import statistics
import sys
import time

from packaging.version import Version
from pip._internal.index.collector import IndexContent, parse_links

directory = sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/generated/index"
parse_runs = int(os.environ.get("PY_PARSE_RUNS", "3"))
version_runs = int(os.environ.get("PY_VERSION_RUNS", "3"))

with open(os.path.join(directory, "page.html"), "rb") as f:
    content = f.read()
url = "https://download.pytorch.org/whl/torch/"


def parse():
    # cache_link_parsing=False: pip would otherwise memoise the result of the first run.
    page = IndexContent(content, "text/html", "utf-8", url, cache_link_parsing=False)
    return list(parse_links(page))


links = len(parse())  # warm-up
times = []
for _ in range(parse_runs):
    start = time.perf_counter()
    parse()
    times.append(time.perf_counter() - start)
median = statistics.median(times)
print(f"pip-parse-links {links}")
print(f"pip-parse-seconds {median}")
print(f"pip-parse-mbps {len(content) / median / 1e6:.2f}")

with open(os.path.join(directory, "versions.txt")) as f:
    strings = [line.strip() for line in f if line.strip()]
times = []
for _ in range(version_runs):
    start = time.perf_counter()
    versions = sorted(Version(s) for s in strings)
    times.append(time.perf_counter() - start)
median = statistics.median(times)
print(f"packaging-versions-parsed {len(strings)}")
print(f"packaging-versions-seconds {median}")
print(f"packaging-versions-per-second {len(strings) / median:.0f}")
print(f"packaging-versions-min {versions[0]}")
print(f"packaging-versions-max {versions[-1]}")
