#!/usr/bin/env python3
"""Writes a synthetic wirescore output tree for the report benchmark.

N companies x D days: articles/ (ARTICLES_PER_DAY a day, stories told by 1-4 outlets, one to
three companies each, corporate events on some), scores/ (alpha and news composites for every
company every day, random walks) and errors/ (a few a day). Seeded, so every run writes the
same bytes. Invented names and numbers only; nothing here is market data.

usage: generate.py OUT_DIR [--companies 500] [--days 90] [--articles-per-day 600] [--seed 7]
"""
import argparse
import datetime as dt
import json
import os
import random

SECTORS = ["Information Technology", "Health Care", "Financials", "Energy", "Industrials",
           "Consumer Discretionary", "Consumer Staples", "Utilities", "Materials", "Communication Services"]
OUTLETS = ["Wire One", "Daily Ledger", "Market Post", "Street Journal", "Capital Times", "Ticker Tape",
           "Harbor News", "North Desk", "Finance Daily", "Bourse Report", "Exchange Herald", "Quarterly Review"]
EVENTS = ["earnings/result/beat", "earnings/result/miss", "earnings/guidance/raise", "analyst/rating/upgrade",
          "analyst/rating/downgrade", "labor/layoffs", "product/launch", "acquisition/announced", "legal/lawsuit/filed"]
VERBS = ["beats estimates", "misses forecasts", "raises outlook", "cuts jobs", "launches product", "faces probe",
         "signs supply deal", "names new CFO", "expands buyback", "wins contract"]


def band(score):
    return "Strong" if score >= 75 else "Moderate" if score >= 55 else "Weak" if score >= 26 else "Poor"


def word(score):
    return "strong" if score >= 75 else "moderate" if score >= 50 else "weak" if score >= 26 else "poor"


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--companies", type=int, default=500)
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--articles-per-day", type=int, default=600)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rng = random.Random(a.seed)
    companies = []
    for i in range(a.companies):
        ticker = "".join(chr(65 + (i // 26 ** k) % 26) for k in range(3))[::-1] + ("" if i < 17576 else str(i))
        companies.append({"id": ticker, "name": f"{ticker.title()} Holdings", "sector": SECTORS[i % len(SECTORS)]})
    start = dt.date(2026, 1, 1)
    level = {c["id"]: [rng.uniform(20, 80) for _ in range(4)] for c in companies}
    news_level = {c["id"]: rng.uniform(30, 70) for c in companies}
    stories = []  # (id, title, first_seen, companies)
    counter = 0
    for d in range(a.days):
        day = start + dt.timedelta(days=d)
        ds = day.isoformat()
        articles, scores, errors = [], [], []
        for n in range(a.articles_per_day):
            counter += 1
            minute = int(n * 1440 / a.articles_per_day)
            published = f"{ds}T{minute // 60:02d}:{minute % 60:02d}:00Z"
            if stories and rng.random() < 0.3:
                story = rng.choice(stories[-200:])
                novelty = rng.randint(5, 40)
            else:
                named = rng.sample(companies, rng.choice([1, 1, 1, 2, 3]))
                story = (f"s{counter:08x}", f"{named[0]['name']} {rng.choice(VERBS)}", published, named)
                stories.append(story)
                novelty = 100
            sid, title, first_seen, named = story
            outlet = rng.choice(OUTLETS)
            aid = f"{counter:032x}"
            entities = []
            for k, c in enumerate(named):
                s = max(-1.0, min(1.0, rng.gauss((news_level[c["id"]] - 50) / 60, 0.3)))
                entities.append({"id": c["id"], "name": c["name"], "type": "company", "exchange": "NYSE",
                                 "sector": c["sector"], "mentions": rng.randint(1, 6), "relevance": 100 if k == 0 else rng.randint(20, 80),
                                 "sentiment": round(s, 4), "label": "positive" if s >= 0.05 else "negative" if s <= -0.05 else "neutral",
                                 "evidence": f"{c['name']} said the quarter went as planned, according to {outlet}."})
            events = []
            if rng.random() < 0.15:
                t = rng.choice(EVENTS)
                sent = rng.uniform(-0.7, 0.7)
                events.append({"type": t, "company": named[0]["id"], "role": "subject", "sentiment": round(sent, 4),
                               "ess": round(50 + 50 * sent), "confidence": 0.9, "evidence": f"{title}.", "novelty": novelty})
            articles.append(dumps({
                "id": aid, "url": f"https://{outlet.lower().replace(' ', '')}.example/{ds}/{aid[-8:]}", "canonical_url": None,
                "feed": outlet.lower().replace(" ", "-"), "source": outlet, "title": title, "author": None, "lang": "en",
                "published": published, "fetched": published, "words": rng.randint(120, 1400),
                "story": {"id": sid, "novelty": novelty, "first_seen": first_seen},
                "sentiment": {"score": round(rng.uniform(-0.5, 0.5), 4), "label": "neutral"},
                "entities": entities, "events": events, "quality": {"status": "ok", "reasons": []},
                "pipeline": "synthetic", "version": "synthetic"}))
        for c in companies:
            lv = level[c["id"]]
            for i in range(4):
                lv[i] = max(1, min(99, lv[i] + rng.gauss(0, 3)))
            news_level[c["id"]] = max(1, min(99, news_level[c["id"]] + rng.gauss(0, 4)))
            for composite, title, names, values in (
                    ("alpha", "Alpha Score", ["momentum", "value", "quality", "sentiment"], [round(v) for v in lv]),
                    ("news", "News Score", ["sentiment", "momentum", "buzz", "events"],
                     [round(news_level[c["id"]]), round(lv[0]), round(lv[3]), round((lv[1] + lv[2]) / 2)])):
                missing = rng.random() < 0.1
                sig = {}
                for k, (name, v) in enumerate(zip(names, values)):
                    sig[name] = None if (missing and k == 2) else {"score": v, "label": word(v), "weight": [30, 25, 25, 20][k]}
                avail = [s for s in sig.values() if s]
                score = round(sum(s["score"] * s["weight"] for s in avail) / sum(s["weight"] for s in avail))
                if len(avail) < 4:
                    score = min(score, 90)
                summary = f"{title} of {score} reflects {word(score)} overall profile with " + ", ".join(
                    f"{s['label']} {n}" for n, s in sig.items() if s) + "."
                if len(avail) < 4:
                    summary += f" Based on {len(avail)} of 4 signals — score is capped at 90 until remaining data ingests."
                scores.append(dumps({"date": ds, "entity": c["id"], "name": c["name"], "sector": c["sector"], "composite": composite,
                                     "score": score, "label": band(score), "signals": sig,
                                     "coverage": {"available": len(avail), "total": 4}, "capped": len(avail) < 4,
                                     "summary": summary, "articles": rng.randint(0, 12), "top_articles": [], "version": "synthetic"}))
        for e in range(rng.randint(0, 6)):
            outlet = rng.choice(OUTLETS)
            errors.append(dumps({"at": f"{ds}T{rng.randint(0, 23):02d}:00:00Z", "kind": rng.choice(["feed", "article"]),
                                 "feed": outlet.lower().replace(" ", "-"), "url": f"https://{outlet.lower().replace(' ', '')}.example/x{e}",
                                 "code": rng.choice(["timeout", "http_status", "not_html", "too_large"]), "reason": "synthetic",
                                 "status": None, "pipeline": "synthetic"}))
        for kind, lines in (("articles", articles), ("scores", scores), ("errors", errors)):
            if not lines:
                continue
            folder = os.path.join(a.out, kind, f"date={ds}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "part-0.jsonl"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
