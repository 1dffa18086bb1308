#include "CJemallocSettings.h"

/* Two arenas rather than jemalloc's default of four per CPU: an ingest's threads hand page-sized
   buffers to one another, and with an arena per thread each kept its own free extents; in a
   30,000-article ingest peak RSS was 98 MB with two arenas against 105 MB. Read by jemalloc
   before main runs, so it cannot be set later through mallctl. */
const char *malloc_conf = "narenas:2";

const char *wirescore_malloc_conf(void) { return malloc_conf; }
