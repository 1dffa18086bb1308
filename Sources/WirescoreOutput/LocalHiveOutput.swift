import Foundation

/// The output tree on a local (or mounted) file system: `<root>/<kind>/date=<day>/part-<shard>.jsonl`.
///
/// Appends go through ``PartitionWriter`` (one `write(2)` of whole lines per batch, files kept
/// open for the run); replacements are written beside the target and renamed over it
/// (``AtomicFile``), which is atomic on one file system.
public final class LocalHiveOutput: RecordOutput {
    public let root: String
    private let writer = PartitionWriter()
    private var open: Set<Partition> = []

    public init(root: String) { self.root = root }

    deinit { writer.closeAll() }

    /// The part file of `partition`, or an error for a day that is not a date (it would name
    /// a path outside the tree).
    func path(of partition: Partition) throws -> String {
        guard let path = OutputLayout(root: root, shard: partition.shard).partFile(partition.kind, day: partition.day) else {
            throw OutputError(path: root, message: "'\(partition.day)' is not a partition day (YYYY-MM-DD)")
        }
        return path
    }

    public func append(_ lines: [String], to partition: Partition) throws -> AppendReceipt {
        let path = try path(of: partition)
        let size = try writer.append(lines, to: path)
        open.insert(partition)
        return AppendReceipt(part: OutputLayout(root: root).relativePath(path), committedBytes: size)
    }

    @discardableResult
    public func replace(_ partition: Partition, with lines: [String]) throws -> Bool {
        let target = try path(of: partition)
        if lines.isEmpty {
            guard FileManager.default.fileExists(atPath: target) else { return false }
            do {
                try FileManager.default.removeItem(atPath: target)
            } catch {
                throw OutputError(path: target, message: "cannot remove: \(error.localizedDescription)")
            }
            return true
        }
        do {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: target, message: "cannot create its folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(lines: lines, to: target)
        return true
    }

    public func close(_ partition: Partition) throws {
        guard open.remove(partition) != nil else { return }
        writer.closeFile(try path(of: partition))
    }

    public func finish() throws {
        for partition in open.sorted() { try close(partition) }
        writer.closeAll()
    }
}
