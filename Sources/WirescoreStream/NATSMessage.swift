/// A message delivered on a subscription (`MSG` or `HMSG`): for wirescore, a JetStream
/// acknowledgement or an API answer arriving on the connection's reply inbox.
public struct NATSMessage: Sendable {
    public var subject: String
    public var replyTo: String?
    /// The status of a header-only message (`NATS/1.0 503` when no stream listens), if any.
    public var status: Int?
    public var headers: [(name: String, value: String)]
    public var payload: [UInt8]
}
