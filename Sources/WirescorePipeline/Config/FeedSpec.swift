import WirescoreCore

/// One feed from a feed list, ready to fetch.
public struct FeedSpec: Sendable, Equatable {
    /// Stable id written into every record's `feed` field (a slug of the outline's title, or
    /// its explicit `id`).
    public var id: String
    public var title: String
    /// Absolute URL (`http`, `https`, or `file` for the offline demo).
    public var url: String
    /// Where it was declared, for messages.
    public var listFile: String
    public var line: Int?
    /// What `url` names: a feed, or a news sitemap (an outline with `type="sitemap"`).
    public var kind: Kind = .feed

    /// The kinds of source a feed list names.
    public enum Kind: String, Sendable, Equatable {
        /// RSS, Atom, RDF or JSON Feed.
        case feed
        /// A (Google News) sitemap or sitemap index, gzip or not.
        case sitemap
    }

    public init(id: String, title: String, url: String, listFile: String, line: Int?, kind: Kind = .feed) {
        self.id = id; self.title = title; self.url = url; self.listFile = listFile; self.line = line
        self.kind = kind
    }

    /// A slug usable as an id: lowercase ASCII letters, digits and single hyphens.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
            if result.count >= 64 { break }
        }
        return result
    }
}

/// Which slice of the feed list this run takes: `--shard I/N` or a Kubernetes Indexed Job's
/// `JOB_COMPLETION_INDEX`. A feed belongs to shard `hash(id) % N`, stable across runs and
/// machines, so N hosts can share one output tree, each writing its own part files.
public struct ShardSpec: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public static let single = ShardSpec(index: 0, count: 1)

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// Parses `I/N` with 0 <= I < N; nil when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    public func owns(_ feed: FeedSpec) -> Bool {
        count == 1 || Int(StableHash.mix(StableHash.fnv1a64(feed.id)) % UInt64(count)) == index
    }
}
