"""Reads a wirescore tree back from an S3 bucket with DuckDB's httpfs, offline (the extension
comes from the PyPI package duckdb-ext-httpfs). Prints one JSON object of counts.

usage: read_bucket.py s3://bucket/prefix   (endpoint and credentials from AWS_* variables)
"""
import glob
import json
import os
import sys

import duckdb

url = sys.argv[1].rstrip("/")
endpoint = os.environ["AWS_ENDPOINT_URL"].split("://", 1)[1]
ext = glob.glob(os.path.join(sys.prefix, "lib/python3*/site-packages/duckdb_ext/extensions"))[0]
con = duckdb.connect()
con.execute(f"SET extension_directory='{ext}'")
con.execute("LOAD httpfs")
con.execute(
    "CREATE SECRET bucket (TYPE s3, KEY_ID ?, SECRET ?, ENDPOINT ?, URL_STYLE 'path', USE_SSL false, REGION ?)",
    [os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], endpoint, os.environ.get("AWS_REGION", "us-east-1")])
files = [row[0] for row in con.execute(f"SELECT file FROM glob('{url}/**')").fetchall()]
result = {"objects": len(files),
          "article_objects": sum("/articles/" in f for f in files),
          "raw_objects": sum(f.endswith(".warc.gz") for f in files)}
if result["article_objects"]:
    rows, ids, dates, first, last = con.execute(
        f"SELECT count(*), count(DISTINCT id), count(DISTINCT date), min(date), max(date) "
        f"FROM read_json_auto('{url}/articles/*/*.jsonl', hive_partitioning=true)").fetchone()
    result.update(articles=rows, distinct_ids=ids, dates=dates, first_date=str(first), last_date=str(last))
else:
    result.update(articles=0, distinct_ids=0, dates=0)
if any("/scores/" in f for f in files):
    result["score_rows"] = con.execute(
        f"SELECT count(*) FROM read_json_auto('{url}/scores/*/*.jsonl', hive_partitioning=true)").fetchone()[0]
print(json.dumps(result, sort_keys=True))
