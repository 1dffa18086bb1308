#!/usr/bin/env python3
"""Generate a deterministic synthetic news site for the end-to-end benchmark.

usage: gen_site.py ROOT BASE_URL [--feeds N] [--articles-per-feed M] [--seed S]

Writes under ROOT:
  feeds/feedNNNN.xml            RSS 2.0, M items each, absolute BASE_URL links
  aNNNN/MMMMM.html              article pages, 50-200 KB each: nav, related links, comments,
                                footer, inline <script>/<style> padding around a 300-800 word
                                article that names listed companies
  site.opml                     OPML 2.0 list of all feeds (absolute BASE_URL xmlUrls)
  manifest.txt                  one line: feeds articles total_bytes
Nothing is rewritten when the manifest already matches (same N, M, seed, base URL).
"""
import argparse
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

COMPANIES = [
    ("Apple", "AAPL"), ("Nvidia", "NVDA"), ("Microsoft", "MSFT"), ("Walmart", "WMT"),
    ("Amazon", "AMZN"), ("Alphabet", "GOOGL"), ("Meta Platforms", "META"), ("Tesla", "TSLA"),
    ("JPMorgan Chase", "JPM"), ("Exxon Mobil", "XOM"), ("Johnson & Johnson", "JNJ"),
    ("Procter & Gamble", "PG"), ("Visa", "V"), ("Mastercard", "MA"), ("Intel", "INTC"),
    ("Advanced Micro Devices", "AMD"), ("Oracle", "ORCL"), ("Salesforce", "CRM"),
    ("Coca-Cola", "KO"), ("PepsiCo", "PEP"), ("Costco", "COST"), ("Home Depot", "HD"),
    ("Pfizer", "PFE"), ("Chevron", "CVX"), ("Boeing", "BA"), ("Netflix", "NFLX"),
    ("Goldman Sachs", "GS"), ("Caterpillar", "CAT"), ("Walt Disney", "DIS"), ("Broadcom", "AVGO"),
]
POSITIVE = ["surged", "beat expectations", "raised its guidance", "won a major contract",
            "reported record revenue", "rallied", "upgraded", "expanded margins", "strong demand"]
NEGATIVE = ["slumped", "missed estimates", "cut its outlook", "faces a lawsuit", "warned of weak demand",
            "was downgraded", "announced layoffs", "recalled products", "lost market share"]
FILLER = ("the company said in a statement that it expects the market to remain volatile through the "
          "quarter while analysts noted that investors will watch supply chains interest rates and "
          "consumer spending closely as executives outlined plans for new products and cost controls "
          "across several regions including Europe Asia and North America where regulators have been "
          "reviewing competition rules and tax policy for large technology and retail groups").split()
SECTIONS = ["Markets", "Business", "Technology", "Economy", "Companies", "Energy", "Retail",
            "Finance", "Opinion", "World", "Autos", "Health", "Media", "Industrials"]
AUTHORS = ["Jane Doe", "Ravi Patel", "Maria Garcia", "Tom Becker", "Yuki Tanaka", "Ahmed Hassan",
           "Laura Chen", "Peter Novak", "Grace Okafor", "Liam Murphy"]


def sentence(rng):
    name, _ = rng.choice(COMPANIES)
    verb = rng.choice(POSITIVE if rng.random() < 0.55 else NEGATIVE)
    n = rng.randint(6, 16)
    start = rng.randrange(len(FILLER) - n)
    tail = " ".join(FILLER[start:start + n])
    return f"{name} {verb} on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}, and {tail}."


def article_body(rng, words_target):
    paras, words = [], 0
    while words < words_target:
        p = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        words += len(p.split())
        paras.append(p)
    return paras


def padding_script(rng, size):
    # Inline analytics/config blobs: what real pages carry around the article.
    parts, n = [], 0
    while n < size:
        key = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        s = f'window.__cfg_{key}={{"slot":"{key}","sizes":[[300,250],[728,90]],"targeting":{{"sec":"{rng.choice(SECTIONS)}","pos":{rng.randint(1, 99)}}},"ts":{rng.randint(10**9, 2 * 10**9)}}};\n'
        parts.append(s)
        n += len(s)
    return "".join(parts)


def padding_cards(rng, base, size, feeds, per_feed):
    parts, n = ['<section class="more-wire"><h2>More from the wire</h2>\n'], 0
    while n < size:
        rf, ra = rng.randrange(feeds), rng.randrange(per_feed)
        s = (f'<div class="card card--{rng.choice(SECTIONS).lower()}"><a class="card__link" href="{base}/a{rf:04d}/{ra:05d}.html">'
             f'<img class="card__img" src="{base}/img/{rng.randrange(10**6)}.jpg" alt="" loading="lazy" width="320" height="180">'
             f'<span class="card__kicker">{rng.choice(SECTIONS)}</span><h3 class="card__title">{escape(sentence(rng)[:90])}</h3></a>'
             f'<div class="card__meta"><span class="card__time">{rng.randint(1, 59)} min ago</span>'
             f'<button class="share" data-id="{rng.randrange(10**9)}">Share</button></div></div>\n')
        parts.append(s)
        n += len(s)
    parts.append("</section>\n")
    return "".join(parts)


def padding_style(rng, size):
    parts, n = [], 0
    while n < size:
        c = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
        s = f".c-{c}{{margin:{rng.randint(0, 40)}px {rng.randint(0, 40)}px;color:#{rng.randrange(16**6):06x};font:{rng.randint(10, 24)}px/1.4 Georgia,serif}}\n"
        parts.append(s)
        n += len(s)
    return "".join(parts)


def page(rng, base, f, a, title, author, published, paras, feeds, per_feed):
    sec = SECTIONS[f % len(SECTIONS)]
    target = rng.randint(50_000, 200_000)
    nav = "".join(f'<li><a href="{base}/section/{s.lower()}/">{s}</a></li>' for s in SECTIONS)
    related = []
    for _ in range(rng.randint(15, 40)):
        rf, ra = rng.randrange(feeds), rng.randrange(per_feed)
        related.append(f'<li class="related-item"><a href="{base}/a{rf:04d}/{ra:05d}.html">{escape(sentence(rng)[:80])}</a></li>')
    comments = []
    for i in range(rng.randint(5, 30)):
        comments.append(f'<div class="comment" id="c{i}"><span class="user">reader{rng.randint(1, 99999)}</span>'
                        f'<p>{escape(sentence(rng))}</p><a class="reply" href="#c{i}">Reply</a></div>')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paras)
    iso = published.strftime("%Y-%m-%dT%H:%M:%SZ")
    head = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n<title>{escape(title)} | Synthetic Wire</title>\n'
            f'<link rel="canonical" href="{base}/a{f:04d}/{a:05d}.html">\n'
            f'<meta property="og:title" content="{escape(title)}">\n<meta name="author" content="{author}">\n'
            f'<meta property="article:published_time" content="{iso}">\n')
    core = (f'</head><body>\n<header class="site-header"><a class="logo" href="{base}/">Synthetic Wire</a>'
            f'<nav class="menu"><ul>{nav}</ul></nav><div class="ticker">'
            + "".join(f'<span class="tick">{t} {rng.uniform(10, 900):.2f}</span>' for _, t in COMPANIES)
            + f'</div></header>\n<main><article class="story">\n<h1>{escape(title)}</h1>\n'
            f'<div class="byline">By <span class="author">{author}</span> · <time datetime="{iso}">{published:%B %d, %Y}</time> · {sec}</div>\n'
            f'<div class="story-body">\n{body}\n</div>\n</article>\n'
            f'<aside class="related"><h2>Related</h2><ul>{"".join(related)}</ul></aside>\n'
            f'<section class="comments"><h2>Comments</h2>{"".join(comments)}</section>\n</main>\n'
            f'<footer class="site-footer"><ul>{nav}</ul><p>© 2026 Synthetic Wire. All rights reserved. '
            f'<a href="{base}/privacy">Privacy</a> <a href="{base}/terms">Terms</a></p></footer>\n')
    fixed = len(head) + len(core) + 60
    rest = max(0, target - fixed)
    # About half the padding is markup (a "more from the wire" grid of teaser cards, which
    # extractors must walk and reject), the rest inline styles and scripts.
    cards = padding_cards(rng, base, rest // 2, feeds, per_feed)
    style = padding_style(rng, rest // 6)
    script = padding_script(rng, rest - len(cards) - len(style))
    return (head + f"<style>\n{style}</style>\n" + core.replace("</main>\n", cards + "</main>\n", 1)
            + f"<script>\n{script}</script>\n</body></html>\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("base")
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--articles-per-feed", type=int, default=50)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    root, base = args.root, args.base.rstrip("/")
    stamp = f"feeds={args.feeds} per_feed={args.articles_per_feed} seed={args.seed} base={base}"
    manifest = os.path.join(root, "manifest.txt")
    if os.path.exists(manifest):
        with open(manifest) as fh:
            lines = fh.read().splitlines()
        if lines and lines[0] == stamp:
            print(f"site: reusing {root} ({lines[1]})", file=sys.stderr)
            return
    os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
    now = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
    total = 0
    outlines = []
    for f in range(args.feeds):
        rng = random.Random(args.seed * 1_000_003 + f)
        d = os.path.join(root, f"a{f:04d}")
        os.makedirs(d, exist_ok=True)
        items = []
        for a in range(args.articles_per_feed):
            name, _ = rng.choice(COMPANIES)
            verb = rng.choice(POSITIVE + NEGATIVE)
            title = f"{name} {verb} as {rng.choice(COMPANIES)[0]} {rng.choice(POSITIVE + NEGATIVE)}"
            author = rng.choice(AUTHORS)
            published = now - timedelta(minutes=f * 7 + a * 37 + rng.randint(0, 30))
            paras = article_body(rng, rng.randint(300, 800))
            html = page(rng, base, f, a, title, author, published, paras, args.feeds, args.articles_per_feed)
            data = html.encode()
            total += len(data)
            with open(os.path.join(d, f"{a:05d}.html"), "wb") as fh:
                fh.write(data)
            url = f"{base}/a{f:04d}/{a:05d}.html"
            items.append(f"<item><title>{escape(title)}</title><link>{url}</link>"
                         f'<guid isPermaLink="true">{url}</guid><pubDate>{format_datetime(published, usegmt=True)}</pubDate>'
                         f"<dc:creator>{author}</dc:creator><description>{escape(paras[0][:300])}</description></item>\n")
        rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
               f"<channel><title>Synthetic Wire feed {f}</title><link>{base}/section/{f}</link>"
               f"<description>Synthetic feed {f}</description><language>en-us</language>\n"
               + "".join(items) + "</channel></rss>\n")
        with open(os.path.join(root, "feeds", f"feed{f:04d}.xml"), "w") as fh:
            fh.write(rss)
        outlines.append(f'<outline type="rss" text="Synthetic {f}" title="Synthetic {f}" xmlUrl="{base}/feeds/feed{f:04d}.xml"/>')
    opml = ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>wirescore e2e site</title></head><body>\n'
            + "\n".join(outlines) + "\n</body></opml>\n")
    with open(os.path.join(root, "site.opml"), "w") as fh:
        fh.write(opml)
    summary = f"{args.feeds} {args.feeds * args.articles_per_feed} {total}"
    with open(manifest, "w") as fh:
        fh.write(stamp + "\n" + summary + "\n")
    print(f"site: {args.feeds} feeds, {args.feeds * args.articles_per_feed} articles, {total / 1e6:.1f} MB of pages", file=sys.stderr)


if __name__ == "__main__":
    main()
