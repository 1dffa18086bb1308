import Foundation
import Synchronization

/// Paths into the checkout the tests were built from.
enum RepositoryPaths {
    /// The repository root (three levels above this file).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var demoPipeline: String { root + "/Pipelines/default.yaml" }

    /// The `wirescore` executable built next to the test bundle (`swift build --build-tests`
    /// builds it too).
    static var binary: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        // The runner may sit inside `<name>.xctest/` or next to it, depending on the platform.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("wirescore").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return root + "/.build/debug/wirescore"
    }

    static func temporaryDirectory(_ tag: String) throws -> String {
        let dir = NSTemporaryDirectory() + "wirescore-\(tag)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Runs the `wirescore` binary and captures its exit status and output.
struct BinaryRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The run outlived its `timeout` and was killed (SIGKILL): a hang.
    var timedOut = false
    /// The signal that ended the process, when one did (then `status` is its number).
    var endedBySignal: Int32?
    /// Seconds from the `interrupt` signal to the process's exit.
    var secondsAfterInterrupt: Double?

    /// - Parameter timeout: kill the child (and report `timedOut`) after this many seconds, so
    ///   a hang fails the test instead of stalling the suite.
    /// - Parameter interrupt: send this signal as soon as `when` holds (a scheduler stopping
    ///   the run at a chosen moment, such as "every page is in flight"); checked every 20 ms
    ///   while the child runs.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                    timeout: Double? = nil, interrupt: Interrupt? = nil) throws -> BinaryRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        // Never let a child inherit the runner's stdin: a command waiting on it would hang the suite.
        process.standardInput = input != nil ? stdin : FileHandle.nullDevice
        try process.run()
        let killed = KillSwitch()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { killed.fire(); kill(pid, SIGKILL) }
            }
        }
        let interrupted = InterruptClock()
        if let interrupt {
            let pid = process.processIdentifier
            Thread {
                while process.isRunning && !interrupt.when() { usleep(20_000) }
                if process.isRunning { interrupted.mark(); kill(pid, interrupt.signal) }
            }.start()
        }
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BinaryRun(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self),
                         timedOut: killed.fired,
                         endedBySignal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
                         secondsAfterInterrupt: interrupted.secondsSince)
    }
}

extension BinaryRun {
    /// A signal to send the child once `when` holds.
    struct Interrupt: Sendable {
        var signal: Int32
        var when: @Sendable () -> Bool
    }

    /// ``run(_:environment:input:timeout:interrupt:)`` on a thread of its own. A long child run
    /// must not block one of the cooperative pool's threads (one per core): two such tests at
    /// once would stall every async test meanwhile.
    static func runDetached(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                            timeout: Double? = nil, interrupt: Interrupt? = nil) async throws -> BinaryRun {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try BinaryRun.run(arguments, environment: environment, input: input, timeout: timeout,
                                      interrupt: interrupt)
                })
            }.start()
        }
    }
}

/// Set once by a watchdog, read by the test thread.
final class KillSwitch: Sendable {
    private let value = Mutex(false)
    func fire() { value.withLock { $0 = true } }
    var fired: Bool { value.withLock { $0 } }
}

/// Every line of every part file of one kind, parsed.
func readPartition(_ root: String, kind: String) throws -> [[String: Any]] {
    let base = root + "/" + kind
    var records: [[String: Any]] = []
    let fm = FileManager.default
    for day in ((try? fm.contentsOfDirectory(atPath: base)) ?? []).sorted() {
        for file in try fm.contentsOfDirectory(atPath: base + "/" + day).sorted() where file.hasSuffix(".jsonl") {
            let data = try Data(contentsOf: URL(fileURLWithPath: base + "/" + day + "/" + file))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                let object = try JSONSerialization.jsonObject(with: Data(line))
                guard let dict = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
                records.append(dict)
            }
        }
    }
    return records
}

/// When the interrupt signal was sent, shared with the timer that sends it.
final class InterruptClock: Sendable {
    private let sent = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { sent.withLock { $0 = .now } }
    var secondsSince: Double? {
        sent.withLock { $0 }.map { sent in
            let elapsed = sent.duration(to: .now).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        }
    }
}
