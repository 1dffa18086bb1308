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

        public init(window: TimeInterval = 72 * 3600, maxHamming: Int = 3, minCosine: Double = 0.3,
                    minContainment: Double = 0.6, shortTextTerms: Int = 14, decay: Double = 0.75) {
            self.window = window; self.maxHamming = maxHamming; self.minCosine = minCosine
            self.minContainment = minContainment; self.shortTextTerms = shortTextTerms; self.decay = decay
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
        var terms: [String: Int]
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
        public static let currentFormat = 1
        var format: Int
        var configuration: Configuration
        var newest: Double?
        var entries: [Entry]
        var stories: [Story]
    }

    public let configuration: Configuration
    private var entries: [Entry] = []
    private var positionByID: [String: Int] = [:]
    private var stories: [String: Story] = [:]
    private var documentFrequency: [String: Int] = [:]
    private var newest: Double?

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
            guard UInt64(entry.simhash, radix: 16) != nil else {
                throw StoryError("article \(entry.id) has a malformed simhash \(entry.simhash)")
            }
            guard positionByID[entry.id] == nil else { throw StoryError("article \(entry.id) appears twice in snapshot") }
            insert(entry)
        }
    }

    /// Restores an index from ``snapshotJSON()``.
    /// - Throws: ``StoryError`` naming what could not be read.
    public init(snapshotJSON: String) throws(StoryError) {
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(snapshotJSON.utf8))
        } catch {
            throw StoryError("unreadable story snapshot: \(error)")
        }
        try self.init(snapshot: snapshot)
    }

    /// Number of articles currently remembered (all inside the window).
    public var count: Int { entries.count }

    /// The state to persist: only what is inside the window.
    public func snapshot() -> Snapshot {
        let open = stories.values.sorted { $0.id < $1.id }
        return Snapshot(format: Snapshot.currentFormat, configuration: configuration, newest: newest,
                        entries: entries, stories: open)
    }

    /// The snapshot as JSON with sorted keys, so equal states give byte-identical files.
    public func snapshotJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain structs of strings and numbers cannot fail; an empty object is a safe
        // fallback that restores to an empty index rather than crashing a run.
        guard let data = try? encoder.encode(snapshot()) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Assigns an article to a story and records it.
    ///
    /// - Parameter article: the article; `published` should be its published time (or fetch
    ///   time when it has none), the same value on every run.
    /// - Returns: the story id, the article's novelty and the story's first-seen time.
    public mutating func assign(article: StoryInput) -> StoryAssignment {
        if let position = positionByID[article.id] {
            let entry = entries[position]
            let firstSeen = stories[entry.story]?.firstSeen ?? entry.published
            return StoryAssignment(storyID: entry.story, novelty: entry.novelty,
                                   firstSeen: Date(timeIntervalSince1970: firstSeen))
        }
        let published = article.published.timeIntervalSince1970
        prune(horizon: max(newest ?? published, published) - configuration.window)

        let hash = TextFeatures.simHash(title: article.title, text: article.text)
        let terms = TextFeatures.termCounts(title: article.title, text: article.text)
        let entities = Array(Set(article.entities)).sorted()
        let storyID = match(hash: hash, terms: terms, entities: entities, published: published)
            ?? article.id

        var story = stories[storyID] ?? Story(id: storyID, firstSeen: published, lastSeen: published, count: 0)
        let novelty = Self.novelty(priorArticles: story.count, decay: configuration.decay)
        story.count += 1
        story.lastSeen = max(story.lastSeen, published)
        stories[storyID] = story
        insert(Entry(id: article.id, story: storyID, published: published, simhash: StableHash.hex(hash),
                     entities: entities, terms: terms, novelty: novelty))
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

    /// The story of the best earlier article, or nil for a new story.
    private func match(hash: UInt64, terms: [String: Int], entities: [String], published: Double) -> String? {
        let candidates = entries.indices.filter { abs(entries[$0].published - published) <= configuration.window }
        // Near-duplicates first: a syndicated copy belongs with its source whatever the entities.
        var nearest: (distance: Int, position: Int)?
        for position in candidates {
            guard let other = UInt64(entries[position].simhash, radix: 16) else { continue }
            let distance = TextFeatures.hamming(hash, other)
            if distance <= configuration.maxHamming, distance < (nearest?.distance ?? Int.max) {
                nearest = (distance, position)
            }
        }
        if let nearest { return entries[nearest.position].story }

        guard !entities.isEmpty else { return nil }
        let wanted = Set(entities)
        let total = Double(entries.count + 1)
        func idf(_ term: String) -> Double {
            let df = Double(documentFrequency[term, default: 0] + 1)
            return log((total + 1) / (df + 1)) + 1
        }
        let vector = Self.weights(terms, idf: idf)
        var best: (score: Double, position: Int)?
        // Newest first, and at most `maxComparisons` rewrites checked: a busy ticker can have
        // hundreds of articles in the window, and comparing with each made ingest quadratic
        // (27 s of CPU for 1,000 similar long articles). Rewrites cluster close in time.
        var compared = 0
        for position in candidates.reversed() where !wanted.isDisjoint(with: entries[position].entities) {
            if compared >= Self.maxComparisons { break }
            compared += 1
            let other = Self.weights(entries[position].terms, idf: idf)
            let score = similarity(vector, other)
            if score > (best?.score ?? 0) { best = (score, position) }
        }
        guard let best else { return nil }
        return entries[best.position].story
    }

    /// Cosine for full texts; for a short (headline-only) side also how much of it the other
    /// covers, because a headline's vector is too small for cosine against a whole article.
    /// Returns a score normalised so that >= 1 means "same story".
    private func similarity(_ a: [String: Double], _ b: [String: Double]) -> Double {
        var dot = 0.0
        for (term, weight) in a { if let other = b[term] { dot += weight * other } }
        let normA = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let normB = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard normA > 0, normB > 0 else { return 0 }
        var score = dot / (normA * normB) / configuration.minCosine
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count <= configuration.shortTextTerms {
            let mass = short.values.reduce(0, +)
            let covered = short.reduce(0.0) { $0 + (long[$1.key] != nil ? $1.value : 0) }
            if mass > 0 { score = max(score, covered / mass / configuration.minContainment) }
        }
        return score >= 1 ? score : 0
    }

    /// TF-IDF with sublinear term frequency, so one repeated word cannot dominate.
    private static func weights(_ terms: [String: Int], idf: (String) -> Double) -> [String: Double] {
        var result: [String: Double] = [:]
        for (term, count) in terms { result[term] = (1 + log(Double(count))) * idf(term) }
        return result
    }

    private mutating func insert(_ entry: Entry) {
        positionByID[entry.id] = entries.count
        entries.append(entry)
        for term in entry.terms.keys { documentFrequency[term, default: 0] += 1 }
    }

    /// Forgets articles published before `horizon` and stories with nothing left in the window.
    private mutating func prune(horizon: Double) {
        guard entries.contains(where: { $0.published < horizon }) else { return }
        let kept = entries.filter { $0.published >= horizon }
        entries = []
        positionByID = [:]
        documentFrequency = [:]
        for entry in kept { insert(entry) }
        stories = stories.filter { $0.value.lastSeen >= horizon }
    }
}
