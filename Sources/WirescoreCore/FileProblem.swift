import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file named in configuration cannot be read, in the operator's terms.
///
/// `FileManager.contents(atPath:)` only says "nil"; the operator needs the OS reason and, for
/// a relative path, the folder it was looked up from (cron runs in `$HOME`, not where the
/// pipeline was written).
public enum FileProblem {
    /// The OS reason (`strerror`) `path` cannot be read, plus the working directory when the
    /// path is relative: "No such file or directory (relative to /srv/wirescore)".
    public static func reason(_ path: String) -> String {
        var reason: String
        var info = stat()
        if stat(path, &info) != 0 {
            reason = String(cString: strerror(errno))
        } else if (info.st_mode & S_IFMT) == S_IFDIR {
            reason = String(cString: strerror(EISDIR))
        } else {
            let fd = open(path, O_RDONLY)
            if fd < 0 {
                reason = String(cString: strerror(errno))
            } else {
                close(fd)
                reason = "read failed"
            }
        }
        if !path.hasPrefix("/") {
            reason += " (relative to the working directory \(FileManager.default.currentDirectoryPath))"
        }
        return reason
    }
}
