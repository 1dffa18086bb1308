import Foundation
import Testing
import WirescoreTestSupport
import WirescoreFetch
@testable import WirescoreObjectStore

/// A private SeaweedFS (`weed mini`, the S3 API with signature checks) on 127.0.0.1 for one
/// test suite, from `WIRESCORE_WEED`, `.build/venv-s3/bin/weed` (what scripts/check-s3
/// installs) or `PATH`. Tests that need it are skipped, saying so, only when no binary exists.
final class SeaweedServer: @unchecked Sendable {
    static let accessKey = "wirescore-test"
    static let secret = "wirescore-test-secret"
    let port: Int
    private let process: Process
    private let directory: String

    /// The `weed` binary, or nil when none is installed.
    static let binary: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let own = environment["WIRESCORE_WEED"] { candidates.append(own) }
        // The package root, from this file's path (Tests/WirescoreObjectStoreTests/...).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        candidates.append(root + "/.build/venv-s3/bin/weed")
        for folder in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(folder)/weed") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var missingReason: String {
        "SeaweedFS (weed) is not installed: run scripts/check-s3 once (it installs .build/venv-s3) or set WIRESCORE_WEED"
    }

    /// Starts the server with `buckets` created, waiting until it answers signed requests.
    init(buckets: [String]) throws {
        guard let binary = Self.binary else { throw ServerError(message: Self.missingReason) }
        directory = NSTemporaryDirectory() + "wirescore-weed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let identities = """
            {"identities":[{"name":"wirescore","credentials":[{"accessKey":"\(Self.accessKey)","secretKey":"\(Self.secret)"}],
              "actions":["Admin","Read","Write","List","Tagging"]}]}
            """
        try identities.write(toFile: directory + "/identities.json", atomically: true, encoding: .utf8)
        guard let ports = LoopbackPorts.free(4, in: 20000...30000, companionOffset: 10000) else {
            throw ServerError(message: "no free ports for SeaweedFS")
        }
        port = ports[0]
        process = Process()
        // Through a small watchdog shell: the server goes when this test process goes (a static
        // shared server gets no deinit), or when stop() sends TERM.
        let watchdog = "\"$0\" \"$@\" & w=$!; trap 'kill $w; wait $w; exit 0' TERM; "
            + "while kill -0 \(getpid()) 2>/dev/null && kill -0 $w 2>/dev/null; do sleep 1; done; kill $w 2>/dev/null; wait $w"
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", watchdog, binary, "mini", "-dir=\(directory)/data", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                             "-s3.config=\(directory)/identities.json", "-s3.port=\(ports[0])", "-master.port=\(ports[1])",
                             "-volume.port=\(ports[2])", "-filer.port=\(ports[3])", "-webdav=false", "-admin.ui=false",
                             "-bucket=\(buckets.joined(separator: ","))"]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let probe = try S3Client(location: S3Location(parsing: "s3://\(buckets[0])"), endpoint: endpoint())
        probe.retry = .init(attempts: 1)
        for _ in 0..<240 {
            if (try? probe.checkAccess()) != nil { return }
            guard process.isRunning else { break }
            usleep(250_000)
        }
        stop()
        throw ServerError(message: "SeaweedFS did not come up on port \(port)")
    }

    deinit { stop() }

    /// One server for every test of the process (starting one takes seconds), with the buckets
    /// the tests use; each test writes under its own prefix.
    static let shared: Result<SeaweedServer, any Error> = Result { try SeaweedServer(buckets: ["wirescore", "second"]) }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func endpoint(secret: String = SeaweedServer.secret) -> S3Endpoint {
        S3Endpoint(baseURL: "http://127.0.0.1:\(port)", pathStyle: true,
                   credentials: SigV4Credentials(accessKeyID: Self.accessKey, secretAccessKey: secret, region: "us-east-1"))
    }

    func client(_ url: String, secret: String = SeaweedServer.secret) throws -> S3Client {
        try S3Client(location: S3Location(parsing: url), endpoint: endpoint(secret: secret))
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
