#!/usr/bin/env python3
"""The Python stack a user would otherwise write, in one process, over the same site.

usage: python_stack.py OPML [--max-articles K]

For each feed in the OPML: GET it with requests (one Session), parse with feedparser; for each
entry GET the article page, extract the main text with trafilatura, score it with
vaderSentiment. Prints one line: "articles=N seconds=S failed=F peak_rss_kb=R cpu_seconds=C"
(C: user+system CPU time of the loop, start-up and imports excluded as in S).
"""
import argparse
import resource
import sys
import time
import xml.etree.ElementTree as ET

import feedparser
import requests
import trafilatura
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("opml")
    ap.add_argument("--max-articles", type=int, default=0, help="stop after K articles (0: all)")
    args = ap.parse_args()
    feeds = [o.get("xmlUrl") for o in ET.parse(args.opml).iter("outline") if o.get("xmlUrl")]
    analyzer = SentimentIntensityAnalyzer()
    session = requests.Session()
    done = failed = 0
    t0 = time.monotonic()
    c0 = time.process_time()
    for feed_url in feeds:
        if args.max_articles and done >= args.max_articles:
            break
        try:
            r = session.get(feed_url, timeout=30)
            r.raise_for_status()
        except Exception as e:  # noqa: BLE001
            print(f"feed failed: {feed_url}: {e}", file=sys.stderr)
            failed += 1
            continue
        parsed = feedparser.parse(r.content)
        for entry in parsed.entries:
            if args.max_articles and done >= args.max_articles:
                break
            try:
                p = session.get(entry.link, timeout=30)
                p.raise_for_status()
                text = trafilatura.extract(p.text, url=entry.link) or ""
                analyzer.polarity_scores(text)
                done += 1
            except Exception as e:  # noqa: BLE001
                print(f"article failed: {entry.get('link')}: {e}", file=sys.stderr)
                failed += 1
    secs = time.monotonic() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"articles={done} seconds={secs:.3f} failed={failed} peak_rss_kb={rss} cpu_seconds={cpu:.3f}")


if __name__ == "__main__":
    main()
