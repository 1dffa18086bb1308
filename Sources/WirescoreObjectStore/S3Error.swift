/// A request to the object store that did not succeed, in one line: the operation, the key,
/// the HTTP status and S3's error code and message (`403 SignatureDoesNotMatch: ...`), or the
/// transport's reason when no answer came.
public struct S3Error: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No HTTP answer: refused, reset, timed out, DNS. Worth retrying; the next run will.
        case unreachable
        /// The server answered with an error status.
        case status(Int)
    }

    public var kind: Kind
    public var operation: String
    public var target: String
    /// S3's `<Code>` (`SignatureDoesNotMatch`, `NoSuchBucket`, `SlowDown`), when sent.
    public var code: String?
    public var message: String

    public init(kind: Kind, operation: String, target: String, code: String? = nil, message: String) {
        self.kind = kind; self.operation = operation; self.target = target; self.code = code; self.message = message
    }

    /// Whether the same request may succeed later (throttling, server errors, no answer),
    /// as opposed to a refusal that only a change of configuration fixes.
    public var isTransient: Bool {
        switch kind {
        case .unreachable: return true
        case let .status(status): return status == 429 || status >= 500 || status == 408
        }
    }

    /// Whether the store refused the credentials or the bucket (a configuration problem).
    public var isConfiguration: Bool {
        guard case let .status(status) = kind else { return false }
        return status == 403 || status == 401 || code == "NoSuchBucket" || code == "InvalidAccessKeyId"
            || code == "SignatureDoesNotMatch" || code == "AccessDenied"
    }

    public var description: String {
        switch kind {
        case .unreachable:
            return "\(operation) \(target): store unreachable: \(message)"
        case let .status(status):
            let hint: String
            switch code {
            case "SignatureDoesNotMatch"?: hint = " (check AWS_SECRET_ACCESS_KEY)"
            case "InvalidAccessKeyId"?: hint = " (check AWS_ACCESS_KEY_ID)"
            case "NoSuchBucket"?: hint = " (create the bucket first)"
            default: hint = ""
            }
            return "\(operation) \(target): \(status) \(code ?? "error"): \(message)\(hint)"
        }
    }
}
