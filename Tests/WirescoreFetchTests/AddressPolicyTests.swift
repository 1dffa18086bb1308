import Testing
@testable import WirescoreFetch
import WirescoreTestSupport

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
        [169, 254, 169, 254], [100, 64, 0, 1], [100, 127, 255, 255], [0, 0, 0, 0], [224, 0, 0, 1],
        [255, 255, 255, 255], [198, 18, 0, 1],
    ] as [[UInt8]])
    func privateIPv4IsBlocked(_ address: [UInt8]) {
        #expect(AddressPolicy.blockReason(ipv4: address) != nil)
    }

    @Test(arguments: [[8, 8, 8, 8], [93, 184, 216, 34], [172, 32, 0, 1], [100, 128, 0, 1], [1, 1, 1, 1]] as [[UInt8]])
    func publicIPv4IsAllowed(_ address: [UInt8]) {
        #expect(AddressPolicy.blockReason(ipv4: address) == nil)
    }

    @Test func ipv6Ranges() {
        func v6(_ prefix: [UInt8], tail: [UInt8] = []) -> [UInt8] {
            prefix + Array(repeating: 0, count: 16 - prefix.count - tail.count) + tail
        }
        #expect(AddressPolicy.blockReason(ipv6: v6([], tail: [1])) != nil)                       // ::1
        #expect(AddressPolicy.blockReason(ipv6: v6([])) != nil)                                  // ::
        #expect(AddressPolicy.blockReason(ipv6: v6([], tail: [0xFF, 0xFF, 8, 8, 8, 8])) != nil)  // v4-mapped
        #expect(AddressPolicy.blockReason(ipv6: v6([0xFD, 0x00, 0x0E, 0xC2], tail: [0x02, 0x54])) != nil) // ULA metadata
        #expect(AddressPolicy.blockReason(ipv6: v6([0xFE, 0x80], tail: [1])) != nil)             // link-local
        #expect(AddressPolicy.blockReason(ipv6: v6([0xFF, 0x02], tail: [1])) != nil)             // multicast
        #expect(AddressPolicy.blockReason(ipv6: v6([0x00, 0x64, 0xFF, 0x9B], tail: [127, 0, 0, 1])) != nil) // NAT64
        #expect(AddressPolicy.blockReason(ipv6: v6([0x20, 0x02, 10, 0, 0, 1])) != nil)           // 6to4 of 10/8
        #expect(AddressPolicy.blockReason(ipv6: v6([0x26, 0x06, 0x47, 0x00], tail: [0x11])) == nil) // public
        #expect(AddressPolicy.blockReason(ipv6: v6([0x00, 0x64, 0xFF, 0x9B], tail: [8, 8, 8, 8])) == nil)
    }
}

@Suite struct RetryAfterTests {
    @Test func deltaSeconds() {
        #expect(RetryAfter.seconds(from: "120") == 120)
        #expect(RetryAfter.seconds(from: " 3 ") == 3)
        #expect(RetryAfter.seconds(from: "") == nil)
        #expect(RetryAfter.seconds(from: "soon") == nil)
        #expect(RetryAfter.seconds(from: "-5") == nil)
    }

    @Test func httpDate() {
        // 2015-10-21T07:28:00Z is 1445412480 seconds after the epoch.
        #expect(RetryAfter.seconds(from: "Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_480 - 30) == 30)
        #expect(RetryAfter.seconds(from: "Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_480 + 30) == 0)
    }
}

@Suite struct GzipStoredTests {
    @Test func crc32CheckValue() {
        #expect(GzipStored.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputIsAValidMember() {
        let member = GzipStored.encode([])
        #expect(member.count == 10 + 5 + 8)
        #expect(Array(member.prefix(3)) == [0x1F, 0x8B, 0x08])
    }
}

@Suite struct HostKeyTests {
    @Test func hostKeyIgnoresPathAndUserinfo() {
        #expect(Transfer.hostKey(of: "https://user:pw@Example.COM:8443/a?b#c") == "https://example.com:8443")
        #expect(Transfer.hostKey(of: "http://example.com") == "http://example.com")
    }
}
