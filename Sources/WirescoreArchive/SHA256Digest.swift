import CCrypto

/// SHA-256 over bytes, as lowercase hex: the `x-amz-content-sha256` header every S3 request
/// carries (libcurl 7.88 does not compute it). libcrypto is already linked here for the WARC
/// digests, so the object store borrows it rather than linking OpenSSL a second time.
public enum SHA256Digest {
    /// The hex SHA-256 of `bytes`.
    /// - Throws: ``WARCDigest/Failure`` when libcrypto cannot allocate.
    public static func hex(_ bytes: [UInt8]) throws(WARCDigest.Failure) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        guard let context = EVP_MD_CTX_new() else { throw WARCDigest.Failure() }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1,
              bytes.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else {
            throw WARCDigest.Failure()
        }
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1, length == 32 else { throw WARCDigest.Failure() }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in out {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of no bytes (a GET, DELETE or list request).
    public static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}
