#ifndef WIRESCORE_CSSL_SHIM_H
#define WIRESCORE_CSSL_SHIM_H
/* OpenSSL's libssl (libcurl already loads it): TLS for the NATS stream output. The TLS engine
   runs over memory BIOs; the socket stays with the Swift side. The functions below wrap what
   OpenSSL declares as macros, which Swift cannot call. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static inline long cssl_set_server_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline int cssl_require_tls12(SSL_CTX *context) {
    return (int)SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
}

/* Without auto-retry, SSL_read hands back WANT_READ after a record that carried no application
   data (a TLS 1.3 session ticket), instead of waiting on a socket it does not have. */
static inline void cssl_no_auto_retry(SSL_CTX *context) {
    SSL_CTX_clear_mode(context, SSL_MODE_AUTO_RETRY);
}
#endif
