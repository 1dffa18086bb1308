/// Counts words the way a reader would: maximal runs of letters or digits. Apostrophes and
/// hyphens inside a word keep it whole ("company's", "well-known"), and so do a point or comma
/// between digits ("4.5bn", "1,200"), so "Q3 revenue rose 12% to $4.5bn" is 6 words.
public enum WordCount {
    public static func count(_ text: String) -> Int {
        var count = 0
        var inWord = false
        var previousIsDigit = false
        var pendingJoiner = false
        for scalar in text.unicodeScalars {
            // ASCII (most of any text) by range; Unicode properties only beyond it.
            let value = scalar.value
            let isDigit = value &- 0x30 < 10
            let isWordChar = isDigit
                || (value < 0x80 ? (value | 0x20) &- 0x61 < 26 : scalar.properties.isAlphabetic)
            if isWordChar {
                if !inWord && !pendingJoiner { count += 1 }
                inWord = true
                pendingJoiner = false
                previousIsDigit = isDigit
                continue
            }
            let joins = scalar == "'" || scalar == "\u{2019}" || scalar == "-"
                || (previousIsDigit && (scalar == "." || scalar == ","))
            if inWord && joins && !pendingJoiner {
                // Keep the word open for one joiner; a following non-word character closes it.
                pendingJoiner = true
                inWord = false
            } else {
                inWord = false
                pendingJoiner = false
            }
            previousIsDigit = false
        }
        return count
    }
}
