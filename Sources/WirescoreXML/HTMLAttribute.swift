/// An interned attribute name, like ``HTMLTag`` for elements.
///
/// The names the extractor asks about on every element have fixed ids, so a lookup is a scan of
/// the element's few attribute records comparing integers, with no hashing and no `String`.
public struct HTMLAttribute: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    static let knownNames: [String] = [
        "class", "id", "style", "hidden", "aria-hidden", "role", "itemprop", "content", "name", "property",
        "href", "rel", "datetime", "type", "lang", "http-equiv", "xml:lang", "itemtype", "charset",
    ]
    /// The known names' bytes, indexed by id.
    static let knownNameBytes: [[UInt8]] = knownNames.map { Array($0.utf8) }
    static let knownIDs: [String: UInt16] = {
        var d: [String: UInt16] = [:]
        for (i, n) in knownNames.enumerated() { d[n] = UInt16(i) }
        return d
    }()

    public static let `class` = HTMLAttribute(rawValue: 0), id = HTMLAttribute(rawValue: 1)
    public static let style = HTMLAttribute(rawValue: 2), hidden = HTMLAttribute(rawValue: 3)
    public static let ariaHidden = HTMLAttribute(rawValue: 4), role = HTMLAttribute(rawValue: 5)
    public static let itemprop = HTMLAttribute(rawValue: 6), content = HTMLAttribute(rawValue: 7)
    public static let name = HTMLAttribute(rawValue: 8), property = HTMLAttribute(rawValue: 9)
    public static let href = HTMLAttribute(rawValue: 10), rel = HTMLAttribute(rawValue: 11)
    public static let datetime = HTMLAttribute(rawValue: 12), type = HTMLAttribute(rawValue: 13)
    public static let lang = HTMLAttribute(rawValue: 14), httpEquiv = HTMLAttribute(rawValue: 15)
    public static let xmlLang = HTMLAttribute(rawValue: 16), itemtype = HTMLAttribute(rawValue: 17)
    public static let charset = HTMLAttribute(rawValue: 18)
}
