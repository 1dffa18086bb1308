#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file read straight into `[UInt8]` with POSIX calls.
///
/// `FileManager.contents(atPath:)` returns `Data`, and the parser wants `[UInt8]`: that was a
/// second copy of every document, on top of Foundation's own buffering. Nil when the file cannot
/// be opened or read (the caller reports it); stdin ("-") is not handled here.
func readFileBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    var bytes: [UInt8] = []
    var size = max(Int(st.st_size), 0)
    var filled = 0
    // Regular files report their size; anything else grows as it is read.
    if size == 0 { size = 1 << 16 }
    bytes = [UInt8](repeating: 0, count: size)
    while true {
        if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
        let n = bytes.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return read(fd, base + filled, raw.count - filled)
        }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if n == 0 { break }
        filled += n
    }
    bytes.removeSubrange(filled...)
    return bytes
}
