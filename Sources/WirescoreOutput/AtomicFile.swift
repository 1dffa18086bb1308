import Foundation

/// Replaces a file all at once: the bytes go to a temporary file in the same directory, which
/// is then renamed over the target, so a reader (a scrape, `tail`, DuckDB) sees the old file
/// or the new one, never half of either.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputError(path: path, message: "cannot replace: \(message)")
        }
    }

    /// ``write(_:to:)`` for a document produced in chunks: `produce` is handed a function that
    /// appends a chunk to the temporary file, so the document is never whole in memory.
    /// A failure (of a write or of `produce`) leaves the target untouched and no temporary file.
    public static func write(to path: String,
                             _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: temporary, message: "cannot create: \(String(cString: strerror(errno)))") }
        do {
            try produce { chunk in
                guard let base = chunk.baseAddress else { return }
                var offset = 0
                while offset < chunk.count {
                    let written = systemWrite(fd, base + offset, chunk.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw OutputError(path: temporary, message: "cannot write: \(String(cString: strerror(errno)))")
                    }
                    offset += written
                }
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, message: "cannot replace: \(message)")
        }
    }

    /// Writes `lines`, each followed by a newline.
    public static func write(lines: [String], to path: String) throws {
        var text = lines.joined(separator: "\n")
        if !lines.isEmpty { text += "\n" }
        try write(Data(text.utf8), to: path)
    }
}

#if canImport(Glibc)
/// `write(2)`, named apart from `AtomicFile.write`.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
