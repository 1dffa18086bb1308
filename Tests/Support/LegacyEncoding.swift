#if canImport(Glibc)
import Glibc
#endif

/// Text in a legacy encoding for tests, made by iconv (the library the parsers decode with),
/// so fixtures are written as readable strings instead of byte dumps.
public enum LegacyEncoding {
    /// `bytes` converted from `source` to `target` (iconv names); nil when iconv lacks either
    /// or the text has a character `target` cannot hold.
    public static func convert(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let cd = iconv_open(target, source)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPtr = src.baseAddress, inLeft = src.count
                var outPtr = dst.baseAddress, outLeft = dst.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
                return dst.count - outLeft
            }
        }
        return produced.map { output[..<$0].map { UInt8(bitPattern: $0) } }
    }

    /// `text` in `encoding`.
    public static func encode(_ text: String, as encoding: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: encoding)
    }
}
