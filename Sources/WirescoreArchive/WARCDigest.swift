import CCrypto
internal import CSHA1Pair

/// `sha1:<base32>` digests for WARC-Block-Digest and WARC-Payload-Digest, the form WARC readers
/// and deduplicating archives expect. Not used for anything security-related.
///
/// Every archived response is digested twice (payload, and head + payload), so this is on the
/// ingest hot path: libcrypto's SHA-1 uses the CPU's SHA instructions where present, about 3x
/// a portable Swift implementation measured on the end-to-end benchmark's pages, and
/// ``sha1Pair(head:payload:)`` runs a response's two digests side by side on top of that.
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

    /// The two digests of an HTTP response record: `payload` alone (WARC-Payload-Digest) and
    /// `head` + `payload` (WARC-Block-Digest), in `sha1:` form.
    ///
    /// With the CPU's SHA extensions both run interleaved in one loop (CSHA1Pair): one SHA-1
    /// stream mostly waits on the round instruction's latency, so the pair costs about 0.58 of
    /// two libcrypto digests one after the other. Without them, libcrypto digests each in turn.
    static func sha1Pair(head: [UInt8], payload: [UInt8]) throws(Failure) -> (payload: String, block: String) {
        if let pair = interleavedPair(head: head, payload: payload) {
            return ("sha1:" + base32(pair.payload), "sha1:" + base32(pair.block))
        }
        return (try sha1(payload), try sha1(parts: [head, payload]))
    }

    /// ``sha1Pair(head:payload:)``'s raw digests from CSHA1Pair; nil when the CPU cannot.
    static func interleavedPair(head: [UInt8], payload: [UInt8]) -> (payload: [UInt8], block: [UInt8])? {
        var payloadDigest = [UInt8](repeating: 0, count: 20)
        var blockDigest = [UInt8](repeating: 0, count: 20)
        let done = head.withUnsafeBufferPointer { h in
            payload.withUnsafeBufferPointer { p in
                payloadDigest.withUnsafeMutableBufferPointer { pd in
                    blockDigest.withUnsafeMutableBufferPointer { bd in
                        wirescore_sha1_pair(h.baseAddress, h.count, p.baseAddress, p.count, pd.baseAddress, bd.baseAddress)
                    }
                }
            }
        }
        return done == 1 ? (payloadDigest, blockDigest) : nil
    }

    /// True when ``sha1Pair(head:payload:)`` uses the interleaved SHA-extension code here.
    static var hasInterleavedPair: Bool { wirescore_sha1_pair_available() == 1 }

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
