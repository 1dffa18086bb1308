#!/usr/bin/env bash
# Feed-parser benchmark: wirescore against Python feedparser on the same generated corpus.
#
# usage: Benchmarks/feeds/run.sh [--feeds N] [--items N]   (from the repository root or anywhere)
#
# 1. generates a deterministic corpus (>= 200 feeds, >= 10,000 items, >= 20 MB; RSS 2.0 and
#    Atom 1.0 with HTML summaries, entities, links and non-ASCII text) under .build/feeds-bench/;
# 2. builds wirescore in release mode and parses the whole corpus in ONE process with
#    `wirescore inspect feed FILE...` (sanitising on; JSON written to /dev/null), best of 3;
# 3. installs feedparser into a venv under .build/ and parses the same files in one process;
# 4. prints MB/s for both and the ratio.
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
best=""
for run in 1 2 3; do
    t0=$(date +%s.%N)
    "$bin" inspect feed "$corpus"/* > /dev/null
    t1=$(date +%s.%N)
    t=$(python3 -c "print($t1 - $t0)")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
done
entries=$("$bin" inspect feed "$corpus"/* | python3 -c 'import sys, json; print(sum(len(json.loads(l)["entries"]) for l in sys.stdin))')

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

read -r _ fp_bytes fp_secs fp_entries < <("$venv/bin/python" "$here/bench_feedparser.py" "$corpus")

python3 - "$bytes" "$best" "$entries" "$fp_bytes" "$fp_secs" "$fp_entries" "$po_secs" <<'PY'
import sys
b, t, e, fb, ft, fe, pt = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
ws, fp, po = b / 1e6 / t, fb / 1e6 / ft, b / 1e6 / pt
print(f"corpus      {b / 1e6:.1f} MB, {e} entries (feedparser saw {fe})")
print(f"wirescore   {ws:8.1f} MB/s  ({t:.3f} s, one process, sanitising on, incl. JSON output)")
print(f"feedparser  {fp:8.2f} MB/s  ({ft:.3f} s, one process, sanitising on)")
print(f"parser only {po:8.1f} MB/s  ({pt:.3f} s, FeedParser.parse on in-memory bytes, sanitising on)")
print(f"ratio       {ws / fp:8.1f}x (CLI)   {po / fp:.1f}x (parser only)")
PY
