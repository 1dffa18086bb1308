"""scripts/kill-test's body: interrupt `wirescore ingest` in several ways over a corpus served by
nginx on 127.0.0.1 (so feeds answer 304 once their validators are stored), then run it to
completion and check that every article of the corpus was written exactly once.

Kinds (each on a fresh output tree, each followed by full runs: ingest to completion twice, then
once more to prove nothing more arrives):
  sigkill       SIGKILL at random moments, KILLS times (runs with --quiet)
  sigterm       SIGTERM after a random 0.3-3 s, SIGNALS times; exit code, time from signal to exit
                and whether the summary line was printed are recorded (runs without --quiet, or
                there would be no summary line to look for)
  sigint        the same with SIGINT
  max-duration  MAXRUNS runs with --max-duration SECONDS
  transient     a few articles (under /outage/) answer 503 in the first run; then they are made
                healthy, while their feeds answer 304
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from html import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402

KINDS = ("sigkill", "sigterm", "sigint", "max-duration", "transient")

COMPANIES = ["Apple", "Microsoft", "Nvidia", "Amazon", "Alphabet", "Meta Platforms", "Tesla", "JPMorgan Chase",
             "Exxon Mobil", "Johnson & Johnson", "Walmart", "Procter & Gamble", "Visa", "Pfizer", "Intel",
             "Boeing", "Caterpillar", "Netflix", "Oracle", "Chevron", "Coca-Cola", "PepsiCo", "Adobe", "Qualcomm"]
SECTORS = ["chips", "cloud", "retail", "energy", "banking", "pharma", "autos", "media", "aerospace", "software"]
VERBS = ["raised", "cut", "reaffirmed", "withdrew", "beat", "missed", "topped", "trimmed", "lifted", "lowered"]
OBJECTS = ["its full-year guidance", "quarterly revenue estimates", "its dividend", "a buyback plan",
           "margin targets", "analyst expectations", "capital spending", "its sales forecast", "hiring plans"]
CLAUSES = ["as demand for {sector} products {trend}", "after regulators {reg} the deal",
           "while investors weighed higher borrowing costs", "citing supply constraints in {place}",
           "amid a lawsuit over {topic}", "as rivals {trend2} prices", "after a board shake-up",
           "following a strong holiday season", "despite weaker orders from {place}"]
TRENDS = ["slowed", "picked up", "held steady", "surged", "softened"]
PLACES = ["Europe", "China", "Japan", "Latin America", "the Gulf", "India", "Canada", "Germany"]
TOPICS = ["patents", "pricing", "data privacy", "emissions", "accounting", "labor practices"]
QUOTES = ["We see durable demand through next year", "The quarter was harder than we planned",
          "Our customers keep asking for more capacity", "We are not satisfied with these results",
          "Execution was excellent across every region", "We expect the headwinds to ease"]


def sentence(rng: random.Random, company: str) -> str:
    clause = rng.choice(CLAUSES).format(sector=rng.choice(SECTORS), trend=rng.choice(TRENDS),
                                         reg=rng.choice(["approved", "blocked", "questioned"]),
                                         place=rng.choice(PLACES), topic=rng.choice(TOPICS),
                                         trend2=rng.choice(["cut", "raised", "matched"]))
    figure = f"{rng.uniform(0.5, 14.9):.1f}%"
    forms = [f"{company} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {clause}.",
             f"Shares of {company} moved {figure} in afternoon trading {clause}.",
             f"Analysts at {rng.choice(['Morgan Stanley', 'Barclays', 'UBS', 'Jefferies', 'Bernstein'])} said "
             f"{company} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, and revenue grew {figure} from a year earlier.",
             f"\u201c{rng.choice(QUOTES)},\u201d the chief financial officer of {company} told reporters.",
             f"The {rng.choice(SECTORS)} business accounted for {figure} of sales {clause}."]
    return rng.choice(forms)


def generate(work: str, base: str, feeds: int, items: int, flaky: int, seed: int) -> dict:
    """Writes site/ (feeds + article pages), list.opml and pipeline.yaml; returns the expected URLs."""
    site = os.path.join(work, "site")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    flaky_spots = {(k * feeds // max(flaky, 1), (k * 7 + items // 2) % items) for k in range(flaky)}
    expected, flaky_urls, outlines = [], [], []
    for f in range(feeds):
        rng = random.Random(seed * 100_003 + f)
        publisher = f"{rng.choice(['Daily', 'Global', 'Metro', 'Market', 'Evening'])} " \
                    f"{rng.choice(['Ledger', 'Wire', 'Courier', 'Bulletin', 'Gazette'])} {f}"
        entries = []
        for i in range(items):
            company = rng.choice(COMPANIES)
            slug = f"{i}-{company.lower().replace(' ', '-').replace('&', 'and')}-{rng.choice(VERBS)}"
            folder = "outage" if (f, i) in flaky_spots else "news"
            path = f"/{folder}/f{f}/{slug}.html"
            url = base + path
            published = now - dt.timedelta(hours=1 + (f * 13 + i * 5) % 240, minutes=(i * 7) % 60)
            title = f"{company} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({publisher}, no. {i})"
            author = rng.choice(["Ana Ruiz", "Tom Becker", "Priya Shah", "Lee Wong", "Sara Novak", "Omar Haddad"])
            paragraphs = []
            for _ in range(rng.randint(5, 8)):
                who = company if rng.random() < 0.7 else rng.choice(COMPANIES)
                paragraphs.append(" ".join(sentence(rng, who) for _ in range(rng.randint(3, 5))))
            stamp = published.strftime("%Y-%m-%dT%H:%M:%SZ")
            html = (
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{escape(title)} | {escape(publisher)}</title>"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<meta name=\"description\" content=\"{escape(paragraphs[0][:150])}\">"
                f"<meta name=\"author\" content=\"{author}\">"
                f"<meta property=\"og:title\" content=\"{escape(title)}\">"
                f"<meta property=\"og:site_name\" content=\"{escape(publisher)}\">"
                f"<meta property=\"article:published_time\" content=\"{stamp}\">"
                f"<link rel=\"canonical\" href=\"{url}\">"
                "<link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body>"
                f"<header class=\"site-header\"><a href=\"/\" class=\"logo\">{escape(publisher)}</a><nav>"
                "<a href=\"/markets/\">Markets</a> <a href=\"/companies/\">Companies</a> "
                "<a href=\"/tech/\">Tech</a> <a href=\"/opinion/\">Opinion</a></nav></header>\n"
                f"<main><article><h1>{escape(title)}</h1>"
                f"<p class=\"byline\">By {author} &middot; <time datetime=\"{stamp}\">"
                f"{published.strftime('%B %d, %Y %H:%M UTC')}</time></p>\n"
                + "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
                + "</article>\n<aside class=\"related\"><h2>Related</h2><ul>"
                + "".join(f"<li><a href=\"/news/f{f}/{j}.html\">More from {escape(publisher)}</a></li>"
                          for j in range(3))
                + "</ul></aside></main>\n<footer><p>&copy; 2025 "
                f"{escape(publisher)}. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>"
                "</body></html>\n")
            os.makedirs(os.path.dirname(site + path), exist_ok=True)
            with open(site + path, "w") as out:
                out.write(html)
            expected.append(url)
            if folder == "outage":
                flaky_urls.append(url)
            entries.append(
                f"<item><title>{escape(title)}</title><link>{url}</link>"
                f"<guid isPermaLink=\"true\">{url}</guid><author>{author}</author>"
                f"<pubDate>{format_datetime(published, usegmt=True)}</pubDate>"
                f"<description>{escape(paragraphs[0][:200])}</description></item>")
        os.makedirs(f"{site}/feeds", exist_ok=True)
        with open(f"{site}/feeds/{f}.xml", "w") as out:
            out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
                      f"<title>{escape(publisher)}</title><link>{base}/</link>"
                      f"<description>Business news from {escape(publisher)}</description><language>en</language>"
                      + "\n".join(entries) + "</channel></rss>\n")
        outlines.append(f"<outline type=\"rss\" text=\"{escape(publisher)}\" xmlUrl=\"{base}/feeds/{f}.xml\"/>")
    with open(f"{work}/list.opml", "w") as out:
        out.write("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>kill test</title></head><body>\n"
                  + "\n".join(outlines) + "\n</body></opml>\n")
    with open(f"{work}/pipeline.yaml", "w") as out:
        out.write("name: kill-test\nfeeds: [list.opml]\noutput: out\n"
                  "fetch:\n"
                  "  concurrency: 16\n  per_host: 8\n"
                  "  protocols: [http, https]\n"
                  "  allow_private_networks: true   # the corpus is served by nginx on 127.0.0.1\n"
                  "  connect_timeout: 5\n  timeout: 20\n  retry_after_max_wait: 0\n"
                  f"  max_items_per_feed: {items}\n"
                  "extract:\n  min_words: 20\n")
    return {"expected": expected, "flaky": flaky_urls}


class Runner:
    def __init__(self, args, work: str):
        self.args, self.work = args, work
        self.pipeline = os.path.join(work, "pipeline.yaml")
        self.rng = random.Random(args.seed)
        self.hung = 0

    def command(self, output: str, *extra: str) -> list[str]:
        return [self.args.bin, "ingest", "--pipeline", self.pipeline, "--output", output, *extra]

    def start(self, output: str, log: str, *extra: str) -> subprocess.Popen:
        with open(log + ".out", "ab") as so, open(log + ".err", "ab") as se:
            return subprocess.Popen(self.command(output, *extra), stdout=so, stderr=se, stdin=subprocess.DEVNULL)

    def run(self, output: str, log: str, *extra: str) -> tuple[int | None, dict, float]:
        """One run to its end: exit code (None when it outlived --run-timeout and was killed),
        summary fields, seconds."""
        t0 = time.monotonic()
        try:
            out = subprocess.run(self.command(output, *extra), capture_output=True, text=True,
                                 timeout=self.args.run_timeout)
        except subprocess.TimeoutExpired:
            return None, {}, time.monotonic() - t0
        with open(log + ".err", "a") as se:
            se.write(out.stderr)
        return out.returncode, wstest.summary_fields(out.stdout), time.monotonic() - t0

    def lines_so_far(self, output: str) -> int:
        import glob
        n = 0
        for path in glob.glob(f"{output}/articles/*/*.jsonl"):
            with open(path, "rb") as f:
                n += f.read().count(b"\n")
        return n

    def interrupt(self, kind: str, output: str, log: str) -> dict:
        """Interruptions of `kind`; returns notes for the kind's line."""
        a = self.args
        notes = {"interrupted": 0, "finished_first": 0}
        if kind == "sigkill":
            lo, hi = a.kill_delay
            for n in range(1, a.kills + 1):
                p = self.start(output, log, "--quiet")
                delay = round(self.rng.uniform(lo, hi), 3)
                time.sleep(delay)
                if p.poll() is None:
                    p.kill()
                    state = "killed"
                    notes["interrupted"] += 1
                else:
                    state = f"had finished (exit {p.returncode})"
                    notes["finished_first"] += 1
                p.wait(timeout=30)
                print(f"  sigkill {n:2d} after {delay:5.2f}s: {state}, {self.lines_so_far(output)} article lines",
                      flush=True)
        elif kind in ("sigterm", "sigint"):
            sig = signal.SIGTERM if kind == "sigterm" else signal.SIGINT
            lo, hi = a.signal_delay
            notes.update(summaries=0, exits=[], slowest=0.0)
            for n in range(1, a.signals + 1):
                stdout = f"{log}.{n}.out"
                with open(stdout, "wb") as so, open(log + ".err", "ab") as se:
                    p = subprocess.Popen(self.command(output), stdout=so, stderr=se, stdin=subprocess.DEVNULL)
                delay = round(self.rng.uniform(lo, hi), 3)
                time.sleep(delay)
                if p.poll() is not None:
                    notes["finished_first"] += 1
                    state = f"had finished (exit {p.returncode})"
                else:
                    p.send_signal(sig)
                    t0 = time.monotonic()
                    try:
                        code = p.wait(timeout=a.exit_within)
                        took = time.monotonic() - t0
                        how = f"signal {-code}" if code < 0 else f"exit {code}"
                        state = f"{sig.name} -> {how} after {took:.2f}s"
                    except subprocess.TimeoutExpired:
                        p.kill()
                        p.wait(timeout=30)
                        took, how = float("inf"), "no exit"
                        state = f"{sig.name} -> NO EXIT within {a.exit_within:g}s (SIGKILLed)"
                        self.hung += 1
                    notes["interrupted"] += 1
                    notes["exits"].append(how)
                    notes["slowest"] = max(notes["slowest"], took)
                    with open(stdout) as so:
                        fields = wstest.summary_fields(so.read())
                    if fields:
                        notes["summaries"] += 1
                        state += f", summary: new={fields.get('new')} deferred={fields.get('deferred')}"
                    else:
                        state += ", no summary line"
                print(f"  {kind} {n:2d} after {delay:5.2f}s: {state}; {self.lines_so_far(output)} article lines",
                      flush=True)
        elif kind == "max-duration":
            for n in range(1, a.max_runs + 1):
                code, fields, took = self.run(output, log, "--max-duration", str(a.max_duration))
                print(f"  --max-duration {a.max_duration:g} run {n}: exit {code} in {took:.1f}s, "
                      f"new={fields.get('new')} deferred={fields.get('deferred')} "
                      f"not_modified={fields.get('not_modified')}", flush=True)
                notes["interrupted"] += fields.get("deferred", "0") != "0"
        elif kind == "transient":
            code, fields, took = self.run(output, log)
            print(f"  run with {len(self.flaky)} article(s) answering 503: exit {code} in {took:.1f}s, "
                  f"new={fields.get('new')} errors={fields.get('errors')}", flush=True)
            with open(self.flag, "w") as f:
                f.write("healthy\n")
            os.chmod(self.flag, 0o644)
            if self.flaky:
                status, _ = wstest.curl_head(self.flaky[0])
                print(f"  made the {len(self.flaky)} article(s) healthy (now {status})", flush=True)
        return notes

    def full_runs(self, output: str, log: str) -> list[str]:
        problems = []
        for n in range(1, 4):
            code, fields, took = self.run(output, log)
            if code is None:
                problems.append(f"full run {n} did not finish within {self.args.run_timeout:g}s")
                print(f"  full run {n}: TIMEOUT (killed)", flush=True)
                continue
            print(f"  full run {n}: exit {code} in {took:.1f}s, feeds ok={fields.get('ok')} "
                  f"not_modified={fields.get('not_modified')}, articles new={fields.get('new')} "
                  f"duplicate={fields.get('duplicate')} errors={fields.get('errors')}", flush=True)
            if code != 0:
                problems.append(f"full run {n} exited {code}")
            if n == 3 and fields.get("new", "0") != "0":
                problems.append(f"the third full run still wrote {fields.get('new')} new articles")
        return problems


def parse_range(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(":")
    return float(lo), float(hi or lo)


def main() -> int:
    p = argparse.ArgumentParser(prog="scripts/kill-test", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kinds_pos", nargs="*", metavar="KIND", help=f"kinds to run (default all: {' '.join(KINDS)})")
    p.add_argument("--kinds", help="comma-separated kinds (same as positional)")
    p.add_argument("--feeds", type=int, default=50)
    p.add_argument("--items", type=int, default=40, help="articles per feed")
    p.add_argument("--kills", type=int, default=10, help="SIGKILLs for the sigkill kind")
    p.add_argument("--kill-delay", type=parse_range, default=(0.05, 1.5), metavar="LO:HI",
                   help="seconds before each SIGKILL (default 0.05:1.5)")
    p.add_argument("--signals", type=int, default=4, help="SIGTERMs/SIGINTs for those kinds")
    p.add_argument("--signal-delay", type=parse_range, default=(0.3, 3.0), metavar="LO:HI")
    p.add_argument("--exit-within", type=float, default=10.0,
                   help="seconds a signalled run may take to exit before it counts as hung (default 10)")
    p.add_argument("--max-duration", type=float, default=1.0, help="--max-duration of the max-duration kind")
    p.add_argument("--max-runs", type=int, default=3, help="--max-duration runs before the full runs")
    p.add_argument("--flaky", type=int, default=3, help="articles answering 503 in the transient kind's first run")
    p.add_argument("--rate", type=int, default=300,
                   help="requests/s nginx serves (excess is queued, not refused), so a run lasts a few "
                        "seconds as against a remote host; 0 = unlimited (default 300)")
    p.add_argument("--run-timeout", type=float, default=300.0, help="bound of one ingest run (seconds)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    p.add_argument("--bin", required=True, help="the wirescore executable")
    a = p.parse_args()
    kinds = list(a.kinds_pos) + (a.kinds.split(",") if a.kinds else [])
    kinds = [k for k in KINDS if k in kinds] if kinds else list(KINDS)
    unknown = set(a.kinds_pos + (a.kinds.split(",") if a.kinds else [])) - set(KINDS)
    if unknown:
        p.error(f"unknown kind(s): {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")

    work = tempfile.mkdtemp(prefix="wirescore-kill-")
    os.chmod(work, 0o755)  # nginx runs as nobody and reads site/ and the flag
    server = None
    try:
        port = wstest.free_port()
        base = f"http://127.0.0.1:{port}"
        t0 = time.monotonic()
        corpus = generate(work, base, a.feeds, a.items, a.flaky if "transient" in kinds else 0, a.seed)
        flag = os.path.join(work, "flags", "healthy")
        os.makedirs(os.path.dirname(flag))
        os.chmod(os.path.dirname(flag), 0o755)
        server = wstest.StaticServer(os.path.join(work, "site"), os.path.join(work, "nginx"), port=port,
                                     flaky_prefix="/outage/", flag_file=flag, rate=a.rate).start()
        print(f"corpus: {a.feeds} feeds x {a.items} articles = {len(corpus['expected'])} "
              f"({time.monotonic() - t0:.1f}s to generate); nginx on {base} (pid {server.proc.pid}, "
              f"rate {a.rate or 'unlimited'}/s); kinds: {' '.join(kinds)}", flush=True)
        print("  " + wstest.verify_validators(f"{base}/feeds/0.xml"), flush=True)
        print("  " + wstest.verify_validators(corpus["expected"][-1]), flush=True)
        if corpus["flaky"]:
            status, _ = wstest.curl_head(corpus["flaky"][0])
            if status != 503:
                raise SystemExit(f"{corpus['flaky'][0]}: want 503 while the flag is absent, got {status}")
            open(flag, "w").close()
            status, _ = wstest.curl_head(corpus["flaky"][0])
            if status != 200:
                raise SystemExit(f"{corpus['flaky'][0]}: want 200 once the flag exists, got {status}")
            print(f"  {len(corpus['flaky'])} flaky article(s) under /outage/: 503 without the flag, 200 with it",
                  flush=True)
        runner = Runner(a, work)
        runner.flaky, runner.flag = corpus["flaky"], flag
        results = []
        started = time.monotonic()
        for kind in kinds:
            output = os.path.join(work, f"out-{kind}")
            log = os.path.join(work, f"{kind}.log")
            if kind == "transient":
                if os.path.exists(flag):
                    os.remove(flag)
            elif not os.path.exists(flag):
                open(flag, "w").close()
            before = server.statuses()
            t = time.monotonic()
            print(f"== {kind}", flush=True)
            notes = runner.interrupt(kind, output, log)
            problems = runner.full_runs(output, log)
            figures = wstest.output_figures(output, corpus["expected"])
            after = server.statuses()
            served = {s: after[s] - before.get(s, 0) for s in sorted(after) if after[s] - before.get(s, 0)}
            extra = f"; nginx answered {served}"
            if kind in ("sigterm", "sigint"):
                extra += (f"; signalled {notes['interrupted']} (exits: {', '.join(notes['exits']) or '-'}; "
                          f"slowest {notes['slowest']:.2f}s; summary line {notes['summaries']}/{notes['interrupted']})")
            elif kind == "sigkill":
                extra += f"; killed {notes['interrupted']}/{a.kills} runs mid-way"
            elif kind == "transient":
                extra += f"; flaky articles written {sum(1 for u in corpus['flaky'] if not _missing(figures, u))}/{len(corpus['flaky'])}"
            if figures["missing"]:
                extra += f"; e.g. missing {figures['missing_examples'][0]}"
            print(f"  ({time.monotonic() - t:.0f}s{extra})", flush=True)
            for problem in problems:
                print(f"  PROBLEM: {problem}", flush=True)
            results.append((kind, figures, problems))
        print(f"== results ({time.monotonic() - started:.0f}s of runs)")
        failed = False
        for kind, figures, problems in results:
            ok = wstest.figures_ok(figures) and not problems
            failed |= not ok
            print(wstest.figures_line(kind, figures) + ("" if ok else "  FAILED"))
        if runner.hung:
            print(f"{runner.hung} signalled run(s) did not exit within {a.exit_within:g}s  FAILED")
            failed = True
        print("kill test: " + ("FAILED" if failed else "passed"))
        return 1 if failed else 0
    finally:
        if server:
            server.stop()
        if a.keep:
            print(f"work directory kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _missing(figures: dict, url: str) -> bool:
    import urllib.parse
    return urllib.parse.urlsplit(url).path in figures["missing_paths"]


if __name__ == "__main__":
    sys.exit(main())
