#ifndef WIRESCORE_CCURL_SHIM_H
#define WIRESCORE_CCURL_SHIM_H
/*
 * curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic C
 * macros/functions that Swift cannot call. These typed inline wrappers are the
 * only C that WirescoreFetch needs; everything else is imported as is.
 */
#include <curl/curl.h>

static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_write_cb(CURL *h, CURLoption o, size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode ccurl_setopt_opensocket_cb(CURL *h, curl_socket_t (*cb)(void *, curlsocktype, struct curl_sockaddr *)) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, cb); }
static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURL *ccurl_message_easy(CURLMsg *msg) { return msg->easy_handle; }
static inline CURLcode ccurl_message_result(CURLMsg *msg) { return msg->data.result; }
static inline int ccurl_message_is_done(CURLMsg *msg) { return msg->msg == CURLMSG_DONE; }

/* Added for WirescoreFetch: the debug callback (request headers as sent), the
 * global-init flags macro, and a view of the resolved address curl is about to
 * connect to (SSRF checks run after DNS, on every hop). */
static inline CURLcode ccurl_setopt_debug_cb(CURL *h, int (*cb)(CURL *, curl_infotype, char *, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, cb); }
static inline CURLcode ccurl_global_init_default(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
static inline curl_socket_t ccurl_socket_bad(void) { return CURL_SOCKET_BAD; }
static inline const unsigned char *ccurl_sockaddr_bytes(const struct curl_sockaddr *a) { return (const unsigned char *)&a->addr; }
static inline unsigned int ccurl_sockaddr_length(const struct curl_sockaddr *a) { return a->addrlen; }
static inline int ccurl_sockaddr_family(const struct curl_sockaddr *a) { return a->family; }
static inline int ccurl_sockaddr_socktype(const struct curl_sockaddr *a) { return a->socktype; }
static inline int ccurl_sockaddr_protocol(const struct curl_sockaddr *a) { return a->protocol; }

/* Added for proxies: with a proxy the open-socket callback sees the proxy's address, so the
 * target of every request (redirect hops too) is checked here, before the request is sent. */
static inline CURLcode ccurl_setopt_prereq_cb(CURL *h, int (*cb)(void *, char *, char *, int, int)) { return curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, cb); }
#endif
