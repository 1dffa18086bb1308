import Foundation
import Logging

/// Logs go to stderr; stdout carries only what a command is asked to print.
enum LogSetup {
    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrap(quiet: Bool, verbose: Bool) -> Logger {
        let level: Logger.Level = quiet ? .error : (verbose ? .debug : (ProcessInfo.processInfo.environment["WIRESCORE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice))
        if !bootstrapped {
            bootstrapped = true
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "wirescore")
        logger.logLevel = level
        return logger
    }
}
