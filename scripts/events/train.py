#!/usr/bin/env python3
"""Train wirescore's event-topic headline classifier (hashed binary features + multinomial logistic
regression) on the Twitter Financial News Topic dev half, estimate generalisation across two
stratified halves, then train the shipped model on all rows and export it.

usage (from the repo root, in the venv of scripts/events/requirements.txt):
  python scripts/events/train.py [--data PATH] [--out Sources/WirescoreEvents/Data/event-topics.model]
                                 [--golden scripts/events/golden.jsonl] [--figures PATH]

Spec of featurizer, decision rule and file format: Sources/WirescoreEvents/Data/event-topics.md.
Reproducible: fixed seeds, single-threaded BLAS, pinned versions (requirements.txt).
"""
import os
for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[_v] = '1'

import argparse, json, struct, sys, time, warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from featurize import feature_ids, tokens  # noqa: E402

# IPO has 3-4 rows per half: fewer than the 5 CV folds, which sklearn warns about (expected)
warnings.filterwarnings('ignore', message='The least populated class')

# --- scoring, as /work/shared/eval/events/run.py defines it -------------------------------------
CORPORATE = ['Analyst Update', 'Company | Product News', 'Dividend', 'Earnings', 'IPO', 'Legal | Regulation',
             'M&A | Investments', 'Personnel Change', 'Stock Movement', 'Treasuries | Corporate Debt']
CLASSES = CORPORATE + ['other']
OTHER = len(CORPORATE)  # index of "other"
# wirescore event type emitted per class; each maps back to its topic through run.py's TYPE_MAP
EVENT_TYPES = ['analyst-rating', 'product-news', 'dividend', 'earnings', 'ipo', 'legal-regulatory',
               'merger-acquisition', 'executive-change', 'stock-move', 'debt-financing', '']

BITS = 18
SPLIT_SEED = 20240
CV_SEED = 7
FOLDS = 5
FA_CAP = 0.07          # tuning constraint on false-alarm rate (target on unseen data: <= 0.10)
OFFSETS = [round(x, 2) for x in np.arange(-1.0, 3.01, 0.25)]
FEATURE_SETS = {       # name -> (bigrams, chargram lengths)
    'u+b+c4': (True, (4,)),
    'u+c4': (False, (4,)),
    'u+b': (True, ()),
    'u+c345': (False, (3, 4, 5)),
}
CS = [3.0, 10.0]
ALPHAS = [1.0, 1.5, 2.0]   # class weight = (n / (K * n_k)) ** alpha  (0 = unweighted, 1 = 'balanced')
PRUNE = 0.0                # set by --prune; |w| threshold, a feature kept if any class weight >= it


def score(pred, y):
    """pred, y: class indices (OTHER = no corporate topic). Returns run.py's figures."""
    per = {}
    for k, t in enumerate(CORPORATE):
        tp = int(np.sum((pred == k) & (y == k)))
        fp = int(np.sum((pred == k) & (y != k)))
        fn = int(np.sum((pred != k) & (y == k)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per[t] = {'precision': round(p, 4), 'recall': round(r, 4),
                  'f1': round(2 * p * r / (p + r), 4) if p + r else 0.0, 'support': tp + fn, 'predicted': tp + fp}
    oth = y == OTHER
    return {'macro_f1_corporate': round(sum(v['f1'] for v in per.values()) / len(per), 4),
            'false_alarm_rate': round(float(np.mean(pred[oth] != OTHER)), 4), 'per_topic': per}


# --- model ----------------------------------------------------------------------------------------
def matrix(texts, bigrams, chargrams):
    ind, ptr = [], [0]
    for t in texts:
        ind += feature_ids(t, BITS, bigrams, chargrams)
        ptr.append(len(ind))
    return sp.csr_matrix((np.ones(len(ind)), np.array(ind, dtype=np.int64), ptr), shape=(len(texts), 1 << BITS))


def fit(X, y, C, alpha):
    """Returns (W [n_features_total x K] float64, b [K]). Trains on the used columns only (an unused
    column gets weight 0 under L2 anyway), which is much faster."""
    used = np.unique(X.indices)
    Xu = X[:, used]
    cnt = np.bincount(y, minlength=len(CLASSES))
    w = (len(y) / (len(CLASSES) * np.maximum(cnt, 1))) ** alpha
    m = LogisticRegression(C=C, max_iter=5000, tol=1e-6, class_weight={k: w[k] for k in range(len(CLASSES))})
    m.fit(Xu, y)
    if list(m.classes_) != list(range(len(CLASSES))):
        raise SystemExit('a class is missing from the training rows')
    W = np.zeros((X.shape[1], len(CLASSES)))
    W[used] = m.coef_.T
    return W, m.intercept_.copy()


def prune(W, eps):
    if eps <= 0:
        return W
    W = W.copy()
    W[np.abs(W).max(axis=1) < eps] = 0.0
    return W


def logits(X, W, b):
    return np.asarray(X @ W) + b


def decide(Z, offset):
    Z = Z.copy()
    Z[:, OTHER] += offset
    return Z.argmax(axis=1)   # numpy: first maximum = lowest index on ties


def tune(X, y, strat, log=None):
    """Chooses (feature set, C, alpha, offset) by 5-fold CV inside the given rows: highest macro-F1
    among settings with false-alarm rate <= FA_CAP (ties: first in grid order)."""
    best = None
    for fs, Xf in X.items():
        for C in CS:
            for a in ALPHAS:
                Z = np.zeros((len(y), len(CLASSES)))
                for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=CV_SEED).split(np.zeros(len(y)), strat):
                    W, b = fit(Xf[tr], y[tr], C, a)
                    Z[te] = logits(Xf[te], prune(W, PRUNE), b)
                for off in OFFSETS:
                    s = score(decide(Z, off), y)
                    ok = s['false_alarm_rate'] <= FA_CAP
                    key = (ok, s['macro_f1_corporate'] if ok else -s['false_alarm_rate'])
                    if best is None or key > best[0]:
                        best = (key, {'features': fs, 'C': C, 'alpha': a, 'offset': off,
                                      'cv_macro_f1': s['macro_f1_corporate'], 'cv_false_alarm': s['false_alarm_rate']})
                if log:
                    log(f'  {fs:7s} C={C:<4} alpha={a:<3} -> best so far {best[1]}')
    return best[1]


# --- export ---------------------------------------------------------------------------------------
MAGIC = b'WSEVTOPC'
VERSION = 1


def export(path, W, b, bigrams, chargrams, offset):
    W32 = W.astype('<f4')
    b32 = b.astype('<f4')
    rows = np.nonzero(np.any(W32 != 0, axis=1))[0]
    out = bytearray()
    out += MAGIC
    out += struct.pack('<IIIII', VERSION, BITS, len(CLASSES), len(rows), 1 if bigrams else 0)
    out += struct.pack('<I', len(chargrams)) + b''.join(struct.pack('<I', n) for n in chargrams)
    out += struct.pack('<f', offset)
    for name, et in zip(CLASSES, EVENT_TYPES):
        for s in (name.encode(), et.encode()):
            out += struct.pack('<H', len(s)) + s
    out += b32.tobytes()
    for r in rows:
        out += struct.pack('<I', int(r)) + W32[r].tobytes()
    Path(path).write_bytes(bytes(out))
    return len(out), len(rows)


def load(path):
    """Reads the file back (the reference reader for the format)."""
    d = Path(path).read_bytes()
    assert d[:8] == MAGIC
    o = 8
    version, bits, k, n, bigrams = struct.unpack_from('<IIIII', d, o); o += 20
    (m,) = struct.unpack_from('<I', d, o); o += 4
    chargrams = tuple(struct.unpack_from(f'<{m}I', d, o)); o += 4 * m
    (offset,) = struct.unpack_from('<f', d, o); o += 4
    names, types = [], []
    for _ in range(k):
        for lst in (names, types):
            (ln,) = struct.unpack_from('<H', d, o); o += 2
            lst.append(d[o:o + ln].decode()); o += ln
    bias = np.frombuffer(d, '<f4', k, o).astype(np.float64); o += 4 * k
    weights = {}
    for _ in range(n):
        (h,) = struct.unpack_from('<I', d, o); o += 4
        weights[h] = np.frombuffer(d, '<f4', k, o).astype(np.float64); o += 4 * k
    assert o == len(d)
    return {'version': version, 'bits': bits, 'bigrams': bool(bigrams), 'chargrams': chargrams,
            'offset': float(np.float32(offset)), 'classes': names, 'types': types, 'bias': bias, 'weights': weights}


def infer(model, text):
    """Reference inference from the exported file: float64 sums of the float32 values, bias first,
    then the weights of the present ids in ascending id order."""
    ids = feature_ids(text, model['bits'], model['bigrams'], model['chargrams'])
    z = model['bias'].copy()
    for h in ids:
        w = model['weights'].get(h)
        if w is not None:
            z = z + w
    zo = z.copy()
    zo[OTHER] += model['offset']
    c = int(np.argmax(zo))
    e = np.exp(z - z.max())
    return ids, z, e / e.sum(), c


GOLDEN_TEXTS = [  # synthetic headlines written for wirescore (not from any data set)
    'Acme Corp raises quarterly dividend to $0.42 per share',
    'Globex Q3 EPS of $1.05 beats by $0.07, revenue of $2.3B misses',
    'Initech files for U.S. IPO on the Nasdaq, seeks to raise $300 million',
    'Umbrella Pharma agrees to buy Stark Biotech in $4.1 billion all-stock deal',
    'Wayne Industries names new chief executive officer as founder steps down',
    'Morgan analyst upgrades $HOOLI to Buy, lifts price target to $180',
    'Regulators open probe into Soylent Foods over misleading labels',
    'Vandelay shares jump 12% in premarket after surprise guidance',
    'Cyberdyne prices $750 million offering of senior notes due 2031',
    'Tyrell unveils new electric pickup truck at auto show',
    'Fed officials signal another rate hike as inflation stays hot',
    'Oil climbs above $90 a barrel on supply worries',
    'Dollar slips against the yen ahead of jobs data',
    'Senate passes spending bill after all-night session',
    'Gold steadies near record high as Treasury yields ease',
    'Stocks close mixed; S&P 500 ends week lower',
    'ACME CORP TO CUT 2,000 JOBS IN RESTRUCTURING',
    '$ACME $GLBX - Acme and Globex announce strategic partnership  https://example.com/a?b=1 #markets',
    'Read more: https://t.co/AbCdEf12 HTTP://EXAMPLE.ORG/X and http:/broken link',
    'Zürich-based Nestlé’s café unit posts 5.5% sales growth — “solid”',
    'Price $5 vs $5.25; $ alone; US$12bn; 3M and 7-Eleven; $brk.b',
    'tab\tseparated\nnew line  double  space',
    '',
    '!!! ??? ...',
    'Court fines Initrode $25m for antitrust violations',
    'Hooli board approves $10 billion share buyback program',
    'Massive Dynamic stock plunges after CEO resigns amid accounting review',
    'Weekly jobless claims fall to 210,000',
    'What to watch in tech stocks this week',
    'Sirius Cybernetics to spin off its robotics unit in a public listing next year',
]


def main():
    global PRUNE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default=str(REPO / '../shared/eval/events/twitter-topic.dev.jsonl'))
    ap.add_argument('--out', default=str(REPO / 'Sources/WirescoreEvents/Data/event-topics.model'))
    ap.add_argument('--golden', default=str(HERE / 'golden.jsonl'))
    ap.add_argument('--figures', default=str(HERE / 'figures.json'))
    ap.add_argument('--prune', type=float, default=0.05, help='drop a feature whose |w| < this in every class')
    o = ap.parse_args()
    PRUNE = o.prune
    t0 = time.time()
    log = lambda s: print(f'[{time.time() - t0:6.0f}s] {s}', flush=True)

    rows = [json.loads(l) for l in Path(o.data).read_text(encoding='utf-8').splitlines() if l.strip()]
    texts = [r['text'] for r in rows]
    topic = np.array([r['topic'] for r in rows])
    y = np.array([CLASSES.index(t) if t in CORPORATE else OTHER for t in topic])
    log(f'{len(rows)} rows, {int(np.sum(y != OTHER))} corporate')
    X = {fs: matrix(texts, bg, cg) for fs, (bg, cg) in FEATURE_SETS.items()}

    # two stratified halves (by the 20 topics); tune on one, report on the other, and swap
    halves = list(StratifiedKFold(2, shuffle=True, random_state=SPLIT_SEED).split(np.zeros(len(y)), topic))
    figures = {'cross_half': []}
    preds = np.full(len(y), -1)
    for name, (a, bb) in zip(['A->B', 'B->A'], [(halves[0][0], halves[0][1]), (halves[1][0], halves[1][1])]):
        log(f'tuning on half {name[0]} ({len(a)} rows)')
        cfg = tune({fs: Xf[a] for fs, Xf in X.items()}, y[a], topic[a], log)
        bg, cg = FEATURE_SETS[cfg['features']]
        W, b = fit(X[cfg['features']][a], y[a], cfg['C'], cfg['alpha'])
        res = {}
        for eps in sorted({0.0, PRUNE}):
            p = decide(logits(X[cfg['features']][bb], prune(W, eps), b), cfg['offset'])
            res[f'prune_{eps}'] = score(p, y[bb])
            res[f'prune_{eps}']['features_kept'] = int(np.sum(np.abs(prune(W, eps)).max(axis=1) > 0))
            if eps == PRUNE:
                preds[bb] = p
        figures['cross_half'].append({'split': name, 'chosen': cfg, 'test_rows': len(bb), **res})
        s = res[f'prune_{PRUNE}']
        log(f'{name}: chosen {cfg}; test macro-F1 {s["macro_f1_corporate"]}, false-alarm {s["false_alarm_rate"]}'
            f' (unpruned {res["prune_0.0"]["macro_f1_corporate"]} / {res["prune_0.0"]["false_alarm_rate"]})')
    pooled = score(preds, y)
    figures['cross_half_pooled'] = pooled
    log(f'pooled over both test halves: macro-F1 {pooled["macro_f1_corporate"]}, false-alarm {pooled["false_alarm_rate"]}')
    for t, v in pooled['per_topic'].items():
        print(f'    {t:30s} P {v["precision"]:.3f} R {v["recall"]:.3f} F1 {v["f1"]:.3f} support {v["support"]}')

    # shipped model: tuned by 5-fold CV on all rows, trained on all rows
    log('tuning on all rows')
    cfg = tune(X, y, topic, log)
    bg, cg = FEATURE_SETS[cfg['features']]
    W, b = fit(X[cfg['features']], y, cfg['C'], cfg['alpha'])
    W = prune(W, PRUNE)
    size, nfeat = export(o.out, W, b, bg, cg, cfg['offset'])
    figures['shipped'] = {'chosen': cfg, 'bits': BITS, 'prune': PRUNE, 'features': nfeat, 'bytes': size,
                          'train_rows': len(y)}
    log(f'shipped: {cfg}; {nfeat} features, {size} bytes -> {o.out}')

    # the exported file read back must give the same decisions as the in-memory model
    model = load(o.out)
    Z = logits(X[cfg['features']], W, b)
    mism = sum(infer(model, t)[3] != c for t, c in zip(texts, decide(Z, cfg['offset'])))
    train_fit = score(decide(Z, cfg['offset']), y)
    figures['shipped']['train_fit'] = {k: train_fit[k] for k in ('macro_f1_corporate', 'false_alarm_rate')}
    log(f'read-back decision mismatches vs in-memory model: {mism}; fit on its own training rows '
        f'(not an estimate): {figures["shipped"]["train_fit"]}')

    with open(o.golden, 'w') as f:
        for t in GOLDEN_TEXTS:
            ids, z, p, c = infer(model, t)
            f.write(json.dumps({'text': t, 'tokens': [x.decode() for x in tokens(t)], 'feature_ids': ids,
                                'logits': [round(float(v), 7) for v in z],
                                'probabilities': [round(float(v), 7) for v in p],
                                'decision': model['classes'][c], 'event_type': model['types'][c] or None}) + '\n')
    log(f'golden: {len(GOLDEN_TEXTS)} synthetic headlines -> {o.golden}')
    Path(o.figures).write_text(json.dumps(figures, indent=1) + '\n')


if __name__ == '__main__':
    main()
