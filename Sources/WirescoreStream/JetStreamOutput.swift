import Foundation
import WirescoreOutput

/// Article records as a stream: one NATS JetStream message per record on the pipeline's
/// subject, with `Nats-Msg-Id` set to the article id, so JetStream drops a record sent twice
/// within the stream's duplicate window (a rerun after a crash, a retried publish).
///
/// At least once: ``append(_:to:)`` publishes the batch, then waits for every PubAck on its
/// reply inbox before returning; a batch not fully acknowledged (after retries of the missing
/// messages under the same ids) throws, so the run stops before recording the batch as
/// written, and the next run sends it again. `replace` publishes nothing (a reprocess
/// rewrites files, it does not replay history into the stream); errors and scores are not
/// streamed. A connection lost in the middle of a batch (a server restart, a dropped link) is
/// reopened for up to ``Settings/reconnectWait`` seconds and the unacknowledged messages are
/// resent under their ids; only when the server stays away does the batch fail.
/// Not thread safe: one writer (``RecordOutput``).
public final class JetStreamOutput: RecordOutput {
    public struct Settings: Sendable, Equatable {
        /// `nats://host:port`, or `tls://host:port` for an encrypted connection.
        public var url: String
        public var subject: String
        /// A JetStream stream to create (capturing `subject`) when it does not exist yet; nil
        /// when the operator manages the stream.
        public var stream: String?
        /// The stream's duplicate window when it is created here: reruns within it are dropped.
        public var duplicateWindow: Double
        /// How long a batch's acknowledgements are waited for before the missing are resent.
        public var ackTimeout: Double
        /// How long a lost connection is tried again, within one batch, before the batch fails
        /// (long enough for a server restart; 0: fail at once).
        public var reconnectWait: Double
        /// TLS settings (trusted authorities, a client certificate); nil: TLS only when the URL
        /// is `tls://` or the server requires it, trusting the system's authorities.
        public var tls: NATSTLS?
        public init(url: String, subject: String, stream: String? = nil, duplicateWindow: Double = 86_400,
                    ackTimeout: Double = 5, reconnectWait: Double = 30, tls: NATSTLS? = nil) {
            self.url = url; self.subject = subject; self.stream = stream
            self.duplicateWindow = duplicateWindow; self.ackTimeout = ackTimeout; self.reconnectWait = reconnectWait
            self.tls = tls
        }
    }

    public let settings: Settings
    private var connection: NATSConnection
    private let inbox: String
    private var nextReply = 0
    /// Records acknowledged by JetStream, and of those the ones it reported as duplicates.
    public private(set) var delivered = 0
    public private(set) var duplicates = 0
    /// Connections reopened after one was lost.
    public private(set) var reconnects = 0

    /// Connects, subscribes to a private reply inbox and, when `settings.stream` is set,
    /// makes sure that stream exists.
    /// - Throws: ``StreamError`` when the server is unreachable or JetStream refuses.
    public init(settings: Settings) throws(StreamError) {
        self.settings = settings
        self.connection = try NATSConnection(url: settings.url, tls: settings.tls)
        self.inbox = "_INBOX.wirescore.\(UInt64.random(in: 1...UInt64.max))"
        try connection.subscribe(inbox + ".>", sid: 1)
        if let stream = settings.stream { try ensureStream(stream) }
    }

    public func append(_ lines: [String], to partition: Partition) throws -> AppendReceipt {
        guard partition.kind == .articles, !lines.isEmpty else { return AppendReceipt(part: "", committedBytes: 0) }
        var batch: [Pending] = []
        batch.reserveCapacity(lines.count)
        for line in lines {
            guard let id = Self.articleID(line) else {
                throw StreamError(server: settings.url, message: "a record without an id cannot be deduplicated: \(line.prefix(80))")
            }
            batch.append(Pending(reply: "\(inbox).\(nextReply)", id: id, line: line))
            nextReply += 1
        }
        var waiting = Set(batch.map(\.reply))
        var lostConnections = 0
        while let lost = try deliverUnlessConnectionLost(batch, waiting: &waiting) {
            // Whatever was acknowledged stays so; the rest goes again under the same ids, and
            // JetStream drops any that did arrive before the connection went.
            lostConnections += 1
            guard lostConnections <= 3 else { throw lost }
            try reconnect(after: lost)
        }
        return AppendReceipt(part: settings.subject, committedBytes: 0)
    }

    /// One message of a batch: its reply subject (where its PubAck arrives), id and line.
    private struct Pending {
        var reply: String
        var id: String
        var line: String
    }

    /// ``deliver(_:waiting:)``, with a lost connection returned rather than thrown (any other
    /// failure is thrown); nil when the whole batch was acknowledged.
    private func deliverUnlessConnectionLost(_ batch: [Pending], waiting: inout Set<String>) throws(StreamError) -> StreamError? {
        do {
            try deliver(batch, waiting: &waiting)
            return nil
        } catch {
            guard error.connectionLost else { throw error }
            return error
        }
    }

    /// Publishes the batch's `waiting` messages and collects their PubAcks, resending the
    /// missing twice; returns when all are acknowledged.
    private func deliver(_ batch: [Pending], waiting: inout Set<String>) throws(StreamError) {
        try publish(batch, waiting)
        let ids = Dictionary(batch.map { ($0.reply, $0.id) }, uniquingKeysWith: { first, _ in first })
        var rounds = 0
        while !waiting.isEmpty {
            let deadline = Date().addingTimeInterval(settings.ackTimeout)
            while !waiting.isEmpty, deadline.timeIntervalSinceNow > 0 {
                guard let message = try connection.nextMessage(timeout: deadline.timeIntervalSinceNow) else { break }
                guard waiting.remove(message.subject) != nil else { continue }
                try accept(message, id: ids[message.subject] ?? "?")
            }
            guard !waiting.isEmpty else { break }
            rounds += 1
            guard rounds <= 2 else {
                throw StreamError(server: settings.url, message: "\(waiting.count) records were not acknowledged within "
                                  + "\(Int(settings.ackTimeout)) s after 2 resends; they are sent again next run")
            }
            // Resend the unacknowledged under their ids: JetStream drops any that did arrive.
            try publish(batch, waiting)
        }
    }

    private func publish(_ batch: [Pending], _ waiting: Set<String>) throws(StreamError) {
        for message in batch where waiting.contains(message.reply) {
            try connection.publish(settings.subject, replyTo: message.reply, headers: [("Nats-Msg-Id", message.id)],
                                   payload: Array(message.line.utf8))
        }
        try connection.flush()
    }

    /// Counts one PubAck, or throws what JetStream said instead.
    private func accept(_ message: NATSMessage, id: String) throws(StreamError) {
        if message.status == 503 {
            throw StreamError(server: settings.url, message: "no JetStream stream captures subject '\(settings.subject)'"
                              + " (name one in the pipeline's stream.create_stream, or create it)")
        }
        let ack = (try? JSONSerialization.jsonObject(with: Data(message.payload))) as? [String: Any]
        if let error = ack?["error"] as? [String: Any] {
            throw StreamError(server: settings.url, message: "JetStream refused article \(id): "
                              + "\(error["description"] as? String ?? "error \(error["code"] ?? "")")")
        }
        guard ack?["seq"] != nil else {
            throw StreamError(server: settings.url, message: "not a JetStream acknowledgement for article \(id)")
        }
        delivered += 1
        if ack?["duplicate"] as? Bool == true { duplicates += 1 }
    }

    /// Opens a new connection (trying for up to ``Settings/reconnectWait`` seconds, backing off
    /// from 0.2 s to 2 s), subscribes the reply inbox again and, when the stream is ours to
    /// create, makes sure it still exists (a server restarted without its store).
    private func reconnect(after lost: StreamError) throws(StreamError) {
        let deadline = Date().addingTimeInterval(settings.reconnectWait)
        var pause = 0.2
        var last = lost
        repeat {
            switch Result(catching: { () throws(StreamError) -> NATSConnection in
                let fresh = try NATSConnection(url: settings.url, timeout: min(5, max(0.5, deadline.timeIntervalSinceNow)),
                                               tls: settings.tls)
                try fresh.subscribe(inbox + ".>", sid: 1)
                return fresh
            }) {
            case let .success(fresh):
                connection = fresh
                reconnects += 1
                if let stream = settings.stream { try ensureStream(stream) }
                return
            case let .failure(error):
                guard error.connectionLost else { throw error }
                last = error
            }
            usleep(useconds_t(min(pause, max(0, deadline.timeIntervalSinceNow)) * 1_000_000))
            pause = min(pause * 2, 2)
        } while deadline.timeIntervalSinceNow > 0
        throw StreamError(server: settings.url, message: "lost the connection (\(lost.message)) and could not reconnect within "
                          + "\(Int(settings.reconnectWait)) s (\(last.message)); the batch is sent again next run", connectionLost: true)
    }

    @discardableResult
    public func replace(_ partition: Partition, with lines: [String]) throws -> Bool { false }

    public func close(_ partition: Partition) throws {}

    public func finish() throws {}

    /// The `id` of a serialized article record (its first key, by DESIGN.md's order).
    static func articleID(_ line: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return nil }
        return object["id"] as? String
    }

    /// Creates `name` capturing the subject unless it exists.
    private func ensureStream(_ name: String) throws(StreamError) {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !name.isEmpty else {
            throw StreamError(server: settings.url, message: "'\(name)' is not a stream name (letters, digits, _ and -)")
        }
        let info = try connection.request("$JS.API.STREAM.INFO.\(name)", payload: [], inbox: "\(inbox).api.info",
                                          timeout: settings.ackTimeout)
        if info.status == 503 {
            throw StreamError(server: settings.url, message: "JetStream is not enabled on the server (start it with -js)")
        }
        let answer = (try? JSONSerialization.jsonObject(with: Data(info.payload))) as? [String: Any]
        guard let error = answer?["error"] as? [String: Any] else { return }
        guard (error["code"] as? Int) == 404 else {
            throw StreamError(server: settings.url, message: "stream \(name): \(error["description"] as? String ?? "error")")
        }
        let config: [String: Any] = ["name": name, "subjects": [settings.subject], "storage": "file",
                                     "duplicate_window": Int64(settings.duplicateWindow * 1_000_000_000)]
        let body = (try? JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])) ?? Data()
        let created = try connection.request("$JS.API.STREAM.CREATE.\(name)", payload: [UInt8](body),
                                             inbox: "\(inbox).api.create", timeout: settings.ackTimeout)
        let result = (try? JSONSerialization.jsonObject(with: Data(created.payload))) as? [String: Any]
        if let error = result?["error"] as? [String: Any] {
            throw StreamError(server: settings.url, message: "cannot create stream \(name): \(error["description"] as? String ?? "error")")
        }
    }
}
