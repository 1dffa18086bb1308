/// A transfer that produced no HTTP response worth reading.
///
/// HTTP 4xx/5xx are not errors: they arrive as a `FetchResponse`. A `FetchError` means there is
/// no response at all (or only a partial one that must not be used), so the caller records the
/// failure in `errors/` and the run carries on.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case timeout, tooLarge = "too_large", tooManyRedirects = "too_many_redirects"
        case protocolNotAllowed = "protocol_not_allowed", connection, dns, tls
        case blockedAddress = "blocked_address", badURL = "bad_url", transfer
        /// The caller's task was cancelled or the fetcher was shut down before completion.
        case cancelled
        /// The `FetchPolicy` holds a value libcurl cannot use (for example a negative limit).
        case invalidPolicy = "invalid_policy"
        /// The `FetchRequest` cannot be sent as given (for example a header with a line break).
        case invalidRequest = "invalid_request"
    }
    public var code: Code
    /// Human-readable context: libcurl's error-buffer text when there is one.
    public var message: String
    /// The libcurl `CURLcode` behind the error, when it came from libcurl.
    public var curlCode: Int?
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message; self.curlCode = nil }
    public init(_ code: Code, _ message: String, curlCode: Int?) {
        self.code = code; self.message = message; self.curlCode = curlCode
    }
    public var description: String {
        if let curlCode { return "\(code.rawValue): \(message) (curl \(curlCode))" }
        return "\(code.rawValue): \(message)"
    }
}
