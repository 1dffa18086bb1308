import Foundation
import Testing
@testable import WirescoreStream
import WirescoreOutput

/// A throwaway certificate authority with a server certificate for 127.0.0.1 and localhost, a
/// client certificate, and a second authority nobody trusts, made with the openssl command.
struct TestCertificates {
    let directory: String
    var ca: String { directory + "/ca.pem" }
    var otherCA: String { directory + "/other-ca.pem" }
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server-key.pem" }
    var clientCertificate: String { directory + "/client.pem" }
    var clientKey: String { directory + "/client-key.pem" }

    static let openssl: String? = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    init() throws {
        directory = NSTemporaryDirectory() + "wirescore-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = """
            set -e
            cd "$1"
            q() { "$@" >/dev/null 2>&1; }
            q openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=wirescore-test-ca -keyout ca-key.pem -out ca.pem
            q openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=someone-else -keyout other-ca-key.pem -out other-ca.pem
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext
            q openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server-key.pem -out server.csr
            q openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server.pem
            printf 'subjectAltName=DNS:elsewhere.test\\n' > elsewhere.ext
            q openssl req -newkey rsa:2048 -nodes -subj /CN=elsewhere.test -keyout elsewhere-key.pem -out elsewhere.csr
            q openssl x509 -req -in elsewhere.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile elsewhere.ext -out elsewhere.pem
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            q openssl req -newkey rsa:2048 -nodes -subj /CN=wirescore-client -keyout client-key.pem -out client.csr
            q openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out client.pem
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", directory]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NATSServer.Failure(message: "openssl could not make the test certificates (exit \(process.terminationStatus))")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// nats-server's options for TLS with this authority's server certificate; `verifyClients`
    /// also asks clients for a certificate from this authority.
    /// `naming127`: false serves a certificate from the same authority that names only
    /// elsewhere.test.
    func serverArguments(verifyClients: Bool = false, naming127: Bool = true) -> [String] {
        var arguments = naming127 ? ["--tls", "--tlscert", serverCertificate, "--tlskey", serverKey]
            : ["--tls", "--tlscert", directory + "/elsewhere.pem", "--tlskey", directory + "/elsewhere-key.pem"]
        if verifyClients { arguments += ["--tlsverify", "--tlscacert", ca] }
        return arguments
    }
}

/// The stream output over TLS, against a real nats-server with JetStream and certificates
/// made for the test.
@Suite(.serialized, .enabled(if: NATSServer.binary != nil && TestCertificates.openssl != nil,
                             "needs nats-server (scripts/deps) and the openssl command"))
struct JetStreamTLSTests {
    let articles = Partition(kind: .articles, day: "2026-12-01", shard: 0)
    let lines = ["{\"id\":\"a1\",\"title\":\"One\"}", "{\"id\":\"a2\",\"title\":\"Two\"}", "{\"id\":\"a3\",\"title\":\"Three\"}"]

    /// The stream's message count and message `seq`'s data, read back over the same TLS.
    private func stored(_ url: String, tls: NATSTLS, stream: String, seq: Int) throws -> (messages: Int, data: String?, encrypted: Bool) {
        let connection = try NATSConnection(url: url, tls: tls)
        try connection.subscribe("_INBOX.test.>", sid: 1)
        let info = try connection.request("$JS.API.STREAM.INFO.\(stream)", payload: [], inbox: "_INBOX.test.info", timeout: 5)
        let state = (try JSONSerialization.jsonObject(with: Data(info.payload)) as? [String: Any])?["state"] as? [String: Any]
        let got = try connection.request("$JS.API.STREAM.MSG.GET.\(stream)", payload: Array("{\"seq\":\(seq)}".utf8),
                                         inbox: "_INBOX.test.get", timeout: 5)
        let message = (try JSONSerialization.jsonObject(with: Data(got.payload)) as? [String: Any])?["message"] as? [String: Any]
        let data = (message?["data"] as? String).flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        return ((state?["messages"] as? Int) ?? -1, data, connection.usesTLS)
    }

    private func message(of body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func articlesAreStoredOnceOverTLSAndReadBack() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try NATSServer(arguments: certificates.serverArguments())
        defer { server.stop() }
        let tls = NATSTLS(caFile: certificates.ca)
        for url in ["tls://127.0.0.1:\(server.port)", "tls://localhost:\(server.port)"] {
            let settings = JetStreamOutput.Settings(url: url, subject: "wirescore.tls.articles", stream: "TLS_TEST", tls: tls)
            let output = try JetStreamOutput(settings: settings)
            _ = try output.append(lines, to: articles)
            #expect(output.delivered == 3)
        }
        // The second run's records were the same ids: stored once.
        let read = try stored("tls://127.0.0.1:\(server.port)", tls: tls, stream: "TLS_TEST", seq: 2)
        #expect(read.messages == 3)
        #expect(read.data == lines[1])
        #expect(read.encrypted)
        // A nats:// URL to a server that requires TLS is upgraded too, with the given authority.
        #expect(try NATSConnection(url: server.url, tls: tls).usesTLS)
    }

    @Test func aCertificateNobodyTrustsIsRefusedWithAClearError() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try NATSServer(arguments: certificates.serverArguments())
        defer { server.stop() }
        let url = "tls://127.0.0.1:\(server.port)"
        let untrusted = message { _ = try NATSConnection(url: url, tls: NATSTLS(caFile: certificates.otherCA)) }
        #expect(untrusted?.contains("certificate was not accepted") == true, "\(untrusted ?? "connected")")
        // The system's authorities do not know the test authority either: no silent trust.
        let system = message { _ = try NATSConnection(url: server.url) }
        #expect(system?.contains("certificate was not accepted") == true, "\(system ?? "connected")")
    }

    @Test func aTrustedCertificateForAnotherNameIsRefused() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try NATSServer(arguments: certificates.serverArguments(naming127: false))
        defer { server.stop() }
        // By IP address and by DNS name: each is checked against the certificate's names.
        for host in ["127.0.0.1", "localhost"] {
            let wrongName = message { _ = try NATSConnection(url: "tls://\(host):\(server.port)", tls: NATSTLS(caFile: certificates.ca)) }
            #expect(wrongName?.contains("certificate was not accepted") == true && wrongName?.contains("mismatch") == true,
                    "\(host): \(wrongName ?? "connected")")
        }
    }

    @Test func aTLSURLNeverFallsBackToPlainText() throws {
        let server = try NATSServer()
        defer { server.stop() }
        let refused = message { _ = try NATSConnection(url: "tls://127.0.0.1:\(server.port)") }
        #expect(refused?.contains("TLS was asked for, but the server does not offer it") == true, "\(refused ?? "connected")")
        // And plain stays plain where nobody asked for TLS.
        #expect(try NATSConnection(url: server.url).usesTLS == false)
    }

    @Test func aServerThatVerifiesClientsAcceptsOnlyACertificateFromItsAuthority() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try NATSServer(arguments: certificates.serverArguments(verifyClients: true))
        defer { server.stop() }
        let url = "tls://127.0.0.1:\(server.port)"
        let anonymous = message {
            let output = try JetStreamOutput(settings: .init(url: url, subject: "w.mtls", stream: "MTLS", reconnectWait: 0,
                                                             tls: NATSTLS(caFile: certificates.ca)))
            _ = try output.append(lines, to: articles)
        }
        // The client's side of the handshake can finish before the server checks for a
        // certificate, so the refusal may arrive as the server's alert on the first read
        // (nats-server: "bad certificate"; others say "certificate required").
        #expect(anonymous?.contains("alert") == true && anonymous?.contains("certificate") == true, "\(anonymous ?? "connected")")
        let tls = NATSTLS(caFile: certificates.ca, certFile: certificates.clientCertificate, keyFile: certificates.clientKey)
        let output = try JetStreamOutput(settings: .init(url: url, subject: "w.mtls", stream: "MTLS", tls: tls))
        _ = try output.append(lines, to: articles)
        #expect(output.delivered == 3)
        #expect(try stored(url, tls: tls, stream: "MTLS", seq: 3).data == lines[2])
        // A key that does not belong to the certificate is named as such.
        let mismatched = message {
            _ = try NATSConnection(url: url, tls: NATSTLS(caFile: certificates.ca, certFile: certificates.clientCertificate,
                                                          keyFile: certificates.serverKey))
        }
        #expect(mismatched?.contains("does not match the certificate") == true, "\(mismatched ?? "connected")")
    }

    /// A restart mid-run under TLS: the reconnect makes a new TLS session (a new handshake
    /// against the same authority) and resends only what was not acknowledged.
    @Test func aServerRestartUnderTLSIsRiddenOutWithANewHandshake() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let arguments = certificates.serverArguments()
        let first = try NATSServer(arguments: arguments)
        let tls = NATSTLS(caFile: certificates.ca)
        let url = "tls://127.0.0.1:\(first.port)"
        let output = try JetStreamOutput(settings: .init(url: url, subject: "w.tls.restart", stream: "TLS_RESTART",
                                                         ackTimeout: 2, reconnectWait: 20, tls: tls))
        _ = try output.append([lines[0]], to: articles)
        first.stop(keepingStore: true)
        let restarted = RestartedServer()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            restarted.set(Result { try NATSServer(port: first.port, directory: first.directory, arguments: arguments) })
        }
        _ = try output.append([lines[1], lines[2]], to: articles)
        let server = try restarted.wait().get()
        defer { server.stop() }
        #expect(output.reconnects == 1)
        #expect(output.delivered == 3 && output.duplicates == 0)
        let read = try stored(url, tls: tls, stream: "TLS_RESTART", seq: 3)
        #expect(read.messages == 3 && read.data == lines[2] && read.encrypted)
    }
}
