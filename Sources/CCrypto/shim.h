#ifndef WIRESCORE_CCRYPTO_SHIM_H
#define WIRESCORE_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto (already loaded by libcurl): SHA-1 for WARC digests, using the CPU's SHA
   instructions where present. */
#include <openssl/evp.h>
#endif
