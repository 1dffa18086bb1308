import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP/1.1 server on 127.0.0.1 with scripted behaviours, for testing clients against
/// sockets rather than mocks.
///
/// One thread accepts; each connection gets its own thread and serves keep-alive requests
/// until the client closes, it idles for 5 s, or the server stops. Every loop is bounded in
/// count and time and checks the stop flag at least every 50 ms, so `stop()` returns quickly.
///
/// Thread-safety: all public methods may be called from any thread. Mutable state lives in
/// `state` and is only touched while holding `lock` (hence `@unchecked Sendable`).
public final class TestHTTPServer: @unchecked Sendable {
    public enum ServerError: Error, CustomStringConvertible {
        case socket(String, Int32)
        public var description: String {
            switch self {
            case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    private struct State {
        var routes: [String: Behaviour] = [:]
        var hits: [String: Int] = [:]
        var requests: [RecordedRequest] = []
        var openConnections = 0
        var maxOpenConnections = 0
        var acceptedConnections = 0
        var activeRequests = 0
        var maxActiveRequests = 0
        var threads = 0
        var stopped = false
    }

    private let lock = NSCondition()
    private var state = State()
    private var listenFD: Int32 = -1
    /// The bound port; valid after `start()`.
    public private(set) var port: UInt16 = 0

    /// - Parameter routes: path (with or without query) to behaviour; unknown paths get 404.
    public init(routes: [String: Behaviour] = [:]) {
        state.routes = routes
    }

    deinit { stop() }

    /// Binds an ephemeral port on 127.0.0.1 and starts accepting.
    /// - Throws: `ServerError` when the socket cannot be set up.
    public func start() throws {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw ServerError.socket("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { let e = errno; close(fd); throw ServerError.socket("bind", e) }
        guard listen(fd, 512) == 0 else { let e = errno; close(fd); throw ServerError.socket("listen", e) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { let e = errno; close(fd); throw ServerError.socket("getsockname", e) }
        port = UInt16(bigEndian: address.sin_port)
        listenFD = fd
        spawn { [self] in acceptLoop(fd) }
    }

    /// Stops accepting, ends every connection and waits (at most 5 s) for all threads to exit.
    /// Idempotent.
    public func stop() {
        lock.lock()
        state.stopped = true
        let deadline = Date().addingTimeInterval(5)
        while state.threads > 0 && lock.wait(until: deadline) {}
        lock.unlock()
    }

    /// "http://127.0.0.1:PORT".
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL` + `path` (which should start with "/").
    public func url(_ path: String) -> String { baseURL + path }

    /// Adds or replaces a route; safe while serving.
    public func route(_ path: String, _ behaviour: Behaviour) {
        withState { $0.routes[path] = behaviour; $0.hits[path] = 0 }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { withState { $0.requests } }
    /// The largest number of simultaneously open client connections seen.
    public var maxOpenConnections: Int { withState { $0.maxOpenConnections } }
    /// The largest number of requests being answered at the same moment.
    public var maxActiveRequests: Int { withState { $0.maxActiveRequests } }
    public var acceptedConnections: Int { withState { $0.acceptedConnections } }

    // MARK: - Threads

    private func withState<R>(_ body: (inout State) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    private var isStopped: Bool { withState { $0.stopped } }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        withState { $0.threads += 1 }
        let thread = Thread { [self] in
            body()
            lock.lock()
            state.threads -= 1
            lock.broadcast()
            lock.unlock()
        }
        thread.start()
    }

    private func acceptLoop(_ fd: Int32) {
        defer { close(fd) }
        while !isStopped {
            guard Self.waitReadable(fd, milliseconds: 50) else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            #if canImport(Darwin)
            var one: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let index = withState { s -> Int in
                s.acceptedConnections += 1
                s.openConnections += 1
                s.maxOpenConnections = max(s.maxOpenConnections, s.openConnections)
                return s.acceptedConnections - 1
            }
            spawn { [self] in
                serve(client, connection: index)
                withState { $0.openConnections -= 1 }
            }
        }
    }

    /// A client socket and the bytes read from it but not yet parsed. Owned by one thread.
    private final class Connection {
        let fd: Int32
        let index: Int
        var buffer: [UInt8] = []
        var closed = false
        init(fd: Int32, index: Int) { self.fd = fd; self.index = index }
    }

    private func serve(_ fd: Int32, connection index: Int) {
        let connection = Connection(fd: fd, index: index)
        defer { if !connection.closed { close(fd) } }
        for _ in 0..<1000 {   // bounded keep-alive
            guard let request = readRequest(connection) else { return }
            let behaviour = withState { s -> Behaviour in
                s.requests.append(request)
                s.activeRequests += 1
                s.maxActiveRequests = max(s.maxActiveRequests, s.activeRequests)
                return Self.resolve(request.path, &s)
            }
            let keepAlive = perform(behaviour, request: request, connection: connection)
            withState { $0.activeRequests -= 1 }
            if !keepAlive || connection.closed || request.header("Connection")?.lowercased() == "close" { return }
        }
    }

    private static func resolve(_ target: String, _ s: inout State) -> Behaviour {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        let key = s.routes[target] != nil ? target : path
        guard let behaviour = s.routes[key] else { return .status(404) }
        let hit = s.hits[key, default: 0]
        s.hits[key] = hit + 1
        if case .sequence(let steps) = behaviour, let last = steps.last {
            return hit < steps.count ? steps[hit] : last
        }
        return behaviour
    }

    // MARK: - Requests

    /// Reads one request head (and discards any body). Nil on EOF, error, stop, 5 s idle or
    /// a head over 64 KiB.
    private func readRequest(_ connection: Connection) -> RecordedRequest? {
        let idleLimit = ContinuousClock.now.advanced(by: .seconds(5))
        var headEnd: Int? = Self.find(Self.crlfcrlf, in: connection.buffer)
        while headEnd == nil {
            guard !isStopped, ContinuousClock.now < idleLimit, connection.buffer.count < 65_536 else { return nil }
            guard Self.waitReadable(connection.fd, milliseconds: 50) else { continue }
            guard receive(connection) else { return nil }
            headEnd = Self.find(Self.crlfcrlf, in: connection.buffer)
        }
        guard let headEnd else { return nil }
        let head = String(decoding: connection.buffer[..<headEnd], as: UTF8.self)
        connection.buffer.removeFirst(headEnd + 4)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [Header] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(Header(String(line[..<colon]),
                                  line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let request = RecordedRequest(method: String(parts[0]), path: String(parts[1]), version: String(parts[2]),
                                      headers: headers, connection: connection.index)
        // Discard a request body (bounded to 1 MiB); the behaviours never look at it.
        var remaining = min(Int(request.header("Content-Length") ?? "0") ?? 0, 1 << 20)
        while remaining > 0 {
            let take = min(remaining, connection.buffer.count)
            connection.buffer.removeFirst(take)
            remaining -= take
            if remaining > 0 {
                guard !isStopped, ContinuousClock.now < idleLimit else { return nil }
                if Self.waitReadable(connection.fd, milliseconds: 50) { guard receive(connection) else { return nil } }
            }
        }
        return request
    }

    /// Appends what is available to the buffer; false on EOF or error.
    private func receive(_ connection: Connection) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        connection.buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private static let crlfcrlf: [UInt8] = [13, 10, 13, 10]

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }

    // MARK: - Responses

    /// Carries out `behaviour`. Returns whether the connection may serve another request.
    private func perform(_ behaviour: Behaviour, request: RecordedRequest, connection: Connection) -> Bool {
        let fd = connection.fd
        let isHead = request.method == "HEAD"
        switch behaviour {
        case .respond(let status, let headers, let body):
            return sendResponse(fd, status: status, headers: headers, body: body, isHead: isHead)

        case .redirect(let location, let status):
            return sendResponse(fd, status: status, headers: [Header("Location", location)],
                                body: Array("see \(location)\n".utf8), isHead: isHead)

        case .conditional(let etag, let lastModified, let body):
            var validators: [Header] = []
            if let etag { validators.append(Header("ETag", etag)) }
            if let lastModified { validators.append(Header("Last-Modified", lastModified)) }
            let etagMatches = etag != nil && request.header("If-None-Match").map { value in
                value == "*" || value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag }
            } == true
            let dateMatches = request.header("If-None-Match") == nil && lastModified != nil
                && request.header("If-Modified-Since") == lastModified
            if etagMatches || dateMatches {
                return sendResponse(fd, status: 304, headers: validators, body: [], isHead: true)
            }
            return sendResponse(fd, status: 200, headers: validators + [Header("Content-Type", "text/plain")],
                                body: body, isHead: isHead)

        case .gzip(let body, let contentType):
            return sendResponse(fd, status: 200, headers: [Header("Content-Type", contentType),
                                                          Header("Content-Encoding", "gzip"),
                                                          Header("Vary", "Accept-Encoding")],
                                body: GzipStored.encode(body), isHead: isHead)

        case .noResponse:
            let limit = ContinuousClock.now.advanced(by: .seconds(60))
            while !isStopped && ContinuousClock.now < limit {
                if Self.waitReadable(fd, milliseconds: 50) && !receive(connection) { break }
            }
            return false

        case .drip(let body, let interval):
            guard sendHead(fd, status: 200, headers: [Header("Content-Type", "text/plain"),
                                                      Header("Content-Length", String(body.count))]) else { return false }
            for byte in body {
                guard pause(interval), send(fd, [byte]) else { return false }
            }
            return true

        case .endless(let chunk):
            guard !chunk.isEmpty, sendHead(fd, status: 200, headers: [Header("Content-Type", "text/plain"),
                                                                       Header("Transfer-Encoding", "chunked")]) else { return false }
            let framed = Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + [13, 10]
            let limit = ContinuousClock.now.advanced(by: .seconds(60))
            var sent = 0
            while !isStopped && ContinuousClock.now < limit && sent < 256 << 20 {
                guard send(fd, framed) else { return false }
                sent += framed.count
            }
            return false

        case .resetMidBody(let declaredLength, let sent):
            _ = sendHead(fd, status: 200, headers: [Header("Content-Type", "text/plain"),
                                                    Header("Content-Length", String(declaredLength))])
            _ = send(fd, sent)
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            var abortive = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, socklen_t(MemoryLayout<linger>.size))
            close(fd)
            connection.closed = true
            return false

        case .stream(let status, let headers, let length, let pattern):
            guard !pattern.isEmpty, sendHead(fd, status: status, headers: headers + [Header("Content-Length", String(length))]),
                  !isHead else { return false }
            var piece: [UInt8] = []
            piece.reserveCapacity(65_536 + pattern.count)
            while piece.count < 65_536 { piece.append(contentsOf: pattern) }
            var left = length
            while left > 0 {
                let take = min(left, piece.count)
                guard send(fd, take == piece.count ? piece : Array(piece[..<take])) else { return false }
                left -= take
            }
            return true

        case .delayed(let wait, let then):
            guard pause(wait) else { return false }
            return perform(then, request: request, connection: connection)

        case .sequence(let steps):
            guard let first = steps.first else { return sendResponse(fd, status: 500, headers: [], body: [], isHead: isHead) }
            return perform(first, request: request, connection: connection)
        }
    }

    private func sendResponse(_ fd: Int32, status: Int, headers: [Header], body: [UInt8], isHead: Bool) -> Bool {
        let bodiless = status == 304 || status == 204 || (100..<200).contains(status)
        var all = headers
        if !bodiless { all.append(Header("Content-Length", String(body.count))) }
        // One write for head and body: split small writes meet Nagle and delayed ACKs (40 ms).
        let payload = bodiless || isHead ? [] : body
        return send(fd, Self.head(status: status, headers: all) + payload)
    }

    private func sendHead(_ fd: Int32, status: Int, headers: [Header]) -> Bool {
        send(fd, Self.head(status: status, headers: headers))
    }

    private static func head(status: Int, headers: [Header]) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason(status))\r\nServer: wirescore-test\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    /// Writes all of `bytes`; false when the peer is gone or the server stops.
    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            if isStopped { return false }
            let written = bytes.withUnsafeBytes { raw in
                Self.systemSend(fd, raw.baseAddress! + offset, raw.count - offset, Self.sendFlags)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Sleeps for `duration` in short slices; false when the server stopped meanwhile.
    private func pause(_ duration: Duration) -> Bool {
        let end = ContinuousClock.now.advanced(by: duration)
        while ContinuousClock.now < end {
            if isStopped { return false }
            let left = ContinuousClock.now.duration(to: end)
            let slice = min(left, .milliseconds(20))
            let micros = slice.components.seconds * 1_000_000 + slice.components.attoseconds / 1_000_000_000_000
            usleep(UInt32(max(1, micros)))
        }
        return !isStopped
    }

    private static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    #if canImport(Glibc)
    private static let systemSend = Glibc.send
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let systemSend = Darwin.send
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif
}
