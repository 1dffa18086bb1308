import Foundation

/// One partition of the output tree: a kind of record, a day, a shard.
public struct Partition: Hashable, Sendable, Comparable {
    public var kind: OutputLayout.Kind
    public var day: String
    public var shard: Int

    public init(kind: OutputLayout.Kind, day: String, shard: Int) {
        self.kind = kind; self.day = day; self.shard = shard
    }

    public static func < (a: Partition, b: Partition) -> Bool {
        (a.kind.rawValue, a.day, a.shard) < (b.kind.rawValue, b.day, b.shard)
    }
}

/// What an output reports after an append, for run state's crash recovery: the part's name
/// and how many bytes of it are known to be committed (lines past that at the next start
/// were written by a run that died before recording them; see `StateReconciler`).
public struct AppendReceipt: Sendable, Equatable {
    /// The part's path relative to the output root (the key run state keeps).
    public var part: String
    public var committedBytes: Int

    public init(part: String, committedBytes: Int) { self.part = part; self.committedBytes = committedBytes }
}

/// Where records go: the seam an output implements (the local Hive-style tree, a bucket in
/// WirescoreObjectStore, a stream in WirescoreStream), with the lifecycle the writers need.
///
/// Called by the single writer of each command (ingest's sink, reprocess, the scores writer),
/// never concurrently. Lines are complete serialized records without their newline.
public protocol RecordOutput: AnyObject {
    /// Appends `lines` to `partition` as one whole-line write (a reader never sees half a
    /// record). Ingest's batches.
    func append(_ lines: [String], to partition: Partition) throws -> AppendReceipt

    /// Replaces everything `partition` holds with `lines` (none: the partition goes), so a
    /// reader sees the old content or the new, never a mix. Reprocess and the day's scores.
    /// - Returns: whether anything existed or changed.
    @discardableResult
    func replace(_ partition: Partition, with lines: [String]) throws -> Bool

    /// `partition` receives no more lines in this run (an object store uploads its part now).
    func close(_ partition: Partition) throws

    /// The run is over: everything still open is closed.
    func finish() throws
}
