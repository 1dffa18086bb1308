/// A SQLite failure with the statement's context.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var context: String
    public init(code: Int32, message: String, context: String) {
        self.code = code; self.message = message; self.context = context
    }
    public var description: String { "state store: \(context): \(message) (sqlite \(code))" }
}
