import WirescoreCore

/// Where each kind of record lives under the output root (DESIGN.md's Hive-style layout).
///
/// Every path is built from a validated day (`YYYY-MM-DD`) and a numeric shard, never from
/// feed ids, URLs or titles, so no input can steer a write outside the output directory.
public struct OutputLayout: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case articles, scores, errors }

    public let root: String
    public let shard: Int

    public init(root: String, shard: Int = 0) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.shard = shard
    }

    public var stateDirectory: String { root + "/state" }
    public var lockPath: String { root + "/state/ingest.lock" }
    public func rawDirectory(day: String) -> String { root + "/raw/date=\(day)" }

    public func kindDirectory(_ kind: Kind) -> String { root + "/" + kind.rawValue }

    /// `<root>/<kind>/date=<day>`; nil when `day` is not a real `YYYY-MM-DD` date written with
    /// ASCII digits only (`parseDay` alone would let a sign through, as in `+202-11-19`).
    public func partitionDirectory(_ kind: Kind, day: String) -> String? {
        guard day.utf8.count == 10, day.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2D }),
              UTCTimestamp.parseDay(day) != nil else { return nil }
        return kindDirectory(kind) + "/date=" + day
    }

    /// `<root>/<kind>/date=<day>/part-<shard>.jsonl`; nil for a malformed day.
    public func partFile(_ kind: Kind, day: String) -> String? {
        partitionDirectory(kind, day: day).map { $0 + "/part-\(shard).jsonl" }
    }

    /// The part file's path relative to the root, as recorded in run state, so moving the
    /// output tree keeps state valid.
    public func relativePath(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
