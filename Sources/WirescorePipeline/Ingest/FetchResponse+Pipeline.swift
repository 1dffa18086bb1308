import Foundation
import WirescoreCore
import WirescoreArchive
import WirescoreFetch

/// Which answers are worth parsing: one rule for feeds, articles and reprocess. (The fetcher
/// reports a readable `file://` as 200.) Which failures are retried is ``ErrorCode``'s.
enum HTTPStatusRule {
    static func isUsable(_ status: Int) -> Bool { (200..<300).contains(status) }
}

extension ErrorCode {
    /// The error line's code for a fetch that produced no response.
    init(_ fetch: FetchError.Code) {
        self = switch fetch {
        case .timeout: .timeout
        case .tooLarge: .tooLarge
        case .tooManyRedirects: .tooManyRedirects
        case .protocolNotAllowed: .protocolNotAllowed
        case .connection: .connection
        case .dns: .dns
        case .tls: .tls
        case .blockedAddress: .blockedAddress
        case .badURL: .badURL
        case .transfer: .transfer
        case .cancelled: .cancelled
        case .invalidPolicy: .invalidPolicy
        case .invalidRequest: .invalidRequest
        }
    }
}

extension FetchResponse {
    /// The exchange as the raw archive stores it (a local file becomes a WARC `resource`).
    /// Credentials a link carried (`user:password@`, and the `Authorization` header libcurl
    /// made of them) are not archived.
    func archivedExchange(at date: Date) -> ArchivedExchange {
        // libcurl hands over the head as sent, blank line included; anything else is normalised.
        var head: String?
        if requestHead.hasSuffix("\r\n\r\n") {
            head = requestHead
        } else {
            let lines = requestHeaderLines
            head = lines.isEmpty ? nil : lines.joined(separator: "\r\n") + "\r\n\r\n"
        }
        if let sent = head, Self.mayHoldAuthorization(sent) {
            head = sent.components(separatedBy: "\r\n").map { line in
                line.lowercased().hasPrefix("authorization:") ? "Authorization: [not archived]" : line
            }.joined(separator: "\r\n")
        }
        return ArchivedExchange(targetURI: URLCanonicalizer.withoutUserinfo(finalURL), date: date, requestHead: head,
                                status: status, headers: headers, payload: body)
    }

    /// Whether a request head has an `Authorization` line (any case). An ASCII head (what
    /// libcurl sends) is searched byte by byte, folding ASCII case, which is all that
    /// Foundation's case-insensitive search folds in ASCII text; only another head goes
    /// to Foundation (bridging every archived head to NSString showed in profiles).
    static func mayHoldAuthorization(_ head: String) -> Bool {
        let needle = Array("\nauthorization:".utf8)
        let bytes = Array(head.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return head.range(of: "\nauthorization:", options: .caseInsensitive) != nil
        }
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == 0x0A {
            var k = 1
            while k < needle.count {
                let b = bytes[start + k]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != needle[k] { break }
                k += 1
            }
            if k == needle.count { return true }
        }
        return false
    }
}
