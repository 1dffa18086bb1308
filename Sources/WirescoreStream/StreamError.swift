/// A failure talking to the stream server, in one line with the server's address.
public struct StreamError: Error, Sendable, CustomStringConvertible {
    public var server: String
    public var message: String
    public init(server: String, message: String) { self.server = server; self.message = message }
    public var description: String { "stream \(server): \(message)" }
}
