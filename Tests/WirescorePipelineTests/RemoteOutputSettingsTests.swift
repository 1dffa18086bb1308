import Foundation
import Testing
@testable import WirescorePipeline

/// The pipeline's `object_store:` and `stream:` keys, and how an `s3://` output resolves.
struct RemoteOutputSettingsTests {
    private func parse(_ yaml: String) throws(PipelineError) -> PipelineConfig {
        let dir = NSTemporaryDirectory() + "wirescore-remote-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? Data("<opml version=\"2.0\"><body><outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/rss\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        return try PipelineLoader.parse(yaml: "feeds: [list.opml]\n" + yaml, file: dir + "/p.yaml")
    }

    @Test func objectStoreKeysOverrideTheEnvironment() throws {
        let config = try parse("""
            output: s3://news-data/wirescore
            object_store:
              endpoint: http://127.0.0.1:8333
              region: eu-west-1
              spool: spool-here
              part_max_bytes: 8MB
              part_max_seconds: 60
              spool_max_bytes: 1GB
            """)
        #expect(config.objectStore.limits.partMaxBytes == 8_000_000)
        #expect(config.objectStore.limits.partMaxSeconds == 60)
        #expect(config.objectStore.spool?.hasSuffix("/spool-here") == true)
        let target = try ObjectStoreTarget.resolve(config.output ?? "", settings: config.objectStore,
                                                   environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s",
                                                                 "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://other:9000"])
        #expect(target.endpoint.baseURL == "http://127.0.0.1:8333")
        #expect(target.endpoint.pathStyle)
        #expect(target.endpoint.credentials.region == "eu-west-1")
        #expect(target.spoolRoot(shard: 3) == (config.objectStore.spool ?? "") + "/news-data/wirescore/shard-3")
        // WIRESCORE_SPOOL wins over the pipeline's spool.
        let moved = try ObjectStoreTarget.resolve("s3://news-data", settings: config.objectStore,
                                                  environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s",
                                                                "WIRESCORE_SPOOL": "/var/lib/w/"])
        #expect(moved.spoolRoot(shard: 0) == "/var/lib/w/news-data/shard-0")
        #expect(moved.reprocessSpoolRoot == "/var/lib/w/news-data/reprocess")
        #expect(throws: ObjectStoreTarget.Problem.self) {
            try ObjectStoreTarget.resolve("s3://news-data", settings: .init(), environment: [:])
        }
    }

    @Test func streamKeysNameTheServerSubjectAndStream() throws {
        let config = try parse("name: markets\nstream:\n  nats: nats://127.0.0.1:4222\n  create_stream: WIRESCORE\n")
        #expect(config.stream?.url == "nats://127.0.0.1:4222")
        #expect(config.stream?.subject == "wirescore.markets.articles")
        #expect(config.stream?.stream == "WIRESCORE")
        #expect(config.stream?.duplicateWindow == 86_400)
        #expect(config.stream?.reconnectWait == 30)
        let patient = try parse("stream:\n  nats: nats://127.0.0.1:4222\n  reconnect_wait: 120\n")
        #expect(patient.stream?.reconnectWait == 120)
        #expect(patient.stream?.tls == nil)
    }

    @Test func streamTLSFilesResolveBesideThePipeline() throws {
        let dir = NSTemporaryDirectory() + "wirescore-remote-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/certs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["ca.pem", "client.pem", "client-key.pem"] {
            try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: dir + "/certs/" + name))
        }
        try Data("<opml version=\"2.0\"><body><outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/rss\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        let yaml = """
            feeds: [list.opml]
            stream:
              nats: tls://nats.internal:4222
              tls:
                ca_file: certs/ca.pem
                cert_file: certs/client.pem
                key_file: \(dir)/certs/client-key.pem
            """
        let config = try PipelineLoader.parse(yaml: yaml, file: dir + "/p.yaml")
        #expect(config.stream?.url == "tls://nats.internal:4222")
        #expect(config.stream?.tls?.caFile == dir + "/certs/ca.pem")
        #expect(config.stream?.tls?.certFile == dir + "/certs/client.pem")
        #expect(config.stream?.tls?.keyFile == dir + "/certs/client-key.pem")
        // A tls:// URL alone is enough (the system's authorities).
        let plain = try parse("stream:\n  nats: tls://nats.internal:4222\n")
        #expect(plain.stream?.url == "tls://nats.internal:4222" && plain.stream?.tls == nil)
    }

    @Test(arguments: [
        ("object_store:\n  endpoint: ftp://x\n", "'endpoint' must be an http(s) URL"),
        ("object_store:\n  spool_max: 1GB\n", "unknown key 'spool_max'"),
        ("stream:\n  subject: a.b\n", "'stream' needs 'nats: nats://host:port'"),
        ("stream:\n  nats: http://x\n", "'nats' must be a nats://host:port or tls://host:port URL"),
        ("stream:\n  nats: tls://x:4222\n  tls:\n    ca_file: /nonexistent/ca.pem\n", "'ca_file' names /nonexistent/ca.pem, which cannot be read"),
        ("stream:\n  nats: tls://x:4222\n  tls:\n    cert_file: /etc/hostname\n", "'cert_file' and 'key_file' go together"),
        ("stream:\n  nats: tls://x:4222\n  tls:\n    verify: false\n", "unknown key 'verify'"),
        ("stream:\n  nats: nats://x:4222\n  subject: a.*\n", "without spaces or wildcards"),
        ("stream:\n  nats: nats://x:4222\n  create_stream: a.b\n", "'create_stream' must be a stream name"),
        ("stream:\n  nats: nats://x:4222\n  reconnect_wait: -5\n", "'reconnect_wait'"),
    ])
    func badKeysAreRefusedWithTheirLine(_ yaml: String, _ reason: String) {
        #expect {
            _ = try parse(yaml)
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.reason.contains(reason) && error.line != nil
        }
    }
}
