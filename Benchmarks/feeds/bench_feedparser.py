#!/usr/bin/env python3
"""Times Python feedparser over every file of a corpus in one process (sanitising on, its
default). Files are read into memory first so only parsing is timed.

usage: bench_feedparser.py CORPUS_DIR [URL]
       -> prints 'feedparser <bytes> <wall seconds> <entries> <cpu seconds>'
URL is every document's location (Content-Location), the base for relative links.
"""
import sys, time
from pathlib import Path
import feedparser

files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file())
blobs = [p.read_bytes() for p in files]
total = sum(len(b) for b in blobs)
headers = {"content-location": sys.argv[2]} if len(sys.argv) > 2 else None
t0 = time.perf_counter()
c0 = time.process_time()
entries = 0
for b in blobs:
    entries += len(feedparser.parse(b, sanitize_html=True, resolve_relative_uris=True,
                                    response_headers=headers).entries)
dt = time.perf_counter() - t0
cpu = time.process_time() - c0
print(f"feedparser {total} {dt:.4f} {entries} {cpu:.4f}")
