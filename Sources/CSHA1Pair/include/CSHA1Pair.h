#ifndef WIRESCORE_CSHA1PAIR_H
#define WIRESCORE_CSHA1PAIR_H
/* Two SHA-1 digests of one archived HTTP response at once: SHA-1(payload) for
   WARC-Payload-Digest and SHA-1(head || payload) for WARC-Block-Digest.

   The CPU's SHA-1 round instruction has a latency of several cycles, so a single digest (what
   libcrypto computes) waits on it most of the time; two independent digests interleaved in one
   loop fill those waits and take little more time than one. Only x86-64 with the SHA
   extensions; elsewhere the functions report that they cannot, and the caller uses libcrypto. */
#include <stddef.h>
#include <stdint.h>

/* 1 when this CPU has the SHA extensions (and SSSE3 / SSE4.1) that
   wirescore_sha1_pair needs, else 0. Asks the CPU once and remembers. */
int wirescore_sha1_pair_available(void);

/* Writes SHA-1(payload) to payload_digest and SHA-1(head || payload) to block_digest, 20 bytes
   each. Returns 1, or 0 (writing nothing) when wirescore_sha1_pair_available() is 0. A pointer
   may be NULL only when its length is 0. */
int wirescore_sha1_pair(const uint8_t *head, size_t head_length,
                        const uint8_t *payload, size_t payload_length,
                        uint8_t payload_digest[20], uint8_t block_digest[20]);

#endif
