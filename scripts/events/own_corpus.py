"""The project's own labelled headline corpus (scripts/events/corpus/*.txt): one headline per
line, the file name saying its topic (one of the evaluation set's 20 topic names, below). Written
for wirescore (see corpus/README.md); extra training rows for the event-topic model, never used
to score it."""
from pathlib import Path

DIR = Path(__file__).resolve().parent / 'corpus'
FILE_TOPIC = {
    'analyst-update': 'Analyst Update', 'company-product-news': 'Company | Product News',
    'dividend': 'Dividend', 'earnings': 'Earnings', 'ipo': 'IPO', 'legal-regulation': 'Legal | Regulation',
    'ma-investments': 'M&A | Investments', 'personnel-change': 'Personnel Change',
    'stock-movement': 'Stock Movement', 'treasuries-corporate-debt': 'Treasuries | Corporate Debt',
    'fed-central-banks': 'Fed | Central Banks', 'macro': 'Macro', 'markets': 'Markets', 'politics': 'Politics',
    'currencies': 'Currencies', 'energy-oil': 'Energy | Oil', 'gold-metals-materials': 'Gold | Metals | Materials',
    'financials': 'Financials', 'general-news-opinion': 'General News | Opinion',
    'stock-commentary': 'Stock Commentary',
}


def load(directory=DIR):
    """[(text, topic)] in file-name order, then line order; blank lines skipped. An unknown file
    name or a duplicate headline is an error (a typo would silently drop or double rows)."""
    rows, seen = [], {}
    for f in sorted(Path(directory).glob('*.txt')):
        topic = FILE_TOPIC.get(f.stem)
        if topic is None:
            raise SystemExit(f'{f}: file name is not one of the corpus topics {sorted(FILE_TOPIC)}')
        for n, line in enumerate(f.read_text(encoding='utf-8').splitlines(), 1):
            t = line.strip()
            if not t:
                continue
            if t in seen:
                raise SystemExit(f'{f}:{n}: duplicate of {seen[t]}')
            seen[t] = f'{f.name}:{n}'
            rows.append((t, topic))
    return rows
