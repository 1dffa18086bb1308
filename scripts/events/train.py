#!/usr/bin/env python3
"""Train wirescore's event-topic headline classifier (hashed binary features + multinomial logistic
regression; with --members, several whose logits are averaged, exported as one table) on the Twitter
Financial News Topic dev half, estimate generalisation across two stratified halves, then train the
shipped model on all rows and export it.

usage (from the repo root; makes .build/venv-events from scripts/events/requirements.txt on first use):
  python scripts/events/train.py [--data PATH] [--out Sources/WirescoreEvents/Data/event-topics.model]
                                 [--golden scripts/events/golden.jsonl] [--figures PATH]
                                 [--members u+c4,u+b] [--decision stage2|passthrough]
                                 [--protect earnings=0.9] [--beside 0.8]
(the defaults train the shipped model; the options are the designs tried in docs/events.md)

Spec of featurizer, decision rule and file format: Sources/WirescoreEvents/Data/event-topics.md.
Reproducible: fixed seeds, single-threaded BLAS, pinned versions (requirements.txt).
"""
import os
for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[_v] = '1'

import argparse, json, struct, sys, time, warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import events_venv  # noqa: E402
events_venv.ensure()   # numpy, scipy, scikit-learn: .build/venv-events, made on first use

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from featurize import feature_ids, tokens  # noqa: E402
import stack as S2  # noqa: E402
import own_corpus  # noqa: E402

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
FA_CAP = 0.08          # tuning constraint on false-alarm rate (target on unseen data: <= 0.10; with rule events
                       # of confidence >= 0.9 kept whatever stage 2 says, 0.07 cost more F1 than it saved)
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
                           # (applied to the averaged table with several members: 0.025 there is
                           # 0.05 on each member's weights)
# Sample weight of a row of the project's own corpus (scripts/events/corpus) in stage 1, against 1 for
# a development row; stage 2 trains on development rows only (the kind of text it is judged on).
CORPUS_WEIGHT = 0.25
# Stage 1 as shipped: the setting the CV grid above (tune()) chose on all rows before stage 2 existed;
# kept fixed so that training (stage 1 out-of-fold + stage 2 grid) takes minutes, not an hour.
# --members u+c4,u+b: an ensemble of that model and one over words + word pairs (same C and class
# weights), logits averaged. The average of linear models over hashed ids is one linear model over
# the union of their features, so the file format and the Swift inference are unchanged.
# Cross-half, stage 1 alone at offset 1.25: 0.727 / 0.713 macro-F1 against 0.705 / 0.695 for u+c4
# alone (docs/events.md for why it is not shipped).
STAGE1_MEMBERS = ('u+c4',)
STAGE1 = (3.0, 2.0, 1.25)   # C, alpha, OTHER_OFFSET (stage-1 decision alone, for comparison)


def export_features(members):
    """(bigrams, chargrams) of the table that averages `members`: the union of their features."""
    sets = [FEATURE_SETS[m] for m in members]
    return any(b for b, _ in sets), tuple(sorted({n for _, c in sets for n in c}))


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


def fit(X, y, C, alpha, extra=None):
    """Returns (W [n_features_total x K] float64, b [K]). Trains on the used columns only (an unused
    column gets weight 0 under L2 anyway), which is much faster. `extra` (Xc, yc, weight): more
    rows (the project's own corpus, scripts/events/corpus) appended with that sample weight; the
    class weights count them with it too."""
    sw = np.ones(len(y))
    if extra is not None and extra[0].shape[0]:
        Xc, yc, wc = extra
        X = sp.vstack([X, Xc]).tocsr()
        y = np.concatenate([y, yc])
        sw = np.concatenate([sw, np.full(len(yc), float(wc))])
    used = np.unique(X.indices)
    Xu = X[:, used]
    cnt = np.bincount(y, weights=sw, minlength=len(CLASSES))
    w = (sw.sum() / (len(CLASSES) * np.maximum(cnt, 1))) ** alpha
    m = LogisticRegression(C=C, max_iter=5000, tol=1e-6, class_weight={k: w[k] for k in range(len(CLASSES))})
    m.fit(Xu, y, sample_weight=sw)
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
VERSION = 2


def export(path, W, b, bigrams, chargrams, offset, stack=None):
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
    if stack is not None:   # version 2: stage 2 (scripts/events/stack.py); no groups: a pass-through
        A, c, off2, keep, groups = stack
        out += struct.pack('<I', len(groups))
        for g in groups:
            e = g.encode(); out += struct.pack('<H', len(e)) + e
        out += struct.pack('<ff', off2, keep)
        out += np.asarray(c, '<f4').tobytes() + np.asarray(A, '<f4').tobytes()
    Path(path).write_bytes(bytes(out))
    return len(out), len(rows)


def load(path):
    """Reads the file back (the reference reader for the format)."""
    d = Path(path).read_bytes()
    assert d[:8] == MAGIC
    o = 8
    version, bits, k, n, bigrams = struct.unpack_from('<IIIII', d, o); o += 20
    assert version in (1, 2)
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
    stack = None
    if version == 2:
        (g,) = struct.unpack_from('<I', d, o); o += 4
        groups = []
        for _ in range(g):
            (ln,) = struct.unpack_from('<H', d, o); o += 2
            groups.append(d[o:o + ln].decode()); o += ln
        off2, keep = struct.unpack_from('<ff', d, o); o += 8
        c = np.frombuffer(d, '<f4', k, o).astype(np.float64); o += 4 * k
        A = np.frombuffer(d, '<f4', k * (k + g), o).astype(np.float64).reshape(k, k + g); o += 4 * k * (k + g)
        stack = {'groups': groups, 'offset': float(np.float32(off2)), 'keep': float(np.float32(keep)), 'bias': c, 'A': A}
    assert o == len(d)
    return {'version': version, 'stack': stack, 'bits': bits, 'bigrams': bool(bigrams), 'chargrams': chargrams,
            'offset': float(np.float32(offset)), 'classes': names, 'types': types, 'bias': bias, 'weights': weights}


def infer(model, text, groups=()):
    """Reference inference from the exported file: float64 sums of the float32 values, bias first,
    then the weights of the present ids in ascending id order. With stage 2 (version 2), the
    returned scores, probabilities and class are stage 2's over the logits and `groups`."""
    ids = feature_ids(text, model['bits'], model['bigrams'], model['chargrams'])
    z = model['bias'].copy()
    for h in ids:
        w = model['weights'].get(h)
        if w is not None:
            z = z + w
    st = model.get('stack')
    if st is not None:
        r = np.array([1.0 if g in groups else 0.0 for g in st['groups']])
        s = st['bias'] + st['A'] @ np.concatenate([z, r])
        so = s.copy(); so[OTHER] += st['offset']
        e = np.exp(s - s.max())
        return ids, z, s, e / e.sum(), int(np.argmax(so))
    zo = z.copy()
    zo[OTHER] += model['offset']
    c = int(np.argmax(zo))
    e = np.exp(z - z.max())
    return ids, z, z, e / e.sum(), c


def corpus_rows(bigrams, chargrams, weight):
    """The own corpus as `extra` for fit(): (X, y, weight), or None when weight is 0."""
    if weight <= 0:
        return None
    rows = own_corpus.load()
    yc = np.array([CLASSES.index(t) if t in CORPORATE else OTHER for _, t in rows])
    return matrix([t for t, _ in rows], bigrams, chargrams), yc, weight


class Rows:
    """Feature matrices of the development rows for each stage-1 member and for the exported table
    (`full`), and the own corpus per member (fit()'s `extra`; None entries without it)."""
    def __init__(self, texts, corpus_weight, members=None):
        self.names = tuple(members or STAGE1_MEMBERS)
        self.export_features = export_features(self.names)
        self.members = [matrix(texts, *FEATURE_SETS[fs]) for fs in self.names]
        self.full = matrix(texts, *self.export_features)
        self.extra = [corpus_rows(*FEATURE_SETS[fs], corpus_weight) for fs in self.names]
        self.corpus_count = 0 if self.extra[0] is None else self.extra[0][0].shape[0]


def fit_stage1(D, idx, y):
    """Stage 1 on rows `idx` of D (y: their classes): each member fitted, weights and biases
    averaged, then pruned. Returns (W, b) over `D.full`'s feature ids."""
    C, alpha, _ = STAGE1
    fits = [fit(X[idx], y, C, alpha, extra) for X, extra in zip(D.members, D.extra)]
    if len(fits) == 1:
        return prune(fits[0][0], PRUNE), fits[0][1]
    W = sum(W for W, _ in fits) / len(fits)
    return prune(W, PRUNE), sum(b for _, b in fits) / len(fits)


def oof_logits(D, idx, y, strat):
    """Stage-1 logits of every row of `idx` from a model that did not see it (5-fold CV inside
    those rows; each fold's model also trains on the own corpus, which is never scored)."""
    Z = np.zeros((len(idx), len(CLASSES)))
    for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=CV_SEED).split(np.zeros(len(idx)), strat):
        W, b = fit_stage1(D, idx[tr], y[tr])
        Z[te] = logits(D.full[idx[te]], W, b)
    return Z


def train_decision(D, idx, y, strat, R, log=None, learned_stage2=True):
    """Stage 1 on rows `idx` and the decision over it, tuned on their out-of-fold stage-1 logits
    and rule confidences R (rows of idx) by CV inside the same rows. Shipped (learned_stage2): a
    learned stage 2 over the logits and the rule groups (stack.tune2); otherwise stage 1 decides
    (stack.tune_passthrough: the offset on "none" and `keep`; an identity stage 2 in the file).
    Returns (W, b, (A, c, offset2, keep, groups), cfg)."""
    Z = oof_logits(D, idx, y, strat)
    if learned_stage2:
        F = np.hstack([Z, R > 0])
        cfg = S2.tune2(F, R, y, strat, len(CLASSES), OTHER, FA_CAP)
        A, c = S2.fit2(F, y, cfg['C2'], len(CLASSES))
        groups = S2.GROUPS
    else:
        cfg = S2.tune_passthrough(Z, R, y, len(CLASSES), OTHER, FA_CAP)
        A, c, groups = np.eye(len(CLASSES)), np.zeros(len(CLASSES)), []
    if log:
        log(f'  decision chosen by CV: {cfg}')
    W, b = fit_stage1(D, idx, y)
    return W, b, (A, c, cfg['offset2'], cfg['keep'], groups), cfg


def decision_scores(Z, R, stack):
    """Stage 2's scores (the logits themselves with a pass-through)."""
    A, c, _, _, groups = stack
    F = np.hstack([Z, R[:, [S2.GROUPS.index(g) for g in groups]] > 0]) if groups else Z
    return S2.scores(F, A, c)


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


def add_design_options(ap):
    """The options of the designs tried against the shipped one (docs/events.md), shared with
    scripts/events/cross-half."""
    ap.add_argument('--members', default=','.join(STAGE1_MEMBERS),
                    help='stage-1 feature sets whose logits are averaged, e.g. u+c4,u+b')
    ap.add_argument('--decision', choices=['stage2', 'passthrough'], default='stage2',
                    help='a learned stage 2 decides (shipped), or stage 1 itself')
    ap.add_argument('--protect', default=None,
                    help='sure rule events kept whatever the model says: GROUP=CONF,... or all=CONF '
                         '(default: all=0.9, as EventDetector; the detector must be changed to match)')
    ap.add_argument('--beside', type=float, default=None,
                    help="model's kind beside a rule event only when this probable (stack.BESIDE; detector must match)")


def apply_design_options(o):
    """Sets PRUNE, stack.PROTECTED and stack.BESIDE from the options; returns the stage-1 members."""
    global PRUNE
    members = tuple(m for m in o.members.split(',') if m)
    for m in members:
        if m not in FEATURE_SETS:
            raise SystemExit(f'unknown feature set {m}; known: {sorted(FEATURE_SETS)}')
    PRUNE = o.prune if o.prune is not None else 0.05 / len(members)
    if o.protect:
        S2.PROTECTED = {}
        for part in o.protect.split(','):
            g, v = part.split('=')
            for grp in (S2.GROUPS if g == 'all' else [g]):
                S2.PROTECTED[grp] = float(v)
    S2.BESIDE = o.beside
    return members


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', required=True, help='wirescore binary whose rules give the stage-2 rule groups')
    ap.add_argument('--data', default=str(REPO / '../shared/eval/events/twitter-topic.dev.jsonl'))
    ap.add_argument('--out', default=str(REPO / 'Sources/WirescoreEvents/Data/event-topics.model'))
    ap.add_argument('--golden', default=str(HERE / 'golden.jsonl'))
    ap.add_argument('--figures', default=str(HERE / 'figures.json'))
    ap.add_argument('--prune', type=float, default=None,
                    help='drop a feature whose |w| < this in every class (default 0.05 / number of members)')
    ap.add_argument('--corpus-weight', type=float, default=CORPUS_WEIGHT,
                    help='sample weight of the own corpus rows (scripts/events/corpus) in stage 1; 0: not used')
    add_design_options(ap)
    o = ap.parse_args()
    members = apply_design_options(o)
    t0 = time.time()
    log = lambda s: print(f'[{time.time() - t0:6.0f}s] {s}', flush=True)

    rows = [json.loads(l) for l in Path(o.data).read_text(encoding='utf-8').splitlines() if l.strip()]
    texts = [r['text'] for r in rows]
    topic = np.array([r['topic'] for r in rows])
    y = np.array([CLASSES.index(t) if t in CORPORATE else OTHER for t in topic])
    log(f'{len(rows)} rows, {int(np.sum(y != OTHER))} corporate')
    C, alpha, off1 = STAGE1
    D = Rows(texts, o.corpus_weight, members)
    bg, cg = D.export_features
    if D.corpus_count:
        log(f'own corpus: {D.corpus_count} rows, weight {o.corpus_weight}')
    R = S2.confidence_matrix(S2.rule_groups(o.bin, texts, with_confidence=True))

    # two stratified halves (by the 20 topics); train (and tune the decision) on one, score the other, and swap
    halves = list(StratifiedKFold(2, shuffle=True, random_state=SPLIT_SEED).split(np.zeros(len(y)), topic))
    figures = {'stage1': {'features': '+'.join(D.names), 'C': C, 'alpha': alpha, 'bits': BITS,
                          'prune': PRUNE, 'corpus_rows': D.corpus_count, 'corpus_weight': o.corpus_weight},
               'cross_half': []}
    preds = [None] * len(y)
    for name, (a, bb) in zip(['A->B', 'B->A'], halves):
        log(f'training on half {name[0]} ({len(a)} rows)')
        W, b, st, cfg = train_decision(D, a, y[a], topic[a], R[a], log, o.decision == 'stage2')
        Zb = logits(D.full[bb], W, b)
        p = S2.predict_sets(decision_scores(Zb, R[bb], st), R[bb], OTHER, st[2], st[3])
        for i, v in zip(bb, p):
            preds[i] = v
        s = S2.score_sets(p, y[bb], len(CLASSES), OTHER)
        s1 = score(decide(Zb, off1), y[bb])
        figures['cross_half'].append({'split': name, 'chosen': cfg, 'test_rows': len(bb), 'stacked': s,
                                      'stage1_alone': {k: s1[k] for k in ('macro_f1_corporate', 'false_alarm_rate')}})
        log(f'{name}: test macro-F1 {s["macro_f1_corporate"]}, false-alarm {s["false_alarm_rate"]} '
            f'(stage 1 alone, offset {off1}: {s1["macro_f1_corporate"]} / {s1["false_alarm_rate"]})')
    pooled = S2.score_sets(preds, y, len(CLASSES), OTHER)
    figures['cross_half_pooled'] = pooled
    log(f'pooled over both test halves: macro-F1 {pooled["macro_f1_corporate"]}, false-alarm {pooled["false_alarm_rate"]}')
    for t, f in zip(CORPORATE, pooled['f1']):
        print(f'    {t:30s} F1 {f:.3f}')

    # shipped model: stage 1 and the decision trained on all rows (decision tuned by CV on all rows)
    log('training on all rows')
    allrows = np.arange(len(y))
    W, b, st, cfg = train_decision(D, allrows, y, topic, R, log, o.decision == 'stage2')
    size, nfeat = export(o.out, W, b, bg, cg, off1, st)
    figures['shipped'] = {'chosen': cfg, 'features': nfeat, 'bytes': size, 'train_rows': len(y)}
    log(f'shipped: {cfg}; {nfeat} features, {size} bytes -> {o.out}')

    # the exported file read back must give the same decisions as the in-memory model
    model = load(o.out)
    S = decision_scores(logits(D.full, W, b), R, st)
    S[:, OTHER] += st[2]
    groups = [[g for g, v in zip(S2.GROUPS, r) if v] for r in R]
    mism = sum(infer(model, t, g)[4] != k for t, g, k in zip(texts, groups, S.argmax(1)))
    log(f'read-back decision mismatches vs in-memory model: {mism}')

    ggroups = S2.rule_groups(o.bin, GOLDEN_TEXTS)
    with open(o.golden, 'w') as f:
        for t, gg in zip(GOLDEN_TEXTS, ggroups):
            ids, z, s, p, k = infer(model, t, gg)
            f.write(json.dumps({'text': t, 'tokens': [x.decode() for x in tokens(t)], 'feature_ids': ids,
                                'logits': [round(float(v), 7) for v in z], 'groups': gg,
                                'scores': [round(float(v), 7) for v in s],
                                'probabilities': [round(float(v), 7) for v in p],
                                'decision': model['classes'][k], 'event_type': model['types'][k] or None}) + '\n')
    log(f'golden: {len(GOLDEN_TEXTS)} synthetic headlines -> {o.golden}')
    Path(o.figures).write_text(json.dumps(figures, indent=1) + '\n')


if __name__ == '__main__':
    main()
