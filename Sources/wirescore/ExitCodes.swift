import ArgumentParser
import Foundation
import WirescoreOutput

/// The sysexits codes DESIGN.md fixes.
enum ExitCodes {
    static let usage = ExitCode(64)
    /// An ingest run in which no feed answered at all while some were due (EX_UNAVAILABLE).
    static let unavailable = ExitCode(69)
    static let tempFail = ExitCode(75)
    static let config = ExitCode(78)
    static let failure = ExitCode(1)
}

/// Writes one line to stderr (for messages that must reach the operator even with logging off).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Takes the output directory's lock for a command that writes there, or exits: 75 at once
/// when another run holds it (one line on stderr, nothing touched), 1 when it cannot be taken.
func lockOutputOrExit(_ layout: OutputLayout) throws -> OutputLock {
    do {
        return try OutputLock(path: layout.lockPath)
    } catch let busy as OutputLock.Busy {
        printError("wirescore: \(busy); exiting")
        throw ExitCodes.tempFail
    } catch {
        printError("wirescore: cannot lock the output directory: \(error)")
        throw ExitCodes.failure
    }
}
