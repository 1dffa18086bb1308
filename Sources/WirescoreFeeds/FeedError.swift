/// Why a document could not be read as a feed at all.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
