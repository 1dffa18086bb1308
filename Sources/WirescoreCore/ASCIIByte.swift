extension UInt8 {
    /// The byte with an ASCII capital (A-Z) turned into its small letter; every other byte,
    /// UTF-8 continuation and lead bytes included, unchanged. The byte-level matchers (HTTP
    /// header names, robots.txt paths, feed names, reader prompts, see-also headings) fold case
    /// with it, so "case-insensitive" means one thing across them.
    @inlinable @inline(__always)
    public var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}
