import Foundation
import WirescoreObjectStore
import WirescoreStream

/// The pipeline's `object_store:` keys: how an `s3://` output is reached and staged. Every
/// key is optional; the standard AWS variables fill what is not set.
///
///     object_store:
///       endpoint: http://127.0.0.1:8333     # AWS_ENDPOINT_URL; path-style when set
///       region: us-east-1                   # AWS_REGION
///       access_key_id: ...                  # AWS_ACCESS_KEY_ID (prefer the environment)
///       secret_access_key: ...              # AWS_SECRET_ACCESS_KEY (prefer the environment)
///       spool: /var/lib/wirescore/spool     # WIRESCORE_SPOOL; default .wirescore-spool/
///       part_max_bytes: 64MB
///       part_max_seconds: 300
///       spool_max_bytes: 2GB
public struct ObjectStoreSettings: Sendable {
    public var overrides = S3Endpoint.Overrides()
    /// Where records are staged before upload and where each shard's run state lives.
    public var spool: String?
    public var limits = S3HiveOutput.Limits()
    public init() {}
}

extension PipelineLoader {
    static func objectStoreSettings(_ fields: inout YAMLFields, base: String) throws(PipelineError) -> ObjectStoreSettings {
        var settings = ObjectStoreSettings()
        guard var o = try fields.mapping("object_store") else { return settings }
        settings.overrides.endpoint = try o.string("endpoint")
        if let endpoint = settings.overrides.endpoint {
            let lower = endpoint.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw o.error(o.value("endpoint"), "'endpoint' must be an http(s) URL such as http://127.0.0.1:8333")
            }
        }
        settings.overrides.region = try o.string("region")
        settings.overrides.accessKeyID = try o.string("access_key_id")
        settings.overrides.secretAccessKey = try o.string("secret_access_key")
        settings.overrides.sessionToken = try o.string("session_token")
        settings.spool = try o.string("spool").map { resolve($0, against: base) }
        settings.limits.partMaxBytes = try o.bytes("part_max_bytes", in: 1024...(4 << 30)) ?? settings.limits.partMaxBytes
        settings.limits.partMaxSeconds = try o.seconds("part_max_seconds", in: 1...86_400) ?? settings.limits.partMaxSeconds
        settings.limits.spoolMaxBytes = try o.bytes("spool_max_bytes", in: 1024...(1 << 50)) ?? settings.limits.spoolMaxBytes
        try o.rejectUnknownKeys()
        return settings
    }

    /// The pipeline's `stream:` output, named beside the files:
    ///
    ///     stream:
    ///       nats: nats://127.0.0.1:4222
    ///       subject: wirescore.default.articles     # default wirescore.<name>.articles
    ///       create_stream: WIRESCORE                # created when missing (optional)
    ///       duplicate_window: 86400                 # seconds, for a stream created here
    ///       reconnect_wait: 30                      # seconds a lost connection is retried in a batch
    ///       tls:                                    # optional; `nats: tls://…` alone uses the system CAs
    ///         ca_file: certs/ca.pem                 # authorities to trust (PEM)
    ///         cert_file: certs/client.pem           # client certificate, for servers that verify clients
    ///         key_file: certs/client-key.pem        # its key
    ///
    /// Paths resolve against the pipeline file's folder.
    static func streamSettings(_ fields: inout YAMLFields, pipelineName: String,
                               base: String) throws(PipelineError) -> JetStreamOutput.Settings? {
        guard var s = try fields.mapping("stream") else { return nil }
        guard let url = try s.string("nats") else {
            throw s.error(nil, "'stream' needs 'nats: nats://host:port'")
        }
        let schemeLength = url.hasPrefix("nats://") ? 7 : url.hasPrefix("tls://") ? 6 : 0
        guard schemeLength > 0, url.count > schemeLength, !url.contains(where: { $0.isWhitespace }) else {
            throw s.error(s.value("nats"), "'nats' must be a nats://host:port or tls://host:port URL")
        }
        let token = String(pipelineName.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let subject = try s.string("subject") ?? "wirescore.\(token).articles"
        guard !subject.isEmpty, !subject.contains(where: { $0.isWhitespace || $0 == "*" || $0 == ">" }) else {
            throw s.error(s.value("subject"), "'subject' must be a NATS subject without spaces or wildcards")
        }
        var settings = JetStreamOutput.Settings(url: url, subject: subject)
        settings.stream = try s.string("create_stream")
        if let stream = settings.stream, stream.isEmpty || !stream.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            throw s.error(s.value("create_stream"), "'create_stream' must be a stream name (letters, digits, _ and -)")
        }
        settings.duplicateWindow = try s.seconds("duplicate_window", in: 1...(365 * 86_400)) ?? settings.duplicateWindow
        settings.reconnectWait = try s.seconds("reconnect_wait", in: 0...3600) ?? settings.reconnectWait
        if var t = try s.mapping("tls") {
            var tls = NATSTLS()
            tls.caFile = try t.string("ca_file").map { resolve($0, against: base) }
            tls.certFile = try t.string("cert_file").map { resolve($0, against: base) }
            tls.keyFile = try t.string("key_file").map { resolve($0, against: base) }
            if (tls.certFile == nil) != (tls.keyFile == nil) {
                throw t.error(t.value(tls.certFile == nil ? "key_file" : "cert_file"),
                              "'cert_file' and 'key_file' go together (a client certificate and its key)")
            }
            for (key, path) in [("ca_file", tls.caFile), ("cert_file", tls.certFile), ("key_file", tls.keyFile)] {
                if let path, !FileManager.default.isReadableFile(atPath: path) {
                    throw t.error(t.value(key), "'\(key)' names \(path), which cannot be read")
                }
            }
            try t.rejectUnknownKeys()
            settings.tls = tls
        }
        try s.rejectUnknownKeys()
        return settings
    }
}
