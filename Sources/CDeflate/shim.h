#ifndef WIRESCORE_CDEFLATE_SHIM_H
#define WIRESCORE_CDEFLATE_SHIM_H
/* libdeflate: whole-buffer gzip compression, several times zlib's speed at the same ratio.
   Every archived page is compressed on the ingest path. */
#include <libdeflate.h>
#endif
