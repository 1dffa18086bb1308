#!/usr/bin/env bash
# Feed-parser benchmark: wirescore against Python feedparser on the same generated corpus.
#
# usage: Benchmarks/feeds/run.sh [--feeds N] [--items N]   (from the repository root or anywhere)
#
# 1. generates a deterministic corpus (>= 200 feeds, >= 10,000 items, >= 20 MB; RSS 2.0 and
#    Atom 1.0 with HTML summaries, entities, links and non-ASCII text) under .build/feeds-bench/;
# 2. builds wirescore in release mode and parses the whole corpus in ONE process with
#    `wirescore inspect feed --url URL FILE...` (sanitising on; JSON written to /dev/null), best
#    of 5 by wall clock, and FeedParser.parse alone on the in-memory corpus (best of 3);
# 3. installs feedparser into a venv under .build/ and parses the same files in one process,
#    with the same document URL (relative links resolved by both);
# 4. prints MB/s for both (wall clock, plus CPU time since the machine may be shared) and the ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
work=".build/feeds-bench"
corpus="$work/corpus"
venv=".build/feeds-bench-venv"
mkdir -p "$work"

python3 "$here/gen_corpus.py" "$corpus" "$@"

swift build -c release --product wirescore >/dev/null
bin="$(swift build -c release --show-bin-path)/wirescore"

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c 'import feedparser' 2>/dev/null || "$venv/bin/pip" install -q feedparser

bytes=$(cat "$corpus"/* | wc -c)
# Every parser gets the same document URL, so relative links are resolved by all three.
base_url="https://example.com/feed"
# Best of 5 whole runs (wall clock), with the CPU time (user+sys) of that run: the machine may be
# shared, and CPU time shows what contention did to the wall figure.
read -r best best_cpu < <(python3 - "$bin" "$base_url" "$corpus" <<'PY'
import os, resource, subprocess, sys, time
binary, url, corpus = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
best = None
for _ in range(5):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([binary, "inspect", "feed", "--url", url] + files, stdout=subprocess.DEVNULL, check=True)
    t = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if best is None or t < best[0]:
        best = (t, cpu)
print(f"{best[0]:.4f} {best[1]:.4f}")
PY
)
entries=$("$bin" inspect feed --url "$base_url" "$corpus"/* | python3 -c 'import sys, json; print(sum(len(json.loads(l)["entries"]) for l in sys.stdin))')

# Parser alone (no JSON output): a throwaway package that symlinks the parser's modules, since
# Package.swift has no benchmark product yet. Best of 3 passes over the in-memory corpus.
pkg="$work/parser-only"
mkdir -p "$pkg/Sources/feedbench"
for m in CLibXML2 WirescoreCore WirescoreXML WirescoreFeeds; do ln -sfn "$root/Sources/$m" "$pkg/Sources/$m"; done
cp "$here/parser_only_main.swift" "$pkg/Sources/feedbench/main.swift"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "feedbench", targets: [
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
    .target(name: "WirescoreCore"),
    .target(name: "WirescoreXML", dependencies: ["CLibXML2", "WirescoreCore"]),
    .target(name: "WirescoreFeeds", dependencies: ["WirescoreCore", "WirescoreXML"]),
    .executableTarget(name: "feedbench", dependencies: ["WirescoreFeeds"]),
])
SWIFT
(cd "$pkg" && swift build -c release >/dev/null 2>&1)
parser_only=$("$pkg/.build/release/feedbench" "$root/$corpus")
po_secs=$(echo "$parser_only" | sed -E 's/.*\(([0-9.]+) s.*/\1/')

read -r _ fp_bytes fp_secs fp_entries fp_cpu < <("$venv/bin/python" "$here/bench_feedparser.py" "$corpus" "$base_url")

python3 - "$bytes" "$best" "$entries" "$fp_bytes" "$fp_secs" "$fp_entries" "$po_secs" "$best_cpu" "$fp_cpu" <<'PY'
import sys
b, t, e, fb, ft, fe, pt = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
tc, fc = float(sys.argv[8]), float(sys.argv[9])
ws, fp, po = b / 1e6 / t, fb / 1e6 / ft, b / 1e6 / pt
print(f"corpus      {b / 1e6:.1f} MB, {e} entries (feedparser saw {fe})")
print(f"wirescore   {ws:8.1f} MB/s  ({t:.3f} s wall, {tc:.3f} s CPU, one process, sanitising on, incl. start-up, reading and JSON output)")
print(f"feedparser  {fp:8.2f} MB/s  ({ft:.3f} s wall, {fc:.3f} s CPU, one process, sanitising on)")
print(f"parser only {po:8.1f} MB/s  ({pt:.3f} s, FeedParser.parse on in-memory bytes, sanitising on)")
print(f"ratio       {ws / fp:8.1f}x (CLI, wall)   {po / fp:.1f}x (parser only, wall)   {fc / tc:.1f}x (CLI, CPU time)")
PY
