#!/usr/bin/env bash
# End-to-end benchmark (issue 9): a whole synthetic news site over HTTP, wirescore against the
# Python stack (feedparser + requests + trafilatura + vaderSentiment) on the same site.
#
# usage: Benchmarks/e2e/run.sh [--feeds N] [--articles-per-feed M] [--python-max K] [--wrk-seconds S] [--fetch-rounds R]
#        (defaults 20 x 50 = 1,000 articles; scale runs: --feeds 200 --articles-per-feed 50 (10,000),
#         --feeds 1000 --articles-per-feed 100 (100,000); --python-max K limits the Python
#         stack to its first K articles, 0 = all)
#        Benchmarks/e2e/run.sh --real-pages [--articles N] [--articles-per-feed M] [--rounds R] [--python-max K] [--eval DIR]
#        (issue 16: real pages instead of generated ones: the development pages of the extraction
#         sets under DIR (default ../shared/eval/extraction: AEB, WCXB articles, trafilatura-suite,
#         975 pages), read at run time and never copied into the repository, each stripped of its
#         canonical link and og:url so every copy is its own article, replicated to N articles
#         (default 5,000) in feeds of M (50); wirescore ingest and the Python stack alternate for
#         R rounds (default 1), Python over its first K articles (default: one copy of each page);
#         prints articles/s, CPU-ms per page, the ratio to Python and peak RSS side by side)
#        --bin PATH (either mode): measure that wirescore binary instead of building one
#        --pair PATH [--rounds R] (either site): A/B of two builds on a shared, noisy machine:
#        each round runs `wirescore ingest` of --bin (or the build) and of PATH at the same time,
#        cold, each into its own output, so both see the same contention; prints each side's
#        CPU-ms per page per round and the median of the rounds' ratios (PATH over --bin);
#        skips the Python stack and the fetch-only part
#        --step-cost STEP [--cost-rounds R] (synthetic site): the CPU one article step costs
#        (issue 17): cold `wirescore ingest` with every step and with every step but STEP
#        (the pipeline's `stages:` list), alternating for R rounds (default 5), fresh output each
#        time; prints each run's CPU seconds (user + system), the minimum of each side and
#        STEP's share of ingest CPU (min vs min, and the median of each round's paired share);
#        skips the fetch-only and Python parts
#
# 1. generates the site under .build/e2e/site (pages 50-200 KB, RSS 2.0 feeds, OPML);
# 2. serves it with a private nginx on 127.0.0.1 (config/pid/logs under .build/e2e/nginx,
#    stopped on exit); nginx sends ETag/Last-Modified, so unchanged feeds answer 304;
# 3. `wirescore ingest` (release build) over it: wall time, peak RSS (/usr/bin/time -v), articles/s;
# 4. the Python stack in one process (venv .build/e2e/venv): articles/s and the ratio;
# 5. the fetch stage alone (`wirescore fetch` over every article page) against wrk's
#    requests/s over the same pages from the same nginx, alternating, best of --fetch-rounds (3);
# 6. a second `wirescore ingest` over the unchanged site (all feeds 304): its duration.
# All traffic goes to 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

feeds=20; per_feed=50; python_max=""; wrk_seconds=5; fetch_rounds=3
step_cost=""; cost_rounds=5
real_pages=0; real_articles=5000; rounds=1; eval_dir="$root/../shared/eval/extraction"; bin_override=""; pair_bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --real-pages) real_pages=1; shift ;;
        --articles) real_articles="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --eval) eval_dir="$2"; shift 2 ;;
        --bin) bin_override="$2"; shift 2 ;;
        --pair) pair_bin="$2"; shift 2 ;;
        --step-cost) step_cost="$2"; shift 2 ;;
        --cost-rounds) cost_rounds="$2"; shift 2 ;;
        --feeds) feeds="$2"; shift 2 ;;
        --articles-per-feed) per_feed="$2"; shift 2 ;;
        --python-max) python_max="$2"; shift 2 ;;
        --wrk-seconds) wrk_seconds="$2"; shift 2 ;;
        --fetch-rounds) fetch_rounds="$2"; shift 2 ;;
        -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown flag $1" >&2; exit 64 ;;
    esac
done
if [ "$real_pages" -eq 1 ]; then
    articles=$real_articles
    feeds=$(( (articles + per_feed - 1) / per_feed ))
else
    articles=$((feeds * per_feed))
    python_max=${python_max:-0}
fi

work="$root/.build/e2e"
site="$work/site-${feeds}x${per_feed}"   # one folder per size, so scale runs reuse theirs
[ "$real_pages" -eq 1 ] && site="$work/real-${articles}x${per_feed}"
ngx="$work/nginx"
out="$work/out"
venv="$work/venv"
mkdir -p "$work" "$ngx"

# --- tools -------------------------------------------------------------------------------
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ "$real_pages" -eq 1 ] || command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} (apt-get)" >&2
    sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
    $sudo_ apt-get install -y "${need[@]}" >/dev/null || { $sudo_ apt-get update >/dev/null && $sudo_ apt-get install -y "${need[@]}" >/dev/null; }
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

if [ -n "$bin_override" ]; then
    bin="$bin_override"   # an already built binary (e.g. a copy of an earlier commit's, to compare)
else
    echo "building wirescore (release)" >&2
    ./scripts/deps
    swift build -c release --product wirescore >/dev/null
    bin="$(swift build -c release --show-bin-path)/wirescore"
fi

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c 'import feedparser, requests, trafilatura, lxml_html_clean, vaderSentiment' 2>/dev/null; then
    echo "installing the Python stack into $venv" >&2
    "$venv/bin/pip" install -q feedparser requests trafilatura lxml_html_clean vaderSentiment
fi

# --- site and nginx ----------------------------------------------------------------------
port_file="$work/port"
if [ -s "$port_file" ]; then port=$(cat "$port_file"); else
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    echo "$port" > "$port_file"
fi
base="http://127.0.0.1:$port"
if [ "$real_pages" -eq 1 ]; then
    [ -d "$eval_dir" ] || { echo "run.sh: no evaluation pages at $eval_dir (--eval DIR)" >&2; exit 66; }
    python3 "$here/gen_real_site.py" "$site" "$base" --articles "$articles" --articles-per-feed "$per_feed" --eval "$eval_dir"
    distinct=$(sed -n '2p' "$site/manifest.txt" | cut -d' ' -f3)
    python_max=${python_max:-$distinct}
else
    python3 "$here/gen_site.py" "$site" "$base" --feeds "$feeds" --articles-per-feed "$per_feed"
fi

user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root;"
mkdir -p "$ngx/tmp"
cat > "$ngx/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 4096; }
http {
    types { text/html html; application/rss+xml xml; text/x-opml opml; }
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    etag on;
    client_body_temp_path $ngx/tmp/body;
    proxy_temp_path $ngx/tmp/proxy;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $site;
    }
}
EOF
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$NGINX" -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/error.log" &
nginx_pid=$!
probe="$base/a0000/00000.html"
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "$probe" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx failed to start:" >&2; cat "$ngx/error.log" >&2; exit 1; }
    sleep 0.1
done
curl -fsS -o /dev/null "$probe" || { echo "nginx not answering on $base" >&2; exit 1; }
# Conditional GETs must answer 304.
etag=$(curl -fsSI "$base/feeds/feed0000.xml" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/feeds/feed0000.xml")
[ "$code" = 304 ] || { echo "nginx did not answer 304 to a conditional GET (got $code)" >&2; exit 1; }
echo "nginx on $base (pid $nginx_pid), conditional GET -> 304" >&2

# --- wirescore ingest --------------------------------------------------------------------
items_cap=$(( per_feed > 100 ? per_feed : 100 ))
[ "$items_cap" -gt 10000 ] && items_cap=10000
cat > "$work/pipeline.yaml" <<EOF
# Generated by Benchmarks/e2e/run.sh; paths resolve against this file's folder.
name: e2e
feeds:
  - $(basename "$site")/site.opml
output: out
include_text: true
fetch:
  concurrency: 32
  per_host: 32
  protocols: [http, https]
  allow_private_networks: true
  max_items_per_feed: $items_cap
EOF
"$bin" validate --pipeline "$work/pipeline.yaml" >/dev/null

rm -rf "$out"
run_ingest() {  # $1 = label; sets ING_SECS ING_RSS_KB ING_SUMMARY
    local log="$work/ingest-$1.log" tv="$work/ingest-$1.time"
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$tv" "$bin" ingest --pipeline "$work/pipeline.yaml" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
    t1=$(date +%s.%N)
    ING_SECS=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
    ING_RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tv")
    ING_CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$tv")
    ING_SUMMARY=$(grep 'wirescore ingest:' "$log" | tail -1 || true)
}
run_python() {  # sets PY_LINE PY_N PY_SECS PY_RSS PY_CPU
    PY_LINE=$("$venv/bin/python" "$here/python_stack.py" "$site/site.opml" --max-articles "$python_max" 2> "$work/python.log")
    PY_N=$(sed -n 's/.*articles=\([0-9]*\).*/\1/p' <<< "$PY_LINE")
    PY_SECS=$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<< "$PY_LINE")
    PY_RSS=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' <<< "$PY_LINE")
    PY_CPU=$(sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p' <<< "$PY_LINE")
}

if [ -n "$pair_bin" ]; then
    # Both builds at once, each into its own output: CPU time per page is what they are
    # compared on, and running them side by side gives both the same neighbours.
    sed "s#^output: out\$#output: out-pair-a#" "$work/pipeline.yaml" > "$work/pipeline-pair-a.yaml"
    sed "s#^output: out\$#output: out-pair-b#" "$work/pipeline.yaml" > "$work/pipeline-pair-b.yaml"
    ratios=""
    for round in $(seq 1 "$rounds"); do
        rm -rf "$work/out-pair-a" "$work/out-pair-b"
        /usr/bin/time -f "%U %S %M" -o "$work/pair-a.time" "$bin" ingest --pipeline "$work/pipeline-pair-a.yaml" > "$work/pair-a.log" 2>&1 &
        pid_a=$!
        /usr/bin/time -f "%U %S %M" -o "$work/pair-b.time" "$pair_bin" ingest --pipeline "$work/pipeline-pair-b.yaml" > "$work/pair-b.log" 2>&1 &
        pid_b=$!
        wait "$pid_a" || { cat "$work/pair-a.log" >&2; exit 1; }
        wait "$pid_b" || { cat "$work/pair-b.log" >&2; exit 1; }
        line=$(python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
out = []
for side in "ab":
    u, s_, rss = open(f"{w}/pair-{side}.time").read().split()[-3:]
    n = int(re.findall(r"articles new=(\d+)", open(f"{w}/pair-{side}.log").read())[-1])
    out.append((1000 * (float(u) + float(s_)) / max(n, 1), n, int(rss) / 1024))
(a, na, ra), (b, nb, rb) = out
print(f"{a:.3f} {b:.3f} {b / a:.3f} {na} {nb} {ra:.1f} {rb:.1f}")
PY
)
        read -r cpu_a cpu_b ratio n_a n_b rss_a rss_b <<< "$line"
        echo "round $round: CPU-ms/page --bin $cpu_a ($n_a articles, peak RSS $rss_a MB), --pair $cpu_b ($n_b articles, peak RSS $rss_b MB), ratio $ratio" >&2
        ratios+="$ratio "
    done
    python3 -c "import sys; r = sorted(float(x) for x in sys.argv[1].split()); print(f'paired ingest, {len(r)} rounds: CPU per page of --pair over --bin, median {r[len(r) // 2]:.3f} (rounds: {\" \".join(f\"{x:.3f}\" for x in r)})')" "$ratios"
    exit 0
fi

if [ "$real_pages" -eq 1 ]; then
    # wirescore (cold, fresh output each round) and the Python stack alternate; each round's
    # ratio is measured within the round.
    rows_file="$work/real-rounds.txt"; : > "$rows_file"
    for round in $(seq 1 "$rounds"); do
        rm -rf "$out"
        echo "round $round: wirescore ingest (cold) over $articles real-page articles" >&2
        run_ingest "real$round"
        new=$(sed -n 's/.*articles new=\([0-9]*\).*/\1/p' <<< "$ING_SUMMARY")
        thin=$(sed -n 's/.* thin=\([0-9]*\).*/\1/p' <<< "$ING_SUMMARY")
        errs=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<< "$ING_SUMMARY")
        echo "  $ING_SUMMARY (wall ${ING_SECS}s, CPU ${ING_CPU}s, peak RSS ${ING_RSS_KB} KB)" >&2
        echo "round $round: Python stack over its first $python_max articles" >&2
        run_python
        echo "  $PY_LINE" >&2
        echo "$round ${new:-0} ${thin:-0} ${errs:-0} $ING_SECS $ING_CPU $ING_RSS_KB ${PY_N:-0} ${PY_SECS:-0} ${PY_CPU:-0} ${PY_RSS:-0}" >> "$rows_file"
    done
    python3 "$here/real_table.py" "$rows_file" "$articles" "$feeds" "$(sed -n '2p' "$site/manifest.txt")"
    exit 0
fi

if [ -n "$step_cost" ]; then
    # The same site, the same binary, the pipeline's stages with and without the step; the
    # two alternate so a noisy second on a shared machine hits both sides alike.
    all_steps=(extract analyze events story)
    without=(); for s_ in "${all_steps[@]}"; do [ "$s_" = "$step_cost" ] || without+=("$s_"); done
    [ ${#without[@]} -lt ${#all_steps[@]} ] || { echo "run.sh: --step-cost: no step named $step_cost" >&2; exit 64; }
    cp "$work/pipeline.yaml" "$work/pipeline-full.yaml"
    { cat "$work/pipeline.yaml"; echo "stages: [$(IFS=,; echo "${all_steps[*]}" | sed 's/,/, /g')]"; } > "$work/pipeline-with.yaml"
    { cat "$work/pipeline.yaml"; echo "stages: [$(IFS=,; echo "${without[*]}" | sed 's/,/, /g')]"; } > "$work/pipeline-without.yaml"
    with_all=""; without_all=""
    for round in $(seq 1 "$cost_rounds"); do
        for side in with without; do
            cp "$work/pipeline-$side.yaml" "$work/pipeline.yaml"
            rm -rf "$out"
            run_ingest "cost-$side"
            echo "  round $round, $side $step_cost: CPU ${ING_CPU}s, wall ${ING_SECS}s  ($ING_SUMMARY)" >&2
            if [ "$side" = with ]; then with_all+="$ING_CPU "; else without_all+="$ING_CPU "; fi
        done
    done
    cp "$work/pipeline-full.yaml" "$work/pipeline.yaml"
    python3 - "$step_cost" "$articles" "$with_all" "$without_all" <<'PY'
import sys
step, n, w, wo = sys.argv[1], sys.argv[2], [float(x) for x in sys.argv[3].split()], [float(x) for x in sys.argv[4].split()]
a, b = min(w), min(wo)
print(f"step cost, {step}, cold ingest of {n} articles, {len(w)} alternating rounds: "
      f"CPU-s with {a:.2f} (all {w}), without {b:.2f} (all {wo}); "
      f"{step} = {100 * (a - b) / a:.1f}% of ingest CPU (min vs min); "
      f"median of the rounds' paired shares {100 * sorted((x - y) / x for x, y in zip(w, wo))[len(w) // 2]:.1f}%")
PY
    exit 0
fi

echo "wirescore ingest (cold) over $articles articles" >&2
run_ingest cold
cold_secs=$ING_SECS; cold_rss=$ING_RSS_KB; cold_cpu=$ING_CPU; cold_summary=$ING_SUMMARY
cold_new=$(sed -n 's/.*articles new=\([0-9]*\).*/\1/p' <<< "$cold_summary")
cold_new=${cold_new:-0}
echo "  $cold_summary" >&2

echo "wirescore ingest (incremental, all feeds unchanged)" >&2
run_ingest warm
warm_secs=$ING_SECS; warm_rss=$ING_RSS_KB; warm_summary=$ING_SUMMARY
warm_nm=$(sed -n 's/.*not_modified=\([0-9]*\).*/\1/p' <<< "$warm_summary")
echo "  $warm_summary" >&2

# --- fetch only, against wrk's ceiling on the same pages ---------------------------------
# Every article page in turn, repeated until there are at least 60,000 requests (a run of a few
# seconds, like wrk's); wrk walks the same paths with the same connection count (cycle.lua).
# The two alternate for --fetch-rounds rounds and each side's best round is compared: on a
# shared machine a single pair mostly measures who ran during a noisy second.
find "$site" -regextype posix-extended -regex '.*/a[0-9]+/[^/]+[.]html' | sort | sed "s#^$site##" > "$work/paths.txt"
page_count=$(wc -l < "$work/paths.txt")
repeat=$(( (60000 + page_count - 1) / page_count ))
: > "$work/urls.txt"
for _ in $(seq 1 "$repeat"); do sed "s#^#$base#" "$work/paths.txt" >> "$work/urls.txt"; done
echo "fetch only: wirescore fetch over $(wc -l < "$work/urls.txt") requests, then wrk over the same pages for ${wrk_seconds}s; $fetch_rounds rounds" >&2
fetch_rps=0; wrk_rps=0; fetch_all=""; wrk_all=""
for round in $(seq 1 "$fetch_rounds"); do
    fetch_line=$("$bin" fetch --pipeline "$work/pipeline.yaml" --urls "$work/urls.txt" --quiet 2>&1 >/dev/null | tail -1)
    r=$(sed -n 's/.*requests_per_s=\([0-9.]*\).*/\1/p' <<< "$fetch_line")
    w=$(WRK_URLS="$work/paths.txt" wrk -t2 -c32 -d"${wrk_seconds}s" -s "$here/cycle.lua" "$base" | sed -n 's/^Requests\/sec: *//p')
    echo "  round $round: wirescore fetch ${r:-failed} requests/s, wrk ${w:-failed} requests/s  ($fetch_line)" >&2
    fetch_all+="${r:-0} "; wrk_all+="${w:-0} "
    fetch_rps=$(python3 -c "print(max(float('$fetch_rps'), float('${r:-0}')))")
    wrk_rps=$(python3 -c "print(max(float('$wrk_rps'), float('${w:-0}')))")
done

# --- Python stack ------------------------------------------------------------------------
echo "Python stack (feedparser + requests + trafilatura + vaderSentiment), one process" >&2
run_python
py_line=$PY_LINE; py_n=$PY_N; py_secs=$PY_SECS; py_rss=$PY_RSS
echo "  $py_line" >&2

# --- table -------------------------------------------------------------------------------
python3 - "$articles" "$cold_new" "$cold_secs" "$cold_rss" "$warm_secs" "$warm_rss" "${warm_nm:-?}" \
    "$feeds" "$py_n" "$py_secs" "$py_rss" "$wrk_rps" "$cold_cpu" "${fetch_rps:-0}" "$fetch_all" "$wrk_all" <<'EOF'
import sys
(articles, new, secs, rss, wsecs, wrss, nm, feeds, pyn, pysecs, pyrss, wrk, cpu, fetch,
 fetch_all, wrk_all) = sys.argv[1:]
fetch = float(fetch)
articles, new, secs, rss, wsecs, wrss = int(articles), int(new), float(secs), int(rss), float(wsecs), int(wrss)
pyn, pysecs, pyrss, wrk = int(pyn), float(pysecs), int(pyrss), float(wrk)
ws = new / secs if secs else 0.0
ps = pyn / pysecs if pysecs else 0.0
print()
print(f"wirescore e2e benchmark: {feeds} feeds x {articles // int(feeds)} articles = {articles} articles")
print(f"{'measure':<52}{'value':>16}")
print("-" * 68)
print(f"{'wirescore ingest, cold: articles new':<52}{new:>16}")
print(f"{'wirescore ingest, cold: wall seconds':<52}{secs:>16.2f}")
print(f"{'wirescore ingest, cold: CPU seconds (user+sys)':<52}{float(cpu):>16.2f}")
print(f"{'wirescore ingest, cold: articles/s':<52}{ws:>16.1f}")
print(f"{'wirescore ingest, cold: peak RSS (MB)':<52}{rss / 1024:>16.1f}")
print(f"{'Python stack: articles':<52}{pyn:>16}")
print(f"{'Python stack: wall seconds':<52}{pysecs:>16.2f}")
print(f"{'Python stack: articles/s':<52}{ps:>16.1f}")
print(f"{'Python stack: peak RSS (MB)':<52}{pyrss / 1024:>16.1f}")
print(f"{'ratio wirescore / Python (articles/s)':<52}{(ws / ps if ps else 0):>15.1f}x")
print(f"{'fetch only: wirescore fetch requests/s (best)':<52}{fetch:>16.1f}")
print(f"{'fetch only: wrk requests/s, same pages (best)':<52}{wrk:>16.1f}")
print(f"{'  wirescore as % of wrk (best against best)':<52}{(100 * fetch / wrk if wrk else 0):>15.1f}%")
pairs = [100 * float(f) / float(w) for f, w in zip(fetch_all.split(), wrk_all.split()) if float(w) > 0]
paired = sorted(pairs)[len(pairs) // 2] if pairs else 0.0
print(f"{'  wirescore as % of wrk (median of the rounds)':<52}{paired:>15.1f}%")
print(f"{'incremental run: feeds not modified (304)':<52}{nm:>16}")
print(f"{'incremental run: wall seconds':<52}{wsecs:>16.2f}")
print(f"{'incremental run: peak RSS (MB)':<52}{wrss / 1024:>16.1f}")
print()
print("fetch only: `wirescore fetch` with the pipeline's fetch settings (32 connections) and wrk")
print("(2 threads, 32 connections) request the same article pages in turn from the same nginx,")
print(f"alternating; best of each side. Rounds: wirescore {fetch_all.strip()}; wrk {wrk_all.strip()}.")
EOF
