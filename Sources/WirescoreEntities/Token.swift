/// One token of a text: a word, a number, a punctuation mark or a `$cashtag`.
///
/// Tokens carry their lowercased form for dictionary lookups (a small string: inline, no heap
/// allocation below 16 bytes) and their case shape, so the matcher and the sentiment rules share
/// one tokenisation of the text.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case word, number, punct, cashtag }

    public var kind: Kind
    /// Byte offsets of the token in the text's UTF-8 view.
    public var start: Int
    public var end: Int
    /// Lowercased text; for a cashtag, the ticker without `$`.
    public var lower: String
    /// The first character is an uppercase letter.
    public var isCapitalized: Bool
    /// At least two letters and every letter uppercase ("NYSE", "GREAT").
    public var isAllCaps: Bool
    /// Newlines between the previous token and this one (2+ starts a paragraph).
    public var newlinesBefore: Int

    public init(kind: Kind, start: Int, end: Int, lower: String, isCapitalized: Bool, isAllCaps: Bool, newlinesBefore: Int) {
        self.kind = kind; self.start = start; self.end = end; self.lower = lower
        self.isCapitalized = isCapitalized; self.isAllCaps = isAllCaps; self.newlinesBefore = newlinesBefore
    }

    /// True for word-like tokens (words and cashtags).
    @inlinable public var isWord: Bool { kind == .word || kind == .cashtag }
}
