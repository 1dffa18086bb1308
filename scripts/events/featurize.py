"""Featurizer and inference for wirescore's event-topic model, written from the spec in
Sources/WirescoreEvents/Data/event-topics.md (no library tokenizer), so that the Swift port can
reproduce it byte for byte. Pure Python, no dependencies.

Steps (all on bytes, never on Unicode code points):
  1. bytes = UTF-8 encoding of the text; ASCII 'A'..'Z' (0x41..0x5A) -> +0x20; others unchanged.
  2. URL removal: split into chunks at whitespace bytes (0x09..0x0D, 0x20); a chunk whose first
     bytes are b"http://" or b"https://" (after step 1) is dropped; dropped chunks act as separators.
  3. Tokens, scanning each remaining chunk left to right:
       - a byte in [a-z0-9] starts a token that runs to the end of the maximal [a-z0-9] run;
       - a '$' (0x24) whose next byte is in [a-z] is a cashtag: token = '$' + the maximal [a-z0-9]
         run starting at that next byte (no plain token is emitted for that run);
       - every other byte (punctuation, '$' not followed by [a-z], non-ASCII bytes) separates.
     In every token each digit '0'..'9' becomes '0'.
  4. Features (strings, as bytes): "u:" + t for each token; "b:" + t1 + " " + t2 for each pair of
     adjacent tokens in the token sequence of the whole text (adjacency crosses punctuation and
     removed URLs); with CHARGRAMS (n-gram lengths) also "c:" + g for every substring g of length n
     of "<" + t + ">" for each token t (cashtags included; `$` kept).
  5. Hash: FNV-1a 64 over the feature bytes, id = h % 2**BITS. The feature set is the set of
     distinct ids (binary presence: an id present once or several times counts once).
"""

FNV_OFFSET = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3
MASK64 = (1 << 64) - 1

_WS = frozenset(b'\t\n\x0b\x0c\r ')
_ALNUM = frozenset(b'abcdefghijklmnopqrstuvwxyz0123456789')
_ALPHA = frozenset(b'abcdefghijklmnopqrstuvwxyz')
_DIGITS = frozenset(b'0123456789')


def normalise(text):
    b = text.encode('utf-8') if isinstance(text, str) else bytes(text)
    return bytes(c + 32 if 0x41 <= c <= 0x5A else c for c in b)


def chunks(b):
    """Whitespace-separated chunks, URL chunks removed."""
    out, i, n = [], 0, len(b)
    while i < n:
        while i < n and b[i] in _WS:
            i += 1
        j = i
        while j < n and b[j] not in _WS:
            j += 1
        if j > i:
            c = b[i:j]
            if not (c.startswith(b'http://') or c.startswith(b'https://')):
                out.append(c)
        i = j
    return out


def _digits0(t):
    return bytes(0x30 if c in _DIGITS else c for c in t)


def tokens(text):
    b = normalise(text)
    toks = []
    for c in chunks(b):
        i, n = 0, len(c)
        while i < n:
            x = c[i]
            if x in _ALNUM:
                j = i
                while j < n and c[j] in _ALNUM:
                    j += 1
                toks.append(_digits0(c[i:j]))
                i = j
            elif x == 0x24 and i + 1 < n and c[i + 1] in _ALPHA:
                j = i + 1
                while j < n and c[j] in _ALNUM:
                    j += 1
                toks.append(b'$' + _digits0(c[i + 1:j]))
                i = j
            else:
                i += 1
    return toks


def feature_strings(text, bigrams=True, chargrams=()):
    toks = tokens(text)
    feats = [b'u:' + t for t in toks]
    if bigrams:
        feats += [b'b:' + toks[k] + b' ' + toks[k + 1] for k in range(len(toks) - 1)]
    for n in chargrams:
        for t in toks:
            p = b'<' + t + b'>'
            feats += [b'c:' + p[k:k + n] for k in range(len(p) - n + 1)]
    return feats


def fnv1a64(data):
    h = FNV_OFFSET
    for c in data:
        h ^= c
        h = (h * FNV_PRIME) & MASK64
    return h


def feature_ids(text, bits, bigrams=True, chargrams=()):
    """Sorted list of distinct hashed feature ids."""
    m = (1 << bits) - 1
    return sorted({fnv1a64(f) & m for f in feature_strings(text, bigrams, chargrams)})
