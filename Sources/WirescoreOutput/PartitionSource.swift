/// One part of a partition as read back: its name, shard and complete lines.
public struct PartContents: Sendable {
    public var name: String
    public var shard: Int
    public var lines: [Substring]
    public init(name: String, shard: Int, lines: [Substring]) { self.name = name; self.shard = shard; self.lines = lines }
}

/// Reads partitions back, wherever the tree lives (a local folder, a bucket): the scores
/// writer reads every shard's articles through it, and `reprocess` the parts it rebuilds.
public protocol PartitionSource {
    /// Days present for a kind, oldest first (`YYYY-MM-DD`).
    func days(_ kind: OutputLayout.Kind) throws -> [String]
    /// Every part of one day (every shard), by name, with its complete lines.
    func parts(_ kind: OutputLayout.Kind, day: String) throws -> [PartContents]
}

extension PartitionReader: PartitionSource {
    public func parts(_ kind: OutputLayout.Kind, day: String) -> [PartContents] {
        partFiles(kind, day: day).map { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let shard = Int(name.dropFirst(5).prefix { $0.isNumber }) ?? 0
            return PartContents(name: name, shard: shard, lines: Self.completeLines(of: path, from: 0).lines)
        }
    }
}
