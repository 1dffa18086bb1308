import Foundation
import WirescoreCore
#if canImport(Glibc)
import Glibc
#endif

/// One fetched exchange to archive: what was asked and what came back.
public struct ArchivedExchange: Sendable {
    public var targetURI: String
    public var date: Date
    /// The request head as sent (`GET /x HTTP/1.1\r\nHost: …\r\n\r\n`), when known.
    public var requestHead: String?
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body as delivered to wirescore, i.e. after content decoding.
    public var payload: [UInt8]

    public init(targetURI: String, date: Date, requestHead: String?, status: Int,
                headers: [(name: String, value: String)], payload: [UInt8]) {
        self.targetURI = targetURI; self.date = date; self.requestHead = requestHead
        self.status = status; self.headers = headers; self.payload = payload
    }
}

/// Appends WARC 1.1 records to `raw/date=…/<run-id>.warc.gz`, one gzip member per record.
///
/// Each exchange becomes a `response` record (and a `request` record when the request head is
/// known) with WARC-Target-URI, WARC-Date, WARC-Record-ID, WARC-Block-Digest and
/// WARC-Payload-Digest, readable by warcio and by ``WARCReader`` for `reprocess`.
/// libcurl hands over decoded bodies, so the stored response drops `Content-Encoding` and
/// `Transfer-Encoding` and states the decoded `Content-Length`: the archive is self-consistent.
/// Not thread safe: the pipeline's sink owns it.
public final class WARCWriter {
    private var descriptor: Int32 = -1
    public let path: String

    public init(path: String, software: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        descriptor = fd
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size == 0 {
            let fields = "software: \(software)\r\nformat: WARC File Format 1.1\r\n"
            let record = WARCRecord(headers: [
                ("WARC-Type", "warcinfo"), ("WARC-Date", UTCTimestamp.rfc3339(Date())),
                ("WARC-Filename", (path as NSString).lastPathComponent),
                ("WARC-Record-ID", WARCEncoder.newRecordID()), ("Content-Type", "application/warc-fields"),
            ], block: Array(fields.utf8))
            try append([record])
        }
    }

    deinit { close() }

    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Archives one exchange: response, request (when known) and an optional `metadata`
    /// record, in one write. Same as ``append(encoded:)`` of ``WARCEncoder/encode(_:metadata:)``.
    public func write(_ exchange: ArchivedExchange, metadata: String? = nil) throws {
        try append(encoded: WARCEncoder.encode(exchange, metadata: metadata))
    }

    /// Appends records already encoded (and compressed) by ``WARCEncoder``, in one write(2), so
    /// the expensive part (digests, gzip) can run on any thread and only this runs on the owner's.
    public func append(encoded bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                               NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
            offset += n
        }
    }

    private func append(_ records: [WARCRecord]) throws {
        try append(encoded: WARCEncoder.compress(records))
    }
}

/// Turns exchanges into WARC records, each its own gzip member: pure and thread safe, so the
/// pipeline's parallel workers can digest and compress while the single writer only appends.
public enum WARCEncoder {
    /// One exchange as records: response, request (when known) and an optional `metadata`
    /// record (JSON, e.g. which feed item the page belongs to), compressed and concatenated.
    public static func encode(_ exchange: ArchivedExchange, metadata: String? = nil) throws -> [UInt8] {
        let date = UTCTimestamp.rfc3339(exchange.date)
        let responseID = newRecordID()
        if !exchange.targetURI.lowercased().hasPrefix("http") {
            // Not HTTP (a local file): WARC's `resource` record, the bytes as they are, with no
            // HTTP head that readers such as warcio would not expect for this scheme.
            let contentType = exchange.headers.first { $0.name.lowercased() == "content-type" }?.value
            let digest = try WARCDigest.sha1(exchange.payload)
            var records = [WARCRecord(headers: [
                ("WARC-Type", "resource"), ("WARC-Record-ID", responseID), ("WARC-Date", date),
                ("WARC-Target-URI", exchange.targetURI), ("Content-Type", contentType ?? "application/octet-stream"),
                ("WARC-Block-Digest", digest), ("WARC-Payload-Digest", digest),
            ], block: exchange.payload)]
            if let metadata { records.append(try metadataRecord(metadata, for: exchange, concurrentTo: responseID, date: date)) }
            return try compress(records)
        }
        var head = "HTTP/1.1 \(exchange.status) \(reason(exchange.status))\r\n"
        for field in exchange.headers {
            let name = field.name.lowercased()
            if name == "content-encoding" || name == "transfer-encoding" || name == "content-length" { continue }
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(exchange.payload.count)\r\n\r\n"
        // The block (head + payload) is never built on its own: digested from its parts (both
        // digests in one interleaved pass) and serialised straight from them, so the page is
        // copied once rather than twice.
        let block = [Array(head.utf8), exchange.payload]
        let (payloadDigest, blockDigest) = try WARCDigest.sha1Pair(head: block[0], payload: exchange.payload)
        var serialized = [WARCRecord.serialized(headers: [
            ("WARC-Type", "response"), ("WARC-Record-ID", responseID), ("WARC-Date", date),
            ("WARC-Target-URI", exchange.targetURI), ("Content-Type", "application/http;msgtype=response"),
            ("WARC-Block-Digest", blockDigest), ("WARC-Payload-Digest", payloadDigest),
        ], block: block)]
        if let request = exchange.requestHead {
            let bytes = Array(request.utf8)
            serialized.append(WARCRecord(headers: [
                ("WARC-Type", "request"), ("WARC-Record-ID", newRecordID()), ("WARC-Date", date),
                ("WARC-Target-URI", exchange.targetURI), ("WARC-Concurrent-To", responseID),
                ("Content-Type", "application/http;msgtype=request"),
                ("WARC-Block-Digest", try WARCDigest.sha1(bytes)),
            ], block: bytes).serialized())
        }
        if let metadata {
            serialized.append(try metadataRecord(metadata, for: exchange, concurrentTo: responseID, date: date).serialized())
        }
        return try compress(serialized: serialized)
    }

    private static func metadataRecord(_ metadata: String, for exchange: ArchivedExchange, concurrentTo id: String,
                                date: String) throws -> WARCRecord {
        let bytes = Array(metadata.utf8)
        return WARCRecord(headers: [
            ("WARC-Type", "metadata"), ("WARC-Record-ID", newRecordID()), ("WARC-Date", date),
            ("WARC-Target-URI", exchange.targetURI), ("WARC-Concurrent-To", id),
            ("Content-Type", "application/json"),
            ("WARC-Block-Digest", try WARCDigest.sha1(bytes)),
        ], block: bytes)
    }

    /// One gzip member per record, concatenated.
    static func compress(_ records: [WARCRecord]) throws -> [UInt8] {
        try compress(serialized: records.map { $0.serialized() })
    }

    /// One gzip member per serialised record, concatenated.
    static func compress(serialized records: [[UInt8]]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            try record.withUnsafeBytes { try Gzip.append($0, to: &bytes) }
        }
        return bytes
    }

    static func newRecordID() -> String { RecordIDs.next() }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// Reads `.warc.gz` files back (for `reprocess`), tolerating a last record cut short by a crash.
public enum WARCReader {
    public static func records(atPath path: String) throws -> [WARCRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return try records([UInt8](data))
    }

    /// The records of a `.warc.gz` already in memory (an archive downloaded from a bucket).
    public static func records(_ bytes: [UInt8]) throws -> [WARCRecord] {
        try Gzip.decompressMembers(bytes, stopAtDamage: true).compactMap(WARCRecord.parse)
    }
}
