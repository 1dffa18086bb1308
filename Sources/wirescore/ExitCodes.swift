import ArgumentParser
import Foundation

/// The sysexits codes DESIGN.md fixes.
enum ExitCodes {
    static let usage = ExitCode(64)
    static let tempFail = ExitCode(75)
    static let config = ExitCode(78)
    static let failure = ExitCode(1)
}

/// Writes one line to stderr (for messages that must reach the operator even with logging off).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
