/// Where an `s3://bucket/prefix` output lives: a bucket and a key prefix (no leading or
/// trailing slash; empty for the bucket's root).
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    public var prefix: String

    public init(bucket: String, prefix: String) { self.bucket = bucket; self.prefix = prefix }

    /// Why a string is not an `s3://` location.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses `s3://bucket[/prefix]`.
    /// - Throws: ``Problem`` naming what is wrong (scheme, bucket name rules, `..` segments).
    public init(parsing text: String) throws(Problem) {
        guard text.lowercased().hasPrefix("s3://") else {
            throw Problem(description: "'\(text)' is not an s3:// URL")
        }
        let rest = text.dropFirst(5)
        let bucket = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        // S3's bucket rules: 3-63 of lowercase letters, digits, dots and hyphens, starting and
        // ending with a letter or digit.
        let allowed = bucket.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
        guard (3...63).contains(bucket.count), allowed, let first = bucket.utf8.first, let last = bucket.utf8.last,
              first != 0x2E, first != 0x2D, last != 0x2E, last != 0x2D else {
            throw Problem(description: "'\(text)': '\(bucket)' is not a bucket name (3 to 63 lowercase letters, digits, '.' or '-')")
        }
        let segments = rest.dropFirst(bucket.count).split(separator: "/").map(String.init)
        for segment in segments where segment == "." || segment == ".." || segment.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw Problem(description: "'\(text)': the prefix may not hold '\(segment)'")
        }
        self.bucket = bucket
        self.prefix = segments.joined(separator: "/")
    }

    /// The full key of `relative` (`articles/date=D/part-0-R-0.jsonl`) under the prefix.
    public func key(_ relative: String) -> String {
        prefix.isEmpty ? relative : prefix + "/" + relative
    }

    /// `relative` of a full key under the prefix, or nil for a key outside it.
    public func relative(_ key: String) -> String? {
        if prefix.isEmpty { return key }
        return key.hasPrefix(prefix + "/") ? String(key.dropFirst(prefix.count + 1)) : nil
    }

    public var description: String { prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)" }
}
