/// Why a report could not be made: the tree, a date, or the destination folder.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
