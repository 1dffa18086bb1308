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

    static func matches(_ value: ArraySlice<UInt8>) -> Bool {
        var part: [UInt8] = []
        func check() -> Bool {
            defer { part.removeAll(keepingCapacity: true) }
            guard part.count >= 4 else { return false }
            let s = String(decoding: part, as: UTF8.self)
            return words.contains(s) || prefixes.contains { s.hasPrefix($0) }
        }
        for b in value {
            let l = b >= 0x41 && b <= 0x5A ? b + 32 : b
            if l.isAlnumLower { part.append(l) } else if check() { return true }
        }
        return check()
    }
}
