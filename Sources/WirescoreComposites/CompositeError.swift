/// A failure of the composites module: today only reading a factor file.
///
/// Carries the file and 1-based line so `wirescore validate` can print "file:line: reason",
/// as DESIGN.md asks for every file a pipeline names.
public struct CompositeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unreadableFile = "unreadable_file"
        case missingColumn = "missing_column"
        case badDate = "bad_date"
        case badNumber = "bad_number"
        case badRow = "bad_row"
        case duplicateRow = "duplicate_row"
        case badConfiguration = "bad_configuration"
    }

    public var code: Code
    public var file: String
    /// 1-based line, or nil when the error is about the whole file.
    public var line: Int?
    public var reason: String

    public init(code: Code, file: String, line: Int? = nil, reason: String) {
        self.code = code; self.file = file; self.line = line; self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
