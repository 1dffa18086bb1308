/// A gazetteer or entities file that cannot be loaded: the file, line and reason.
public struct EntityError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String
    public init(file: String, line: Int?, reason: String) { self.file = file; self.line = line; self.reason = reason }
    public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
}
