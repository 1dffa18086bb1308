import Foundation
import Synchronization

/// A `wirescore` process left running (`tail --follow`), its stdout gathered as it arrives, so
/// a test can wait for a line to appear (``eventually``) instead of sleeping.
///
/// Owned by one test; `stop()` (or deinit) ends the process with SIGTERM.
final class RunningBinary {
    /// Stdout so far, shared with the pipe's reading thread.
    private final class Gathered: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    private let process = Process()
    private let gathered = Gathered()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        let gathered = gathered
        out.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
            } else {
                gathered.bytes.withLock { $0.append(contentsOf: chunk) }
            }
        }
        try process.run()
    }

    deinit { stop() }

    /// The complete lines printed so far.
    var lines: [String] {
        let bytes = gathered.bytes.withLock { $0 }
        guard let end = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return bytes[...end].split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Ends the process (SIGTERM) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
