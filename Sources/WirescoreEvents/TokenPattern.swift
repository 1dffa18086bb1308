/// A short pattern over lowercased tokens: space-separated elements, each `word` (exact),
/// `pre*` (prefix), `?` (any one token), or alternatives `a|b*|c`.
///
/// Written by hand in ``EventRules``; compiled once. Matching is over the tokens of one
/// sentence, so a pattern never spans sentences.
struct TokenPattern: Sendable {
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

    init(_ source: String) {
        elements = source.split(separator: " ").map { element in
            if element == "?" { return .any }
            return .options(element.split(separator: "|").map { option in
                option.hasSuffix("*") ? (String(option.dropLast()), true) : (String(option), false)
            })
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

    func occurs(in tokens: [String], _ range: Range<Int>) -> Bool { !matchStarts(in: tokens, range).isEmpty }
}
