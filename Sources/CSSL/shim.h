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

/* A password callback that gives none: an encrypted key file fails to load at once, instead of
   OpenSSL asking for a passphrase on the terminal in the middle of a run. */
static int cssl_no_password(char *buffer, int size, int rwflag, void *userdata) {
    (void)buffer; (void)size; (void)rwflag; (void)userdata;
    return 0;
}

static inline void cssl_refuse_key_passwords(SSL_CTX *context) {
    SSL_CTX_set_default_passwd_cb(context, cssl_no_password);
}
#endif
