import Foundation
import Testing
@testable import WirescoreStream
import WirescoreOutput

/// The stream output against a real nats-server with JetStream.
@Suite(.serialized, .enabled(if: NATSServer.binary != nil, "nats-server is not installed (scripts/deps installs Debian's nats-server)"))
struct JetStreamOutputTests {
    let articles = Partition(kind: .articles, day: "2026-12-01", shard: 0)
    let lines = ["{\"id\":\"a1\",\"title\":\"One\"}", "{\"id\":\"a2\",\"title\":\"Two\"}", "{\"id\":\"a3\",\"title\":\"Three\"}"]

    /// The stream's message count and the `Nats-Msg-Id` of message `seq`, through the JetStream API.
    private func inspect(_ server: NATSServer, stream: String, seq: Int) throws -> (messages: Int, msgID: String?, data: String?) {
        let connection = try NATSConnection(url: server.url)
        try connection.subscribe("_INBOX.test.>", sid: 1)
        let info = try connection.request("$JS.API.STREAM.INFO.\(stream)", payload: [], inbox: "_INBOX.test.info", timeout: 5)
        let state = ((try JSONSerialization.jsonObject(with: Data(info.payload)) as? [String: Any])?["state"] as? [String: Any])
        let messages = (state?["messages"] as? Int) ?? -1
        let got = try connection.request("$JS.API.STREAM.MSG.GET.\(stream)", payload: Array("{\"seq\":\(seq)}".utf8),
                                         inbox: "_INBOX.test.get", timeout: 5)
        let message = (try JSONSerialization.jsonObject(with: Data(got.payload)) as? [String: Any])?["message"] as? [String: Any]
        let headers = (message?["hdrs"] as? String).flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        let msgID = headers?.components(separatedBy: "\r\n").first { $0.hasPrefix("Nats-Msg-Id:") }
            .map { $0.dropFirst("Nats-Msg-Id:".count).trimmingCharacters(in: .whitespaces) }
        let data = (message?["data"] as? String).flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        return (messages, msgID, data)
    }

    @Test func eachArticleIsStoredOncePerIdAcrossReruns() throws {
        let server = try NATSServer()
        defer { server.stop() }
        let settings = JetStreamOutput.Settings(url: server.url, subject: "wirescore.test.articles", stream: "WIRESCORE_TEST")
        let first = try JetStreamOutput(settings: settings)
        _ = try first.append(lines, to: articles)
        #expect(first.delivered == 3 && first.duplicates == 0)
        // A rerun (a new connection, as a new process) sends the same records again.
        let second = try JetStreamOutput(settings: settings)
        _ = try second.append(lines + ["{\"id\":\"a4\"}"], to: articles)
        #expect(second.delivered == 4)
        #expect(second.duplicates == 3)
        let stored = try inspect(server, stream: "WIRESCORE_TEST", seq: 2)
        #expect(stored.messages == 4)
        #expect(stored.msgID == "a2")
        #expect(stored.data == lines[1])
    }

    @Test func onlyArticlesAreStreamedAndReplacementsPublishNothing() throws {
        let server = try NATSServer()
        defer { server.stop() }
        let output = try JetStreamOutput(settings: .init(url: server.url, subject: "w.only", stream: "ONLY"))
        _ = try output.append(["{\"kind\":\"feed\",\"code\":\"timeout\"}"], to: Partition(kind: .errors, day: "2026-12-01", shard: 0))
        #expect(try output.replace(articles, with: lines) == false)
        _ = try output.append([lines[0]], to: articles)
        #expect(try inspect(server, stream: "ONLY", seq: 1).messages == 1)
    }

    @Test func aSubjectNoStreamCapturesIsAClearError() throws {
        let server = try NATSServer()
        defer { server.stop() }
        let output = try JetStreamOutput(settings: .init(url: server.url, subject: "nobody.listens"))
        #expect {
            _ = try output.append(lines, to: articles)
        } throws: { error in
            "\(error)".contains("no JetStream stream captures subject 'nobody.listens'")
        }
    }

    @Test func anUnreachableServerIsAClearError() throws {
        #expect {
            _ = try JetStreamOutput(settings: .init(url: "nats://127.0.0.1:9", subject: "x"))
        } throws: { error in
            "\(error)".hasPrefix("stream nats://127.0.0.1:9: cannot connect:")
        }
    }

    @Test func aServerThatStaysAwayFailsTheBatchSoItIsSentAgainNextRun() throws {
        let server = try NATSServer()
        let output = try JetStreamOutput(settings: .init(url: server.url, subject: "w.gone", stream: "GONE", ackTimeout: 1,
                                                         reconnectWait: 1))
        _ = try output.append([lines[0]], to: articles)
        server.stop()
        #expect {
            _ = try output.append([lines[1]], to: articles)
        } throws: { error in
            "\(error)".contains("could not reconnect within 1 s") && "\(error)".contains("sent again next run")
        }
        #expect(output.delivered == 1)
    }

    /// A restart of the server while a batch is in flight (a rolling upgrade): the publisher
    /// reconnects, resends what was not acknowledged under the same ids, and the stream ends
    /// up with each record once.
    @Test func aServerRestartDuringARunIsRiddenOutWithoutLossOrDuplicates() throws {
        let first = try NATSServer()
        let output = try JetStreamOutput(settings: .init(url: first.url, subject: "w.restart", stream: "RESTART",
                                                         ackTimeout: 2, reconnectWait: 20))
        _ = try output.append([lines[0]], to: articles)
        first.stop(keepingStore: true)
        let restarted = RestartedServer()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            restarted.set(Result { try NATSServer(port: first.port, directory: first.directory) })
        }
        _ = try output.append([lines[1], lines[2]], to: articles)
        let server = try restarted.wait().get()
        defer { server.stop() }
        #expect(output.reconnects == 1)
        #expect(output.delivered == 3 && output.duplicates == 0)
        let stored = try inspect(server, stream: "RESTART", seq: 3)
        #expect(stored.messages == 3)
        #expect(stored.msgID == "a3")
    }

    @Test func theTeeWritesTheStreamBeforeTheFiles() throws {
        let server = try NATSServer()
        defer { server.stop() }
        let root = NSTemporaryDirectory() + "wirescore-tee-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = LocalHiveOutput(root: root)
        // No stream captures the subject: the stream refuses, so the files get nothing either.
        let tee = TeeOutput(stream: try JetStreamOutput(settings: .init(url: server.url, subject: "tee.none")), files: files)
        #expect(throws: StreamError.self) { _ = try tee.append(lines, to: articles) }
        #expect(!FileManager.default.fileExists(atPath: root + "/articles/date=2026-12-01/part-0.jsonl"))
        let working = TeeOutput(stream: try JetStreamOutput(settings: .init(url: server.url, subject: "tee.ok", stream: "TEE")),
                                files: files)
        let receipt = try working.append(lines, to: articles)
        #expect(receipt.part == "articles/date=2026-12-01/part-0.jsonl")
        try working.finish()
        #expect(try String(contentsOfFile: root + "/articles/date=2026-12-01/part-0.jsonl", encoding: .utf8)
                == lines.joined(separator: "\n") + "\n")
    }
}

/// The server a background restart brought up, handed to the test once it exists (the TLS
/// tests restart one too).
final class RestartedServer: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<NATSServer, any Error>?

    func set(_ value: Result<NATSServer, any Error>) {
        result = value
        ready.signal()
    }

    func wait() -> Result<NATSServer, any Error> {
        ready.wait()
        return result ?? .failure(NATSServer.Failure(message: "no restart"))
    }
}
