import WirescoreCore

/// Writes a ``StoryIndex/Snapshot`` as JSON bytes, whole or in chunks, through WirescoreCore's
/// ``JSONByteWriter`` (its string escapes and number format).
///
/// The document `JSONEncoder` would write for the Codable snapshot (keys sorted; `JSONDecoder`
/// and ``SnapshotReader`` read it back to an equal value), without the encoder's intermediate
/// tree and doubling output buffer: saving 10,000 remembered articles through the encoder was
/// the largest peak of a run's heap (~25 MB of buffer growth on top of the index) and took about
/// half a second. ``StoryIndex/writeSnapshot(_:)`` streams it entry by entry, so the save holds
/// neither the whole document nor a copy of every entry.
struct SnapshotWriter {
    private var w = JSONByteWriter()
    private var entriesWritten = 0

    /// The bytes written and not yet drained.
    var bytes: [UInt8] { w.bytes }

    static func encode(_ snapshot: StoryIndex.Snapshot) -> [UInt8] {
        var writer = SnapshotWriter()
        // Entries dominate: ~1 KB of packed terms each plus ids.
        writer.w.bytes.reserveCapacity(512 + snapshot.entries.count * 1_200 + snapshot.stories.count * 120)
        writer.begin(snapshot.configuration)
        for e in snapshot.entries { writer.entry(e, terms: e.terms) }
        writer.end(format: snapshot.format, newest: snapshot.newest, stories: snapshot.stories)
        return writer.w.bytes
    }

    /// Hands the bytes written so far to `write` and forgets them.
    mutating func drain(_ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !w.bytes.isEmpty else { return }
        try w.bytes.withUnsafeBytes { try write($0) }
        w.bytes.removeAll(keepingCapacity: true)
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

    private mutating func raw(_ text: StaticString) { w.raw(text) }

    private mutating func number(_ value: Int) { w.int(value) }

    /// A non-finite value (never produced by the index) as 0, so the file stays readable as a
    /// snapshot (null is not a number).
    private mutating func number(_ value: Double) { w.double(value.isFinite ? value : 0) }

    private mutating func string(_ value: String) { w.string(value) }
}
