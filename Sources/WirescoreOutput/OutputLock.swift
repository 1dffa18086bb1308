import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive, non-blocking `flock` on a file in the output directory.
///
/// Cron may start an ingest while the previous one still runs; the second must leave at once
/// (exit 75) without touching anything. `flock` locks die with the process, so a crashed run
/// never leaves a stale lock behind. Not thread safe; one owner per lock.
public final class OutputLock {
    private var descriptor: Int32
    public let path: String

    /// Thrown when another process holds the lock.
    public struct Busy: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "another wirescore run holds \(path)" }
    }

    /// Takes the lock or throws ``Busy`` immediately; other failures throw ``OutputError``.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            // Foundation's text here is "NSCocoaErrorDomain error 512"; name the file in the way.
            if let blocker = OutputRoot.firstNonDirectory(along: directory) {
                throw OutputError(path: blocker, message: "is a file, not a directory")
            }
            throw OutputError(path: directory, message: "cannot create the directory: \(Self.reason(error))")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw Busy(path: path) }
            throw OutputError(path: path, message: String(cString: strerror(code)))
        }
        descriptor = fd
        // Record the holder for people investigating a busy lock; best effort.
        let note = "pid \(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    /// The POSIX reason behind a Foundation file error when it carries one.
    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Releases the lock (also done by `deinit` and by process exit).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
