/// Counts words the way a reader would: maximal runs of letters or digits (apostrophes and
/// hyphens inside a word keep it whole), so "Q3 revenue rose 12%" is 4 words.
public enum WordCount {
    public static func count(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordChar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isWordChar {
                if !inWord { count += 1; inWord = true }
            } else if inWord, scalar == "'" || scalar == "\u{2019}" || scalar == "-" {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }
}
