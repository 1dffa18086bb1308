import WirescoreCore

/// The words of a title and text as one byte buffer: ``StoryFeatures`` computed without a
/// String per word.
///
/// Words are lowercased alphanumeric runs (apostrophes dropped, so "Acme's" and "Acme" agree), each
/// a range of one lowercased byte buffer; the tests hold the features equal to plain String
/// definitions of the same rules. Story features are
/// computed for every article by the ingest workers, and the per-word Strings, Dictionary
/// lookups and stem Strings were 7% of ingest CPU in profiles.
struct WordList {
    private(set) var bytes: [UInt8] = []
    /// End offset of each word in `bytes` (a word starts where the previous one ended).
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    init() {}

    func word(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Appends the words of `text`: lowercased alphanumeric runs, apostrophes dropped. ASCII,
    /// nearly all of the text, is handled byte-wise; other scalars through Unicode properties and
    /// lower-case mapping.
    mutating func add(_ text: String) {
        // Written through pointers into buffers sized for the worst case (a lowercase mapping
        // at most doubles a scalar's bytes; a word takes at least two bytes with its separator):
        // `Array.append` per byte, with its uniqueness and capacity checks, was a fifth of the
        // story features' time. Should a text not fit all the same, the scan runs again with
        // buffers twice as large (one scanner, so the two cannot disagree).
        var text = text
        let n = text.utf8.count
        let base = bytes.count
        var scale = 1
        while true {
            var newEnds: [Int] = []
            var fitted = true
            let added = [UInt8](unsafeUninitializedCapacity: scale * (2 * n + 8)) { out, written in
                newEnds = [Int](unsafeUninitializedCapacity: scale * (n / 2 + 2)) { wordEnds, endCount in
                    let w = TwoByteScalars.table.withUnsafeBufferPointer { twoByte in
                        text.withUTF8 { Self.scan($0, into: out, base: base, ends: wordEnds, endCount: &endCount, twoByte: twoByte) }
                    }
                    if let w {
                        written = w
                    } else {
                        fitted = false; written = 0; endCount = 0
                    }
                }
            }
            if fitted {
                bytes.append(contentsOf: added)
                ends.append(contentsOf: newEnds)
                return
            }
            scale *= 2
        }
    }

    /// The scan of ``add(_:)``: the words' bytes into `out`, their ends (offset by `base`, the
    /// bytes already in the list) into `ends`. Returns the bytes written, or nil when a buffer
    /// would overflow. `twoByte` is ``TwoByteScalars/table``.
    private static func scan(_ u: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, base: Int,
                             ends: UnsafeMutableBufferPointer<Int>, endCount: inout Int,
                             twoByte: UnsafeBufferPointer<UInt16>) -> Int? {
        var count = 0
        var words = 0
        var open = false
        var i = 0
        let outCapacity = out.count, endCapacity = ends.count
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                if b &- 0x61 < 26 || b &- 0x30 < 10, i + 8 <= u.count, count + 8 <= outCapacity,
                   let src = u.baseAddress, let dst = out.baseAddress {
                    // A run of lowercase letters and digits (most of a word), eight bytes at a
                    // time: stored whole, then the count advanced past the run's part of them
                    // (the overhang is overwritten next). Byte by byte, this was the scan's time.
                    let x = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(dst + count).storeBytes(of: x, as: UInt64.self)
                    let outside = ASCIIByteClasses.outsideLettersAndDigits(UInt64(littleEndian: x), foldingCase: false)
                    let run = outside == 0 ? 8 : outside.trailingZeroBitCount >> 3
                    i += run; count += run; open = true
                    continue
                }
                i += 1
                switch b {
                case 0x61...0x7A, 0x30...0x39:
                    guard count < outCapacity else { return nil }
                    out[count] = b; count += 1; open = true
                case 0x41...0x5A:
                    guard count < outCapacity else { return nil }
                    out[count] = b | 0x20; count += 1; open = true
                case 0x27: continue
                default:
                    if open {
                        guard words < endCapacity else { return nil }
                        ends[words] = base + count; words += 1; open = false
                    }
                }
                continue
            }
            // A multi-byte scalar (the text is valid UTF-8: it is a String).
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length where i + k < u.count { value = value << 6 | UInt32(u[i + k] & 0x3F) }
            i += length
            if value == 0x2019 { continue }
            let isLetter: Bool
            if value &- 0x80 < 0x780 {
                // Two bytes (Latin, Greek, Cyrillic letters): the properties from the table.
                // (The range test also keeps a malformed lead, never in a String, off the table.)
                let entry = twoByte[Int(value) &- 0x80]
                let lower = entry & TwoByteScalars.lowercaseMask
                if entry & TwoByteScalars.alphabetic != 0, lower != 0 {
                    guard count + 2 <= outCapacity else { return nil }
                    out[count] = 0xC0 | UInt8(truncatingIfNeeded: lower >> 6)
                    out[count + 1] = 0x80 | UInt8(truncatingIfNeeded: lower & 0x3F)
                    count += 2; open = true
                    continue
                }
                isLetter = entry & TwoByteScalars.alphabetic != 0
            } else {
                isLetter = Unicode.Scalar(value)?.properties.isAlphabetic ?? false
            }
            guard isLetter, let scalar = Unicode.Scalar(value) else {
                if open {
                    guard words < endCapacity else { return nil }
                    ends[words] = base + count; words += 1; open = false
                }
                continue
            }
            for c in scalar.properties.lowercaseMapping.utf8 {
                guard count < outCapacity else { return nil }
                out[count] = c; count += 1
            }
            open = true
        }
        if open {
            guard words < endCapacity else { return nil }
            ends[words] = base + count; words += 1
        }
        endCount = words
        return count
    }

    /// 64-bit SimHash (Charikar) over word 3-shingles.
    ///
    /// Each shingle votes +1/-1 per bit of its stable hash; near-identical texts (syndicated
    /// copies with a changed byline) differ in only a few bits. Texts under three words fall
    /// back to single words so that a headline still gets a meaningful hash. A shingle's hash is
    /// FNV-1a over "w1 w2 w3", fed word by word.
    ///
    /// The votes are counted as ones per bit (a bit is set when more than half the shingles set
    /// it, which is a positive +1/-1 sum), eight bits at a time: each byte of a hash indexes a
    /// table that spreads its bits over the eight bytes of a counter word, so a shingle costs
    /// eight additions rather than 64, and the byte counters are emptied every 255 shingles.
    func simHash() -> UInt64 {
        simHash(wordHashes: (0..<count).map { StableHash.fnv1a64(bytes: bytes[word($0)]) })
    }

    /// ``simHash()`` given each word's FNV-1a hash (as ``termList(titleWords:wordHashes:)``
    /// records them): a shingle's hash starts as its first word's, so only the words after the
    /// first are fed byte by byte (each word's bytes were hashed four times before, once for
    /// its term and once per shingle it is in).
    func simHash(wordHashes: [UInt64]) -> UInt64 {
        precondition(wordHashes.count == count, "one hash per word")
        guard count > 0 else { return 0 }
        let size = count >= 3 ? 3 : 1
        let shingles = count - size + 1
        var ones = [Int](repeating: 0, count: 64)
        bytes.withUnsafeBufferPointer { b in
            ends.withUnsafeBufferPointer { e in
                wordHashes.withUnsafeBufferPointer { first in
                    ones.withUnsafeMutableBufferPointer { ones in
                        Self.spreadBits.withUnsafeBufferPointer { spread in
                            var counters = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                            var pending = 0
                            for start in 0..<shingles {
                                var fnv = first[start]
                                var k = e[start]
                                for index in (start + 1)..<(start + size) {
                                    fnv = (fnv ^ 0x20) &* 0x0000_0100_0000_01B3
                                    let end = e[index]
                                    while k < end { fnv = (fnv ^ UInt64(b[k])) &* 0x0000_0100_0000_01B3; k += 1 }
                                }
                                let h = StableHash.mix(fnv)
                                counters.0 &+= spread[Int(truncatingIfNeeded: h & 0xFF)]
                                counters.1 &+= spread[Int(truncatingIfNeeded: (h >> 8) & 0xFF)]
                                counters.2 &+= spread[Int(truncatingIfNeeded: (h >> 16) & 0xFF)]
                                counters.3 &+= spread[Int(truncatingIfNeeded: (h >> 24) & 0xFF)]
                                counters.4 &+= spread[Int(truncatingIfNeeded: (h >> 32) & 0xFF)]
                                counters.5 &+= spread[Int(truncatingIfNeeded: (h >> 40) & 0xFF)]
                                counters.6 &+= spread[Int(truncatingIfNeeded: (h >> 48) & 0xFF)]
                                counters.7 &+= spread[Int(truncatingIfNeeded: h >> 56)]
                                pending += 1
                                if pending == 255 || start == shingles - 1 {
                                    // Emptied inline: a local function capturing the counters
                                    // would box them and check exclusivity at run time.
                                    withUnsafeBytes(of: &counters) { raw in
                                        for bit in 0..<64 { ones[bit] &+= Int(raw[(bit >> 3) * 8 + (bit & 7)]) }
                                    }
                                    counters = (0, 0, 0, 0, 0, 0, 0, 0)
                                    pending = 0
                                }
                            }
                        }
                    }
                }
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where 2 * ones[bit] > shingles { result |= 1 << UInt64(bit) }
        return result
    }

    /// For each byte value, a word whose byte j (little-endian) is bit j of the value.
    private static let spreadBits: [UInt64] = (0..<256).map { value in
        var word: UInt64 = 0
        for j in 0..<8 where value >> j & 1 == 1 { word |= 1 << UInt64(8 * j) }
        return word
    }

    /// Content terms (stopwords dropped, light stem) with counts, summed by term hash; the first
    /// `titleWords` words count twice, because headlines name the event.
    func termCounts(titleWords: Int) -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for term in termList(titleWords: titleWords) { counts[term.hash] = term.count }
        return counts
    }

    /// ``termCounts(titleWords:)`` as (hash, count) pairs in no particular order, counted in an
    /// open-addressing table of the words' own (already mixed) hashes rather than a Dictionary,
    /// and each ASCII word hashed once: FNV-1a over its stem is the term hash's seed, carried on
    /// over the stripped suffix it is the whole word's hash that the stopword test needs.
    func termList(titleWords: Int) -> [(hash: UInt32, count: Int)] {
        var wordHashes: [UInt64] = []
        return termList(titleWords: titleWords, wordHashes: &wordHashes)
    }

    /// ``termList(titleWords:)`` that also sets `wordHashes` to each word's FNV-1a hash, which
    /// it computes anyway and ``simHash(wordHashes:)`` starts its shingles from.
    func termList(titleWords: Int, wordHashes: inout [UInt64]) -> [(hash: UInt32, count: Int)] {
        wordHashes = [UInt64](repeating: 0, count: count)
        guard count > 0 else { return [] }
        var table = TermTable(words: count)
        bytes.withUnsafeBufferPointer { b in
            wordHashes.withUnsafeMutableBufferPointer { wordHashes in
                for i in 0..<count {
                    let range = word(i)
                    let weight = i < titleWords ? 2 : 1
                    let stem = Self.stem(range, in: b)
                    var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
                    var high: UInt8 = 0
                    for k in stem { high |= b[k]; fnv = (fnv ^ UInt64(b[k])) &* 0x0000_0100_0000_01B3 }
                    let stemHash = fnv
                    for k in stem.upperBound..<range.upperBound { high |= b[k]; fnv = (fnv ^ UInt64(b[k])) &* 0x0000_0100_0000_01B3 }
                    wordHashes[i] = fnv
                    if high >= 0x80 {
                        // Non-ASCII (rare): the String definitions, whose lengths count Characters.
                        let token = String(decoding: b[range], as: UTF8.self)
                        guard !TextFeatures.stopwords.contains(token) else { continue }
                        table.add(StoryTerm.hash(ofTermBytes: TextFeatures.stem(token).utf8), weight)
                        continue
                    }
                    guard !Self.isStopword(b[range], hash: fnv) else { continue }
                    table.add(UInt32(truncatingIfNeeded: StableHash.mix(stemHash)), weight)
                }
            }
        }
        return table.used.map { (table.keys[$0], table.counts[$0]) }
    }

    /// Counts by 32-bit term hash, open addressing at most half full; slots in first-use order.
    private struct TermTable {
        var keys: [UInt32]
        var counts: [Int]   // 0: an empty slot (weights are >= 1)
        var used: [Int] = []
        let mask: Int

        init(words: Int) {
            var capacity = 16
            while capacity < 2 * words { capacity <<= 1 }
            mask = capacity - 1
            keys = [UInt32](repeating: 0, count: capacity)
            counts = [Int](repeating: 0, count: capacity)
        }

        mutating func add(_ hash: UInt32, _ weight: Int) {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while counts[slot] != 0 && keys[slot] != hash { slot = (slot + 1) & mask }
            if counts[slot] == 0 { keys[slot] = hash; used.append(slot) }
            counts[slot] += weight
        }
    }

    /// ``TextFeatures/stem(_:)`` for an ASCII word: the range without its suffix.
    static func stem(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        bytes.withUnsafeBufferPointer { stem(range, in: $0) }
    }

    /// The suffixes all end in a letter, so a word that ends in one is never all digits, the
    /// case the String definition leaves whole: only the last bytes are read.
    static func stem(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let n = range.count, end = range.upperBound
        guard n > 4 else { return range }
        // The String definition's order ("ing", "ed", "es", "s", each leaving at least four
        // characters): the last byte tells which can apply.
        switch bytes[end - 1] {
        case 0x67 where n >= 7 && bytes[end - 2] == 0x6E && bytes[end - 3] == 0x69: // ing
            return range.lowerBound..<(end - 3)
        case 0x64 where n >= 6 && bytes[end - 2] == 0x65:                           // ed
            return range.lowerBound..<(end - 2)
        case 0x73 where n >= 6 && bytes[end - 2] == 0x65:                           // es
            return range.lowerBound..<(end - 2)
        case 0x73:                                                                   // s
            return range.lowerBound..<(end - 1)
        default:
            return range
        }
    }

    /// The stopwords' bytes and FNV-1a hashes, and an open-addressing table (1,024 slots, far
    /// more than the list) of index + 1 by the hash's low bits.
    private static let stopwordBytes: [[UInt8]] = TextFeatures.stopwords.sorted().map { Array($0.utf8) }
    private static let stopwordHashes: [UInt64] = stopwordBytes.map { StableHash.fnv1a64(bytes: $0) }
    private static let stopwordSlots: [Int16] = {
        var slots = [Int16](repeating: 0, count: 1024)
        for (i, hash) in stopwordHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & 1023
            while slots[slot] != 0 { slot = (slot + 1) & 1023 }
            slots[slot] = Int16(i + 1)
        }
        return slots
    }()

    static func isStopword(_ word: ArraySlice<UInt8>) -> Bool {
        word.withUnsafeBufferPointer { isStopword($0[...], hash: StableHash.fnv1a64(bytes: word)) }
    }

    /// Whether `word`, whose FNV-1a hash is `hash`, is a stopword.
    static func isStopword(_ word: Slice<UnsafeBufferPointer<UInt8>>, hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & 1023
        while true {
            let entry = Int(stopwordSlots[slot])
            if entry == 0 { return false }
            if stopwordHashes[entry - 1] == hash && stopwordBytes[entry - 1].elementsEqual(word) { return true }
            slot = (slot + 1) & 1023
        }
    }
}
