import Foundation
import WirescoreTestSupport

/// A private `nats-server -js` on 127.0.0.1 for the stream tests (Debian's nats-server,
/// installed by scripts/deps). Tests that need it are skipped, saying so, only when the binary
/// is absent. The server dies with the test process (a watchdog shell) or on ``stop()``.
final class NATSServer: @unchecked Sendable {
    let port: Int
    private let process = Process()
    let directory: String

    static let binary: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["WIRESCORE_NATS_SERVER"]].compactMap { $0 }
        for folder in (environment["PATH"] ?? "").split(separator: ":") + ["/usr/sbin", "/usr/bin"] {
            candidates.append("\(folder)/nats-server")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let missingReason = "nats-server is not installed (scripts/deps installs Debian's nats-server)"

    var url: String { "nats://127.0.0.1:\(port)" }

    /// Starts a server on a free port with a fresh store, or, given the `port` and store
    /// `directory` of one stopped with `keepingStore`, that server again (a restart).
    /// `arguments` are added to nats-server's (TLS options, for one).
    init(port: Int? = nil, directory: String? = nil, arguments: [String] = []) throws {
        guard let binary = Self.binary else { throw Failure(message: Self.missingReason) }
        self.directory = directory ?? NSTemporaryDirectory() + "wirescore-nats-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        if let port {
            self.port = port
        } else if let free = LoopbackPorts.free(1, in: 31000...39000)?.first {
            self.port = free
        } else {
            throw Failure(message: "no free port for nats-server")
        }
        let watchdog = "\"$0\" \"$@\" & w=$!; trap 'kill $w; wait $w; exit 0' TERM; "
            + "while kill -0 \(getpid()) 2>/dev/null && kill -0 $w 2>/dev/null; do sleep 1; done; kill $w 2>/dev/null; wait $w"
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", watchdog, binary, "-js", "-a", "127.0.0.1", "-p", "\(self.port)", "-sd", self.directory] + arguments
        let null = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = null
        process.standardError = null
        try process.run()
        for _ in 0..<100 {
            if LoopbackPorts.answers(self.port) { return }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        stop()
        throw Failure(message: "nats-server did not come up on port \(self.port)")
    }

    deinit { stop() }

    /// Set by `stop(keepingStore: true)`: the store outlives this server, for a restart to use
    /// (which then owns it).
    private var keepsStore = false

    func stop(keepingStore: Bool = false) {
        if keepingStore { keepsStore = true }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if !keepsStore { try? FileManager.default.removeItem(atPath: directory) }
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
