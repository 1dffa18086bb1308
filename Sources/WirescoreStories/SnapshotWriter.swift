/// Writes a ``StoryIndex/Snapshot`` as JSON bytes, whole or in chunks.
///
/// The document `JSONEncoder` writes for the Codable snapshot (keys sorted, numbers in their
/// shortest round-trip form; `JSONDecoder` reads it back to an equal value), without its intermediate
/// tree and doubling output buffer: saving 10,000 remembered articles through the encoder was
/// the largest peak of a run's heap (~25 MB of buffer growth on top of the index) and took about
/// half a second. ``StoryIndex/writeSnapshot(_:)`` streams it entry by entry, so the save holds
/// neither the whole document nor a copy of every entry.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []
    private var entriesWritten = 0

    static func encode(_ snapshot: StoryIndex.Snapshot) -> [UInt8] {
        var w = SnapshotWriter()
        // Entries dominate: ~1 KB of packed terms each plus ids.
        w.bytes.reserveCapacity(512 + snapshot.entries.count * 1_200 + snapshot.stories.count * 120)
        w.begin(snapshot.configuration)
        for e in snapshot.entries { w.entry(e, terms: e.terms) }
        w.end(format: snapshot.format, newest: snapshot.newest, stories: snapshot.stories)
        return w.bytes
    }

    /// Hands the bytes written so far to `write` and forgets them.
    mutating func drain(_ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// The configuration and the opening of the entries.
    mutating func begin(_ c: StoryIndex.Configuration) {
        raw("{\"configuration\":")
        raw("{\"decay\":"); number(c.decay)
        raw(",\"maxArticles\":"); number(c.maxArticles)
        raw(",\"maxHamming\":"); number(c.maxHamming)
        raw(",\"minContainment\":"); number(c.minContainment)
        raw(",\"minCosine\":"); number(c.minCosine)
        raw(",\"shortTextTerms\":"); number(c.shortTextTerms)
        raw(",\"window\":"); number(c.window)
        raw("},\"entries\":[")
    }

    /// One entry, with `terms` in place of the entry's own (the index keeps them elsewhere).
    mutating func entry(_ e: StoryIndex.Entry, terms: String) {
        if entriesWritten > 0 { raw(",") }
        entriesWritten += 1
        raw("{\"entities\":[")
        for (k, entity) in e.entities.enumerated() {
            if k > 0 { raw(",") }
            string(entity)
        }
        raw("],\"id\":"); string(e.id)
        raw(",\"novelty\":"); number(e.novelty)
        raw(",\"published\":"); number(e.published)
        raw(",\"simhash\":"); string(e.simhash)
        raw(",\"story\":"); string(e.story)
        raw(",\"terms\":"); string(terms)
        raw("}")
    }

    /// The rest of the document after the entries.
    mutating func end(format: Int, newest: Double?, stories: [StoryIndex.Story]) {
        raw("],\"format\":"); number(format)
        if let newest { raw(",\"newest\":"); number(newest) }
        raw(",\"stories\":[")
        for (i, story) in stories.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"count\":"); number(story.count)
            raw(",\"firstSeen\":"); number(story.firstSeen)
            raw(",\"id\":"); string(story.id)
            raw(",\"lastSeen\":"); number(story.lastSeen)
            raw("}")
        }
        raw("]}")
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Shortest round-trip form; a non-finite value (never produced by the index) as 0 so the
    /// file stays valid JSON.
    private mutating func number(_ value: Double) {
        bytes.append(contentsOf: (value.isFinite ? value.description : "0").utf8)
    }

    private mutating func string(_ value: String) {
        bytes.append(0x22)
        for b in value.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
