/// A document libxml2 could not parse at all (recoverable problems are reported, not thrown).
public struct XMLParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public init(message: String, line: Int? = nil) { self.message = message; self.line = line }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
