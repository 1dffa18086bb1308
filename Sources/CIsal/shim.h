#ifndef WIRESCORE_CISAL_SHIM_H
#define WIRESCORE_CISAL_SHIM_H
/* Intel ISA-L's igzip: whole-buffer gzip compression at level 1, about 2.5x libdeflate's
   fastest level on news pages for members ~6% larger. Every archived page is compressed on the
   ingest path, so this is the archive's largest single cost. Only compression is used; zlib
   reads the members back. */
#include <isa-l/igzip_lib.h>

/* The constants below are macros Swift cannot import. */
static inline unsigned int cisal_level1_buffer_size(void) { return ISAL_DEF_LVL1_DEFAULT; }
static inline unsigned short cisal_gzip_flag(void) { return IGZIP_GZIP; }
static inline int cisal_stateless_overflow(void) { return STATELESS_OVERFLOW; }
static inline int cisal_comp_ok(void) { return COMP_OK; }
#endif
