import Foundation
import WirescoreOutput
import WirescorePipeline

/// Writes an ingest summary in Prometheus text format for node_exporter's textfile collector:
/// to a temporary file in the same directory, then renamed over the target so a scrape never
/// reads half a file.
enum MetricsFile {
    static func write(_ s: IngestSummary, pipeline: String, shard: ShardSpec, to path: String) throws {
        let labels = "pipeline=\"\(escape(pipeline))\",shard=\"\(shard.index)\""
        var text = ""
        func metric(_ name: String, _ help: String, _ type: String, _ samples: [(String, Double)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (extra, value) in samples {
                let all = extra.isEmpty ? labels : labels + "," + extra
                text += "\(name){\(all)} \(value == value.rounded() ? String(Int(value)) : String(value))\n"
            }
        }
        metric("wirescore_feeds", "Feeds by outcome in the last run.", "gauge", [
            ("outcome=\"ok\"", Double(s.feedsOK)), ("outcome=\"not_modified\"", Double(s.feedsNotModified)),
            ("outcome=\"failed\"", Double(s.feedsFailed)), ("outcome=\"backing_off\"", Double(s.feedsBackingOff)),
        ])
        metric("wirescore_articles", "Articles by outcome in the last run.", "gauge", [
            ("outcome=\"new\"", Double(s.articlesNew)), ("outcome=\"duplicate\"", Double(s.articlesDuplicate)),
            ("outcome=\"thin\"", Double(s.articlesThin)), ("outcome=\"robots\"", Double(s.robotsDisallowed)),
            ("outcome=\"deferred\"", Double(s.itemsDeferred)),
        ])
        metric("wirescore_items_open", "Feed items listed but not settled yet (the next run works them off).", "gauge",
               [("", Double(s.itemsOpen))])
        metric("wirescore_run_stopped_early", "1 when the last run stopped early (deadline or signal).", "gauge",
               [(s.stoppedBy.map { "reason=\"\(escape($0))\"" } ?? "", s.stoppedBy == nil ? 0 : 1)])
        metric("wirescore_errors", "Error records written in the last run.", "gauge", [("", Double(s.errors))])
        metric("wirescore_run_duration_seconds", "Duration of the last run.", "gauge", [("", s.duration)])
        metric("wirescore_last_run_timestamp_seconds", "When the last run ended (Unix time).", "gauge",
               [("", Date().timeIntervalSince1970.rounded())])
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    /// Why `path` cannot take the metrics file, checked before the run starts so a typo
    /// fails at once instead of after an hour's ingest; nil when it can.
    static func problemWriting(to path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "is a directory"
        }
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            return "directory \(folder) does not exist"
        }
        guard isDirectory.boolValue else { return "\(folder) is not a directory" }
        guard access(folder, W_OK | X_OK) == 0 else {
            return "directory \(folder) is not writable (\(String(cString: strerror(errno))))"
        }
        return nil
    }

    /// The OS reason of a failed write, without Foundation's error dump.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
