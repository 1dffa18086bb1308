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

    /// ``write(_:to:)`` for bytes already in an array, without copying them into a `Data` first
    /// (the story state is megabytes, written at the end of every run with new articles).
    public static func write(bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return try write(Data(), to: path) }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none), to: path)
        }
    }

    /// Writes `lines`, each followed by a newline.
    public static func write(lines: [String], to path: String) throws {
        var text = lines.joined(separator: "\n")
        if !lines.isEmpty { text += "\n" }
        try write(Data(text.utf8), to: path)
    }
}
