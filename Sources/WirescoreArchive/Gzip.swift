internal import CIsal
internal import CZlib
import Synchronization

/// gzip members in and out of memory: written by ISA-L's igzip, read by zlib (streaming, with a
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

    /// One complete gzip member holding `bytes`.
    ///
    /// Written with igzip's level 1 in one stateless call: on real news pages it compresses at
    /// about 2.5x libdeflate's fastest level (which this replaced) for members ~6% larger, and
    /// compressing every fetched page was the largest single cost of the archive. The member is
    /// plain gzip, read back by zlib, warcio or any gzip tool.
    public static func compress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        let failure = bytes.withUnsafeBytes { input -> Failure? in
            do throws(Failure) { try append(input, to: &output) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        return output
    }

    /// Appends one complete gzip member holding `input` to `output`.
    public static func append(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) throws(Failure) {
        guard input.count < Int(UInt32.max / 2) else {
            throw Failure(code: -1, message: "a member of \(input.count) bytes is too large to compress in one call")
        }
        let workspace = workspaces.take()
        defer { workspaces.give(workspace) }
        // A stored (uncompressed) deflate stream costs 5 bytes per 64 KB block, gzip 18 more: the
        // first bound always suffices for igzip's fallback to stored blocks; the retry is a guard.
        for bound in [input.count + input.count / 64 + 1024, 2 * input.count + 4096] {
            // Into uninitialised scratch, then only the member's bytes are copied: growing
            // `output` by the bound first meant zero-filling a page's worth of bytes per member.
            let status = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch -> Int32 in
                var stream = isal_zstream()
                isal_deflate_stateless_init(&stream)
                stream.level = 1
                stream.level_buf = workspace.baseAddress
                stream.level_buf_size = UInt32(workspace.count)
                stream.gzip_flag = cisal_gzip_flag()
                stream.end_of_stream = 1
                stream.flush = UInt16(NO_FLUSH)
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
                stream.avail_in = UInt32(input.count)
                stream.next_out = scratch.baseAddress
                stream.avail_out = UInt32(bound)
                let status = isal_deflate_stateless(&stream)
                if status == cisal_comp_ok() {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<Int(stream.total_out)]))
                }
                return status
            }
            if status == cisal_comp_ok() { return }
            guard status == cisal_stateless_overflow() else {
                throw Failure(code: status, message: "igzip refused to compress \(input.count) bytes")
            }
        }
        throw Failure(code: -1, message: "compressed output exceeded its bound")
    }

    /// igzip's level-1 workspaces (hash tables and token buffer, a few hundred KB each), kept for
    /// reuse: allocating one per member (every archived page, on every article worker) meant a
    /// fresh mapping and its page faults each time. A workspace is used by one thread at a time.
    private static let workspaces = WorkspacePool()

    private final class WorkspacePool: Sendable {
        /// Idle workspaces, as addresses (raw pointers are not `Sendable`).
        private let idle = Mutex<[UInt]>([])
        private let size = Int(cisal_level1_buffer_size())

        func take() -> UnsafeMutableBufferPointer<UInt8> {
            if let address = idle.withLock({ $0.popLast() }), let pooled = UnsafeMutablePointer<UInt8>(bitPattern: address) {
                return UnsafeMutableBufferPointer(start: pooled, count: size)
            }
            return UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        }

        /// Keeps `workspace` for the next caller, up to 16 (more threads than that never
        /// compress at once here); frees the rest.
        func give(_ workspace: UnsafeMutableBufferPointer<UInt8>) {
            let kept = idle.withLock { idle -> Bool in
                guard idle.count < 16, let base = workspace.baseAddress else { return false }
                idle.append(UInt(bitPattern: base))
                return true
            }
            if !kept { workspace.deallocate() }
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
