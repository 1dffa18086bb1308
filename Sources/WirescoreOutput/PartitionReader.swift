import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads partitions back: which days exist, and the complete lines of their part files.
///
/// Used by ``PartitionFollower`` (`wirescore tail`); it only ever returns whole lines, so a
/// line being written is picked up on a later read, never half.
public struct PartitionReader: Sendable {
    public let layout: OutputLayout

    public init(layout: OutputLayout) { self.layout = layout }

    /// Days present for a kind, oldest first (`YYYY-MM-DD`).
    public func days(_ kind: OutputLayout.Kind) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.kindDirectory(kind))) ?? []
        return names.compactMap { name in
            guard name.hasPrefix("date=") else { return nil }
            let day = String(name.dropFirst(5))
            return layout.partitionDirectory(kind, day: day) == nil ? nil : day
        }.sorted()
    }

    /// Part files of one day (every shard), by name.
    public func partFiles(_ kind: OutputLayout.Kind, day: String) -> [String] {
        guard let dir = layout.partitionDirectory(kind, day: day),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasPrefix("part-") && $0.hasSuffix(".jsonl") }.sorted().map { dir + "/" + $0 }
    }

    /// The complete lines of `path` from byte `offset` on, and the offset just past the last
    /// complete line (where the next read should start).
    public static func completeLines(of path: String, from offset: Int) -> (lines: [Substring], next: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ([], offset) }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(offset))
        } catch {
            return ([], offset)
        }
        let data = handle.readDataToEndOfFile()
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return ([], offset) }
        let complete = data[data.startIndex...lastNewline]
        let text = String(decoding: complete, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        return (lines, offset + complete.count)
    }

    /// The offset just past the last complete line of `path` and its inode, read from the end
    /// (a follower starting there skips what exists without reading it all, and never starts
    /// inside a line being written). Nil when the file cannot be read.
    public static func endOfCompleteLines(of path: String) -> (offset: Int, inode: UInt64)? {
        guard let identity = identity(of: path), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var end = identity.size
        let block = 64 * 1024
        while end > 0 {
            let start = max(0, end - block)
            guard (try? handle.seek(toOffset: UInt64(start))) != nil,
                  let data = try? handle.read(upToCount: end - start) else { return nil }
            if let newline = data.lastIndex(of: UInt8(ascii: "\n")) {
                return (start + (newline - data.startIndex) + 1, identity.inode)
            }
            end = start
        }
        return (0, identity.inode)
    }

    /// Size and inode of a file, to notice growth and replacement (a reprocess swap).
    public static func identity(of path: String) -> (size: Int, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), UInt64(info.st_ino))
    }
}
