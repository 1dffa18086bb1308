import WirescoreFetch

/// How requests reach the store: the endpoint, the addressing style and the signing identity.
///
/// Resolved from the pipeline's `object_store:` keys first, then the standard AWS variables
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` or
/// `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL`). A custom endpoint (MinIO, Ceph, SeaweedFS, R2)
/// is addressed path-style (`endpoint/bucket/key`); AWS itself virtual-hosted
/// (`https://bucket.s3.region.amazonaws.com/key`).
public struct S3Endpoint: Sendable, Equatable {
    /// `scheme://host[:port]` without a trailing slash.
    public var baseURL: String
    public var pathStyle: Bool
    public var credentials: SigV4Credentials

    public init(baseURL: String, pathStyle: Bool, credentials: SigV4Credentials) {
        self.baseURL = baseURL; self.pathStyle = pathStyle; self.credentials = credentials
    }

    /// What the pipeline may set; nil fields fall back to the environment.
    public struct Overrides: Sendable, Equatable {
        public var endpoint: String?
        public var region: String?
        public var accessKeyID: String?
        public var secretAccessKey: String?
        public var sessionToken: String?
        public init(endpoint: String? = nil, region: String? = nil, accessKeyID: String? = nil,
                    secretAccessKey: String? = nil, sessionToken: String? = nil) {
            self.endpoint = endpoint; self.region = region; self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey; self.sessionToken = sessionToken
        }
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The endpoint for `bucket` from the pipeline's overrides and the environment.
    /// - Throws: ``Problem`` when credentials are missing or the endpoint is not an http(s) URL.
    public static func resolve(bucket: String, overrides: Overrides = .init(),
                               environment: [String: String]) throws(Problem) -> S3Endpoint {
        func pick(_ own: String?, _ names: [String]) -> String? {
            if let own, !own.isEmpty { return own }
            for name in names { if let value = environment[name], !value.isEmpty { return value } }
            return nil
        }
        guard let key = pick(overrides.accessKeyID, ["AWS_ACCESS_KEY_ID"]),
              let secret = pick(overrides.secretAccessKey, ["AWS_SECRET_ACCESS_KEY"]) else {
            throw Problem(description: "no credentials for s3://\(bucket): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                          + "(or object_store.access_key_id and secret_access_key in the pipeline)")
        }
        let region = pick(overrides.region, ["AWS_REGION", "AWS_DEFAULT_REGION"]) ?? "us-east-1"
        guard region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw Problem(description: "region '\(region)' is not a region name")
        }
        let credentials = SigV4Credentials(accessKeyID: key, secretAccessKey: secret,
                                           sessionToken: pick(overrides.sessionToken, ["AWS_SESSION_TOKEN"]), region: region)
        if let endpoint = pick(overrides.endpoint, ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]) {
            var base = endpoint
            while base.hasSuffix("/") { base.removeLast() }
            let lower = base.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), base.count > 8,
                  !base.dropFirst(8).contains("/"), !base.contains(where: { $0.isWhitespace }) else {
                throw Problem(description: "endpoint '\(endpoint)' must be http(s)://host[:port] with no path")
            }
            return S3Endpoint(baseURL: base, pathStyle: true, credentials: credentials)
        }
        return S3Endpoint(baseURL: "https://\(bucket).s3.\(region).amazonaws.com", pathStyle: false, credentials: credentials)
    }

    /// The URL of `key` in `bucket` (or of the bucket itself for an empty key), with `query`
    /// sorted by name and every part percent-encoded the way SigV4 canonicalises it: libcurl
    /// 7.88 signs the URL as given, so `date=2026-12-01` must travel as `date%3D2026-12-01`.
    func url(bucket: String, key: String, query: [(String, String)] = []) -> String {
        var url = baseURL
        if pathStyle {
            // The bucket itself is `/bucket`, without a trailing slash.
            url += "/" + bucket
            if !key.isEmpty { url += "/" + Self.encode(key, keepSlash: true) }
        } else {
            url += "/" + Self.encode(key, keepSlash: true)
        }
        if !query.isEmpty {
            url += "?" + query.sorted { $0.0 < $1.0 }
                .map { $0.1.isEmpty && $0.0 == "uploads" ? "uploads=" : Self.encode($0.0, keepSlash: false) + "=" + Self.encode($0.1, keepSlash: false) }
                .joined(separator: "&")
        }
        return url
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (and `/` in paths).
    static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x2F where keepSlash:
                out.append("/")
            default:
                let digits = Array("0123456789ABCDEF")
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
