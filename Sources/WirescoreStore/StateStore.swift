import Foundation
import Synchronization

/// wirescore's run state in `<output>/state/state.sqlite`: HTTP validators for conditional
/// GETs, the feed items already handled, the article ids already written, how far each part
/// file is known to be committed, and each feed's health.
///
/// Thread-safe: every call takes the store's lock, so stages may share one instance. SQLite
/// runs in WAL mode so `wirescore feeds` can read while an ingest writes.
public final class StateStore: @unchecked Sendable {
    // @unchecked: `database` and its statements are only touched while `lock` is held.
    private let lock = Mutex(())
    private let database: SQLiteDatabase
    public let path: String

    private static let schemaVersion = 5

    /// Opens or creates the store in `directory` (created if missing).
    public init(directory: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(code: -1, message: "\(error)", context: "create \(directory)")
        }
        path = (directory as NSString).appendingPathComponent("state.sqlite")
        database = try SQLiteDatabase(path: path)
        try migrate()
    }

    /// Brings the schema to ``schemaVersion`` one step at a time, each step in a transaction,
    /// so a store written by any earlier version opens and keeps its data.
    private func migrate() throws(StoreError) {
        let statement = try database.prepare("PRAGMA user_version")
        let version = try statement.step() ? Int(statement.int(0) ?? 0) : 0
        if version < 1 {
            try database.transaction { () throws(StoreError) in
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS validators (
                        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated_at REAL NOT NULL);
                    CREATE TABLE IF NOT EXISTS items (
                        key TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL,
                        attempts INTEGER NOT NULL, final INTEGER NOT NULL, updated_at REAL NOT NULL);
                    CREATE TABLE IF NOT EXISTS articles (
                        id TEXT PRIMARY KEY, url TEXT NOT NULL, day TEXT NOT NULL, written_at REAL NOT NULL);
                    CREATE TABLE IF NOT EXISTS part_files (
                        path TEXT PRIMARY KEY, committed_bytes INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS feed_health (
                        feed TEXT PRIMARY KEY, url TEXT NOT NULL, failures INTEGER NOT NULL,
                        last_success REAL, last_failure REAL, last_error TEXT, last_status INTEGER,
                        next_attempt REAL);
                    PRAGMA user_version = 1;
                    """)
            }
        }
        if version < 2 {
            // The items a feed listed stay open here until they settle, so a feed that answers
            // 304 later cannot hide them; and each written article keeps a fingerprint of its
            // text, so a canonical claim merges two pages only when their texts agree.
            try database.transaction { () throws(StoreError) in
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS open_items (
                        key TEXT PRIMARY KEY, feed TEXT NOT NULL, link TEXT NOT NULL, feed_title TEXT,
                        title TEXT, author TEXT, published REAL,
                        listed_at REAL NOT NULL);
                    CREATE INDEX IF NOT EXISTS open_items_by_feed ON open_items (feed);
                    ALTER TABLE articles ADD COLUMN fingerprint INTEGER;
                    PRAGMA user_version = 2;
                    """)
            }
        }
        if version < 3 {
            // Sources found in the wild: each site's robots.txt with its expiry, and the
            // entity hints a news sitemap gives an item (its stock tickers).
            try database.transaction { () throws(StoreError) in
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS robots (
                        origin TEXT PRIMARY KEY, answer TEXT NOT NULL, body TEXT NOT NULL,
                        truncated INTEGER NOT NULL, fetched_at REAL NOT NULL, expires_at REAL NOT NULL);
                    ALTER TABLE open_items ADD COLUMN entity_hints TEXT;
                    PRAGMA user_version = 3;
                    """)
            }
        }
        if version < 4 {
            // The language the source declares for an item (a news sitemap's `news:language`,
            // a feed's `<language>`): the record's `lang` when the page itself declares none.
            try database.transaction { () throws(StoreError) in
                try database.execute("""
                    ALTER TABLE open_items ADD COLUMN language TEXT;
                    PRAGMA user_version = 4;
                    """)
            }
        }
        if version < 5 {
            // Where a feed has moved for good (every redirect on the way permanent), until the
            // feed list names the new address: `wirescore feeds list` shows it.
            try database.transaction { () throws(StoreError) in
                try database.execute("""
                    ALTER TABLE feed_health ADD COLUMN moved_to TEXT;
                    PRAGMA user_version = 5;
                    """)
            }
        }
    }

    private func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let result: Result<T, StoreError> = lock.withLock { _ in
            // The cached statements this call used are reset before the lock is released.
            defer { database.resetCachedStatements() }
            do throws(StoreError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    // MARK: Validators

    public func validators(for url: String) throws(StoreError) -> HTTPValidators? {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT etag, last_modified FROM validators WHERE url = ?")
            s.bind([.text(url)])
            guard try s.step() else { return nil }
            return HTTPValidators(etag: s.text(0), lastModified: s.text(1))
        }
    }

    public func setValidators(_ validators: HTTPValidators, for url: String, at date: Date) throws(StoreError) {
        try locked { () throws(StoreError) in try storeValidators(validators, for: url, at: date) }
    }

    /// Caller holds `lock`.
    private func storeValidators(_ validators: HTTPValidators, for url: String, at date: Date) throws(StoreError) {
        if validators.etag == nil && validators.lastModified == nil {
            try database.cached("DELETE FROM validators WHERE url = ?").bind([.text(url)]).run()
            return
        }
        try database.cached("""
            INSERT INTO validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,
                last_modified = excluded.last_modified, updated_at = excluded.updated_at
            """).bind([.text(url), Self.text(validators.etag), Self.text(validators.lastModified),
                       .double(date.timeIntervalSince1970)]).run()
    }

    // MARK: Open items

    /// Accepts a feed's answer: records the items it listed as open (those not settled yet) and
    /// then its validators, in one transaction. The order is the point: validators saved
    /// without the items would let the next run's 304 hide them for good.
    public func acceptFeedListing(_ items: [OpenItem], validators: HTTPValidators, feedURL: String,
                                  at date: Date) throws(StoreError) {
        try locked { () throws(StoreError) in
            try database.transaction { () throws(StoreError) in
                let insert = try database.cached("""
                    INSERT OR IGNORE INTO open_items
                        (key, feed, link, feed_title, title, author, published, listed_at, entity_hints, language)
                    SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
                    WHERE NOT EXISTS (SELECT 1 FROM items WHERE key = ?1 AND final = 1)
                    """)
                for item in items {
                    try insert.bind([.text(item.key), .text(item.feed), .text(item.link), Self.text(item.feedTitle),
                                     Self.text(item.title), Self.text(item.author), Self.time(item.published),
                                     .double(date.timeIntervalSince1970),
                                     item.entityHints.isEmpty ? .null : .text(item.entityHints.joined(separator: ",")),
                                     Self.text(item.language)]).run()
                }
                try storeValidators(validators, for: feedURL, at: date)
            }
        }
    }

    /// The items `feed` listed that have not settled, in the order they were listed.
    public func openItems(feed: String) throws(StoreError) -> [OpenItem] {
        try locked { () throws(StoreError) in
            let s = try database.cached("""
                SELECT key, feed, link, feed_title, title, author, published, entity_hints, language FROM open_items
                WHERE feed = ? ORDER BY rowid
                """)
            s.bind([.text(feed)])
            var result: [OpenItem] = []
            while try s.step() {
                result.append(OpenItem(key: s.text(0) ?? "", feed: s.text(1) ?? "", link: s.text(2) ?? "",
                                       feedTitle: s.text(3), title: s.text(4), author: s.text(5),
                                       published: s.double(6).map(Date.init(timeIntervalSince1970:)),
                                       entityHints: s.text(7).map { $0.split(separator: ",").map(String.init) } ?? [],
                                       language: s.text(8)))
            }
            return result
        }
    }

    /// How many items are open across all feeds (for `feeds list` and the summary).
    public func openItemCount() throws(StoreError) -> Int {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT count(*) FROM open_items")
            return try s.step() ? Int(s.int(0) ?? 0) : 0
        }
    }

    // MARK: robots.txt

    /// The robots.txt kept for `origin` (`scheme://host[:port]`), expired or not.
    public func robots(for origin: String) throws(StoreError) -> RobotsRecord? {
        try locked { () throws(StoreError) in
            let s = try database.cached(
                "SELECT answer, body, truncated, fetched_at, expires_at FROM robots WHERE origin = ?")
            s.bind([.text(origin)])
            guard try s.step() else { return nil }
            return RobotsRecord(answer: RobotsRecord.Answer(rawValue: s.text(0) ?? "") ?? .unreachable,
                                body: s.text(1) ?? "", truncated: (s.int(2) ?? 0) != 0,
                                fetchedAt: Date(timeIntervalSince1970: s.double(3) ?? 0),
                                expiresAt: Date(timeIntervalSince1970: s.double(4) ?? 0))
        }
    }

    /// Keeps `record` as `origin`'s robots.txt, replacing the one before.
    public func saveRobots(_ record: RobotsRecord, for origin: String) throws(StoreError) {
        try locked { () throws(StoreError) in
            try database.cached("""
                INSERT INTO robots (origin, answer, body, truncated, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(origin) DO UPDATE SET answer = excluded.answer, body = excluded.body,
                    truncated = excluded.truncated, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
                """).bind([.text(origin), .text(record.answer.rawValue), .text(record.body),
                           .int(record.truncated ? 1 : 0), .double(record.fetchedAt.timeIntervalSince1970),
                           .double(record.expiresAt.timeIntervalSince1970)]).run()
        }
    }

    // MARK: Feed items

    /// True when the item (keyed by its link or guid) needs no further fetch: it was written,
    /// failed permanently, or ran out of attempts.
    public func isItemSettled(_ key: String) throws(StoreError) -> Bool {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT final FROM items WHERE key = ?")
            s.bind([.text(key)])
            return try s.step() && (s.int(0) ?? 0) != 0
        }
    }

    /// Records an attempt at an item. A transient failure stays open for a later run until
    /// `maxAttempts` attempts have been made; a success or permanent failure settles it.
    public func recordItem(_ key: String, feed: String, outcome: String, settled: Bool,
                           maxAttempts: Int = 3, at date: Date) throws(StoreError) {
        try recordItems([(key, feed, outcome, settled)], maxAttempts: maxAttempts, at: date)
    }

    /// ``recordItem(_:feed:outcome:settled:maxAttempts:at:)`` for a batch, in one transaction
    /// with one prepared statement (a statement parse and a WAL commit per item showed in the
    /// writer's profile).
    public func recordItems(_ items: [(key: String, feed: String, outcome: String, settled: Bool)],
                            maxAttempts: Int = 3, at date: Date) throws(StoreError) {
        guard !items.isEmpty else { return }
        try locked { () throws(StoreError) in
            try database.transaction { () throws(StoreError) in try upsertItems(items, maxAttempts: maxAttempts, at: date) }
        }
    }

    /// The statements of ``recordItems(_:maxAttempts:at:)``; the caller holds the lock and a transaction.
    private func upsertItems(_ items: [(key: String, feed: String, outcome: String, settled: Bool)],
                             maxAttempts: Int, at date: Date) throws(StoreError) {
        let upsert = try database.cached("""
            INSERT INTO items (key, feed, outcome, attempts, final, updated_at) VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT(key) DO UPDATE SET outcome = excluded.outcome, attempts = items.attempts + 1,
                final = CASE WHEN excluded.final = 1 OR items.attempts + 1 >= ? THEN 1 ELSE 0 END,
                updated_at = excluded.updated_at
            """)
        let close = try database.cached("""
            DELETE FROM open_items WHERE key = ?1 AND EXISTS (SELECT 1 FROM items WHERE key = ?1 AND final = 1)
            """)
        for item in items {
            try upsert.bind([.text(item.key), .text(item.feed), .text(item.outcome), .int(item.settled ? 1 : 0),
                             .double(date.timeIntervalSince1970), .int(Int64(maxAttempts))]).run()
            try close.bind([.text(item.key)]).run()
        }
    }

    // MARK: Articles written

    public func isArticleWritten(_ id: String) throws(StoreError) -> Bool {
        try writtenArticle(id) != nil
    }

    /// What run state knows of a written article: nil when the id was never written, else its
    /// text fingerprint (nil for articles written before fingerprints were kept, or adopted
    /// after a crash).
    public func writtenArticle(_ id: String) throws(StoreError) -> WrittenArticle? {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT fingerprint FROM articles WHERE id = ?")
            s.bind([.text(id)])
            guard try s.step() else { return nil }
            return WrittenArticle(fingerprint: s.int(0).map { UInt64(bitPattern: $0) })
        }
    }

    /// Records, in one transaction, the ids just appended to `partFile` and the file's new
    /// committed length. At start-up, bytes past that length are lines written by a run that
    /// died before this call (see ``uncommittedTail(of:)``).
    public func recordWritten(_ articles: [(id: String, url: String, day: String)], partFile: String,
                              committedBytes: Int, at date: Date) throws(StoreError) {
        try recordWritten(articles.map { (id: $0.id, url: $0.url, day: $0.day, fingerprint: nil) },
                          partFile: partFile, committedBytes: committedBytes, at: date)
    }

    /// ``recordWritten(_:partFile:committedBytes:at:)`` with each article's text fingerprint.
    public func recordWritten(_ articles: [(id: String, url: String, day: String, fingerprint: UInt64?)],
                              partFile: String, committedBytes: Int, at date: Date) throws(StoreError) {
        try locked { () throws(StoreError) in
            try database.transaction { () throws(StoreError) in
                try insertWritten(articles, partFile: partFile, committedBytes: committedBytes, at: date)
            }
        }
    }

    /// One batch of the writer: each part file's ``recordWritten(_:partFile:committedBytes:at:)``,
    /// then ``recordItems(_:maxAttempts:at:)`` for `items`, all in one transaction.
    ///
    /// A batch of real pages spans dozens of publication days, each its own part file; a
    /// transaction per day and kind rewrote the same table and index pages into the WAL dozens of
    /// times per batch, and the WAL filled and was checkpointed (two `fdatasync`s, blocking the
    /// writer's thread) every few batches. One transaction commits each page once.
    public func recordBatch(written parts: [(articles: [(id: String, url: String, day: String, fingerprint: UInt64?)],
                                             partFile: String, committedBytes: Int)],
                            items: [(key: String, feed: String, outcome: String, settled: Bool)],
                            maxAttempts: Int = 3, at date: Date) throws(StoreError) {
        guard !parts.isEmpty || !items.isEmpty else { return }
        try locked { () throws(StoreError) in
            try database.transaction { () throws(StoreError) in
                for part in parts {
                    try insertWritten(part.articles, partFile: part.partFile, committedBytes: part.committedBytes, at: date)
                }
                if !items.isEmpty { try upsertItems(items, maxAttempts: maxAttempts, at: date) }
            }
        }
    }

    /// The statements of ``recordWritten(_:partFile:committedBytes:at:)``; the caller holds the
    /// lock and a transaction.
    private func insertWritten(_ articles: [(id: String, url: String, day: String, fingerprint: UInt64?)],
                               partFile: String, committedBytes: Int, at date: Date) throws(StoreError) {
        let insert = try database.cached(
            "INSERT OR IGNORE INTO articles (id, url, day, written_at, fingerprint) VALUES (?, ?, ?, ?, ?)")
        for article in articles {
            try insert.bind([.text(article.id), .text(article.url), .text(article.day),
                             .double(date.timeIntervalSince1970),
                             article.fingerprint.map { .int(Int64(bitPattern: $0)) } ?? .null]).run()
        }
        try database.cached("""
            INSERT INTO part_files (path, committed_bytes) VALUES (?, ?)
            ON CONFLICT(path) DO UPDATE SET committed_bytes = excluded.committed_bytes
            """).bind([.text(partFile), .int(Int64(committedBytes))]).run()
    }

    /// The committed length recorded for a part file, nil when never recorded.
    public func committedBytes(of partFile: String) throws(StoreError) -> Int? {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT committed_bytes FROM part_files WHERE path = ?")
            s.bind([.text(partFile)])
            return try s.step() ? s.int(0).map(Int.init) : nil
        }
    }

    public func articleCount() throws(StoreError) -> Int {
        try locked { () throws(StoreError) in
            let s = try database.cached("SELECT count(*) FROM articles")
            return try s.step() ? Int(s.int(0) ?? 0) : 0
        }
    }

    // MARK: Feed health

    public func health(of feedID: String) throws(StoreError) -> FeedHealth? {
        try locked { () throws(StoreError) in
            let s = try database.cached("""
                SELECT feed, url, failures, last_success, last_failure, last_error, last_status, next_attempt, moved_to
                FROM feed_health WHERE feed = ?
                """)
            s.bind([.text(feedID)])
            return try s.step() ? Self.health(from: s) : nil
        }
    }

    public func allHealth() throws(StoreError) -> [FeedHealth] {
        try locked { () throws(StoreError) in
            let s = try database.cached("""
                SELECT feed, url, failures, last_success, last_failure, last_error, last_status, next_attempt, moved_to
                FROM feed_health ORDER BY feed
                """)
            var result: [FeedHealth] = []
            while try s.step() { result.append(Self.health(from: s)) }
            return result
        }
    }

    /// Records an answer from the feed; `movedTo` is where it now lives when it redirected
    /// there permanently (nil clears an earlier move: the list names the new address now, or
    /// the redirect went away).
    public func recordFeedSuccess(_ feedID: String, url: String, status: Int, at date: Date,
                                  movedTo: String? = nil) throws(StoreError) {
        var health = try self.health(of: feedID) ?? FeedHealth(feedID: feedID, url: url)
        health.url = url
        health.movedTo = movedTo
        health.consecutiveFailures = 0
        health.lastSuccess = date
        health.lastStatus = status
        health.lastError = nil
        health.nextAttempt = nil
        try save(health)
    }

    /// Counts a failure and schedules the next attempt: `retryAfter` when the server named
    /// one, else exponential backoff.
    public func recordFeedFailure(_ feedID: String, url: String, error: String, status: Int?,
                                  retryAfter: TimeInterval?, at date: Date) throws(StoreError) {
        var health = try self.health(of: feedID) ?? FeedHealth(feedID: feedID, url: url)
        health.url = url
        health.consecutiveFailures += 1
        health.lastFailure = date
        health.lastError = error
        health.lastStatus = status
        let wait = retryAfter ?? FeedHealth.backoff(failures: health.consecutiveFailures)
        health.nextAttempt = date.addingTimeInterval(wait)
        try save(health)
    }

    private func save(_ h: FeedHealth) throws(StoreError) {
        try locked { () throws(StoreError) in
            try database.cached("""
                INSERT OR REPLACE INTO feed_health
                    (feed, url, failures, last_success, last_failure, last_error, last_status, next_attempt, moved_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).bind([
                    .text(h.feedID), .text(h.url), .int(Int64(h.consecutiveFailures)),
                    Self.time(h.lastSuccess), Self.time(h.lastFailure), Self.text(h.lastError),
                    h.lastStatus.map { .int(Int64($0)) } ?? .null, Self.time(h.nextAttempt), Self.text(h.movedTo),
                ]).run()
        }
    }

    private static func health(from s: SQLiteStatement) -> FeedHealth {
        FeedHealth(feedID: s.text(0) ?? "", url: s.text(1) ?? "", consecutiveFailures: Int(s.int(2) ?? 0),
                   lastSuccess: s.double(3).map(Date.init(timeIntervalSince1970:)),
                   lastFailure: s.double(4).map(Date.init(timeIntervalSince1970:)),
                   lastError: s.text(5), lastStatus: s.int(6).map(Int.init),
                   nextAttempt: s.double(7).map(Date.init(timeIntervalSince1970:)), movedTo: s.text(8))
    }

    private static func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
    private static func time(_ d: Date?) -> SQLiteStatement.Value { d.map { .double($0.timeIntervalSince1970) } ?? .null }

    /// Clears a feed's failure count and backoff (`wirescore feeds reset`), so the next run
    /// fetches it at once; the dates of its last success and failure are kept as history.
    /// - Returns: the health as it was, or nil when the store holds none for the feed.
    @discardableResult
    public func resetHealth(of feedID: String) throws(StoreError) -> FeedHealth? {
        guard var health = try self.health(of: feedID) else { return nil }
        let before = health
        health.consecutiveFailures = 0
        health.nextAttempt = nil
        health.lastError = nil
        try save(health)
        return before
    }
}
