import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client for the NATS text protocol over one TCP socket: `CONNECT`, `PING`/`PONG`,
/// `SUB`, `HPUB` (publish with headers), and `MSG`/`HMSG` parsing. Enough for JetStream
/// publishing with acknowledgements, over TLS when the URL is `tls://`, TLS settings are
/// given, or the server requires it (``TLSSession``). A lost connection is thrown as a
/// ``StreamError`` with `connectionLost` set; reconnecting is the publisher's job
/// (``JetStreamOutput`` opens a new connection and resends what was not acknowledged).
///
/// Blocking I/O with `poll(2)` timeouts. Intentionally not thread safe: one owner.
public final class NATSConnection {
    public let server: String
    private var fd: Int32 = -1
    private var inbound: [UInt8] = []
    private var outbound: [UInt8] = []
    private let timeout: Double
    /// Messages read while waiting for something else (a PONG), handed out by ``nextMessage(timeout:)``.
    private var queued: [NATSMessage] = []
    /// The TLS session once the connection is upgraded; nil for plain TCP.
    private var tls: TLSSession?

    /// Whether the connection is encrypted.
    public var usesTLS: Bool { tls != nil }

    /// Connects to `nats://[user:password@]host[:port]` (or `tls://…`) and completes the
    /// handshake. TLS is used when the URL is `tls://`, when `tls` is given, or when the
    /// server's INFO says it is required; asked for and not offered, it is an error (never a
    /// silent fall back to plain text).
    /// - Throws: ``StreamError`` when the server is unreachable, refuses the connection, or
    ///   its certificate is not accepted.
    public init(url: String, timeout: Double = 5, tls settings: NATSTLS? = nil) throws(StreamError) {
        self.server = url
        self.timeout = timeout
        let schemeLength: Int
        if url.hasPrefix("nats://") { schemeLength = 7 } else if url.hasPrefix("tls://") { schemeLength = 6 } else {
            throw StreamError(server: url, message: "not a nats:// or tls:// URL")
        }
        var authority = String(url.dropFirst(schemeLength).prefix { $0 != "/" })
        var user: String?, password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at].split(separator: ":", maxSplits: 1).map(String.init)
            user = credentials.first
            password = credentials.count > 1 ? credentials[1] : nil
            authority = String(authority[authority.index(after: at)...])
        }
        var host = authority, port = "4222"
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon]); port = String(authority[authority.index(after: colon)...])
        }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        try open(host: host, port: port)
        guard let info = try readLine(), info.hasPrefix("INFO ") else {
            throw StreamError(server: url, message: "the server did not greet with INFO (is it a NATS server?)")
        }
        let offer = Self.tlsOffer(info)
        if url.hasPrefix("tls://") || settings != nil || offer.required {
            guard offer.required || offer.available else {
                throw StreamError(server: url, message: "TLS was asked for, but the server does not offer it")
            }
            try startTLS(host: host, settings: settings ?? NATSTLS())
        }
        var connect: [String: Any] = ["verbose": false, "pedantic": false, "headers": true, "no_responders": true,
                                      "lang": "swift", "version": "wirescore", "protocol": 1,
                                      "tls_required": tls != nil]
        if let user { connect["user"] = user }
        if let password { connect["pass"] = password }
        let json = (try? JSONSerialization.data(withJSONObject: connect, options: [.sortedKeys])) ?? Data("{}".utf8)
        outbound += Array("CONNECT ".utf8) + [UInt8](json) + Array("\r\nPING\r\n".utf8)
        try flush()
        try waitForPong()
    }

    /// What the server's INFO line says about TLS.
    static func tlsOffer(_ info: String) -> (required: Bool, available: Bool) {
        let object = (try? JSONSerialization.jsonObject(with: Data(info.dropFirst(5).utf8))) as? [String: Any]
        return (object?["tls_required"] as? Bool ?? false, object?["tls_available"] as? Bool ?? false)
    }

    /// Upgrades the connection after the server's INFO, as NATS does: the TLS handshake runs
    /// over the same socket, within the connection's timeout.
    private func startTLS(host: String, settings: NATSTLS) throws(StreamError) {
        let session = try TLSSession(host: host, settings: settings, server: server)
        let deadline = Date().addingTimeInterval(timeout)
        func step() throws(StreamError) -> Bool {
            do throws(StreamError) {
                return try session.handshake()
            } catch {
                // Let the server see OpenSSL's alert (why the handshake was given up).
                try? sendRaw(session.takeOutgoing())
                throw error
            }
        }
        while try !step() {
            try sendRaw(session.takeOutgoing())
            let left = deadline.timeIntervalSinceNow
            guard left > 0, let bytes = try receiveRaw(timeout: left) else {
                throw StreamError(server: server, message: "the TLS handshake did not finish within \(timeout) s", connectionLost: true)
            }
            bytes.withUnsafeBytes { session.receive($0) }
        }
        try sendRaw(session.takeOutgoing())
        tls = session
    }

    deinit {
        guard fd >= 0 else { return }
        if let tls {
            // Best effort: an orderly TLS end, if the socket still takes it.
            tls.close()
            try? sendRaw(tls.takeOutgoing())
        }
        close(fd)
    }

    /// Subscribes `sid` to `subject` (wildcards allowed).
    public func subscribe(_ subject: String, sid: Int) throws(StreamError) {
        try checkToken(subject)
        outbound += Array("SUB \(subject) \(sid)\r\n".utf8)
        try flush()
    }

    /// Queues a publish with headers; ``flush()`` sends what is queued.
    public func publish(_ subject: String, replyTo: String?, headers: [(String, String)], payload: [UInt8]) throws(StreamError) {
        try checkToken(subject)
        if let replyTo { try checkToken(replyTo) }
        var head = "NATS/1.0\r\n"
        for (name, value) in headers {
            guard !(name + value).contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw StreamError(server: server, message: "header \(name) holds a line break")
            }
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        let headBytes = Array(head.utf8)
        let reply = replyTo.map { " " + $0 } ?? ""
        outbound += Array("HPUB \(subject)\(reply) \(headBytes.count) \(headBytes.count + payload.count)\r\n".utf8)
        outbound += headBytes
        outbound += payload
        outbound += [13, 10]
    }

    /// Sends everything queued.
    public func flush() throws(StreamError) {
        guard !outbound.isEmpty else { return }
        if let tls {
            try tls.encrypt(outbound)
            try sendRaw(tls.takeOutgoing())
        } else {
            try sendRaw(outbound)
        }
        outbound.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the socket, all of them.
    private func sendRaw(_ bytes: [UInt8]) throws(StreamError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress!.advanced(by: offset), raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StreamError(server: server, message: "send failed: \(String(cString: strerror(errno)))", connectionLost: true)
            }
            offset += written
        }
    }

    /// The next message on any subscription, or nil when none arrived within `timeout` seconds.
    /// Answers the server's `PING`s; an `-ERR` from the server is thrown.
    public func nextMessage(timeout: Double) throws(StreamError) -> NATSMessage? {
        if !queued.isEmpty { return queued.removeFirst() }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let line = try takeLine() {
                if let message = try handle(line) { return message }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            guard try fill(timeout: left) else { return nil }
        }
    }

    /// Sends `payload` to `subject` and waits for the one answer on `inbox` (an API request).
    public func request(_ subject: String, payload: [UInt8], inbox: String, timeout: Double) throws(StreamError) -> NATSMessage {
        try publish(subject, replyTo: inbox, headers: [], payload: payload)
        try flush()
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard let message = try nextMessage(timeout: deadline.timeIntervalSinceNow) else { break }
            if message.subject == inbox { return message }
        }
        throw StreamError(server: server, message: "no answer to \(subject) within \(Int(timeout)) s")
    }

    // MARK: - Protocol

    private func waitForPong() throws(StreamError) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let line = try takeLine() {
                if line == "PONG" { return }
                if let message = try handle(line) { queued.append(message) }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, try fill(timeout: left) else {
                throw StreamError(server: server, message: "no PONG within \(Int(timeout)) s")
            }
        }
    }

    /// Acts on one protocol line; a message (with its payload read) is returned.
    private func handle(_ line: String) throws(StreamError) -> NATSMessage? {
        if line == "PING" {
            outbound += Array("PONG\r\n".utf8)
            try flush()
            return nil
        }
        if line == "PONG" || line == "+OK" || line.hasPrefix("INFO ") { return nil }
        if line.hasPrefix("-ERR") {
            throw StreamError(server: server, message: "server error: " + line.dropFirst(4).trimmingCharacters(in: .whitespaces))
        }
        let fields = line.split(separator: " ").map(String.init)
        guard let verb = fields.first, verb == "MSG" || verb == "HMSG" else {
            throw StreamError(server: server, message: "unexpected protocol line '\(line.prefix(80))'")
        }
        // MSG <subject> <sid> [reply] <bytes>;  HMSG <subject> <sid> [reply] <header bytes> <total bytes>
        let counts = verb == "MSG" ? 1 : 2
        guard fields.count == 3 + counts || fields.count == 4 + counts,
              let total = Int(fields[fields.count - 1]), total >= 0 else {
            throw StreamError(server: server, message: "malformed \(verb) line '\(line.prefix(80))'")
        }
        let headerBytes = counts == 2 ? Int(fields[fields.count - 2]) ?? -1 : 0
        guard headerBytes >= 0, headerBytes <= total else {
            throw StreamError(server: server, message: "malformed \(verb) line '\(line.prefix(80))'")
        }
        let reply = fields.count == 4 + counts ? fields[3] : nil
        while inbound.count < total + 2 {
            guard try fill(timeout: timeout) else {
                throw StreamError(server: server, message: "a message body did not arrive within \(Int(timeout)) s")
            }
        }
        let body = Array(inbound[0..<total])
        inbound.removeFirst(total + 2)
        var message = NATSMessage(subject: fields[1], replyTo: reply, status: nil, headers: [],
                                  payload: Array(body[headerBytes...]))
        if headerBytes > 0 {
            let head = String(decoding: body[0..<headerBytes], as: UTF8.self)
            var lines = head.components(separatedBy: "\r\n")
            let first = lines.removeFirst()   // NATS/1.0 [status [description]]
            let parts = first.split(separator: " ")
            if parts.count > 1 { message.status = Int(parts[1]) }
            for headerLine in lines where !headerLine.isEmpty {
                guard let colon = headerLine.firstIndex(of: ":") else { continue }
                message.headers.append((String(headerLine[..<colon]),
                                        headerLine[headerLine.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return message
    }

    /// A complete `\r\n`-terminated line from the buffer, if one is there.
    private func takeLine() throws(StreamError) -> String? {
        guard let end = inbound.firstIndex(of: 10) else {
            if inbound.count > 1 << 20 { throw StreamError(server: server, message: "protocol line too long") }
            return nil
        }
        var line = inbound[0..<end]
        if line.last == 13 { line = line.dropLast() }
        let text = String(decoding: line, as: UTF8.self)
        inbound.removeFirst(end + 1)
        return text
    }

    /// The first line from the server, waiting for it.
    private func readLine() throws(StreamError) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let line = try takeLine() { return line }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, try fill(timeout: left) else { return nil }
        }
    }

    /// Reads what the connection has, waiting up to `timeout`; false when nothing came in time.
    /// (Under TLS, true may also mean only a record without application data arrived.)
    private func fill(timeout: Double) throws(StreamError) -> Bool {
        guard let tls else {
            guard let bytes = try receiveRaw(timeout: timeout) else { return false }
            inbound.append(contentsOf: bytes)
            return true
        }
        // Plaintext OpenSSL already holds needs no wait on the socket.
        var plaintext: [UInt8] = []
        if try tls.readPlaintext(into: &plaintext) > 0 {
            inbound += plaintext
            return true
        }
        guard let bytes = try receiveRaw(timeout: timeout) else { return false }
        bytes.withUnsafeBytes { tls.receive($0) }
        try tls.readPlaintext(into: &plaintext)
        inbound += plaintext
        return true
    }

    /// The bytes the socket has, waiting up to `timeout` for some; nil when none came in time,
    /// empty when a signal interrupted the wait.
    private func receiveRaw(timeout: Double) throws(StreamError) -> [UInt8]? {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, min(timeout, 3600) * 1000)))
        if ready < 0 {
            if errno == EINTR { return [] }
            throw StreamError(server: server, message: "poll failed: \(String(cString: strerror(errno)))")
        }
        guard ready > 0 else { return nil }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return [] }
            throw StreamError(server: server, message: "receive failed: \(String(cString: strerror(errno)))", connectionLost: true)
        }
        guard count > 0 else { throw StreamError(server: server, message: "the server closed the connection", connectionLost: true) }
        chunk.removeSubrange(count...)
        return chunk
    }

    private func checkToken(_ subject: String) throws(StreamError) {
        guard !subject.isEmpty, !subject.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw StreamError(server: server, message: "'\(subject)' is not a subject")
        }
    }

    private func open(host: String, port: String) throws(StreamError) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &list)
        guard status == 0, let first = list else {
            throw StreamError(server: server, message: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let entry = candidate {
            candidate = entry.pointee.ai_next
            let socketFD = socket(entry.pointee.ai_family, entry.pointee.ai_socktype, entry.pointee.ai_protocol)
            guard socketFD >= 0 else { lastError = String(cString: strerror(errno)); continue }
            var on: Int32 = 1
            setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            if connect(socketFD, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 {
                fd = socketFD
                return
            }
            lastError = String(cString: strerror(errno))
            close(socketFD)
        }
        throw StreamError(server: server, message: "cannot connect: \(lastError)", connectionLost: true)
    }
}
