import Foundation
import Logging
import WirescoreObjectStore
import WirescoreCore
import WirescoreOutput

/// An `s3://bucket/prefix` output as a run sees it: where objects go, how the store is
/// reached, and the local spool that stages them and holds the shard's run state.
public struct ObjectStoreTarget: Sendable {
    public var location: S3Location
    public var endpoint: S3Endpoint
    public var limits: S3HiveOutput.Limits
    /// The spool base (`object_store.spool`, `WIRESCORE_SPOOL`, else `.wirescore-spool`).
    public var spoolBase: String

    public init(location: S3Location, endpoint: S3Endpoint, limits: S3HiveOutput.Limits = .init(), spoolBase: String) {
        self.location = location; self.endpoint = endpoint; self.limits = limits; self.spoolBase = spoolBase
    }

    /// Resolves `root` (`s3://...`) with the pipeline's `object_store:` keys and the environment.
    /// - Throws: ``Problem`` with one line naming what is missing or malformed.
    public static func resolve(_ root: String, settings: ObjectStoreSettings,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) -> ObjectStoreTarget {
        let location: S3Location
        do {
            location = try S3Location(parsing: root)
        } catch {
            throw Problem(description: "output \(error.description)")
        }
        let endpoint: S3Endpoint
        do {
            endpoint = try S3Endpoint.resolve(bucket: location.bucket, overrides: settings.overrides, environment: environment)
        } catch {
            throw Problem(description: "output \(root): \(error.description)")
        }
        let base = environment["WIRESCORE_SPOOL"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.spool ?? ".wirescore-spool"
        return ObjectStoreTarget(location: location, endpoint: endpoint, limits: settings.limits, spoolBase: base)
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The local root of one shard: `<spool>/<bucket>/<prefix>/shard-<I>`, holding `state/`
    /// (run state, the lock, the story index) and the parts waiting for upload. One per shard,
    /// so shards never share a lock or a database, on one host or on many.
    public func spoolRoot(shard: Int) -> String {
        var path = spoolBase
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        path += "/" + location.bucket
        if !location.prefix.isEmpty { path += "/" + location.prefix }
        return path + "/shard-\(shard)"
    }

    /// The local root `reprocess` stages its uploads in (and takes its lock in).
    public var reprocessSpoolRoot: String {
        String(spoolRoot(shard: 0).dropLast("shard-0".count)) + "reprocess"
    }

    /// A client for the target's bucket.
    public func client() throws(S3Error) -> S3Client {
        try S3Client(location: location, endpoint: endpoint)
    }
}

/// The store refused the credentials or the bucket before the run began (a configuration
/// problem the operator must fix: `wirescore ingest` exits 78).
public struct ObjectStoreRefused: Error, CustomStringConvertible {
    public var error: S3Error
    public var description: String { error.description }
}

extension S3HiveOutput {
    /// Opens the output for a run: checks access (a refusal throws ``ObjectStoreRefused``; an
    /// unreachable store only warns, the run spools), then uploads what earlier runs left.
    static func open(_ target: ObjectStoreTarget, spoolRoot: String, run: String, logger: Logger) throws -> S3HiveOutput {
        let client = try target.client()
        let output = S3HiveOutput(client: client, spool: ObjectSpool(root: spoolRoot), run: run, limits: target.limits,
                                  warn: { logger.warning("\($0)") })
        do {
            try client.checkAccess()
        } catch where error.isConfiguration {
            throw ObjectStoreRefused(error: error)
        } catch {
            output.giveUp(because: error)
            return output
        }
        let sent = output.uploadPending()
        if sent > 0 { logger.notice("uploaded objects an earlier run left in the spool", metadata: ["objects": "\(sent)"]) }
        return output
    }

    /// A part-name token for a run: its UTC start time and a random tag, so two runs never
    /// share a name even on hosts whose processes all have pid 1.
    static func runToken(started: Date) -> String {
        let stamp = UTCTimestamp.rfc3339(started).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return stamp + "-" + String(format: "%06x", UInt32.random(in: 0..<(1 << 24)))
    }
}

/// Days whose scores a run owes because the store was down when it ended
/// (`state/scores-pending.txt`, one day per line): the next run scores them with its own.
enum PendingScoreDays {
    static func path(_ layout: OutputLayout) -> String { layout.stateDirectory + "/scores-pending.txt" }

    static func load(_ layout: OutputLayout) -> Set<String> {
        guard let text = try? String(contentsOfFile: path(layout), encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { UTCTimestamp.parseDay($0) != nil })
    }

    static func save(_ days: [String], _ layout: OutputLayout) throws {
        guard !days.isEmpty else {
            unlink(path(layout))
            return
        }
        try AtomicFile.write(lines: days, to: path(layout))
    }
}
