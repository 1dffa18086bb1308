import WirescoreOutput

/// ``PartitionFollower``'s counterpart for a bucket (`wirescore tail --follow` on an `s3://`
/// output): objects cannot grow, so "appended records" are the lines of objects that appeared
/// since the last look, found by listing the kind's prefix (ListObjectsV2).
///
/// Between two looks it notices a new part (a closed upload, another shard's, a new day's),
/// read whole; an object replaced in place (a day's scores recomputed, a reprocessed
/// partition: a new ETag) counts as shown, as the local follower treats a swapped file. The
/// caller decides when to look; each look is one listing plus one download per new object.
/// Value type with one owner; not shared.
public struct ObjectFollower {
    public let kind: OutputLayout.Kind
    private let client: S3Client
    /// ETag per key already shown (or taken as shown).
    private var seen: [String: String] = [:]

    /// How often `tail --follow` lists the bucket (each look is a paid request on AWS).
    public static let pollSeconds = 2

    public init(client: S3Client, kind: OutputLayout.Kind) {
        self.client = client
        self.kind = kind
    }

    /// Takes every object there now as read and returns the complete lines of the newest
    /// day's objects (the caller shows the last few); nil when the kind has no object yet.
    public mutating func start() throws -> [Substring]? {
        let objects = try parts()
        seen = Dictionary(objects.map { ($0.key, $0.etag) }, uniquingKeysWith: { $1 })
        guard let newest = objects.compactMap({ Self.day(of: $0.key) }).max() else { return nil }
        var lines: [Substring] = []
        for object in objects where Self.day(of: object.key) == newest {
            lines.append(contentsOf: try self.lines(of: object.key))
        }
        return lines
    }

    /// The lines of objects that appeared since the last look, oldest day first, by name.
    public mutating func poll() throws -> [Substring] {
        var lines: [Substring] = []
        for object in try parts() {
            switch seen[object.key] {
            case nil:
                lines.append(contentsOf: try self.lines(of: object.key))
                seen[object.key] = object.etag
            case object.etag?:
                continue
            default:
                seen[object.key] = object.etag   // replaced: its records were shown before
            }
        }
        return lines
    }

    private func parts() throws -> [S3Object] {
        try client.list(kind.rawValue + "/date=").filter { Self.day(of: $0.key) != nil && $0.key.hasSuffix(".jsonl") }
    }

    private func lines(of key: String) throws -> [Substring] {
        guard let bytes = try client.get(key) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    }

    /// `YYYY-MM-DD` from `<kind>/date=YYYY-MM-DD/<name>`.
    static func day(of key: String) -> String? {
        let parts = key.split(separator: "/")
        guard parts.count == 3, parts[1].hasPrefix("date=") else { return nil }
        let day = String(parts[1].dropFirst(5))
        return OutputLayout(root: "").partitionDirectory(.articles, day: day) == nil ? nil : day
    }
}
