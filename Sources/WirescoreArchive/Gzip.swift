internal import CDeflate
internal import CZlib
import Synchronization

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
        var output: [UInt8] = []
        let failure = bytes.withUnsafeBytes { input -> Failure? in
            do throws(Failure) { try append(input, level: level, to: &output) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        return output
    }

    /// Appends one complete gzip member holding `input` to `output`.
    public static func append(_ input: UnsafeRawBufferPointer, level: Int32 = 6, to output: inout [UInt8]) throws(Failure) {
        let compressor = try compressors.take(level: level)
        defer { compressors.give(compressor, level: level) }
        let bound = libdeflate_gzip_compress_bound(compressor, input.count)
        // Into uninitialised scratch, then only the member's bytes are copied: growing `output`
        // by the bound first meant zero-filling a page's worth of bytes per member.
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch -> Int in
            let n = libdeflate_gzip_compress(compressor, input.baseAddress, input.count, scratch.baseAddress, bound)
            if n > 0 { output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<n])) }
            return n
        }
        guard written > 0 else { throw Failure(code: -1, message: "compressed output exceeded its bound") }
    }

    /// libdeflate compressors kept for reuse, by level. A compressor's tables are a few hundred
    /// KB: allocating one per member (every archived page, on every article worker) meant a fresh
    /// mapping and its page faults each time. A compressor is used by one thread at a time.
    private static let compressors = CompressorPool()

    private final class CompressorPool: Sendable {
        /// Idle compressors by level, as addresses (raw pointers are not `Sendable`).
        private let idle = Mutex<[Int32: [UInt]]>([:])

        func take(level: Int32) throws(Failure) -> OpaquePointer {
            if let address = idle.withLock({ $0[level]?.popLast() }), let pooled = OpaquePointer(bitPattern: address) {
                return pooled
            }
            guard let made = libdeflate_alloc_compressor(level) else {
                throw Failure(code: -1, message: "cannot allocate a compressor at level \(level)")
            }
            return made
        }

        /// Keeps `compressor` for the next caller, up to 16 per level (more threads than that
        /// never compress at once here); frees the rest.
        func give(_ compressor: OpaquePointer, level: Int32) {
            let kept = idle.withLock { idle -> Bool in
                guard idle[level, default: []].count < 16 else { return false }
                idle[level, default: []].append(UInt(bitPattern: compressor))
                return true
            }
            if !kept { libdeflate_free_compressor(compressor) }
        }
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
