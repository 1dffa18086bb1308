import Testing
@testable import WirescoreEntities

/// The byte-keyed word table and the plain-data tokens it is probed with.
struct WordIndexTests {
    @Test func findsKeysByHashAndBytesAndGrows() {
        var index = WordIndex(["profit", "loss"])
        #expect(index.index(of: "profit") == 0)
        #expect(index.index(of: "loss") == 1)
        #expect(index.index(of: "profits") == nil)
        #expect(index.index(of: "") == nil)
        // Far past the initial capacity: every key still found at its index.
        for k in 0..<500 { #expect(index.insert("w\(k)") == k + 2) }
        #expect(index.insert("profit") == 0)
        #expect(index.count == 502)
        for k in 0..<500 { #expect(index.index(of: "w\(k)") == k + 2) }
        #expect(index.key(2) == "w0")
        #expect(index.index(of: "w500") == nil)
    }

    @Test func tokenHashesAgreeWithTheTable() {
        let index = WordIndex(["rose", "coca-cola", "'s", "u.s", "çağ"])
        let r = Tokenizer.tokenize("Coca-Cola's shares ROSE in the U.S. and in ÇAĞ.")
        for k in r.tokens.indices {
            #expect(r.tokens[k].hash == WordHash.of(r.lower(k)))
        }
        let found = r.tokens.indices.filter { index.contains(r, $0) }.map(r.lower)
        #expect(found == ["coca-cola", "'s", "rose", "u.s", "çağ"])
    }

    @Test func paddedHashMatchesPlainHashAtEveryLength() {
        // Bytes after the key are garbage that must be masked out, whatever its length mod 8.
        let bytes: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var hashes = Set<UInt32>()
        bytes.withUnsafeBufferPointer { b in
            for count in 0...20 {
                let plain = WordHash.of(UnsafeBufferPointer(rebasing: b[0..<count]))
                #expect(WordHash.of(padded: b.baseAddress!, count: count) == plain)
                hashes.insert(plain)
            }
        }
        #expect(hashes.count == 21)
    }

    @Test func reusedResultMatchesFreshTokenisation() {
        let texts = ["A long first text, with Apple Inc. and $MSFT: profit rose 12% to EUR 3.5 mn.\n\nSecond paragraph here.",
                     "Short.",
                     // Lowercasing lengthens "İ" (2 bytes) to "i̇" (3 bytes): the buffer must grow.
                     String(repeating: "İ", count: 40) + " x",
                     "Ünïcödé naïve café's rôle"]
        var reused = Tokenizer.Result()
        for t in texts {
            Tokenizer.tokenize(t, into: &reused)
            let fresh = Tokenizer.tokenize(t)
            #expect(reused.tokens == fresh.tokens)
            #expect(reused.sentences == fresh.sentences)
            #expect(reused.paragraphs == fresh.paragraphs)
            #expect(reused.tokens.indices.map(reused.lower) == fresh.tokens.indices.map(fresh.lower))
        }
        let long = Tokenizer.tokenize(String(repeating: "İ", count: 40))
        #expect(long.lower(0) == String(repeating: "İ", count: 40).lowercased())
    }
}
