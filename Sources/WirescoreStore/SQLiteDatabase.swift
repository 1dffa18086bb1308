internal import CSQLite
import Foundation

/// A single SQLite connection: the one owner of its `sqlite3*`, closed in `deinit`.
///
/// Intentionally not thread safe: ``StateStore`` serialises every use behind its lock.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    let path: String
    /// Statements kept prepared by their SQL (see ``cached(_:)``), finalised in `deinit`.
    private var statementCache: [String: OpaquePointer] = [:]
    /// Cached statements handed out since the last ``resetCachedStatements()``.
    private var checkedOut: [OpaquePointer] = []

    /// Opens (creating if needed) the database at `path` in WAL mode with a busy timeout, so a
    /// reader such as `wirescore feeds` never fails because an ingest is writing.
    init(path: String) throws(StoreError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close(db) }
            throw StoreError(code: rc, message: message, context: "open \(path)")
        }
        self.handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
    }

    deinit {
        for statement in statementCache.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastError
            sqlite3_free(errorMessage)
            throw StoreError(code: rc, message: message, context: String(sql.prefix(80)))
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError(code: rc, message: lastError, context: String(sql.prefix(80)))
        }
        return SQLiteStatement(statement, database: self)
    }

    /// A prepared statement for `sql`, parsed on first use and kept for the connection's life.
    ///
    /// The writer records every batch with the same few statements; parsing them again per
    /// batch and per article id lookup was a fifth of the writer's time in profiles. The owner
    /// calls ``resetCachedStatements()`` when it is done with them (``StateStore`` does at the
    /// end of every locked call), so a statement stepped to a row never holds a read snapshot
    /// open. Not for a statement whose rows are being read while the same SQL runs again.
    func cached(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let statement = statementCache[sql] {
            sqlite3_reset(statement)
            checkedOut.append(statement)
            return SQLiteStatement(statement, database: self, owned: false)
        }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError(code: rc, message: lastError, context: String(sql.prefix(80)))
        }
        statementCache[sql] = statement
        checkedOut.append(statement)
        return SQLiteStatement(statement, database: self, owned: false)
    }

    /// Resets the cached statements handed out since the last call (their bindings are
    /// cleared when next bound).
    func resetCachedStatements() {
        for statement in checkedOut { sqlite3_reset(statement) }
        checkedOut.removeAll(keepingCapacity: true)
    }

    /// Runs `body` inside one transaction, rolling back when it throws.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try cached("BEGIN IMMEDIATE").run()
        do {
            let result = try body()
            try cached("COMMIT").run()
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A prepared statement, finalised in `deinit` unless the database's cache owns it. Values
/// bind by 1-based index.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase
    /// False for a statement of the database's cache (``SQLiteDatabase/cached(_:)``).
    private let owned: Bool

    fileprivate init(_ handle: OpaquePointer, database: SQLiteDatabase, owned: Bool = true) {
        self.handle = handle
        self.database = database
        self.owned = owned
    }

    deinit { if owned { sqlite3_finalize(handle) } }

    enum Value {
        case null, int(Int64), double(Double), text(String)
    }

    /// Resets the statement and binds `values` in order.
    @discardableResult
    func bind(_ values: [Value]) -> SQLiteStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case let .int(i): sqlite3_bind_int64(handle, index, i)
            case let .double(d): sqlite3_bind_double(handle, index, d)
            case let .text(s): sqlite3_bind_text(handle, index, s, -1, csqlite_transient())
            }
        }
        return self
    }

    /// Steps once; true when a row is available.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError(code: rc, message: database.lastError, context: "step")
        }
    }

    /// Steps to completion, for statements that return no rows.
    func run() throws(StoreError) {
        while try step() {}
    }

    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL,
              let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    func int(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }
}
