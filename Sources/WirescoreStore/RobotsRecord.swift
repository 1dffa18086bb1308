import Foundation

/// A site's robots.txt as run state keeps it between runs, so a cron job started every few
/// minutes asks each host for it once per expiry rather than once per run.
public struct RobotsRecord: Sendable, Equatable {
    /// How the site answered.
    public enum Answer: String, Sendable, Equatable {
        /// 2xx: ``RobotsRecord/body`` holds the file (its first bytes, when it was longer).
        case rules
        /// 4xx: no usable file, every path allowed.
        case allowAll = "allow_all"
        /// 5xx, a timeout or no connection: every path disallowed until the record expires.
        case unreachable
    }

    public var answer: Answer
    /// The file as fetched (UTF-8; empty unless the answer is ``Answer/rules``).
    public var body: String
    /// Whether ``body`` is a prefix of a longer file.
    public var truncated: Bool
    public var fetchedAt: Date
    public var expiresAt: Date

    public init(answer: Answer, body: String = "", truncated: Bool = false, fetchedAt: Date, expiresAt: Date) {
        self.answer = answer; self.body = body; self.truncated = truncated
        self.fetchedAt = fetchedAt; self.expiresAt = expiresAt
    }
}
