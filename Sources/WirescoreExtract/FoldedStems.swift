import WirescoreCore

/// A byte test that runs before a rule lowercases a line and looks it up: whether the line holds
/// one of a few ASCII stems, ASCII case folded. Rules whose every phrase holds one of the stems
/// can turn the many lines without any away on their bytes, with no String built.
///
/// Sound because Unicode lowercasing makes an ASCII letter out of no non-ASCII character except
/// U+212A KELVIN SIGN ("k", so no stem has a "k") and U+0130 (an "i" always followed by U+0307
/// COMBINING DOT ABOVE): a stem appears in a lowercased line only where the line's own bytes
/// hold it, or at such a dotted "i", which no phrase of the rules using this holds.
struct FoldedStems {
    private let stems: [[UInt8]]

    init(_ stems: [String]) {
        precondition(stems.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "k") } && !$0.isEmpty })
        self.stems = stems.map { Array($0.lowercased().utf8) }
    }

    /// Whether `bytes`, ASCII case folded, hold one of the stems.
    func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        stems.contains { stem in
            guard bytes.count >= stem.count else { return false }
            for i in 0...(bytes.count - stem.count) where bytes[i].asciiLowercased == stem[0] {
                var j = 1
                while j < stem.count, bytes[i + j].asciiLowercased == stem[j] { j += 1 }
                if j == stem.count { return true }
            }
            return false
        }
    }

    /// ``occur(in:)`` over a string's UTF-8.
    func occur(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occur(in: $0) }
    }
}
