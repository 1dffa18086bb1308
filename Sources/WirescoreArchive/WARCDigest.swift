import CCrypto

/// `sha1:<base32>` digests for WARC-Block-Digest and WARC-Payload-Digest, the form WARC readers
/// and deduplicating archives expect. Not used for anything security-related.
///
/// Every archived response is digested twice (payload, and head + payload), so this is on the
/// ingest hot path: libcrypto's SHA-1 uses the CPU's SHA instructions where present, about 3x
/// a portable Swift implementation measured on the end-to-end benchmark's pages.
public enum WARCDigest {
    /// libcrypto failed (it only does when it cannot allocate): the record is not written.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "libcrypto could not compute a SHA-1 digest" }
    }

    /// The SHA-1 of `bytes` in WARC's labelled form, `sha1:` + base32.
    public static func sha1(_ bytes: [UInt8]) throws(Failure) -> String {
        "sha1:" + base32(try sha1Bytes(bytes))
    }

    /// The raw 20-byte SHA-1 of `bytes`.
    public static func sha1Bytes(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        try sha1Bytes(parts: [bytes])
    }

    /// ``sha1(_:)`` of `parts` concatenated, without concatenating them.
    static func sha1(parts: [[UInt8]]) throws(Failure) -> String {
        "sha1:" + base32(try sha1Bytes(parts: parts))
    }

    static func sha1Bytes(parts: [[UInt8]]) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        guard let context = EVP_MD_CTX_new() else { throw Failure() }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, sha1Method, nil) == 1 else { throw Failure() }
        for bytes in parts {
            guard bytes.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else { throw Failure() }
        }
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1, length == 20 else { throw Failure() }
        return out
    }

    /// SHA-1 as fetched from libcrypto's default provider once per process. `EVP_sha1()` is
    /// OpenSSL 3's legacy handle, which every `EVP_DigestInit_ex` fetched again (a lookup under
    /// a lock, ~6% of the digest time on pages); the fetched one is used as it is. Never freed:
    /// it lives as long as the process. Falls back to the legacy handle if the fetch fails.
    nonisolated(unsafe) private static let sha1Method: OpaquePointer? = EVP_MD_fetch(nil, "SHA1", nil) ?? EVP_sha1()

    /// RFC 4648 base32 (upper case, padded), the form WARC digests use.
    public static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }
}
