#!/usr/bin/env bash
# Extraction speed, side by side: `wirescore inspect page` and trafilatura over the same pages in
# the same run, whole process each (start-up included), one core each, one after the other.
#
# usage: Benchmarks/extraction/run.sh [SET.tar.gz]
#   SET.tar.gz  pages as html/*.html (default: ../shared/eval/extraction/aeb.tar.gz beside the repo)
# env: WIRESCORE_BIN  binary to time (default .build/release/wirescore, built if missing)
#      ROUNDS         timed rounds per tool, best kept (default 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tarball=${1:-$repo/../shared/eval/extraction/aeb.tar.gz}
bin=${WIRESCORE_BIN:-$repo/.build/release/wirescore}
rounds=${ROUNDS:-3}
venv=$repo/.build/trafilatura-venv

[ -f "$tarball" ] || { echo "no page set at $tarball" >&2; exit 66; }
if [ ! -x "$bin" ]; then (cd "$repo" && swift build -c release >&2); fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
    echo "creating $venv with trafilatura…" >&2
    python3 -m venv "$venv"
    # lxml 5.2+ moved lxml.html.clean (which trafilatura's justext fallback imports) out.
    "$venv/bin/pip" install --quiet --disable-pip-version-check trafilatura lxml_html_clean >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/wirescore-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
tar xzf "$tarball" -C "$work"
pages=("$work"/html/*.html)
[ -e "${pages[0]}" ] || { echo "no html/*.html in $tarball" >&2; exit 65; }

cat > "$work/traf.py" <<'PY'
import sys, trafilatura
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        html = f.read()
    text = trafilatura.extract(html, output_format='txt', include_comments=False)
    sys.stdout.write(str(len(text or '')) + '\n')
PY

# Best wall time of N runs of a command, in seconds.
best() {
    local best_t=""
    for _ in $(seq "$rounds"); do
        local t0 t1 t
        t0=$(date +%s.%N)
        "$@" > /dev/null || { echo "failed: $*" >&2; return 1; }
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc -l)" = 1 ]; then best_t=$t; fi
    done
    echo "$best_t"
}

bytes=$(cat "${pages[@]}" | wc -c)
mb=$(echo "$bytes / 1000000" | bc -l)
# Both pinned to the same core, best of $rounds each.
pin=(); if command -v taskset > /dev/null; then pin=(taskset -c 0); fi
ws=$(best "${pin[@]}" "$bin" inspect page "${pages[@]}")
tr=$(best "${pin[@]}" "$venv/bin/python" "$work/traf.py" "${pages[@]}")
printf '%d pages, %.1f MB (%s)\n' "${#pages[@]}" "$mb" "$(basename "$tarball")"
printf 'wirescore    %6.2f s  %6.1f MB/s\n' "$ws" "$(echo "$mb / $ws" | bc -l)"
printf 'trafilatura  %6.2f s  %6.1f MB/s  (%s)\n' "$tr" "$(echo "$mb / $tr" | bc -l)" \
    "$("$venv/bin/python" -c 'import trafilatura; print("trafilatura", trafilatura.__version__)')"
printf 'ratio        %6.1fx\n' "$(echo "$tr / $ws" | bc -l)"
