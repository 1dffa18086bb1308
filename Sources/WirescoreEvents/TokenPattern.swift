/// A short pattern over lowercased tokens: space-separated elements, each `word` (exact),
/// `pre*` (prefix), `?` (any one token), or alternatives `a|b*|c`.
///
/// Written by hand in ``EventRules``; compiled once. Matching is over the tokens of one
/// sentence, so a pattern never spans sentences.
final class TokenPattern: Sendable {
    enum Element: Sendable {
        case any
        case options([(text: String, prefix: Bool)])

        func matches(_ token: String) -> Bool {
            switch self {
            case .any: return true
            case let .options(options):
                for option in options {
                    if option.prefix ? token.hasPrefix(option.text) : token == option.text { return true }
                }
                return false
            }
        }
    }

    let elements: [Element]
    /// The texts the first element can start with (empty for `?`), for ``mayOccur(in:)``.
    let firstKeys: [String]
    let firstIsAny: Bool

    /// Whether the first element could match some word of a sentence whose words and word
    /// prefixes are `present` (see ``SentenceWords``): a cheap test that skips most patterns
    /// without scanning the sentence.
    func mayOccur(in present: Set<String>) -> Bool {
        if firstIsAny { return true }
        for key in firstKeys where present.contains(key) { return true }
        return false
    }

    init(_ source: String) {
        elements = source.split(separator: " ").map { element in
            if element == "?" { return .any }
            return .options(element.split(separator: "|").map { option in
                option.hasSuffix("*") ? (String(option.dropLast()), true) : (String(option), false)
            })
        }
        switch elements.first {
        case let .options(options)?: firstKeys = options.map(\.text); firstIsAny = false
        case .any?: firstKeys = []; firstIsAny = true
        case nil: firstKeys = []; firstIsAny = false
        }
    }

    /// Token positions where the pattern starts, in `tokens[range]`.
    func matchStarts(in tokens: [String], _ range: Range<Int>) -> [Int] {
        guard !elements.isEmpty, range.count >= elements.count else { return [] }
        var starts: [Int] = []
        outer: for start in range.lowerBound...(range.upperBound - elements.count) {
            for (offset, element) in elements.enumerated() where !element.matches(tokens[start + offset]) {
                continue outer
            }
            starts.append(start)
        }
        return starts
    }

    func occurs(in tokens: [String], _ range: Range<Int>) -> Bool {
        guard !elements.isEmpty, range.count >= elements.count else { return false }
        outer: for start in range.lowerBound...(range.upperBound - elements.count) {
            for (offset, element) in elements.enumerated() where !element.matches(tokens[start + offset]) {
                continue outer
            }
            return true
        }
        return false
    }
}

/// The words of one sentence and every prefix of each (up to 16 bytes), for
/// ``TokenPattern/mayOccur(in:)``: an exact word or a `pre*` option can only match when its
/// text is in the set.
enum SentenceWords {
    static func present(_ words: [String], _ range: Range<Int>) -> Set<String> {
        var set = Set<String>(minimumCapacity: range.count * 6)
        for k in range {
            let word = words[k]
            var prefix = ""
            for (count, ch) in word.enumerated() {
                if count >= 16 { break }
                prefix.append(ch)
                set.insert(prefix)
            }
            set.insert(word)
        }
        return set
    }
}
