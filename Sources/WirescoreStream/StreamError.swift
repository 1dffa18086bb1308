/// A failure talking to the stream server, in one line with the server's address.
public struct StreamError: Error, Sendable, CustomStringConvertible {
    public var server: String
    public var message: String
    /// True when the transport failed (the socket was closed, a send or receive failed, or the
    /// server could not be reached): the publisher may reconnect and resend. False for answers
    /// the server gave (no stream, a refusal, a protocol error), which a reconnect cannot fix.
    public var connectionLost: Bool
    public init(server: String, message: String, connectionLost: Bool = false) {
        self.server = server; self.message = message; self.connectionLost = connectionLost
    }
    public var description: String { "stream \(server): \(message)" }
}
