#ifndef WIRESCORE_CJEMALLOC_SHIM_H
#define WIRESCORE_CJEMALLOC_SHIM_H
/* jemalloc, linked into the wirescore executable ahead of libc, serves every malloc of the
   process (Swift, libcurl, libxml2, SQLite). Only its control interface is declared here:
   <jemalloc/jemalloc.h> would declare malloc and friends a second time for Swift. */
#include <stddef.h>
#include <stdint.h>

int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

/* jemalloc's version string, or NULL. */
static inline const char *cjemalloc_version(void) {
    const char *version = NULL;
    size_t length = sizeof(version);
    return mallctl("version", &version, &length, NULL, 0) == 0 ? version : NULL;
}

/* Bytes jemalloc has handed to the calling thread so far (0 when it cannot say). */
static inline uint64_t cjemalloc_thread_allocated(void) {
    uint64_t bytes = 0;
    size_t length = sizeof(bytes);
    return mallctl("thread.allocated", &bytes, &length, NULL, 0) == 0 ? bytes : 0;
}
#endif
