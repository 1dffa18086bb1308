internal import CSSL
import Foundation

/// How the stream output's NATS connection uses TLS: whom to trust and, for servers that
/// verify their clients, which certificate to show. All paths are PEM files.
public struct NATSTLS: Sendable, Equatable {
    /// The certificate authorities to trust; nil: the system's (Debian: /etc/ssl/certs).
    public var caFile: String?
    /// A client certificate (chain) and its key, for servers that verify clients (mutual TLS).
    public var certFile: String?
    public var keyFile: String?

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil) {
        self.caFile = caFile; self.certFile = certFile; self.keyFile = keyFile
    }
}

/// One TLS client session as a byte transform (OpenSSL over memory BIOs): ciphertext from the
/// socket goes in with ``receive(_:)``, plaintext comes out of ``readPlaintext(into:)``;
/// plaintext goes in with ``encrypt(_:)`` and ciphertext to send comes out of
/// ``takeOutgoing()``. The socket stays with ``NATSConnection``, so its `poll` timeouts and
/// `MSG_NOSIGNAL` sends hold under TLS too (a socket BIO would write with `write(2)`, and a
/// server closing the connection would end the process with SIGPIPE).
///
/// The server's certificate must chain to a trusted authority and name the host connected to
/// (its DNS name, or its IP address when the URL gives one). TLS 1.2 at least.
final class TLSSession {
    /// The connection's address, named in every failure (``StreamError``).
    private let server: String

    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer

    /// Failures are ``StreamError``s naming `server`; `connectionLost` marks the transport's (the
    /// peer closed the session, or the bytes were not TLS), worth a reconnect.
    init(host: String, settings: NATSTLS, server: String) throws(StreamError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw StreamError(server: server, message: Self.openSSLError("cannot create a TLS context")) }
        var owned = true
        defer { if owned { SSL_CTX_free(context) } }
        _ = cssl_require_tls12(context)
        cssl_refuse_key_passwords(context)
        if let ca = settings.caFile {
            guard SSL_CTX_load_verify_locations(context, ca, nil) == 1 else {
                throw StreamError(server: server, message: Self.openSSLError("cannot read the CA file \(ca)"))
            }
        } else if SSL_CTX_set_default_verify_paths(context) != 1 {
            throw StreamError(server: server, message: Self.openSSLError("cannot load the system's certificate authorities"))
        }
        if let certificate = settings.certFile {
            guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else {
                throw StreamError(server: server, message: Self.openSSLError("cannot read the client certificate \(certificate)"))
            }
            let key = settings.keyFile ?? certificate
            guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else {
                // OpenSSL checks the pair as it loads the key; say so in words.
                if ERR_GET_REASON(ERR_peek_error()) == X509_R_KEY_VALUES_MISMATCH {
                    throw StreamError(server: server, message: "the client key \(key) does not match the certificate \(certificate)")
                }
                throw StreamError(server: server, message: Self.openSSLError("cannot read the client key \(key) (a key encrypted with a passphrase is not supported)"))
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw StreamError(server: server, message: Self.openSSLError("the client key \(key) does not match the certificate \(certificate)"))
            }
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard let ssl = SSL_new(context) else { throw StreamError(server: server, message: Self.openSSLError("cannot create a TLS session")) }
        let incomingBuffer = BIO_new(BIO_s_mem()), outgoingBuffer = BIO_new(BIO_s_mem())
        guard let incoming = incomingBuffer, let outgoing = outgoingBuffer else {
            if let incomingBuffer { BIO_free(incomingBuffer) }
            if let outgoingBuffer { BIO_free(outgoingBuffer) }
            SSL_free(ssl)
            throw StreamError(server: server, message: "cannot allocate TLS buffers")
        }
        SSL_set_bio(ssl, incoming, outgoing)   // the session owns both from here
        let named: Bool
        if Self.isIPAddress(host) {
            named = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
        } else {
            named = cssl_set_server_name(ssl, host) == 1 && SSL_set1_host(ssl, host) == 1
        }
        guard named else {
            SSL_free(ssl)
            throw StreamError(server: server, message: Self.openSSLError("cannot check the certificate against '\(host)'"))
        }
        SSL_set_connect_state(ssl)
        self.server = server
        self.context = context
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
        owned = false
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// Advances the handshake with what has been received: true once it is complete; false
    /// when it needs more bytes from the server (send ``takeOutgoing()`` first).
    func handshake() throws(StreamError) -> Bool {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return true }
        let code = SSL_get_error(ssl, result)
        if code == SSL_ERROR_WANT_READ { return false }
        let verification = SSL_get_verify_result(ssl)
        if verification != Int(X509_V_OK) {
            throw StreamError(server: server, message: "the server's certificate was not accepted: "
                          + String(cString: X509_verify_cert_error_string(verification)))
        }
        throw StreamError(server: server, message: Self.openSSLError("TLS handshake failed"), connectionLost: code == SSL_ERROR_SYSCALL)
    }

    /// Ciphertext from the socket.
    func receive(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // A memory BIO grows as needed; writing to it only fails without memory.
        _ = BIO_write(incoming, base, Int32(bytes.count))
    }

    /// A failure met after some plaintext was already handed out, thrown by the next read so
    /// the server's last words (an `-ERR` before it closes) reach the caller first.
    private var pendingFailure: StreamError?

    /// Appends every byte of application data that can be decrypted now to `plaintext`; how
    /// many were appended. Records without application data (TLS 1.3 session tickets) are
    /// consumed on the way: with a memory BIO, OpenSSL's auto-retry stops when the buffer is
    /// empty, so it never waits.
    @discardableResult
    func readPlaintext(into plaintext: inout [UInt8]) throws(StreamError) -> Int {
        if let pendingFailure { throw pendingFailure }
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            ERR_clear_error()
            let count = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if count > 0 {
                plaintext.append(contentsOf: chunk[0..<Int(count)])
                total += Int(count)
                continue
            }
            let failure: StreamError
            switch SSL_get_error(ssl, count) {
            case SSL_ERROR_WANT_READ:
                return total
            case SSL_ERROR_ZERO_RETURN:
                failure = StreamError(server: server, message: "the server closed the TLS session", connectionLost: true)
            default:
                failure = StreamError(server: server, message: Self.openSSLError("TLS receive failed"), connectionLost: true)
            }
            guard total > 0 else { throw failure }
            pendingFailure = failure
            return total
        }
    }

    /// Queues TLS's `close_notify` in ``takeOutgoing()``, so the server sees an orderly end.
    func close() {
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
    }

    /// Encrypts `plaintext`; the records wait in ``takeOutgoing()``.
    func encrypt(_ plaintext: [UInt8]) throws(StreamError) {
        var offset = 0
        while offset < plaintext.count {
            ERR_clear_error()
            let step = min(plaintext.count - offset, 1 << 20)
            let written = plaintext.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + offset, Int32(step)) }
            guard written > 0 else { throw StreamError(server: server, message: Self.openSSLError("TLS send failed"), connectionLost: true) }
            offset += Int(written)
        }
    }

    /// The ciphertext waiting to be sent, taken.
    func takeOutgoing() -> [UInt8] {
        let waiting = Int(BIO_ctrl_pending(outgoing))
        guard waiting > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: waiting)
        let read = bytes.withUnsafeMutableBytes { BIO_read(outgoing, $0.baseAddress, Int32(waiting)) }
        return read > 0 ? Array(bytes[0..<Int(read)]) : []
    }

    /// `context` and the first error OpenSSL queued, in one line.
    private static func openSSLError(_ context: String) -> String {
        let code = ERR_get_error()
        guard code != 0 else { return context }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return "\(context): \(text)"
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
