import Foundation
import WirescoreCore

/// One WARC 1.1 record: named header fields and a content block.
public struct WARCRecord: Sendable {
    public var headers: [(name: String, value: String)]
    public var block: [UInt8]

    public init(headers: [(name: String, value: String)], block: [UInt8]) {
        self.headers = headers
        self.block = block
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var type: String? { header("WARC-Type") }
    public var targetURI: String? { header("WARC-Target-URI") }

    /// The record serialised: version line, fields, blank line, block, two CRLFs.
    public func serialized() -> [UInt8] { Self.serialized(headers: headers, block: [block]) }

    /// ``serialized()`` of a record whose block is `parts` concatenated (an HTTP head and its
    /// payload), without building the block first: a fetched page is copied once, here.
    static func serialized(headers: [(name: String, value: String)], block parts: [[UInt8]]) -> [UInt8] {
        let length = parts.reduce(0) { $0 + $1.count }
        var head = "WARC/1.1\r\n"
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        head += "Content-Length: \(length)\r\n\r\n"
        var bytes = Array(head.utf8)
        bytes.reserveCapacity(bytes.count + length + 4)
        for part in parts { bytes += part }
        bytes += [13, 10, 13, 10]
        return bytes
    }

    /// Parses one serialised record; nil when it is not a WARC record.
    public static func parse(_ bytes: [UInt8]) -> WARCRecord? {
        guard let end = HTTPMessage.headerEnd(bytes) else { return nil }
        let head = String(decoding: bytes[0..<end.headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        guard let version = lines.first, version.hasPrefix("WARC/") else { return nil }
        lines.removeFirst()
        var headers: [(String, String)] = []
        var length: Int?
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.caseInsensitiveCompare("Content-Length") == .orderedSame { length = Int(value) } else { headers.append((name, value)) }
        }
        guard let length, end.bodyStart + length <= bytes.count else { return nil }
        return WARCRecord(headers: headers, block: Array(bytes[end.bodyStart..<end.bodyStart + length]))
    }
}

/// Helpers for HTTP/1.x message heads inside WARC blocks.
public enum HTTPMessage {
    /// Where the head ends (`\r\n\r\n`, tolerating bare `\n\n`).
    public static func headerEnd(_ bytes: [UInt8]) -> (headerEnd: Int, bodyStart: Int)? {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 10 && bytes[i + 1] == 10 { return (i, i + 2) }
            if i + 3 < bytes.count, bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 {
                return (i, i + 4)
            }
            i += 1
        }
        return nil
    }

    /// Splits a response block into status code, header fields and payload.
    public static func parseResponse(_ block: [UInt8]) -> (status: Int, headers: [(String, String)], payload: [UInt8])? {
        guard let end = headerEnd(block) else { return nil }
        let head = String(decoding: block[0..<end.headerEnd], as: UTF8.self)
        var lines = head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, headers, Array(block[end.bodyStart...]))
    }
}
