#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer for stdout that writers append UTF-8 to directly, flushed in large chunks.
///
/// `StdoutLines` takes `String` lines; `inspect feed` produces its JSON as bytes, and turning
/// megabytes of them into a `String` only to write them back out as bytes cost a copy and a
/// UTF-8 validation per document.
struct StdoutBytes {
    var buffer: [UInt8] = []
    private let flushAt = 1 << 20

    init() { buffer.reserveCapacity(flushAt + (flushAt >> 2)) }

    /// Ends the current line and flushes when the buffer is large.
    mutating func endLine() {
        buffer.append(0x0A)
        if buffer.count >= flushAt { flush() }
    }

    /// Writes everything buffered (retrying short writes; EINTR is retried, other errors stop).
    mutating func flush() {
        buffer.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = write(1, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                p += n
                left -= n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
