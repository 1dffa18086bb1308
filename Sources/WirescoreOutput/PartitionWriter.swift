import Foundation
import WirescoreCore
#if canImport(Glibc)
import Glibc
#endif

/// Appends JSONL records to partition files, whole lines only.
///
/// Each ``append(_:to:)`` call issues one `write(2)` of complete lines to a file opened with
/// `O_APPEND`, so `tail -F` never shows half a record; a crash mid-write can leave at most a
/// partial last line, which ``PartitionRepair`` cuts at the next start. Intentionally not
/// thread safe: the pipeline's single sink owns the writer.
public final class PartitionWriter {
    private var descriptors: [String: Int32] = [:]

    public init() {}

    deinit { closeAll() }

    /// Appends `lines` (each one serialised record, without newline) to `path` in one write,
    /// creating directories and the file as needed.
    /// - Returns: the file's size after the write, for the state store's committed mark.
    @discardableResult
    public func append(_ lines: [String], to path: String) throws -> Int {
        guard !lines.isEmpty else { return try size(of: path) }
        var buffer = lines.joined(separator: "\n")
        buffer.append("\n")
        let fd = try descriptor(for: path)
        var bytes = Array(buffer.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                write(fd, raw.baseAddress!.advanced(by: offset), raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: String(cString: strerror(errno)))
            }
            offset += written
        }
        bytes.removeAll()
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        return Int(info.st_size)
    }

    /// Convenience: serialises records and appends them.
    @discardableResult
    public func append(records: [JSONValue], to path: String) throws -> Int {
        try append(records.map { $0.serialized() }, to: path)
    }

    /// Closes the file at `path` if it is open (the next append opens it again).
    public func closeFile(_ path: String) {
        if let fd = descriptors.removeValue(forKey: path) { close(fd) }
    }

    /// Closes every open file (the pipeline calls this at the end of a run).
    public func closeAll() {
        for fd in descriptors.values { close(fd) }
        descriptors.removeAll()
    }

    private func descriptor(for path: String) throws -> Int32 {
        if let fd = descriptors[path] { return fd }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, message: "cannot create: \(error.localizedDescription)")
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        descriptors[path] = fd
        return fd
    }

    private func size(of path: String) throws -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
