import WirescoreCore

/// Reads a story snapshot from its JSON bytes straight into a ``StoryIndex/Snapshot``.
///
/// The counterpart of ``SnapshotWriter``, but reading any JSON document of the snapshot's shape
/// (keys in any order, whitespace, every string escape), so a file written by an earlier
/// version through `JSONEncoder`, or edited by hand, still loads. Why not `JSONDecoder`: it
/// builds a tree of the whole document first, and an incremental cron run with a single new
/// article spent half its time (~0.3 s) and ~40 MB loading 10,000 remembered articles through it.
///
/// Errors name the byte offset and what was expected; unknown keys are skipped.
struct SnapshotReader {
    private let bytes: UnsafeRawBufferPointer
    private var i = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Decodes a whole document; trailing non-whitespace is an error.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StoryError) -> StoryIndex.Snapshot {
        var reader = SnapshotReader(bytes)
        let snapshot = try reader.snapshot()
        reader.skipWhitespace()
        guard reader.i == bytes.count else { throw reader.failure("end of document") }
        return snapshot
    }

    // MARK: - The snapshot's shape

    private mutating func snapshot() throws(StoryError) -> StoryIndex.Snapshot {
        var format: Int?, configuration: StoryIndex.Configuration?, newest: Double?
        var entries: [StoryIndex.Entry]?, stories: [StoryIndex.Story]?
        try object { (r: inout SnapshotReader, key: String) throws(StoryError) in
            switch key {
            case "format": format = try r.int()
            case "configuration": configuration = try r.configuration()
            case "newest": newest = try r.nullOr { (r: inout SnapshotReader) throws(StoryError) in try r.double() }
            case "entries":
                var list: [StoryIndex.Entry] = []
                try r.array { (r: inout SnapshotReader) throws(StoryError) in list.append(try r.entry()) }
                entries = list
            case "stories":
                var list: [StoryIndex.Story] = []
                try r.array { (r: inout SnapshotReader) throws(StoryError) in list.append(try r.story()) }
                stories = list
            default: try r.skipValue()
            }
        }
        return StoryIndex.Snapshot(format: try required(format, "format"),
                                   configuration: try required(configuration, "configuration"),
                                   newest: newest, entries: try required(entries, "entries"),
                                   stories: try required(stories, "stories"))
    }

    private mutating func configuration() throws(StoryError) -> StoryIndex.Configuration {
        var window: Double?, maxHamming: Int?, minCosine: Double?, minContainment: Double?
        var shortTextTerms: Int?, decay: Double?, maxArticles: Int?
        try object { (r: inout SnapshotReader, key: String) throws(StoryError) in
            switch key {
            case "window": window = try r.double()
            case "maxHamming": maxHamming = try r.int()
            case "minCosine": minCosine = try r.double()
            case "minContainment": minContainment = try r.double()
            case "shortTextTerms": shortTextTerms = try r.int()
            case "decay": decay = try r.double()
            case "maxArticles": maxArticles = try r.int()
            default: try r.skipValue()
            }
        }
        // Field by field, as the Codable synthesis assigns them (the initialiser clamps).
        var c = StoryIndex.Configuration()
        c.window = try required(window, "configuration.window")
        c.maxHamming = try required(maxHamming, "configuration.maxHamming")
        c.minCosine = try required(minCosine, "configuration.minCosine")
        c.minContainment = try required(minContainment, "configuration.minContainment")
        c.shortTextTerms = try required(shortTextTerms, "configuration.shortTextTerms")
        c.decay = try required(decay, "configuration.decay")
        c.maxArticles = try required(maxArticles, "configuration.maxArticles")
        return c
    }

    private mutating func entry() throws(StoryError) -> StoryIndex.Entry {
        var id: String?, story: String?, published: Double?, simhash: String?
        var entities: [String]?, terms: String?, novelty: Int?
        try object { (r: inout SnapshotReader, key: String) throws(StoryError) in
            switch key {
            case "id": id = try r.string()
            case "story": story = try r.string()
            case "published": published = try r.double()
            case "simhash": simhash = try r.string()
            case "entities":
                var list: [String] = []
                try r.array { (r: inout SnapshotReader) throws(StoryError) in list.append(try r.string()) }
                entities = list
            case "terms": terms = try r.string()
            case "novelty": novelty = try r.int()
            default: try r.skipValue()
            }
        }
        return StoryIndex.Entry(id: try required(id, "entry.id"), story: try required(story, "entry.story"),
                                published: try required(published, "entry.published"),
                                simhash: try required(simhash, "entry.simhash"),
                                entities: try required(entities, "entry.entities"),
                                terms: try required(terms, "entry.terms"), novelty: try required(novelty, "entry.novelty"))
    }

    private mutating func story() throws(StoryError) -> StoryIndex.Story {
        var id: String?, firstSeen: Double?, lastSeen: Double?, count: Int?
        try object { (r: inout SnapshotReader, key: String) throws(StoryError) in
            switch key {
            case "id": id = try r.string()
            case "firstSeen": firstSeen = try r.double()
            case "lastSeen": lastSeen = try r.double()
            case "count": count = try r.int()
            default: try r.skipValue()
            }
        }
        return StoryIndex.Story(id: try required(id, "story.id"), firstSeen: try required(firstSeen, "story.firstSeen"),
                                lastSeen: try required(lastSeen, "story.lastSeen"), count: try required(count, "story.count"))
    }

    private func required<T>(_ value: T?, _ name: String) throws(StoryError) -> T {
        guard let value else { throw StoryError("unreadable story snapshot: no \(name)") }
        return value
    }

    // MARK: - JSON

    private func failure(_ expected: String) -> StoryError {
        StoryError("unreadable story snapshot: expected \(expected) at byte \(i)")
    }

    private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    private mutating func consume(_ byte: UInt8, _ what: String) throws(StoryError) {
        skipWhitespace()
        guard current == byte else { throw failure(what) }
        i += 1
    }

    /// `{ "key": value, ... }`, `body` reading each value.
    private mutating func object(_ body: (inout SnapshotReader, String) throws(StoryError) -> Void) throws(StoryError) {
        try consume(0x7B, "'{'")
        skipWhitespace()
        if current == 0x7D { i += 1; return }
        while true {
            let key = try string()
            try consume(0x3A, "':'")
            try body(&self, key)
            skipWhitespace()
            guard let b = current else { throw failure("',' or '}'") }
            i += 1
            if b == 0x7D { return }
            guard b == 0x2C else { i -= 1; throw failure("',' or '}'") }
        }
    }

    /// `[ value, ... ]`, `element` reading each value.
    private mutating func array(_ element: (inout SnapshotReader) throws(StoryError) -> Void) throws(StoryError) {
        try consume(0x5B, "'['")
        skipWhitespace()
        if current == 0x5D { i += 1; return }
        while true {
            try element(&self)
            skipWhitespace()
            guard let b = current else { throw failure("',' or ']'") }
            i += 1
            if b == 0x5D { return }
            guard b == 0x2C else { i -= 1; throw failure("',' or ']'") }
        }
    }

    private mutating func nullOr<T>(_ value: (inout SnapshotReader) throws(StoryError) -> T) throws(StoryError) -> T? {
        skipWhitespace()
        if literal("null") { return nil }
        return try value(&self)
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    private mutating func string() throws(StoryError) -> String {
        try consume(0x22, "a string")
        let start = i
        // Plain runs (no escape) become the String directly.
        while let b = current, b != 0x22, b != 0x5C {
            guard b >= 0x20 else { throw failure("no raw control character in a string") }
            i += 1
        }
        guard let stop = current else { throw failure("the end of the string") }
        if stop == 0x22 {
            i += 1
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while let b = current {
            i += 1
            switch b {
            case 0x22:
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                let escape = i
                guard JSONEscape.decode(bytes, at: &i, into: &out) else { i = escape; throw failure("a valid escape") }
            case 0..<0x20:
                i -= 1
                throw failure("no raw control character in a string")
            default:
                out.append(b)
            }
        }
        throw failure("the end of the string")
    }

    /// The bytes of a JSON number, checked against the grammar's characters.
    private mutating func numberText() throws(StoryError) -> String {
        skipWhitespace()
        let start = i
        while let b = current, (0x30...0x39).contains(b) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x45 || b == 0x65 {
            i += 1
        }
        guard i > start else { throw failure("a number") }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    private mutating func double() throws(StoryError) -> Double {
        let start = i
        guard let value = Double(try numberText()), value.isFinite else { i = start; throw failure("a number") }
        return value
    }

    private mutating func int() throws(StoryError) -> Int {
        let start = i
        let text = try numberText()
        if let value = Int(text) { return value }
        // `JSONDecoder` also accepts an integral value written as 3.0 or 3e0.
        guard let value = Double(text), value == value.rounded(), let exact = Int(exactly: value) else {
            i = start
            throw failure("an integer")
        }
        return exact
    }

    /// Skips one value of any kind (an unknown key's).
    private mutating func skipValue() throws(StoryError) {
        skipWhitespace()
        switch current {
        case 0x22: _ = try string()
        case 0x7B: try object { (r: inout SnapshotReader, _: String) throws(StoryError) in try r.skipValue() }
        case 0x5B: try array { (r: inout SnapshotReader) throws(StoryError) in try r.skipValue() }
        case 0x74: guard literal("true") else { throw failure("a value") }
        case 0x66: guard literal("false") else { throw failure("a value") }
        case 0x6E: guard literal("null") else { throw failure("a value") }
        default: _ = try double()
        }
    }
}
