/// Class and id names publishers give the lead paragraph of an article when it is written as the
/// story's first paragraph: `article__intro`, `lead`, `text-intro`, `texto-bajada`, `standfirst`. A name matches when one of its parts (split at anything not a
/// letter or digit, as in ``ClassNameVocabulary``) is one of ``words`` or starts with one of
/// ``prefixes``.
///
/// Left out on purpose: `subtitle`, `dek`/`deck`, `summary`, `abstract`, `excerpt`, `description`
/// and `teaser`. Those name a headline's second line or a summary for listings, which the article
/// benchmarks (AEB, WCXB) do not count as article text while trafilatura's does; adding them
/// lifted the trafilatura suite and cost AEB and WCXB (and `teaser` also names cards for other
/// stories).
enum LeadNames {
    /// Whole parts: "lead" alone (a prefix would take `leaderboard` ad slots).
    static let words: Set<String> = ["lead", "leadin", "leadtext", "sapo", "chapo", "chapeau", "perex"]
    /// Prefixes: intro, introtext, introduction; standfirst; bajada (Spanish); zajawka (Polish).
    static let prefixes = ["intro", "standfirst", "bajada", "zajawka"]

    private static let wordBytes = words.map { Array($0.utf8) }
    private static let prefixBytes = prefixes.map { Array($0.utf8) }

    /// Byte-level, no allocation: runs on every named element near the chosen block.
    static func matches(_ value: ArraySlice<UInt8>) -> Bool {
        value.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                while i < n, !lower(p[i]).isAlnumLower { i += 1 }
                let start = i
                while i < n, lower(p[i]).isAlnumLower { i += 1 }
                let len = i - start
                guard len >= 4 else { continue }
                for w in wordBytes where w.count == len && equal(p, start, w) { return true }
                for w in prefixBytes where w.count <= len && equal(p, start, w) { return true }
            }
            return false
        }
    }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    @inline(__always) private static func equal(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ w: [UInt8]) -> Bool {
        for k in 0..<w.count where lower(p[start + k]) != w[k] { return false }
        return true
    }
}
