import Foundation
import WirescoreOutput

/// The local staging area of an object-store output: a tree shaped like the bucket's
/// (`articles/date=D/part-….jsonl`, `raw/date=D/<run>.warc.gz`, …) holding what is written
/// but not yet uploaded. A file's path below the spool root is its key below the prefix, so a
/// file left by a run that died, or that found the store down, is uploaded by the next run
/// under the very name it would have had: a retry replaces, never duplicates.
public struct ObjectSpool: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// The folders of the tree that hold objects (state/ stays local).
    static let objectFolders = ["raw", "errors", "articles", "scores"]

    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Every spooled file as (relative key, size): raw archives first (a record should not
    /// reach the bucket before its raw response), then errors, articles and scores, by name.
    /// Temporary files of an atomic write (dot-files) are skipped.
    public func pendingFiles() -> [(relative: String, size: Int)] {
        var files: [(String, Int)] = []
        let fm = FileManager.default
        for folder in Self.objectFolders {
            let base = root + "/" + folder
            guard let days = try? fm.contentsOfDirectory(atPath: base) else { continue }
            for day in days.sorted() where day.hasPrefix("date=") {
                guard let names = try? fm.contentsOfDirectory(atPath: base + "/" + day) else { continue }
                for name in names.sorted() where !name.hasPrefix(".") {
                    let relative = folder + "/" + day + "/" + name
                    var info = stat()
                    guard stat(path(relative), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                    files.append((relative, Int(info.st_size)))
                }
            }
        }
        return files
    }

    /// The content type an object is stored with, from its name.
    static func contentType(of relative: String) -> String {
        if relative.hasSuffix(".jsonl") { return "application/x-ndjson" }
        if relative.hasSuffix(".warc.gz") { return "application/warc" }
        return "application/octet-stream"
    }
}
