import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Cuts the trailing partial line a crashed run may have left in a part file.
///
/// Run at the start of every ingest, under the output lock, before anything is appended.
public enum PartitionRepair {
    /// Every `part-*.jsonl` under the layout's record directories.
    public static func partFiles(in layout: OutputLayout, kinds: [OutputLayout.Kind] = OutputLayout.Kind.allCases) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for kind in kinds {
            let base = layout.kindDirectory(kind)
            guard let days = try? fm.contentsOfDirectory(atPath: base) else { continue }
            for day in days.sorted() where day.hasPrefix("date=") {
                let dir = base + "/" + day
                guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
                for name in names.sorted() where name.hasPrefix("part-") && name.hasSuffix(".jsonl") {
                    files.append(dir + "/" + name)
                }
            }
        }
        return files
    }

    /// Truncates `path` just after its last newline when it does not end with one.
    /// - Returns: the number of bytes cut (0 when the file was whole).
    @discardableResult
    public static func repair(_ path: String) throws -> Int {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size > 0 else { return 0 }
        // Scan backwards in blocks for the last newline.
        let block = 64 * 1024
        var end = size
        var buffer = [UInt8](repeating: 0, count: block)
        var lastNewline = -1
        var first = true
        while end > 0 {
            let start = max(0, end - block)
            let count = end - start
            let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(start)) }
            guard read == count else { throw OutputError(path: path, message: "short read while repairing") }
            if first {
                if buffer[count - 1] == 0x0A { return 0 }
                first = false
            }
            if let index = buffer[0..<count].lastIndex(of: 0x0A) {
                lastNewline = start + index
                break
            }
            end = start
        }
        let keep = lastNewline + 1
        guard ftruncate(fd, off_t(keep)) == 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        return size - keep
    }
}
