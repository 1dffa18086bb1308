import Foundation
import WirescoreArchive
import WirescoreFetch

/// A small S3 API client over ``SignedHTTPClient``: put, get, delete, list (ListObjectsV2) and
/// multipart upload, for the objects under one ``S3Location``.
///
/// Every request is retried on throttling (`503 SlowDown`, 429), server errors and lost
/// connections, with exponential backoff and jitter, honouring `Retry-After`; a refusal (403,
/// 404, 400) is returned at once, since repeating it cannot help. Keys given to its methods
/// are relative to the location's prefix. Not thread safe: one owner at a time.
public final class S3Client {
    public let location: S3Location
    public let endpoint: S3Endpoint
    private let http: SignedHTTPClient

    /// How hard a request is tried before its error is returned.
    public struct RetryPolicy: Sendable {
        public var attempts: Int
        /// The first wait; each next one doubles, up to ``maxDelay``.
        public var baseDelay: Double
        public var maxDelay: Double
        public init(attempts: Int = 5, baseDelay: Double = 0.25, maxDelay: Double = 8) {
            self.attempts = attempts; self.baseDelay = baseDelay; self.maxDelay = maxDelay
        }
    }
    public var retry = RetryPolicy()
    /// Files larger than this go up in parts (S3 caps a single PUT at 5 GiB; parts also let a
    /// cut upload resume part by part on retry).
    public var multipartThreshold = 16 * 1024 * 1024
    /// The size of each part but the last (S3's minimum is 5 MiB).
    public var partSize = 8 * 1024 * 1024

    /// Requests sent (retries included) and body bytes accepted by the store.
    public private(set) var requests = 0
    public private(set) var bytesUploaded = 0
    /// Waits between attempts (replaced in tests of the retry logic).
    var sleep: (Double) -> Void = { seconds in usleep(UInt32(min(seconds, 60) * 1_000_000)) }

    /// - Throws: ``S3Error`` when libcurl cannot be set up.
    public init(location: S3Location, endpoint: S3Endpoint, timeout: Duration = .seconds(120)) throws(S3Error) {
        self.location = location
        self.endpoint = endpoint
        do {
            self.http = try SignedHTTPClient(credentials: endpoint.credentials, timeout: timeout)
        } catch {
            throw S3Error(kind: .unreachable, operation: "set up", target: location.description, message: error.description)
        }
    }

    // MARK: - Objects

    /// Stores `body` as `relative` (replacing what was there).
    public func put(_ relative: String, body: [UInt8], contentType: String = "application/octet-stream") throws(S3Error) {
        _ = try send("PUT", relative, body: body, headers: [("Content-Type", contentType)])
        bytesUploaded += body.count
    }

    /// The object's bytes, or nil when there is no such key.
    public func get(_ relative: String) throws(S3Error) -> [UInt8]? {
        let response = try send("GET", relative, accept: [200, 404])
        return response.status == 404 ? nil : response.body
    }

    /// Removes `relative` (no error when it was not there).
    public func delete(_ relative: String) throws(S3Error) {
        _ = try send("DELETE", relative, accept: [200, 204, 404])
    }

    /// Every object whose relative key starts with `relativePrefix`, by key (ListObjectsV2,
    /// following continuation tokens). Keys in the answer are relative to the location.
    public func list(_ relativePrefix: String, startAfter: String? = nil) throws(S3Error) -> [S3Object] {
        var objects: [S3Object] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", location.key(relativePrefix))]
            if let token { query.append(("continuation-token", token)) }
            if token == nil, let startAfter { query.append(("start-after", location.key(startAfter))) }
            let response = try sendBucket("GET", query: query, operation: "list")
            let text = String(decoding: response.body, as: UTF8.self)
            for object in S3XML.listedObjects(in: text) {
                guard let relative = location.relative(object.key) else { continue }
                objects.append(S3Object(key: relative, size: object.size, etag: object.etag))
            }
            token = S3XML.value(of: "IsTruncated", in: text) == "true" ? S3XML.value(of: "NextContinuationToken", in: text) : nil
        } while token != nil
        return objects.sorted { $0.key < $1.key }
    }

    /// The names of the "folders" right under `relativePrefix` (ListObjectsV2 with a `/`
    /// delimiter), e.g. `date=2026-12-01` under `articles/`.
    public func folders(_ relativePrefix: String) throws(S3Error) -> [String] {
        var names: [String] = []
        var token: String?
        let full = location.key(relativePrefix)
        repeat {
            var query = [("list-type", "2"), ("prefix", full), ("delimiter", "/")]
            if let token { query.append(("continuation-token", token)) }
            let response = try sendBucket("GET", query: query, operation: "list")
            let text = String(decoding: response.body, as: UTF8.self)
            for block in S3XML.values(of: "CommonPrefixes", in: text) {
                guard let prefix = S3XML.value(of: "Prefix", in: block), prefix.hasPrefix(full) else { continue }
                names.append(String(prefix.dropFirst(full.count).drop { $0 == "/" }.prefix { $0 != "/" }))
            }
            token = S3XML.value(of: "IsTruncated", in: text) == "true" ? S3XML.value(of: "NextContinuationToken", in: text) : nil
        } while token != nil
        return names.sorted()
    }

    /// Checks that the credentials are accepted and the bucket exists (a list of one key).
    /// - Throws: ``S3Error``: `.unreachable` when the store does not answer; a status error
    ///   (`403 SignatureDoesNotMatch`, `404 NoSuchBucket`) when it refuses.
    public func checkAccess() throws(S3Error) {
        _ = try sendBucket("GET", query: [("list-type", "2"), ("max-keys", "1"), ("prefix", location.key(""))],
                           operation: "check access to")
    }

    /// Uploads the local file at `path` as `relative`: one PUT when small, else a multipart
    /// upload (aborted on failure, so no orphan parts are billed).
    public func upload(file path: String, as relative: String, contentType: String) throws(S3Error) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw S3Error(kind: .status(0), operation: "upload", target: path, message: "cannot read the spooled file")
        }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        if size <= multipartThreshold {
            let bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
            guard bytes.count == size else {
                throw S3Error(kind: .status(0), operation: "upload", target: path, message: "short read of the spooled file")
            }
            return try put(relative, body: bytes, contentType: contentType)
        }
        let started = try send("POST", relative, query: [("uploads", "")], headers: [("Content-Type", contentType)])
        guard let uploadID = S3XML.value(of: "UploadId", in: String(decoding: started.body, as: UTF8.self)) else {
            throw S3Error(kind: .status(started.status), operation: "start multipart upload", target: describe(relative),
                          message: "no UploadId in the answer")
        }
        do throws(S3Error) {
            var etags: [String] = []
            var number = 1
            while true {
                let chunk = [UInt8]((try? handle.read(upToCount: partSize)) ?? Data())
                if chunk.isEmpty { break }
                let answer = try send("PUT", relative, query: [("partNumber", "\(number)"), ("uploadId", uploadID)], body: chunk)
                bytesUploaded += chunk.count
                etags.append(answer.header("ETag") ?? "")
                number += 1
            }
            var xml = "<CompleteMultipartUpload>"
            for (index, etag) in etags.enumerated() {
                xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XML.escape(etag))</ETag></Part>"
            }
            xml += "</CompleteMultipartUpload>"
            let done = try send("POST", relative, query: [("uploadId", uploadID)], body: Array(xml.utf8),
                                headers: [("Content-Type", "application/xml")])
            // S3 may answer 200 and still fail the completion in the body.
            let text = String(decoding: done.body, as: UTF8.self)
            if text.contains("<Error>") {
                throw S3Error(kind: .status(done.status), operation: "complete multipart upload", target: describe(relative),
                              code: S3XML.value(of: "Code", in: text), message: S3XML.value(of: "Message", in: text) ?? "")
            }
        } catch {
            _ = try? send("DELETE", relative, query: [("uploadId", uploadID)], accept: [200, 204, 404])
            throw error
        }
    }

    // MARK: - Requests

    private func describe(_ relative: String) -> String { "s3://\(location.bucket)/\(location.key(relative))" }

    private func send(_ method: String, _ relative: String, query: [(String, String)] = [], body: [UInt8] = [],
                      headers: [(String, String)] = [], accept: Set<Int> = [200, 204]) throws(S3Error) -> SignedResponse {
        let url = endpoint.url(bucket: location.bucket, key: location.key(relative), query: query)
        let operation = method == "PUT" ? "upload" : method == "GET" ? "download" : method == "DELETE" ? "delete" : method
        return try perform(method, url: url, body: body, headers: headers, accept: accept,
                           operation: operation, target: describe(relative))
    }

    private func sendBucket(_ method: String, query: [(String, String)], operation: String) throws(S3Error) -> SignedResponse {
        let url = endpoint.url(bucket: location.bucket, key: "", query: query)
        return try perform(method, url: url, body: [], headers: [], accept: [200], operation: operation,
                           target: location.description)
    }

    /// One request, signed, with the retry policy applied.
    private func perform(_ method: String, url: String, body: [UInt8], headers: [(String, String)], accept: Set<Int>,
                         operation: String, target: String) throws(S3Error) -> SignedResponse {
        let hash: String
        do {
            hash = body.isEmpty ? SHA256Digest.empty : try SHA256Digest.hex(body)
        } catch {
            throw S3Error(kind: .status(0), operation: operation, target: target, message: "\(error)")
        }
        let request = SignedRequest(method: method, url: url,
                                    headers: headers.map { (name: $0.0, value: $0.1) } + [("x-amz-content-sha256", hash)],
                                    body: body)
        var attempt = 0
        while true {
            attempt += 1
            requests += 1
            let error: S3Error
            var retryAfter: Double?
            do {
                let response = try http.send(request)
                if accept.contains(response.status) { return response }
                let text = String(decoding: response.body, as: UTF8.self)
                error = S3Error(kind: .status(response.status), operation: operation, target: target,
                                code: S3XML.value(of: "Code", in: text),
                                message: S3XML.value(of: "Message", in: text) ?? Self.reason(response.status))
                retryAfter = response.header("Retry-After").flatMap(Double.init)
            } catch let failure {
                error = S3Error(kind: .unreachable, operation: operation, target: target, message: failure.description)
            }
            guard error.isTransient, attempt < retry.attempts else { throw error }
            // Exponential backoff with full jitter; a server's Retry-After wins when longer.
            let ceiling = min(retry.maxDelay, retry.baseDelay * Double(1 << min(attempt - 1, 20)))
            let wait = max(retryAfter ?? 0, Double.random(in: ceiling / 2...ceiling))
            sleep(min(wait, retry.maxDelay * 4))
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 403: return "access denied"
        case 404: return "not found"
        case 503: return "service unavailable"
        default: return "HTTP \(status)"
        }
    }
}
