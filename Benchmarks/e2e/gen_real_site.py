#!/usr/bin/env python3
"""Build a news site out of real pages for the end-to-end benchmark's real-pages mode.

usage: gen_real_site.py ROOT BASE_URL [--articles N] [--articles-per-feed M] [--eval DIR] [--seed S]

Reads, at run time, the development pages of the extraction evaluation sets under DIR
(default ../shared/eval/extraction from the project root): aeb.tar.gz and wcxb-articles.tar.gz
(html/*.html) and trafilatura-suite/pages.dev.tar.gz (pages/*.html). Nothing of them is ever
written into the repository: the site lives under ROOT (a build folder).

Writes under ROOT:
  pages/PPPPP.html              each distinct page once, its <link rel=canonical> and og:url
                                meta removed so that every copy of it is its own article
  aNNNN/MMMMM.html              N articles, hard links to the pages in a seeded shuffled order,
                                page i % P for article i (so the first P articles hold every
                                page once: a prefix of the site has the whole mix)
  feeds/feedNNNN.xml            RSS 2.0, M items each (titles from the pages' <title>)
  site.opml                     OPML 2.0 list of all feeds
  manifest.txt                  stamp line, then: feeds articles distinct_pages page_bytes
Nothing is rewritten when the manifest already matches.
"""
import argparse
import html
import os
import random
import re
import shutil
import sys
import tarfile
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

SETS = [("aeb.tar.gz", "html/"), ("wcxb-articles.tar.gz", "html/"),
        ("trafilatura-suite/pages.dev.tar.gz", "pages/")]

# A <link> whose rel names "canonical", and a <meta> whose property/name is og:url, in any
# quoting and case; both are what the extractor reads as the canonical URL.
CANONICAL = re.compile(rb"<link\b[^>]*?\brel\s*=\s*(?:\"[^\"]*\bcanonical\b[^\"]*\"|'[^']*\bcanonical\b[^']*'|canonical\b)[^>]*>", re.I)
OG_URL = re.compile(rb"<meta\b[^>]*?\b(?:property|name)\s*=\s*[\"']?og:url\b[\"']?[^>]*>", re.I)
TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def read_pages(eval_dir):
    pages = []
    for tarname, prefix in SETS:
        path = os.path.join(eval_dir, tarname)
        # Streamed in archive order: seeking back in a gzip stream decompresses it again.
        with tarfile.open(path, "r|gz") as t:
            for m in t:
                if m.isfile() and m.name.startswith(prefix) and m.name.endswith(".html"):
                    pages.append((f"{tarname}:{m.name}", t.extractfile(m).read()))
    return sorted(pages)


def strip(data):
    data, a = CANONICAL.subn(b"", data)
    data, b = OG_URL.subn(b"", data)
    return data, a + b


def title_of(data, fallback):
    m = TITLE.search(data[:200_000])
    if not m:
        return fallback
    t = " ".join(html.unescape(m.group(1).decode("utf-8", "replace")).split())
    return t[:200] or fallback


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("base")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--articles-per-feed", type=int, default=50)
    ap.add_argument("--eval", required=True, help="folder holding aeb.tar.gz, wcxb-articles.tar.gz, trafilatura-suite/")
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()
    root, base = args.root, args.base.rstrip("/")
    per_feed = max(1, args.articles_per_feed)
    feeds = (args.articles + per_feed - 1) // per_feed
    stamp = (f"real-pages articles={args.articles} per_feed={per_feed} seed={args.seed} base={base} "
             f"eval={os.path.realpath(args.eval)}")
    manifest = os.path.join(root, "manifest.txt")
    if os.path.exists(manifest):
        with open(manifest) as fh:
            lines = fh.read().splitlines()
        if lines and lines[0] == stamp:
            print(f"site: reusing {root} ({lines[1]})", file=sys.stderr)
            return
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "pages"))
    os.makedirs(os.path.join(root, "feeds"))

    pages = read_pages(args.eval)
    if not pages:
        sys.exit(f"gen_real_site.py: no pages under {args.eval}")
    random.Random(args.seed).shuffle(pages)
    titles, stripped, total = [], 0, 0
    for p, (name, data) in enumerate(pages):
        data, n = strip(data)
        stripped += n
        total += len(data)
        with open(os.path.join(root, "pages", f"{p:05d}.html"), "wb") as fh:
            fh.write(data)
        titles.append(title_of(data, f"Page {p}"))

    now = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
    outlines = []
    for f in range(feeds):
        d = os.path.join(root, f"a{f:04d}")
        os.makedirs(d)
        items = []
        for a in range(per_feed):
            i = f * per_feed + a
            if i >= args.articles:
                break
            p = i % len(pages)
            os.link(os.path.join(root, "pages", f"{p:05d}.html"), os.path.join(d, f"{a:05d}.html"))
            url = f"{base}/a{f:04d}/{a:05d}.html"
            published = now - timedelta(minutes=(i * 13) % (5 * 24 * 60))
            items.append(f"<item><title>{escape(titles[p])}</title><link>{url}</link>"
                         f'<guid isPermaLink="true">{url}</guid><pubDate>{format_datetime(published, usegmt=True)}</pubDate></item>\n')
        rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
               f"<channel><title>Real pages feed {f}</title><link>{base}/section/{f}</link>"
               f"<description>Real pages feed {f}</description>\n" + "".join(items) + "</channel></rss>\n")
        with open(os.path.join(root, "feeds", f"feed{f:04d}.xml"), "w") as fh:
            fh.write(rss)
        outlines.append(f'<outline type="rss" text="Real {f}" title="Real {f}" xmlUrl="{base}/feeds/feed{f:04d}.xml"/>')
    opml = ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>wirescore e2e real pages</title></head><body>\n'
            + "\n".join(outlines) + "\n</body></opml>\n")
    with open(os.path.join(root, "site.opml"), "w") as fh:
        fh.write(opml)
    with open(manifest, "w") as fh:
        fh.write(stamp + "\n" + f"{feeds} {args.articles} {len(pages)} {total}\n")
    print(f"site: {feeds} feeds, {args.articles} articles over {len(pages)} distinct pages "
          f"({total / 1e6:.1f} MB; {stripped} canonical/og:url tags removed)", file=sys.stderr)


if __name__ == "__main__":
    main()
