/// Why a page yielded no article.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not an HTML document (binary, JSON, PDF...).
    case notHTML(String)
    /// The body is empty or only whitespace.
    case emptyDocument

    public var code: String {
        switch self {
        case .notHTML: return "not_html"
        case .emptyDocument: return "empty_body"
        }
    }

    public var description: String {
        switch self {
        case let .notHTML(why): return "not an HTML page: \(why)"
        case .emptyDocument: return "empty body"
        }
    }
}
