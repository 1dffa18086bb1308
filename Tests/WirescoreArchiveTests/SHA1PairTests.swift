import Testing
@testable import WirescoreArchive

/// The interleaved two-digest SHA-1 (CSHA1Pair) must give exactly libcrypto's digests: payload
/// alone and head + payload, for every split of the block between head and payload.
struct SHA1PairTests {
    /// A small deterministic generator, so a failing length can be reproduced.
    struct XorShift {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 24) } }
    }

    /// Checks one (head, payload) pair against libcrypto, raw and in `sha1:` form.
    func expectSame(head: [UInt8], payload: [UInt8]) throws {
        let payloadDigest = try WARCDigest.sha1Bytes(payload)
        let blockDigest = try WARCDigest.sha1Bytes(parts: [head, payload])
        if WARCDigest.hasInterleavedPair {
            let pair = try #require(WARCDigest.interleavedPair(head: head, payload: payload))
            #expect(pair.payload == payloadDigest, "payload \(payload.count) bytes, head \(head.count)")
            #expect(pair.block == blockDigest, "payload \(payload.count) bytes, head \(head.count)")
        } else {
            #expect(WARCDigest.interleavedPair(head: head, payload: payload) == nil)
        }
        let labelled = try WARCDigest.sha1Pair(head: head, payload: payload)
        #expect(labelled.payload == "sha1:" + WARCDigest.base32(payloadDigest))
        #expect(labelled.block == "sha1:" + WARCDigest.base32(blockDigest))
    }

    @Test func knownVector() throws {
        // FIPS 180 example: SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d.
        let abc = "sha1:" + WARCDigest.base32([0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e,
                                               0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d])
        #expect(try WARCDigest.sha1Pair(head: Array("ab".utf8), payload: Array("c".utf8)).block == abc)
        #expect(try WARCDigest.sha1Pair(head: [], payload: Array("abc".utf8)).payload == abc)
    }

    @Test func matchesLibcryptoAtBlockAndPaddingEdges() throws {
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        let edges = [0, 1, 2, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 193, 1000, 4095, 4096, 4097]
        for headLength in [0, 1, 8, 55, 56, 63, 64, 65, 127, 128, 129, 300, 1000] {
            let head = random.bytes(headLength)
            for payloadLength in edges {
                try expectSame(head: head, payload: random.bytes(payloadLength))
            }
        }
    }

    @Test func matchesLibcryptoOnRandomPages() throws {
        var random = XorShift(state: 42)
        for _ in 0..<60 {
            let head = random.bytes(Int(random.next() % 2_000))
            let payload = random.bytes(Int(random.next() % 300_000))
            try expectSame(head: head, payload: payload)
        }
    }
}
