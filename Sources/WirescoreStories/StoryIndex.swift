import Foundation
import WirescoreCore

/// Groups articles into stories across outlets and scores each article's novelty.
///
/// An article joins an existing story when, among articles published within `window` of it,
/// either one is a near-duplicate (SimHash Hamming distance <= `maxHamming`: syndicated copies),
/// or one shares an entity with it and is close in TF-IDF space (rewrites by other outlets,
/// headline-only variants). Otherwise it opens a new story whose id is its own article id.
/// Novelty is 100 for the first article of a story and decays x`decay` per later article
/// (RavenPack's Event Novelty Score style), so the tenth rewrite of news is worth little.
///
/// The index keeps only articles inside the window behind the newest article it has seen, so
/// memory and ``snapshot()`` stay bounded however long the pipeline runs. Persist it between
/// runs with ``snapshotJSON()`` / ``init(snapshotJSON:)``.
///
/// Determinism: the same inputs in the same order give the same story ids and novelties;
/// ties break by insertion order, never by hash-table order. Assigning an id that is already in
/// the index returns its earlier assignment, so at-least-once delivery is harmless.
///
/// A value type with no locking: intentionally not thread safe to share mutably. The pipeline
/// should own one index and feed it articles from one task, in published order where possible.
public struct StoryIndex: Sendable {
    /// Matching thresholds; the defaults are the ones the labelled test set is held to.
    public struct Configuration: Sendable, Codable, Equatable {
        /// How far apart in published time two articles may be and still be one story.
        public var window: TimeInterval
        /// Largest SimHash Hamming distance still treated as the same text.
        public var maxHamming: Int
        /// Smallest TF-IDF cosine for a rewrite that shares an entity.
        public var minCosine: Double
        /// Smallest share of a short text's (headline-only) weighted terms found in the other.
        public var minContainment: Double
        /// Texts with at most this many distinct terms are matched by containment too.
        public var shortTextTerms: Int
        /// Novelty multiplier per earlier article of the same story.
        public var decay: Double
        /// Most articles remembered; past it the oldest go first even inside the window, so
        /// memory stays flat on a firehose (10,000 x ~1 KB of features).
        public var maxArticles: Int

        public init(window: TimeInterval = 72 * 3600, maxHamming: Int = 3, minCosine: Double = 0.3,
                    minContainment: Double = 0.6, shortTextTerms: Int = 14, decay: Double = 0.75,
                    maxArticles: Int = 10_000) {
            self.window = window; self.maxHamming = maxHamming; self.minCosine = minCosine
            self.minContainment = minContainment; self.shortTextTerms = shortTextTerms; self.decay = decay
            self.maxArticles = max(1, maxArticles)
        }
    }

    /// One remembered article: compact features only, never the text.
    struct Entry: Sendable, Codable, Equatable {
        var id: String
        var story: String
        var published: Double
        /// 16 hex digits: JSON numbers cannot carry all 64 bits through every reader.
        var simhash: String
        var entities: [String]
        /// ``StoryTerm/pack(_:)`` form: base64 of (hash, count) pairs.
        var terms: String
        var novelty: Int
    }

    /// One open story: how many articles it has had, for the novelty decay.
    struct Story: Sendable, Codable, Equatable {
        var id: String
        var firstSeen: Double
        var lastSeen: Double
        var count: Int
    }

    /// The persisted state: the configuration, the window's articles and their open stories.
    public struct Snapshot: Sendable, Codable, Equatable {
        /// 2: terms as packed hashes (format 1 kept them as strings; such a file is set aside).
        public static let currentFormat = 2
        var format: Int
        var configuration: Configuration
        var newest: Double?
        var entries: [Entry]
        var stories: [Story]
    }

    /// One remembered article in memory: features in the forms matching uses.
    ///
    /// Terms are held once, as vocabulary ids with their counts (6 bytes a term): the packed
    /// form of ``Entry/terms`` is rebuilt for snapshots only (`entry.terms` is empty here), and
    /// `1 + log(count)` comes from a table. Holding the packed string and the logarithms as
    /// well took ~20 bytes a term, ~2.5 KB an article: a third of a 10,000-article run's heap.
    struct Member {
        var entry: Entry
        var simhash: UInt64
        var termCount: Int { termIDs.count }
        /// Vocabulary ids of the entry's terms, ascending, with each term's count beside it.
        var termIDs: [Int32]
        var counts: [UInt16]
        var alive = true
    }

    public let configuration: Configuration
    private var members: [Member] = []
    private var positionByID: [String: Int] = [:]
    private var stories: [String: Story] = [:]
    private var newest: Double?
    /// Term-hash interning and live document frequencies, indexed by term id.
    private var vocabulary: [UInt32: Int32] = [:]
    /// The term hash of each vocabulary id (the inverse of `vocabulary`).
    private var hashOfID: [UInt32] = []
    private var documentFrequency: [Int] = []
    /// SimHash split into four 16-bit bands: two hashes within Hamming distance 3 agree on at
    /// least one band, so near-duplicate lookup reads four buckets instead of every article.
    private var bands: [UInt64: [Int]] = [:]
    /// Positions of the members naming each entity, oldest first.
    private var byEntity: [String: [Int]] = [:]
    /// Live members by published time, to expire them as the window moves (a min-heap).
    private var expiry = PublishedHeap()
    private var liveCount = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Restores an index from ``snapshot()``.
    /// - Throws: ``StoryError`` when the snapshot is of an unknown format or inconsistent.
    public init(snapshot: Snapshot) throws(StoryError) {
        guard snapshot.format == Snapshot.currentFormat else {
            throw StoryError("story snapshot format \(snapshot.format) is not \(Snapshot.currentFormat)")
        }
        self.configuration = snapshot.configuration
        self.newest = snapshot.newest
        for story in snapshot.stories {
            guard stories[story.id] == nil else { throw StoryError("story \(story.id) appears twice in snapshot") }
            stories[story.id] = story
        }
        for entry in snapshot.entries {
            guard stories[entry.story] != nil else {
                throw StoryError("article \(entry.id) names unknown story \(entry.story)")
            }
            guard let hash = UInt64(entry.simhash, radix: 16) else {
                throw StoryError("article \(entry.id) has a malformed simhash \(entry.simhash)")
            }
            guard let terms = StoryTerm.unpack(entry.terms) else {
                throw StoryError("article \(entry.id) has malformed terms")
            }
            guard positionByID[entry.id] == nil else { throw StoryError("article \(entry.id) appears twice in snapshot") }
            insert(entry, simhash: hash, terms: terms)
        }
    }

    /// Restores an index from ``snapshotJSON()``.
    /// - Throws: ``StoryError`` naming what could not be read.
    public init(snapshotJSON: String) throws(StoryError) {
        var text = snapshotJSON
        let snapshot = text.withUTF8 { bytes in
            Result { () throws(StoryError) in try SnapshotReader.decode(UnsafeRawBufferPointer(bytes)) }
        }
        try self.init(snapshot: snapshot.get())
    }

    /// Restores an index from the bytes of a saved snapshot (what the pipeline loads: no
    /// String or `Data` copy of a file of megabytes). See ``SnapshotReader``.
    /// - Throws: ``StoryError`` naming what could not be read.
    public init(snapshotBytes bytes: UnsafeRawBufferPointer) throws(StoryError) {
        try self.init(snapshot: SnapshotReader.decode(bytes))
    }

    /// Number of articles currently remembered (all inside the window).
    public var count: Int { liveCount }

    /// Stories held in memory, including those awaiting the next compaction (for tests).
    var storiesHeld: Int { stories.count }

    /// The state to persist: only what is inside the window.
    public func snapshot() -> Snapshot {
        let entries = members.filter(\.alive).map { member in
            var entry = member.entry
            entry.terms = StoryTerm.pack(terms(of: member))
            return entry
        }
        return Snapshot(format: Snapshot.currentFormat, configuration: configuration, newest: newest,
                        entries: entries, stories: openStories())
    }

    /// The stories a snapshot keeps: inside the window and named by a remembered article.
    private func openStories() -> [Story] {
        let horizon = newest.map { $0 - configuration.window } ?? -Double.infinity
        let referenced = storiesOfLiveMembers()
        return stories.values.filter { $0.lastSeen >= horizon && referenced.contains($0.id) }.sorted { $0.id < $1.id }
    }

    /// The stories some remembered article belongs to: the only ones that can still be joined.
    private func storiesOfLiveMembers() -> Set<String> {
        var referenced = Set<String>()
        for member in members where member.alive { referenced.insert(member.entry.story) }
        return referenced
    }

    /// Writes ``snapshotBytes()`` to `write` in chunks of about 256 KB, packing each entry's terms
    /// as it goes: what the pipeline saves, without the whole document or a copy of every
    /// entry in memory (~20 MB at 10,000 articles, the end of a run's largest allocation).
    public func writeSnapshot(_ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var writer = SnapshotWriter()
        writer.begin(configuration)
        for member in members where member.alive {
            writer.entry(member.entry, terms: StoryTerm.pack(terms(of: member)))
            if writer.bytes.count >= 1 << 18 { try writer.drain(write) }
        }
        writer.end(format: Snapshot.currentFormat, newest: newest, stories: openStories())
        try writer.drain(write)
    }

    /// The snapshot as JSON with sorted keys, so equal states give byte-identical files.
    public func snapshotJSON() -> String {
        String(decoding: snapshotBytes(), as: UTF8.self)
    }

    /// ``snapshotJSON()`` as UTF-8 bytes, written without an intermediate tree (see
    /// ``SnapshotWriter``); the pipeline streams the same bytes with ``writeSnapshot(_:)``.
    public func snapshotBytes() -> [UInt8] {
        SnapshotWriter.encode(snapshot())
    }

    /// A member's terms as the article gave them: ascending by hash.
    private func terms(of member: Member) -> [StoryTerm] {
        var terms = zip(member.termIDs, member.counts).map { StoryTerm(hash: hashOfID[Int($0.0)], count: $0.1) }
        terms.sort { $0.hash < $1.hash }
        return terms
    }

    /// `1 + log(count)`, the damped term frequency, from a table for the usual counts.
    static func logTF(_ count: UInt16) -> Double {
        Int(count) < logTFTable.count ? logTFTable[Int(count)] : 1 + log(Double(count))
    }
    private static let logTFTable: [Double] = (0..<256).map { 1 + log(Double(max($0, 1))) }

    /// Assigns an article to a story and records it.
    ///
    /// - Parameter article: the article; `published` should be its published time (or fetch
    ///   time when it has none), the same value on every run.
    /// - Returns: the story id, the article's novelty and the story's first-seen time.
    public mutating func assign(article: StoryInput) -> StoryAssignment {
        if let position = positionByID[article.id] {
            let entry = members[position].entry
            let firstSeen = stories[entry.story]?.firstSeen ?? entry.published
            return StoryAssignment(storyID: entry.story, novelty: entry.novelty,
                                   firstSeen: Date(timeIntervalSince1970: firstSeen))
        }
        let published = article.published.timeIntervalSince1970
        let horizon = max(newest ?? published, published) - configuration.window
        expire(before: horizon)

        let hash = article.features.simhash
        let terms = article.features.terms
        let entities = Array(Set(article.entities)).sorted()
        let storyID = match(hash: hash, terms: terms, entities: entities, published: published)
            ?? article.id

        // A story whose articles have all left the window is over: an id reused later starts afresh.
        if let old = stories[storyID], old.lastSeen < horizon { stories[storyID] = nil }
        var story = stories[storyID] ?? Story(id: storyID, firstSeen: published, lastSeen: published, count: 0)
        let novelty = Self.novelty(priorArticles: story.count, decay: configuration.decay)
        story.count += 1
        story.lastSeen = max(story.lastSeen, published)
        stories[storyID] = story
        insert(Entry(id: article.id, story: storyID, published: published, simhash: StableHash.hex(hash),
                     entities: entities, terms: "", novelty: novelty), simhash: hash, terms: terms)
        newest = max(newest ?? published, published)
        return StoryAssignment(storyID: storyID, novelty: novelty,
                               firstSeen: Date(timeIntervalSince1970: story.firstSeen))
    }

    /// How many same-company articles, newest first, a new article is compared with by TF-IDF.
    static let maxComparisons = 120

    /// 100 x decay^prior, rounded; the first article of a story is fully novel.
    static func novelty(priorArticles: Int, decay: Double) -> Int {
        Int((100 * pow(decay, Double(priorArticles))).rounded())
    }

    private func inWindow(_ position: Int, of published: Double) -> Bool {
        members[position].alive && abs(members[position].entry.published - published) <= configuration.window
    }

    /// The story of the best earlier article, or nil for a new story.
    private func match(hash: UInt64, terms: [StoryTerm], entities: [String], published: Double) -> String? {
        // Near-duplicates first: a syndicated copy belongs with its source whatever the entities.
        // Ties go to the earliest article, as a scan in insertion order would.
        var nearest: (distance: Int, position: Int)?
        for band in 0..<4 {
            for position in bands[Self.bandKey(hash, band)] ?? [] where inWindow(position, of: published) {
                let distance = TextFeatures.hamming(hash, members[position].simhash)
                guard distance <= configuration.maxHamming else { continue }
                if let current = nearest, (current.distance, current.position) <= (distance, position) { continue }
                nearest = (distance, position)
            }
        }
        if let nearest { return members[nearest.position].entry.story }

        guard !entities.isEmpty else { return nil }
        // Newest first, and at most `maxComparisons` rewrites checked: a busy ticker can have
        // hundreds of articles in the window, and comparing with each made ingest quadratic.
        // Rewrites cluster close in time.
        var candidates: [Int] = []
        for entity in entities {
            var taken = 0
            for position in (byEntity[entity] ?? []).reversed() where inWindow(position, of: published) {
                candidates.append(position)
                taken += 1
                if taken == Self.maxComparisons { break }
            }
        }
        candidates = Array(Set(candidates)).sorted(by: >).prefix(Self.maxComparisons).map { $0 }
        guard !candidates.isEmpty else { return nil }

        var weigher = Weigher(total: liveCount + 1, documentFrequency: documentFrequency)
        let query = QueryVector(terms: terms, vocabulary: vocabulary, weigher: &weigher)
        var best: (score: Double, position: Int)?
        for position in candidates {
            let score = similarity(query, members[position], weigher: &weigher)
            if score > (best?.score ?? 0) { best = (score, position) }
        }
        guard let best else { return nil }
        return members[best.position].entry.story
    }

    /// Cosine for full texts; for a short (headline-only) side also how much of it the other
    /// covers, because a headline's vector is too small for cosine against a whole article.
    /// Returns a score normalised so that >= 1 means "same story".
    private func similarity(_ a: QueryVector, _ b: Member, weigher: inout Weigher) -> Double {
        // One merge over both ascending id lists: the dot product, each side's norm and mass
        // (sum of weights), and each side's weight on the terms they share.
        var dot = 0.0, normB = 0.0, massB = 0.0, sharedA = 0.0, sharedB = 0.0
        var i = 0
        for j in 0..<b.termIDs.count {
            let id = b.termIDs[j]
            let weightB = Self.logTF(b.counts[j]) * weigher.idf(id)
            normB += weightB * weightB
            massB += weightB
            while i < a.ids.count, a.ids[i] < id { i += 1 }
            if i < a.ids.count, a.ids[i] == id {
                dot += a.weights[i] * weightB
                sharedA += a.weights[i]
                sharedB += weightB
            }
        }
        normB = normB.squareRoot()
        guard a.norm > 0, normB > 0 else { return 0 }
        var score = dot / (a.norm * normB) / configuration.minCosine
        let countA = a.termCount, countB = b.termCount
        let (shortCount, mass, covered) = countA <= countB ? (countA, a.mass, sharedA) : (countB, massB, sharedB)
        if shortCount <= configuration.shortTextTerms, mass > 0 {
            score = max(score, covered / mass / configuration.minContainment)
        }
        return score >= 1 ? score : 0
    }

    static func bandKey(_ hash: UInt64, _ band: Int) -> UInt64 {
        UInt64(band) << 16 | (hash >> UInt64(band * 16)) & 0xFFFF
    }

    /// Adds a member; `entry.terms` is not kept (see ``Member``).
    private mutating func insert(_ entry: Entry, simhash: UInt64, terms: [StoryTerm]) {
        var pairs: [(id: Int32, count: UInt16)] = []
        pairs.reserveCapacity(terms.count)
        for term in terms {
            let id = internTerm(term.hash)
            documentFrequency[Int(id)] += 1
            pairs.append((id, term.count))
        }
        pairs.sort { $0.id < $1.id }
        var entry = entry
        entry.terms = ""
        members.append(Member(entry: entry, simhash: simhash, termIDs: pairs.map(\.id), counts: pairs.map(\.count)))
        track(position: members.count - 1)
    }

    /// The vocabulary id of a term hash, added (with document frequency 0) when new.
    private mutating func internTerm(_ hash: UInt32) -> Int32 {
        if let known = vocabulary[hash] { return known }
        let id = Int32(documentFrequency.count)
        vocabulary[hash] = id
        hashOfID.append(hash)
        documentFrequency.append(0)
        return id
    }

    /// Enters the member at `position` in the lookup structures (ids, SimHash bands, entities,
    /// expiry order) and counts it live.
    private mutating func track(position: Int) {
        let member = members[position]
        positionByID[member.entry.id] = position
        for band in 0..<4 { bands[Self.bandKey(member.simhash, band), default: []].append(position) }
        for entity in member.entry.entities { byEntity[entity, default: []].append(position) }
        expiry.push(published: member.entry.published, position: position)
        liveCount += 1
    }

    /// Forgets articles published before `horizon` (and the oldest beyond `maxArticles`): they
    /// leave the document frequencies at once, and the arrays are compacted when the dead pass a
    /// quarter of the living. (Letting them reach the living's number held ~10 MB of dead
    /// entries, ids, bucket positions and stories at the cap: the part of a long run's memory
    /// that grew past a short one's. Compaction is in place, ~tens of ms for a full index.)
    private mutating func expire(before horizon: Double) {
        var expired = false
        while let oldest = expiry.peek, oldest.published < horizon || liveCount >= configuration.maxArticles {
            expiry.pop()
            let position = oldest.position
            members[position].alive = false
            for id in members[position].termIDs { documentFrequency[Int(id)] -= 1 }
            positionByID[members[position].entry.id] = nil
            // Free the features now, not at the next compaction: on a firehose the dead would
            // otherwise hold as much memory as the living.
            members[position].termIDs = []
            members[position].counts = []
            members[position].entry.entities = []
            liveCount -= 1
            expired = true
        }
        if expired, members.count - liveCount > max(1024, liveCount / 4) { compact(horizon: horizon) }
    }

    /// Rebuilds every structure from the live members (vocabulary included, so it does not
    /// grow with the run), and drops the stories that have left the window.
    ///
    /// In place: the live members keep their term arrays, renumbered to the ids a fresh index
    /// would give them (members in order, each one's terms by hash, as ``insert`` numbers them),
    /// so a compacted index and one restored from its snapshot compute alike. Rebuilding through
    /// ``insert`` allocated every live member's arrays anew while the old ones were still held:
    /// a spike of ~15 MB at each compaction of a full index.
    private mutating func compact(horizon: Double) {
        // Where each surviving member moves (members keep their order), applied to the lookup
        // structures in place: rebuilding them allocated ~50,000 small bucket arrays per
        // compaction while the old ones were being freed.
        var moved = [Int](repeating: -1, count: members.count)
        var next = 0
        for position in members.indices where members[position].alive {
            moved[position] = next
            next += 1
        }
        members.removeAll { !$0.alive }
        Self.remap(&bands, moved)
        Self.remap(&byEntity, moved)
        var slot = positionByID.values.startIndex
        while slot != positionByID.values.endIndex {   // expired ids left the table at expiry
            positionByID.values[slot] = moved[positionByID.values[slot]]
            positionByID.values.formIndex(after: &slot)
        }
        expiry.remap(moved)

        let oldHashOfID = hashOfID
        vocabulary = [:]; hashOfID = []; documentFrequency = []
        var order: [Int] = []
        var pairs: [(id: Int32, count: UInt16)] = []
        for position in members.indices {
            // Taken out of the member so each array is uniquely held and rewritten in place
            // (reading it through a second reference made every write copy the whole array).
            var ids = members[position].termIDs, counts = members[position].counts
            members[position].termIDs = []; members[position].counts = []
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: ids.indices)
            order.sort { oldHashOfID[Int(ids[$0])] < oldHashOfID[Int(ids[$1])] }   // a member's terms have distinct hashes
            pairs.removeAll(keepingCapacity: true)
            for k in order {
                let id = internTerm(oldHashOfID[Int(ids[k])])
                documentFrequency[Int(id)] += 1
                pairs.append((id, counts[k]))
            }
            pairs.sort { $0.id < $1.id }
            for (k, pair) in pairs.enumerated() {
                ids[k] = pair.id
                counts[k] = pair.count
            }
            members[position].termIDs = ids; members[position].counts = counts
        }
        // A story none of whose articles is remembered can never be joined again: with the
        // article cap, stories left the index long before their time window closed, and kept
        // growing with the corpus.
        let referenced = storiesOfLiveMembers()
        stories = stories.filter { $0.value.lastSeen >= horizon && referenced.contains($0.key) }
    }

    /// Moves every position in `buckets` to where `moved` says, dropping those of removed
    /// members (-1) and buckets left empty; each bucket stays ascending, as `track` builds it.
    private static func remap<Key: Hashable>(_ buckets: inout [Key: [Int]], _ moved: [Int]) {
        var emptied = false
        var slot = buckets.values.startIndex
        while slot != buckets.values.endIndex {
            buckets.values[slot].removeAll { moved[$0] < 0 }
            for k in buckets.values[slot].indices { buckets.values[slot][k] = moved[buckets.values[slot][k]] }
            if buckets.values[slot].isEmpty { emptied = true }
            buckets.values.formIndex(after: &slot)
        }
        if emptied { buckets = buckets.filter { !$0.value.isEmpty } }
    }
}

/// Inverse document frequencies for one assignment, memoised by document frequency (many terms
/// share a frequency, and `log` dominates otherwise).
private struct Weigher {
    let total: Double
    let documentFrequency: [Int]
    var byFrequency: [Double]

    init(total: Int, documentFrequency: [Int]) {
        self.total = Double(total)
        self.documentFrequency = documentFrequency
        byFrequency = [Double](repeating: .nan, count: total + 2)
    }

    /// Smoothed IDF: `log((N + 1) / (df + 2)) + 1`, df counting the live articles with the term.
    mutating func idf(frequency df: Int) -> Double {
        if df < byFrequency.count {
            let cached = byFrequency[df]
            if !cached.isNaN { return cached }
            let value = log((total + 1) / (Double(df) + 2)) + 1
            byFrequency[df] = value
            return value
        }
        return log((total + 1) / (Double(df) + 2)) + 1
    }

    mutating func idf(_ id: Int32) -> Double { idf(frequency: documentFrequency[Int(id)]) }
}

/// The new article's TF-IDF vector over known terms (ascending ids), with its norm and mass
/// counting unknown terms too (document frequency 0).
private struct QueryVector {
    var ids: [Int32] = []
    var weights: [Double] = []
    var norm = 0.0
    var mass = 0.0
    var termCount = 0

    init(terms: [StoryTerm], vocabulary: [UInt32: Int32], weigher: inout Weigher) {
        var known: [(id: Int32, weight: Double)] = []
        var sumSquares = 0.0
        for term in terms {
            let tf = StoryIndex.logTF(term.count)
            let id = vocabulary[term.hash]
            let weight = tf * (id.map { weigher.idf($0) } ?? weigher.idf(frequency: 0))
            sumSquares += weight * weight
            mass += weight
            if let id { known.append((id, weight)) }
        }
        known.sort { $0.id < $1.id }
        ids = known.map(\.id)
        weights = known.map(\.weight)
        norm = sumSquares.squareRoot()
        termCount = terms.count
    }
}

/// A binary min-heap of (published, position), ties by position, for expiring members in order.
struct PublishedHeap {
    private var items: [(published: Double, position: Int)] = []

    var peek: (published: Double, position: Int)? { items.first }

    private static func less(_ a: (published: Double, position: Int), _ b: (published: Double, position: Int)) -> Bool {
        (a.published, a.position) < (b.published, b.position)
    }

    mutating func push(published: Double, position: Int) {
        items.append((published, position))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Moves every entry's position to `moved[position]` (entries of removed members are
    /// already popped). The order is unchanged, as positions keep their relative order.
    mutating func remap(_ moved: [Int]) {
        for k in items.indices { items[k].position = moved[items[k].position] }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
            if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
