import Foundation
import Testing
@testable import WirescoreArchive

struct WARCTests {
    @Test func gzipRoundTripsConcatenatedMembers() throws {
        let a = try Gzip.compress(Array("first member".utf8))
        let b = try Gzip.compress([UInt8](repeating: 7, count: 200_000))
        let members = try Gzip.decompressMembers(a + b)
        #expect(members.count == 2)
        #expect(members[0] == Array("first member".utf8))
        #expect(members[1].count == 200_000)
        #expect(throws: Gzip.Failure.self) { _ = try Gzip.decompressMembers(b, limit: 1000) }
        // A truncated last member is dropped when asked, not fatal.
        let cut = Array((a + b).dropLast(10))
        #expect(try Gzip.decompressMembers(cut, stopAtDamage: true).count == 1)
        #expect(throws: Gzip.Failure.self) { _ = try Gzip.decompressMembers(cut) }
    }

    @Test func writesResponseAndRequestRecordsThatReadBack() throws {
        let dir = NSTemporaryDirectory() + "wirescore-warc-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/raw/date=2026-11-20/run.warc.gz"
        let writer = try WARCWriter(path: path, software: "wirescore test")
        let payload = Array("<html><body>héllo</body></html>".utf8)
        try writer.write(ArchivedExchange(
            targetURI: "https://news.example/a", date: Date(timeIntervalSince1970: 1_800_000_000),
            requestHead: "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", status: 200,
            headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Content-Length", "12")],
            payload: payload))
        writer.close()

        let records = try WARCReader.records(atPath: path)
        #expect(records.map(\.type) == ["warcinfo", "response", "request"])
        let response = records[1]
        #expect(response.targetURI == "https://news.example/a")
        #expect(response.header("WARC-Date") == "2027-01-15T08:00:00Z")
        #expect(response.header("WARC-Payload-Digest") == "sha1:" + SHA1Base32.of(payload))
        #expect(response.header("WARC-Record-ID")?.hasPrefix("<urn:uuid:") == true)
        #expect(records[2].header("WARC-Concurrent-To") == response.header("WARC-Record-ID"))
        let http = try #require(HTTPMessage.parseResponse(response.block))
        #expect(http.status == 200)
        #expect(http.payload == payload)
        #expect(!http.headers.contains { $0.0.lowercased() == "content-encoding" })
        #expect(http.headers.contains { $0.0 == "Content-Length" && $0.1 == String(payload.count) })
    }
}

extension WARCTests {
    @Test func archivesLocalFilesAsResourceRecords() throws {
        let dir = NSTemporaryDirectory() + "wirescore-warc-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/r.warc.gz"
        let writer = try WARCWriter(path: path, software: "test")
        let payload = Array("<rss/>".utf8)
        try writer.write(ArchivedExchange(targetURI: "file:///srv/feed.xml", date: Date(), requestHead: nil, status: 200,
                                          headers: [("Content-Length", "6")], payload: payload), metadata: "{\"role\":\"feed\"}")
        writer.close()
        let records = try WARCReader.records(atPath: path)
        #expect(records.map(\.type) == ["warcinfo", "resource", "metadata"])
        #expect(records[1].block == payload)
        #expect(records[1].header("WARC-Payload-Digest") == "sha1:" + SHA1Base32.of(payload))
        #expect(records[2].header("WARC-Concurrent-To") == records[1].header("WARC-Record-ID"))
    }
}

import WirescoreCore
enum SHA1Base32 {
    static func of(_ bytes: [UInt8]) -> String { SHA1.base32(SHA1.digest(bytes)) }
}
