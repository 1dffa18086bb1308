internal import CDeflate
internal import CZlib

/// gzip members in and out of memory: written by libdeflate, read by zlib (streaming, with a
/// size limit and tolerance for a damaged last member).
///
/// WARC files are concatenations of one gzip member per record, so a reader can seek to any
/// record; ``compress(_:)`` makes one member, ``decompressMembers(_:)`` reads them all back.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public let code: Int32
        public let message: String
        /// True when inflating stopped at the caller's size limit rather than at damage.
        public var isLimit = false
        public var description: String { "gzip: \(message) (zlib \(code))" }
    }

    /// One complete gzip member holding `bytes`, at zlib-compatible `level` (1-12 for libdeflate).
    ///
    /// Written with libdeflate, which compresses a whole buffer at several times zlib's speed;
    /// the member is plain gzip, read back by zlib, warcio or any gzip tool.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(Failure) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw Failure(code: -1, message: "cannot allocate a compressor at level \(level)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_gzip_compress_bound(compressor, bytes.count)
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = bytes.withUnsafeBytes { input in
                libdeflate_gzip_compress(compressor, input.baseAddress, input.count, buffer.baseAddress, buffer.count)
            }
        }
        guard !output.isEmpty else { throw Failure(code: -1, message: "compressed output exceeded its bound") }
        return output
    }

    /// Decompresses a concatenation of gzip members, returning each member's bytes.
    /// - Parameters:
    ///   - limit: refuse to inflate more than this many bytes in total (a bomb guard).
    ///   - stopAtDamage: return the members before a damaged or truncated one instead of
    ///     throwing (a crash can cut the last record of a WARC file short).
    public static func decompressMembers(_ bytes: [UInt8], limit: Int = 1 << 30,
                                         stopAtDamage: Bool = false) throws(Failure) -> [[UInt8]] {
        var members: [[UInt8]] = []
        var offset = 0
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while offset < bytes.count {
            var stream = z_stream()
            guard czlib_inflate_init_gzip(&stream) == Z_OK else {
                throw Failure(code: Z_STREAM_ERROR, message: "cannot initialise inflate")
            }
            defer { inflateEnd(&stream) }
            var member: [UInt8] = []
            var status: Int32 = Z_OK
            var consumed = 0
            do {
            try bytes.withUnsafeBufferPointer { (inBuffer) throws(Failure) in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + offset)
                stream.avail_in = uInt(inBuffer.count - offset)
                repeat {
                    let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = uInt(outBuffer.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        return outBuffer.count - Int(stream.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw Failure(code: status, message: "corrupt gzip member at byte \(offset)")
                    }
                    member.append(contentsOf: chunk[0..<produced])
                    total += produced
                    if total > limit {
                        throw Failure(code: Z_BUF_ERROR, message: "inflates past \(limit) bytes", isLimit: true)
                    }
                    if status == Z_OK && stream.avail_in == 0 && produced == 0 {
                        throw Failure(code: Z_BUF_ERROR, message: "truncated gzip member at byte \(offset)")
                    }
                } while status != Z_STREAM_END
                consumed = (inBuffer.count - offset) - Int(stream.avail_in)
            }
            } catch {
                if stopAtDamage && !error.isLimit { return members }
                throw error
            }
            members.append(member)
            offset += consumed
        }
        return members
    }
}
