#!/usr/bin/env python3
"""Generates a deterministic corpus of realistic news feeds for the feed-parser benchmark.

usage: gen_corpus.py OUT_DIR [--feeds N] [--items N] [--seed S]

Half RSS 2.0 (description + content:encoded, dc:creator, CDATA or escaped HTML), half Atom 1.0
(html summary, xhtml or html content, xml:base, relative links). Summaries carry HTML with
named and numeric entities, links (absolute and relative), images, inline styles and the odd
script/onclick the sanitiser must remove; text mixes English with accented Latin, Greek,
Cyrillic, CJK and emoji. Everything is derived from the seed, so runs are comparable.
"""
import argparse, random, html
from pathlib import Path
from datetime import datetime, timedelta, timezone

WORDS = ("market shares investors quarter revenue guidance profit outlook analysts rally slump bond "
         "yield inflation central bank rates earnings forecast merger acquisition regulator probe "
         "supply chain demand chips energy oil prices consumer retail growth dividend buyback").split()
INTL = ["Zürich", "São Paulo", "Malmö", "Kraków", "Ελλάδα", "Москва", "東京", "北京", "Séoul", "Ærø",
        "naïve", "café", "€1.2bn", "¥300", "£45m", "→", "“quoted”", "‘single’", "—", "…", "📈", "🚀"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#8217;", "&#x2014;", "&#169;", "&nbsp;", "&eacute;",
            "&mdash;", "&hellip;", "&euro;"]
COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella plc", "Stark Industries", "Wayne Enterprises",
             "Soylent", "Tyrell", "Cyberdyne", "Hooli", "Vandelay Industries", "Oceanic Airlines"]


def sentence(r, n=None):
    n = n or r.randint(8, 22)
    out = []
    for _ in range(n):
        x = r.random()
        if x < 0.08:
            out.append(r.choice(INTL))
        elif x < 0.12:
            out.append(r.choice(COMPANIES))
        else:
            out.append(r.choice(WORDS))
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def html_body(r, site, paragraphs):
    """An HTML fragment as news sites publish it (entities kept as written)."""
    parts = []
    for p in range(paragraphs):
        words = sentence(r).split(" ")
        # sprinkle entities, links, emphasis
        for _ in range(r.randint(1, 3)):
            i = r.randrange(len(words))
            words[i] = words[i] + " " + r.choice(ENTITIES)
        if r.random() < 0.7:
            i = r.randrange(len(words))
            href = r.choice([f"/{r.choice(WORDS)}/{r.randint(1, 99999)}.html",
                             f"{site}/story/{r.randint(1, 99999)}?ref=rss&amp;utm=feed",
                             f"../tags/{r.choice(WORDS)}"])
            words[i] = f'<a href="{href}" title="{r.choice(WORDS)}">{words[i]}</a>'
        if r.random() < 0.4:
            i = r.randrange(len(words))
            words[i] = f"<strong>{words[i]}</strong>"
        if r.random() < 0.2:
            i = r.randrange(len(words))
            words[i] = f'<span style="color: #{r.randint(0, 0xffffff):06x}; position: absolute">{words[i]}</span>'
        para = " ".join(words)
        if p == 0 and r.random() < 0.5:
            para = f'<img src="/img/{r.randint(1, 9999)}.jpg" alt="chart" width="300" height="200" onerror="track()"/> ' + para
        if r.random() < 0.05:
            para += '<script type="text/javascript">trackView(123);</script>'
        if r.random() < 0.05:
            para = f'<p onclick="go()">{para}</p>'
        else:
            para = f"<p>{para}</p>"
        parts.append(para)
    if r.random() < 0.3:
        parts.append("<ul>" + "".join(f"<li>{sentence(r, 6)}</li>" for _ in range(r.randint(2, 5))) + "</ul>")
    return "\n".join(parts)


def rfc822(d):
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def rss(r, n, items, start):
    site = f"https://news{n}.example.com"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
           "<channel>", f"<title>{html.escape(sentence(r, 4))} &amp; Co</title>", f"<link>{site}/</link>",
           f"<description>{html.escape(sentence(r))}</description>", "<language>en-us</language>",
           f"<lastBuildDate>{rfc822(start)}</lastBuildDate>",
           f'<atom:link href="{site}/rss.xml" rel="self" type="application/rss+xml"/>']
    for i in range(items):
        d = start - timedelta(minutes=37 * i + r.randint(0, 30))
        body = html_body(r, site, r.randint(3, 6))
        summary = html_body(r, site, 1)
        cdata = r.random() < 0.5
        out.append("<item>")
        out.append(f"<title>{html.escape(sentence(r, r.randint(6, 12)))}</title>")
        out.append(f"<link>{site}/{d:%Y/%m/%d}/{r.randint(1, 10**6)}.html</link>")
        out.append(f'<guid isPermaLink="false">{site}-{n}-{i}</guid>')
        out.append(f"<pubDate>{rfc822(d)}</pubDate>")
        out.append(f"<dc:creator>{r.choice(['Anna Müller', 'José Núñez', 'Li Wei', 'Olga Petrova', 'Sam Lee'])}</dc:creator>")
        out.append(f"<category>{r.choice(WORDS)}</category>")
        if cdata:
            out.append(f"<description><![CDATA[{summary}]]></description>")
            out.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        else:
            out.append(f"<description>{html.escape(summary, quote=False)}</description>")
            out.append(f"<content:encoded>{html.escape(body, quote=False)}</content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def xhtml(r, site):
    """Inline XHTML content: must be well-formed, so no named HTML entities."""
    paras = []
    for _ in range(r.randint(2, 4)):
        s = html.escape(sentence(r))
        paras.append(f'<p>{s} <a href="/rel/{r.randint(1, 9999)}">more</a> &#8212; <em>{html.escape(r.choice(INTL))}</em></p>')
    return '<div xmlns="http://www.w3.org/1999/xhtml">' + "".join(paras) + "</div>"


def atom(r, n, items, start):
    site = f"https://blog{n}.example.org"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{site}/" xml:lang="en">',
           f"<title type=\"text\">{html.escape(sentence(r, 4))}</title>",
           f"<subtitle type=\"html\">{html.escape(html_body(r, site, 1))}</subtitle>",
           f'<link rel="alternate" type="text/html" href="{site}/"/>',
           f'<link rel="self" href="{site}/atom.xml"/>', f"<id>tag:{site[8:]},2024:feed</id>",
           f"<updated>{start:%Y-%m-%dT%H:%M:%SZ}</updated>",
           f"<author><name>{r.choice(['Zoë Å', 'Émile Zola', 'Ada L.'])}</name><email>ed@blog{n}.example.org</email></author>"]
    for i in range(items):
        d = start - timedelta(minutes=41 * i + r.randint(0, 30))
        out.append("<entry>")
        out.append(f"<title type=\"html\">{html.escape(sentence(r, r.randint(6, 12)) + ' &amp; ' + r.choice(INTL))}</title>")
        out.append(f'<link rel="alternate" type="text/html" href="posts/{d:%Y}/{i}.html"/>')
        out.append(f"<id>tag:{site[8:]},{d:%Y-%m-%d}:/{n}/{i}</id>")
        out.append(f"<published>{d:%Y-%m-%dT%H:%M:%S}+02:00</published>")
        out.append(f"<updated>{d:%Y-%m-%dT%H:%M:%SZ}</updated>")
        out.append(f"<summary type=\"html\">{html.escape(html_body(r, site, 1), quote=False)}</summary>")
        if r.random() < 0.4:
            out.append(f"<content type=\"xhtml\">{xhtml(r, site)}</content>")
        else:
            out.append(f"<content type=\"html\">{html.escape(html_body(r, site, r.randint(3, 6)), quote=False)}</content>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--feeds", type=int, default=240)
    ap.add_argument("--items", type=int, default=50, help="average items per feed")
    ap.add_argument("--seed", type=int, default=20260302)
    o = ap.parse_args()
    r = random.Random(o.seed)
    out = Path(o.out)
    out.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 3, 2, 9, 15, tzinfo=timezone.utc)
    total_items = total_bytes = 0
    for n in range(o.feeds):
        items = r.randint(o.items // 2, o.items * 3 // 2)
        doc = rss(r, n, items, start) if n % 2 == 0 else atom(r, n, items, start)
        path = out / (f"feed{n:04d}.xml" if n % 2 == 0 else f"feed{n:04d}.atom")
        data = doc.encode("utf-8")
        path.write_bytes(data)
        total_items += items
        total_bytes += len(data)
    print(f"corpus: {o.feeds} feeds, {total_items} items, {total_bytes / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
