#ifndef WIRESCORE_CJEMALLOC_SETTINGS_H
#define WIRESCORE_CJEMALLOC_SETTINGS_H
/* The options jemalloc reads at its initialisation (its `malloc_conf` symbol, defined by the
   program). MALLOC_CONF in the environment still overrides them. */
const char *wirescore_malloc_conf(void);
#endif
