/* SHA-1 (FIPS 180-4) with the x86 SHA extensions, one or two independent messages per loop.
   See include/CSHA1Pair.h for why two. */
#include "CSHA1Pair.h"
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

/* One running digest: A, B, C, D with A in the highest 32-bit lane (the order the round
   instruction wants), E in the highest lane of its own register. */
typedef struct {
    __m128i abcd;
    __m128i e;
} sha1_lanes;

static const uint32_t initial[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};

SHA_TARGET static sha1_lanes sha1_start(void) {
    sha1_lanes s;
    s.abcd = _mm_set_epi32((int)initial[0], (int)initial[1], (int)initial[2], (int)initial[3]);
    s.e = _mm_set_epi32((int)initial[4], 0, 0, 0);
    return s;
}

/* Big-endian message words, w[0] in the highest lane: reversing all 16 bytes does both. */
#define LOAD_WORDS(p) _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p)), reverse)

/* Rounds 4i..4i+3 of one lane (L), i a literal 0..19, F = i / 5 (the round function).
   w[i % 4] holds message words 4i..4i+3: loaded for i < 4, else derived from the four previous
   groups (w[t] = rotl1(w[t-3] ^ w[t-8] ^ w[t-14] ^ w[t-16]) via msg1, xor, msg2).
   E for the group is the A of four rounds ago rotated (sha1nexte) plus the words; for the first
   group it is the block's starting E. `prev` keeps ABCD before the latest round group. */
#define WORDS(L, i)                                                                          \
    do {                                                                                     \
        if ((i) < 4) {                                                                       \
            L##w[(i) & 3] = LOAD_WORDS(L##p + 16 * (i));                                     \
        } else {                                                                             \
            L##w[(i) & 3] = _mm_sha1msg2_epu32(                                              \
                _mm_xor_si128(_mm_sha1msg1_epu32(L##w[(i) & 3], L##w[((i) + 1) & 3]),        \
                              L##w[((i) + 2) & 3]),                                          \
                L##w[((i) + 3) & 3]);                                                        \
        }                                                                                    \
    } while (0)

#define ROUNDS(L, i, F)                                                                      \
    do {                                                                                     \
        WORDS(L, i);                                                                         \
        __m128i e_ = (i) == 0 ? _mm_add_epi32(L##e0, L##w[0])                                \
                              : _mm_sha1nexte_epu32(L##prev, L##w[(i) & 3]);                 \
        L##prev = L##abcd;                                                                   \
        L##abcd = _mm_sha1rnds4_epu32(L##abcd, e_, F);                                       \
    } while (0)

/* Declares lane L's working registers for one block of state S at P. */
#define BLOCK_BEGIN(L, S, P)                                                                 \
    const uint8_t *L##p = (P);                                                               \
    __m128i L##abcd = (S).abcd, L##e0 = (S).e, L##prev = L##abcd, L##w[4]

/* Adds the block's result into state S (the Davies-Meyer feed-forward). */
#define BLOCK_END(L, S)                                                                      \
    do {                                                                                     \
        (S).e = _mm_sha1nexte_epu32(L##prev, L##e0);                                         \
        (S).abcd = _mm_add_epi32(L##abcd, (S).abcd);                                         \
    } while (0)

#define ALL_ROUNDS(STEP)                                                                     \
    STEP(0, 0); STEP(1, 0); STEP(2, 0); STEP(3, 0); STEP(4, 0);                              \
    STEP(5, 1); STEP(6, 1); STEP(7, 1); STEP(8, 1); STEP(9, 1);                              \
    STEP(10, 2); STEP(11, 2); STEP(12, 2); STEP(13, 2); STEP(14, 2);                         \
    STEP(15, 3); STEP(16, 3); STEP(17, 3); STEP(18, 3); STEP(19, 3)

/* `count` consecutive 64-byte blocks of one message. */
SHA_TARGET static void sha1_blocks(sha1_lanes *s, const uint8_t *p, size_t count) {
    const __m128i reverse = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    for (; count > 0; count--, p += 64) {
        BLOCK_BEGIN(a, *s, p);
#define STEP_A(i, f) ROUNDS(a, i, f)
        ALL_ROUNDS(STEP_A);
#undef STEP_A
        BLOCK_END(a, *s);
    }
}

/* `count` blocks of two independent messages, interleaved group by group so one lane's rounds
   run while the other's wait on the round instruction's latency. */
SHA_TARGET static void sha1_blocks2(sha1_lanes *s, const uint8_t *p, sha1_lanes *t, const uint8_t *q,
                                    size_t count) {
    const __m128i reverse = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    for (; count > 0; count--, p += 64, q += 64) {
        BLOCK_BEGIN(a, *s, p);
        BLOCK_BEGIN(b, *t, q);
#define STEP_AB(i, f) ROUNDS(a, i, f); ROUNDS(b, i, f)
        ALL_ROUNDS(STEP_AB);
#undef STEP_AB
        BLOCK_END(a, *s);
        BLOCK_END(b, *t);
    }
}

/* Hashes the last `length` (< 64) bytes of a message of `total` bytes with its padding (0x80,
   zeros, the bit length big-endian) and writes the digest. */
SHA_TARGET static void sha1_finish(sha1_lanes *s, const uint8_t *tail, size_t length, uint64_t total,
                                   uint8_t digest[20]) {
    uint8_t last[128] = {0};
    if (length > 0) memcpy(last, tail, length);
    last[length] = 0x80;
    size_t blocks = length < 56 ? 1 : 2;
    uint64_t bits = total * 8;
    for (int k = 0; k < 8; k++) last[blocks * 64 - 1 - k] = (uint8_t)(bits >> (8 * k));
    sha1_blocks(s, last, blocks);
    uint32_t words[5] = {
        (uint32_t)_mm_extract_epi32(s->abcd, 3), (uint32_t)_mm_extract_epi32(s->abcd, 2),
        (uint32_t)_mm_extract_epi32(s->abcd, 1), (uint32_t)_mm_extract_epi32(s->abcd, 0),
        (uint32_t)_mm_extract_epi32(s->e, 3),
    };
    for (int k = 0; k < 5; k++) {
        digest[4 * k] = (uint8_t)(words[k] >> 24);
        digest[4 * k + 1] = (uint8_t)(words[k] >> 16);
        digest[4 * k + 2] = (uint8_t)(words[k] >> 8);
        digest[4 * k + 3] = (uint8_t)words[k];
    }
}

static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

int wirescore_sha1_pair_available(void) {
    /* -1 unknown; a race only makes two threads ask the CPU the same question. */
    static int known = -1;
    int value = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (value < 0) {
        value = detect();
        __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    }
    return value;
}

int wirescore_sha1_pair(const uint8_t *head, size_t head_length, const uint8_t *payload, size_t payload_length,
                        uint8_t payload_digest[20], uint8_t block_digest[20]) {
    if (!wirescore_sha1_pair_available()) return 0;
    sha1_lanes a = sha1_start(); /* payload */
    sha1_lanes b = sha1_start(); /* head || payload */
    uint64_t block_total = (uint64_t)head_length + payload_length;

    /* Lane b alone over the head's whole blocks, then one block joining the head's rest to the
       payload's start, so that from there on b reads the payload from an offset of its own. */
    sha1_blocks(&b, head, head_length / 64);
    size_t head_rest = head_length & 63;
    const uint8_t *head_tail = head + (head_length - head_rest);
    size_t b_offset = 0; /* where lane b continues in the payload */
    if (head_rest > 0) {
        size_t fill = 64 - head_rest;
        if (payload_length < fill) {
            /* The whole block stream is shorter than one more block: finish it from a copy. */
            uint8_t joined[64];
            memcpy(joined, head_tail, head_rest);
            if (payload_length > 0) memcpy(joined + head_rest, payload, payload_length);
            sha1_finish(&b, joined, head_rest + payload_length, block_total, block_digest);
            sha1_blocks(&a, payload, payload_length / 64);
            sha1_finish(&a, payload + (payload_length & ~(size_t)63), payload_length & 63, payload_length,
                        payload_digest);
            return 1;
        }
        uint8_t joined[64];
        memcpy(joined, head_tail, head_rest);
        memcpy(joined + head_rest, payload, fill);
        sha1_blocks(&b, joined, 1);
        b_offset = fill;
    }

    size_t a_blocks = payload_length / 64;
    size_t b_blocks = (payload_length - b_offset) / 64;
    size_t both = a_blocks < b_blocks ? a_blocks : b_blocks;
    sha1_blocks2(&a, payload, &b, payload + b_offset, both);
    sha1_blocks(&a, payload + 64 * both, a_blocks - both);
    sha1_blocks(&b, payload + b_offset + 64 * both, b_blocks - both);

    size_t a_done = 64 * a_blocks, b_done = b_offset + 64 * b_blocks;
    sha1_finish(&a, payload + a_done, payload_length - a_done, payload_length, payload_digest);
    sha1_finish(&b, payload + b_done, payload_length - b_done, block_total, block_digest);
    return 1;
}

#else

int wirescore_sha1_pair_available(void) { return 0; }

int wirescore_sha1_pair(const uint8_t *head, size_t head_length, const uint8_t *payload, size_t payload_length,
                        uint8_t payload_digest[20], uint8_t block_digest[20]) {
    (void)head; (void)head_length; (void)payload; (void)payload_length; (void)payload_digest; (void)block_digest;
    return 0;
}
#endif
