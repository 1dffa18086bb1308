import Foundation
import Testing
@testable import WirescorePipeline
import WirescoreFetch

/// The archived request head loses its `Authorization` line; whether it has one is decided on
/// ASCII bytes for ASCII heads and by Foundation for the rest, with the same answers.
struct ArchivedHeadTests {
    @Test func authorizationLineFoundAsFoundationFindsIt() {
        let heads = [
            "GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nAUTHORIZATION: Basic u\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nX-Authorization: y\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nauthorization:\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nAuthorizatio: n\r\n\r\n",
            "Authorization: first line has no newline before it\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: b\u{00FC}cher\r\nAuthorization: t\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: b\u{00FC}cher\r\n\r\n",
            "GET /a HTTP/1.1\r\nAuthor\u{0130}zation: t\r\n\r\n",
            "", "\n", "\nauthorization:",
        ]
        var found = 0
        for head in heads {
            let expected = head.range(of: "\nauthorization:", options: .caseInsensitive) != nil
            if expected { found += 1 }
            #expect(FetchResponse.mayHoldAuthorization(head) == expected, "\(head.debugDescription)")
        }
        #expect(found >= 4)
    }
}
