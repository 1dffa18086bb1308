extension TestHTTPServer {
    /// One response header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    /// What the server does for a route. New fault modes are new cases here plus one branch
    /// in `TestHTTPServer.perform(_:request:connection:)`; every case must end on its own
    /// within bounded time and stop promptly when the server stops.
    public indirect enum Behaviour: Sendable {
        /// A complete response with Content-Length.
        case respond(status: Int, headers: [Header], body: [UInt8])
        /// A redirect to `location` (absolute or relative).
        case redirect(to: String, status: Int)
        /// 304 when If-None-Match matches `etag` or If-Modified-Since equals `lastModified`
        /// (string comparison, as feeds usually echo validators), else 200 with the validators.
        case conditional(etag: String?, lastModified: String?, body: [UInt8])
        /// `body` served with `Content-Encoding: gzip` (stored-block gzip, see `GzipStored`).
        case gzip(body: [UInt8], contentType: String)
        /// Reads the request and never answers; holds the connection until the client gives up
        /// or the server stops (at most 60 s).
        case noResponse
        /// Declares `body.count` bytes, then sends one byte per `interval`.
        case drip(body: [UInt8], interval: Duration)
        /// A chunked body that never ends (until the client hangs up, the server stops, or
        /// 256 MiB / 60 s have gone by).
        case endless(chunk: [UInt8])
        /// Declares `declaredLength` bytes, sends `sent`, then resets the connection (RST).
        case resetMidBody(declaredLength: Int, sent: [UInt8])
        /// Declares `length` bytes and streams them, repeating `pattern`, in 64 KiB writes, so
        /// a 50 MB page costs the server no 50 MB buffer. Stops when the client hangs up.
        case stream(status: Int, headers: [Header], length: Int, pattern: [UInt8])
        /// Waits, then behaves as `then`.
        case delayed(Duration, then: Behaviour)
        /// The n-th request to the route gets the n-th behaviour; the last one repeats.
        case sequence([Behaviour])

        /// 200 with a text body.
        public static func ok(_ text: String, contentType: String = "text/plain; charset=utf-8",
                              headers: [Header] = []) -> Behaviour {
            .respond(status: 200, headers: [Header("Content-Type", contentType)] + headers, body: Array(text.utf8))
        }

        /// A bodyless-ish status response (short text body so clients see a normal message).
        public static func status(_ code: Int, headers: [Header] = []) -> Behaviour {
            .respond(status: code, headers: [Header("Content-Type", "text/plain")] + headers,
                     body: Array("status \(code)\n".utf8))
        }

        /// 429 (or 503) with `Retry-After: seconds`.
        public static func retryAfter(_ seconds: Int, status: Int = 429) -> Behaviour {
            .status(status, headers: [Header("Retry-After", String(seconds))])
        }

        public static func redirect(to location: String) -> Behaviour { .redirect(to: location, status: 302) }
    }

    /// A request as the server parsed it.
    public struct RecordedRequest: Sendable {
        public var method: String
        /// The request target as sent (path and query).
        public var path: String
        public var version: String
        public var headers: [Header]
        /// Which accepted connection carried it (0-based), to observe connection reuse.
        public var connection: Int

        /// The first header named `name`, case-insensitively.
        public func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.name.lowercased() == lowered }?.value
        }
    }
}
