import Foundation

/// Checks an output root (`--output` or the pipeline's `output:`) before anything reads or
/// writes under it.
///
/// Why one place: without it, `--output s3://bucket/x` silently became a local folder named
/// `s3:`, and an output path that is a regular file surfaced as an opaque Foundation error
/// deep inside the lock. Every command that takes an output root calls ``check(_:)`` first.
/// Pure apart from one `stat`; thread-safe.
public enum OutputRoot {
    /// Why an output root cannot be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// `scheme://...`: URLs other than `s3://` (which ingest, reprocess and tail take) are
        /// not written to.
        case unsupportedScheme(root: String, scheme: String)
        /// The path exists and is not a directory.
        case notADirectory(path: String)

        public var description: String {
            switch self {
            case let .unsupportedScheme(root, scheme):
                let objectStores: Set<String> = ["s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "wasb", "wasbs", "oss", "r2"]
                if scheme.lowercased() == "s3" {
                    return "output '\(root)': this command reads a local directory; s3:// works with ingest, reprocess and tail"
                }
                if objectStores.contains(scheme.lowercased()) {
                    return "output '\(root)': object storage through \(scheme):// is not supported; use s3:// (any S3 API) or a local directory"
                }
                return "output '\(root)': URL scheme '\(scheme)' is not supported; give a local directory"
            case let .notADirectory(path):
                return "output path \(path) is a file, not a directory"
            }
        }
    }

    /// The URL scheme of `root` when it is written as `scheme://...` (RFC 3986 scheme syntax),
    /// else nil. A Windows-style `C:/` or a folder named `a:b` has no `//` and is a path.
    public static func urlScheme(of root: String) -> String? {
        guard let range = root.range(of: "://") else { return nil }
        let scheme = root[..<range.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                                                                 || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return String(scheme)
    }

    /// Refuses a URL (any `scheme://`) and a path that exists but is not a directory. A path
    /// that does not exist yet passes: a run creates it.
    /// - Throws: ``Problem``.
    public static func check(_ root: String) throws(Problem) {
        if let scheme = urlScheme(of: root) { throw .unsupportedScheme(root: root, scheme: scheme) }
        if let path = firstNonDirectory(along: root) { throw .notADirectory(path: path) }
    }

    /// Why `root` is not a wirescore output tree to read from (`wirescore tail`), or nil: it
    /// must be a directory holding at least one of `articles/`, `scores/`, `errors/`, `raw/`
    /// or `state/`. A mistyped `--output` then fails loudly instead of waiting on nothing.
    public static func treeProblem(_ root: String) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
            return "no wirescore output at \(root): no such directory (has an ingest run written there yet?)"
        }
        guard isDirectory.boolValue else { return Problem.notADirectory(path: root).description }
        let names = OutputLayout.Kind.allCases.map(\.rawValue) + ["raw", "state"]
        let present = names.contains { name in
            var sub: ObjCBool = false
            return fm.fileExists(atPath: root + "/" + name, isDirectory: &sub) && sub.boolValue
        }
        guard present else {
            return "no wirescore output at \(root): it holds none of \(names.map { $0 + "/" }.joined(separator: ", "))"
        }
        return nil
    }

    /// The first existing component of `path` (itself or an ancestor) that is not a directory,
    /// or nil. A file where a folder is expected makes every `mkdir -p` fail with ENOTDIR or
    /// EEXIST; this names the culprit instead.
    public static func firstNonDirectory(along path: String) -> String? {
        var prefixes: [String] = []
        var current = path
        while !current.isEmpty, current != "/", current != "." {
            prefixes.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        for candidate in prefixes.reversed() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return nil }
            if !isDirectory.boolValue { return candidate }
        }
        return nil
    }
}
