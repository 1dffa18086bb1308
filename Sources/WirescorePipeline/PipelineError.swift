/// An invalid pipeline or feed list: the file, the line (when known) and the reason.
/// The command line maps it to exit 78 (EX_CONFIG).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String
    public init(file: String, line: Int?, reason: String) { self.file = file; self.line = line; self.reason = reason }
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
