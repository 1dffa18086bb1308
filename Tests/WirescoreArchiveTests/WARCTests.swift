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
        #expect(response.header("WARC-Payload-Digest") == (try WARCDigest.sha1(payload)))
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
        #expect(records[1].header("WARC-Payload-Digest") == (try WARCDigest.sha1(payload)))
        #expect(records[2].header("WARC-Concurrent-To") == records[1].header("WARC-Record-ID"))
    }
}

struct WARCDigestTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// FIPS 180 test vectors, so the digests are SHA-1 and not merely self-consistent.
    @Test func matchesKnownVectors() throws {
        #expect(hex(try WARCDigest.sha1Bytes(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(try WARCDigest.sha1Bytes([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(try WARCDigest.sha1Bytes(long)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(try WARCDigest.sha1Bytes([UInt8](repeating: 0x61, count: 1_000_000)))
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func labelsAndEncodesBase32() throws {
        #expect(WARCDigest.base32(Array("foobar".utf8)) == "MZXW6YTBOI======")
        #expect(WARCDigest.base32(Array("f".utf8)) == "MY======")
        #expect(try WARCDigest.sha1(Array("abc".utf8)) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    }

    /// Record ids come from a seeded counter, not from the system per id: they must still be
    /// version-4 UUID URNs and distinct.
    @Test func recordIDsAreDistinctVersion4UUIDs() throws {
        let ids = (0..<20_000).map { _ in WARCEncoder.newRecordID() }
        #expect(Set(ids).count == ids.count)
        let shape = try Regex("^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$")
        for id in ids.prefix(2_000) { #expect(id.wholeMatch(of: shape) != nil, "\(id)") }
        // Every hex digit outside the fixed version nibble varies across ids.
        let uuids = ids.map { Array($0.utf8.dropFirst(10).dropLast()) }
        for position in 0..<36 where ![8, 13, 14, 18, 23].contains(position) {
            #expect(Set(uuids.prefix(500).map { $0[position] }).count > 1, "position \(position)")
        }
    }
}
