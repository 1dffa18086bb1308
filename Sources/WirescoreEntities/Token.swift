/// One token of a text: a word, a number, a punctuation mark or a `$cashtag`.
///
/// A token is plain data (no String, no reference count): its lowercased form lives in the
/// ``Tokenizer/Result``'s shared byte buffer, and its hash is computed once while tokenising, so
/// every table the matcher and the sentiment rules consult is probed without building a String.
/// Profiles of `inspect text` showed per-token Strings (creation, copies, releases) as the largest
/// single cost before this layout.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case word, number, punct, cashtag }

    public var kind: Kind
    /// The first character is an uppercase letter.
    public var isCapitalized: Bool
    /// At least two letters and every letter uppercase ("NYSE", "GREAT").
    public var isAllCaps: Bool
    /// Newlines between the previous token and this one (2+ starts a paragraph), capped.
    public var newlinesBefore: Int32
    /// Byte offsets of the token in the text's UTF-8 view.
    public var start: Int
    public var end: Int
    /// The lowercased form (a cashtag without `$`): `lowerCount` bytes from `lowerStart` in
    /// ``Tokenizer/Result/lowerBytes``.
    public var lowerStart: Int
    public var lowerCount: Int32
    /// ``WordHash`` of the lowercased form.
    public var hash: UInt32

    /// A placeholder for preallocated token space.
    static let blank = Token(kind: .punct, isCapitalized: false, isAllCaps: false, newlinesBefore: 0,
                             start: 0, end: 0, lowerStart: 0, lowerCount: 0, hash: 0)

    /// True for word-like tokens (words and cashtags).
    @inlinable public var isWord: Bool { kind == .word || kind == .cashtag }
}
