internal import CCurl

extension FetchError {
    /// Maps a failed transfer's `CURLcode` to a `FetchError`.
    ///
    /// - Parameters:
    ///   - code: the transfer's result; not `CURLE_OK`.
    ///   - detail: libcurl's error-buffer text, or empty.
    ///   - bodyCapHit: the write callback refused data because of `maxBodyBytes`.
    ///   - blockedAddress: the open-socket callback refused an address, with the reason.
    static func fromCurl(_ code: CURLcode, detail: String, bodyCapHit: Bool,
                         blockedAddress: String?) -> FetchError {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let raw = Int(code.rawValue)
        if bodyCapHit { return FetchError(.tooLarge, "body exceeds the size cap", curlCode: raw) }
        if let blockedAddress {
            // Say what would change the answer: the pipeline key, or that nothing does.
            let advice = AddressPolicy.isAlwaysRefused(blockedAddress)
                ? "metadata services are never fetched, whatever the pipeline allows"
                : "set fetch.allow_private_networks: true in the pipeline to allow private networks"
            return FetchError(.blockedAddress, "refused to connect to \(blockedAddress); \(advice)", curlCode: raw)
        }
        // libcurl 7.x fails a header line over its 100 KB limit (CURL_MAX_HTTP_HEADER) with
        // CURLE_OUT_OF_MEMORY and no detail, shown as "Out of memory"; curl 8.6+ says
        // CURLE_TOO_LARGE (100). A real allocation failure is far less likely than a server
        // sending a giant cookie or header, so name the header.
        if code == CURLE_OUT_OF_MEMORY || code.rawValue == 100 {
            return FetchError(.tooLarge, "response header too large (a header line over libcurl's 100 KB limit)",
                              curlCode: raw)
        }
        let kind: Code
        switch code {
        case CURLE_OPERATION_TIMEDOUT: kind = .timeout
        case CURLE_FILESIZE_EXCEEDED: kind = .tooLarge
        case CURLE_TOO_MANY_REDIRECTS: kind = .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL: kind = .protocolNotAllowed
        case CURLE_URL_MALFORMAT: kind = .badURL
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dns
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
             CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            kind = .connection
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            kind = .tls
        default: kind = .transfer
        }
        return FetchError(kind, text, curlCode: raw)
    }
}
