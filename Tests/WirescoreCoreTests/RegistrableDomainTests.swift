import Testing
import WirescoreCore

struct RegistrableDomainTests {
    @Test func hostsReduceToWhatARegistrantControls() {
        #expect(RegistrableDomain.of(host: "www.reuters.com") == "reuters.com")
        #expect(RegistrableDomain.of(host: "Reuters.COM.") == "reuters.com")
        #expect(RegistrableDomain.of(host: "news.bbc.co.uk") == "bbc.co.uk")
        #expect(RegistrableDomain.of(host: "www.smh.com.au") == "smh.com.au")
        #expect(RegistrableDomain.of(host: "a.b.example.de") == "example.de")
        #expect(RegistrableDomain.of(host: "127.0.0.1") == "127.0.0.1")
        #expect(RegistrableDomain.of(host: "[::1]") == "[::1]")
        #expect(RegistrableDomain.of(url: "https://user@www.ft.com:443/x") == "ft.com")
        #expect(RegistrableDomain.of(url: "mailto:x@example.com") == nil)
    }

    @Test func userinfoIsRemovedAndEverythingElseKept() {
        #expect(URLCanonicalizer.withoutUserinfo("https://u:p@example.com/a?b=1#c") == "https://example.com/a?b=1#c")
        #expect(URLCanonicalizer.withoutUserinfo("https://example.com/@handle") == "https://example.com/@handle")
        #expect(URLCanonicalizer.withoutUserinfo("mailto:desk@example.com") == "mailto:desk@example.com")
    }
}
