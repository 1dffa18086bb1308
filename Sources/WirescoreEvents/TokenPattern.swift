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

/// The pattern keys a sentence's words can start with, for
/// ``TokenPattern/mayOccur(in:)``: an exact word or a `pre*` option can only match when its text
/// begins some word of the sentence. Found by walking each word's bytes through a trie of every
/// rule's first-element texts, so a sentence costs a walk per word and an insert per key found,
/// not a string for every prefix of every word. (A superset of what can match: the patterns
/// then match for real.)
enum SentenceWords {
    /// A byte trie: node 0 is the root; `key[n]` is the pattern text that ends at node n.
    struct Trie: Sendable {
        var children: [[(byte: UInt8, node: Int32)]] = [[]]
        var key: [String?] = [nil]

        mutating func insert(_ text: String) {
            var node = 0
            for byte in text.utf8 {
                if let next = children[node].first(where: { $0.byte == byte }) {
                    node = Int(next.node)
                } else {
                    children.append([])
                    key.append(nil)
                    children[node].append((byte, Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            key[node] = text
        }
    }

    static let trie: Trie = {
        var trie = Trie()
        var patterns = EventRules.negationPatterns
        for rule in EventRules.all { patterns += rule.triggers + rule.context + rule.exclude + rule.passive }
        for pattern in patterns { for text in pattern.firstKeys { trie.insert(text) } }
        return trie
    }()

    static func present(_ words: [String], _ range: Range<Int>) -> Set<String> {
        let trie = Self.trie
        var set = Set<String>()
        for k in range {
            var node = 0
            for byte in words[k].utf8 {
                guard let next = trie.children[node].first(where: { $0.byte == byte }) else { break }
                node = Int(next.node)
                if let key = trie.key[node] { set.insert(key) }
            }
        }
        return set
    }
}
