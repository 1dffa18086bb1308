#ifndef WIRESCORE_CJEMALLOC_SHIM_H
#define WIRESCORE_CJEMALLOC_SHIM_H
/* jemalloc, linked into the wirescore executable ahead of libc, serves every malloc of the
   process (Swift, libcurl, libxml2, SQLite). Only its control interface is declared here:
   <jemalloc/jemalloc.h> would declare malloc and friends a second time for Swift. */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <stdio.h>

int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

/* jemalloc's version string, or NULL. */
static inline const char *cjemalloc_version(void) {
    const char *version = NULL;
    size_t length = sizeof(version);
    return mallctl("version", &version, &length, NULL, 0) == 0 ? version : NULL;
}


/* Sets how long freed pages stay resident before jemalloc returns them (dirty), and before
   it drops them entirely (muzzy): the default for arenas created later, and each arena that
   exists already (arenas not yet initialised refuse, which is fine). 0 on success. */
static inline int cjemalloc_set_decay(long dirty_ms, long muzzy_ms) {
    ssize_t dirty = (ssize_t)dirty_ms, muzzy = (ssize_t)muzzy_ms;
    if (mallctl("arenas.dirty_decay_ms", NULL, NULL, &dirty, sizeof(dirty)) != 0) return -1;
    if (mallctl("arenas.muzzy_decay_ms", NULL, NULL, &muzzy, sizeof(muzzy)) != 0) return -1;
    unsigned count = 0;
    size_t length = sizeof(count);
    if (mallctl("arenas.narenas", &count, &length, NULL, 0) != 0) return -1;
    for (unsigned i = 0; i < count; i++) {
        char name[64];
        snprintf(name, sizeof(name), "arena.%u.dirty_decay_ms", i);
        (void)mallctl(name, NULL, NULL, &dirty, sizeof(dirty));
        snprintf(name, sizeof(name), "arena.%u.muzzy_decay_ms", i);
        (void)mallctl(name, NULL, NULL, &muzzy, sizeof(muzzy));
    }
    return 0;
}

/* How many arenas jemalloc runs (0 when it cannot say). */
static inline unsigned cjemalloc_narenas(void) {
    unsigned count = 0;
    size_t length = sizeof(count);
    return mallctl("arenas.narenas", &count, &length, NULL, 0) == 0 ? count : 0;
}

/* The current default dirty decay of new arenas in milliseconds, or -2 when unknown. */
static inline long cjemalloc_dirty_decay_ms(void) {
    ssize_t value = -2;
    size_t length = sizeof(value);
    return mallctl("arenas.dirty_decay_ms", &value, &length, NULL, 0) == 0 ? (long)value : -2;
}
#endif
