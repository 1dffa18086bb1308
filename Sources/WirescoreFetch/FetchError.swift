/// A transfer that produced no HTTP response worth reading.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case timeout, tooLarge = "too_large", tooManyRedirects = "too_many_redirects"
        case protocolNotAllowed = "protocol_not_allowed", connection, dns, tls
        case blockedAddress = "blocked_address", badURL = "bad_url", transfer
    }
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { "\(code.rawValue): \(message)" }
}
