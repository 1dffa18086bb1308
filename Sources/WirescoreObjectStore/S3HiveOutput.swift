import Foundation
import WirescoreOutput

/// The Hive-style tree as objects in a bucket: `<prefix>/<kind>/date=D/part-<shard>-<run>-<seq>.jsonl`.
///
/// Objects cannot be appended to, so appended lines are staged in a local part file of the
/// ``ObjectSpool`` (one `write(2)` of whole lines, exactly as the local tree) and the part is
/// uploaded when it closes: when it reaches ``Limits/partMaxBytes`` or
/// ``Limits/partMaxSeconds``, when the sink closes its partition, and at ``finish()``. Names
/// are deterministic per shard, run and sequence, so a retried upload replaces itself.
///
/// When the store cannot be reached (after the client's retries) the output stops trying for
/// the rest of the run and keeps spooling; ``uploadPending()`` at the next start sends what
/// is left. The spool is bounded: past ``Limits/spoolMaxBytes`` an append throws, ending the
/// run with that message rather than filling the disk. Replacements (a day's scores, a
/// reprocessed partition) upload at once.
///
/// Called by one writer at a time, never concurrently (``RecordOutput``); not thread safe.
public final class S3HiveOutput: RecordOutput {
    public struct Limits: Sendable {
        public var partMaxBytes: Int
        public var partMaxSeconds: Double
        public var spoolMaxBytes: Int
        public init(partMaxBytes: Int = 64 << 20, partMaxSeconds: Double = 300, spoolMaxBytes: Int = 2 << 30) {
            self.partMaxBytes = partMaxBytes; self.partMaxSeconds = partMaxSeconds; self.spoolMaxBytes = spoolMaxBytes
        }
    }

    /// What a run did with the store, for the summary and the scale figures.
    public struct Figures: Sendable, Equatable {
        public var objectsUploaded = 0
        public var objectsLeftInSpool = 0
        public var bytesLeftInSpool = 0
    }

    public let client: S3Client
    public let spool: ObjectSpool
    public let run: String
    public let limits: Limits
    private let warn: (String) -> Void
    private let writer = PartitionWriter()
    private struct OpenPart { var relative: String; var bytes: Int; var opened: Date }
    private var openParts: [Partition: OpenPart] = [:]
    private var sequence: [Partition: Int] = [:]
    /// Bytes in the spool not yet uploaded (open parts included).
    private var pendingBytes: Int
    /// Why the store was given up on for this run, if it was.
    public private(set) var storeDown: S3Error?
    public private(set) var figures = Figures()

    /// - Parameters:
    ///   - client: the bucket and prefix to write to.
    ///   - spool: the local staging tree (one per shard: it holds that shard's run state too).
    ///   - run: this run's token in part names (sortable: the UTC start time).
    ///   - warn: where notices go (an upload deferred to the next run).
    public init(client: S3Client, spool: ObjectSpool, run: String, limits: Limits = .init(),
                warn: @escaping (String) -> Void = { _ in }) {
        self.client = client; self.spool = spool; self.run = run; self.limits = limits; self.warn = warn
        self.pendingBytes = spool.pendingFiles().reduce(0) { $0 + $1.size }
    }

    deinit { writer.closeAll() }

    /// The object name (relative to the prefix) of an appended part.
    static func partName(_ partition: Partition, run: String, sequence: Int) -> String? {
        guard OutputLayout(root: "").partitionDirectory(partition.kind, day: partition.day) != nil else { return nil }
        return "\(partition.kind.rawValue)/date=\(partition.day)/part-\(partition.shard)-\(run)-\(sequence).jsonl"
    }

    /// Uploads every file in the spool (left by an earlier run, or by this one while the store
    /// was down), deleting each once the store has it. Stops at the first failure.
    /// - Returns: how many were uploaded.
    @discardableResult
    public func uploadPending() -> Int {
        let open = Set(openParts.values.map(\.relative))
        var done = 0
        for file in spool.pendingFiles() where !open.contains(file.relative) {
            guard upload(file.relative, size: file.size) else { break }
            done += 1
        }
        return done
    }

    public func append(_ lines: [String], to partition: Partition) throws -> AppendReceipt {
        let incoming = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        if let part = openParts[partition],
           part.bytes > 0 && (part.bytes + incoming > limits.partMaxBytes || Date().timeIntervalSince(part.opened) >= limits.partMaxSeconds) {
            try close(partition)
        }
        guard pendingBytes + incoming <= limits.spoolMaxBytes else {
            let reason = storeDown.map { "the store is unreachable (\($0))" } ?? "uploads are not keeping up"
            throw OutputError(path: spool.root, message: "spool full: \(pendingBytes) bytes wait for upload to \(client.location) "
                              + "and the limit is \(limits.spoolMaxBytes) (object_store.spool_max_bytes); \(reason). "
                              + "Nothing spooled is lost: the next run uploads it")
        }
        let part: OpenPart
        if let existing = openParts[partition] {
            part = existing
        } else {
            let next = sequence[partition, default: 0]
            guard let name = Self.partName(partition, run: run, sequence: next) else {
                throw OutputError(path: spool.root, message: "'\(partition.day)' is not a partition day (YYYY-MM-DD)")
            }
            sequence[partition] = next + 1
            part = OpenPart(relative: name, bytes: 0, opened: Date())
        }
        let size = try writer.append(lines, to: spool.path(part.relative))
        pendingBytes += size - part.bytes
        openParts[partition] = OpenPart(relative: part.relative, bytes: size, opened: part.opened)
        return AppendReceipt(part: part.relative, committedBytes: size)
    }

    @discardableResult
    public func replace(_ partition: Partition, with lines: [String]) throws -> Bool {
        guard OutputLayout(root: "").partitionDirectory(partition.kind, day: partition.day) != nil else {
            throw OutputError(path: spool.root, message: "'\(partition.day)' is not a partition day (YYYY-MM-DD)")
        }
        let folder = "\(partition.kind.rawValue)/date=\(partition.day)/"
        // The day's scores are one object per shard as in the local tree; a reprocessed
        // partition is one object that stands in for every part the shard's runs appended.
        let name = partition.kind == .scores ? "part-\(partition.shard).jsonl" : "part-\(partition.shard)-reprocessed.jsonl"
        let relative = folder + name
        let existing: [S3Object]
        do {
            existing = try client.list(folder + "part-\(partition.shard)")
                .filter { Self.shard(ofPart: $0.key) == partition.shard }
        } catch {
            guard partition.kind == .scores, error.isTransient else { throw error }
            // Scores are recomputed by every run: spool them and let the next run send them.
            try AtomicFile.write(lines: lines, to: spool.path(relative))
            noteDown(error)
            return true
        }
        if !lines.isEmpty {
            try AtomicFile.write(lines: lines, to: spool.path(relative))
            let size = Int((try? FileManager.default.attributesOfItem(atPath: spool.path(relative))[.size] as? Int) ?? 0)
            pendingBytes += size
            guard upload(relative, size: size) else {
                if partition.kind == .scores { return true }
                throw storeDown ?? OutputError(path: relative, message: "upload failed")
            }
        }
        for object in existing where lines.isEmpty || object.key != relative { try client.delete(object.key) }
        return !lines.isEmpty || !existing.isEmpty
    }

    public func close(_ partition: Partition) throws {
        guard let part = openParts.removeValue(forKey: partition) else { return }
        writer.closeFile(spool.path(part.relative))
        _ = upload(part.relative, size: part.bytes)
    }

    public func finish() throws {
        for partition in openParts.keys.sorted() { try close(partition) }
        writer.closeAll()
        // The store may be back: one more try for everything spooled (a run's raw archives too).
        storeDown = nil
        uploadPending()
        let left = spool.pendingFiles()
        figures.objectsLeftInSpool = left.count
        figures.bytesLeftInSpool = left.reduce(0) { $0 + $1.size }
    }

    /// Uploads one spooled file and deletes it; false (and the store marked down for this run)
    /// when the store did not take it. A refusal that configuration must fix is reported the
    /// same way: the file stays, nothing is lost.
    private func upload(_ relative: String, size: Int) -> Bool {
        guard storeDown == nil else { return false }
        do {
            try client.upload(file: spool.path(relative), as: relative, contentType: ObjectSpool.contentType(of: relative))
        } catch {
            noteDown(error)
            return false
        }
        unlink(spool.path(relative))
        pendingBytes = max(0, pendingBytes - size)
        figures.objectsUploaded += 1
        return true
    }

    /// Stops trying the store for this run (it did not answer): everything spools until
    /// ``finish()`` tries once more.
    public func giveUp(because error: S3Error) { noteDown(error) }

    private func noteDown(_ error: S3Error) {
        guard storeDown == nil else { return }
        storeDown = error
        warn("\(error); spooling under \(spool.root) until the store answers (the next run uploads what is left)")
    }

    /// The shard in a part name `part-<shard>[-…].jsonl`, or nil.
    public static func shard(ofPart key: String) -> Int? {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        guard name.hasPrefix("part-") else { return nil }
        let digits = name.dropFirst(5).prefix { $0.isNumber }
        let after = name.dropFirst(5 + digits.count).first
        guard !digits.isEmpty, after == "-" || after == "." else { return nil }
        return Int(digits)
    }
}
