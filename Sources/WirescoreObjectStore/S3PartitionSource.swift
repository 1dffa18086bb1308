import WirescoreOutput

/// Reads the tree back from the bucket: days by listing `<kind>/date=…/` folders, parts by
/// downloading each object of a day. Used by the scores writer (every shard's articles) and
/// by `reprocess`; lines are complete by construction (objects are whole).
public struct S3PartitionSource: PartitionSource {
    public let client: S3Client

    public init(client: S3Client) { self.client = client }

    public func days(_ kind: OutputLayout.Kind) throws -> [String] {
        let layout = OutputLayout(root: "")
        return try client.folders(kind.rawValue + "/").compactMap { folder in
            guard folder.hasPrefix("date=") else { return nil }
            let day = String(folder.dropFirst(5))
            return layout.partitionDirectory(kind, day: day) == nil ? nil : day
        }.sorted()
    }

    public func parts(_ kind: OutputLayout.Kind, day: String) throws -> [PartContents] {
        var parts: [PartContents] = []
        for object in try client.list("\(kind.rawValue)/date=\(day)/") where object.key.hasSuffix(".jsonl") {
            guard let shard = S3HiveOutput.shard(ofPart: object.key), let bytes = try client.get(object.key) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let complete = text.hasSuffix("\n") ? text[...] : text[..<(text.lastIndex(of: "\n") ?? text.startIndex)]
            parts.append(PartContents(name: String(object.key.split(separator: "/").last ?? ""), shard: shard,
                                      lines: complete.split(separator: "\n", omittingEmptySubsequences: true)))
        }
        return parts
    }
}
