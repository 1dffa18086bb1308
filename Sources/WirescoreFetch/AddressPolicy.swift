/// Decides whether a resolved peer address may be connected to when private networks are
/// not allowed (SSRF protection).
///
/// Why after DNS: a public name can resolve to 127.0.0.1 or 169.254.169.254 (or change its
/// answer between checks), so the check runs in libcurl's open-socket callback on the exact
/// address about to be connected, for the first request and for every redirect hop.
/// Pure functions; thread-safe.
enum AddressPolicy {
    /// Why an IPv4 address is refused, or nil when it is publicly routable.
    static func blockReason(ipv4 a: [UInt8]) -> String? {
        guard a.count == 4 else { return "malformed IPv4 address" }
        let (b0, b1, b2) = (a[0], a[1], a[2])
        switch b0 {
        case 0: return "\"this\" network (0.0.0.0/8)"
        case 10: return "private network (10.0.0.0/8)"
        case 127: return "loopback (127.0.0.0/8)"
        case 100 where (b1 & 0xC0) == 64: return "carrier-grade NAT (100.64.0.0/10)"
        case 169 where b1 == 254: return "link-local / cloud metadata (169.254.0.0/16)"
        case 172 where (b1 & 0xF0) == 16: return "private network (172.16.0.0/12)"
        case 192 where b1 == 168: return "private network (192.168.0.0/16)"
        case 192 where b1 == 0 && b2 == 0: return "IETF protocol assignments (192.0.0.0/24)"
        case 192 where b1 == 0 && b2 == 2: return "documentation (192.0.2.0/24)"
        case 198 where (b1 & 0xFE) == 18: return "benchmarking (198.18.0.0/15)"
        case 198 where b1 == 51 && b2 == 100: return "documentation (198.51.100.0/24)"
        case 203 where b1 == 0 && b2 == 113: return "documentation (203.0.113.0/24)"
        case 224...239: return "multicast (224.0.0.0/4)"
        case 240...255: return "reserved or broadcast (240.0.0.0/4)"
        default: return nil
        }
    }

    /// Why an IPv6 address is refused, or nil when it is publicly routable. Addresses that
    /// embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address too.
    static func blockReason(ipv6 a: [UInt8]) -> String? {
        guard a.count == 16 else { return "malformed IPv6 address" }
        let firstTenZero = a[0..<10].allSatisfy { $0 == 0 }
        if firstTenZero && a[10] == 0xFF && a[11] == 0xFF { return "IPv4-mapped IPv6 address (::ffff:0:0/96)" }
        if a[0..<12].allSatisfy({ $0 == 0 }) {
            if a[12..<15].allSatisfy({ $0 == 0 }) && (a[15] == 0 || a[15] == 1) {
                return a[15] == 1 ? "loopback (::1)" : "unspecified address (::)"
            }
            return "IPv4-compatible IPv6 address (::/96)"
        }
        if a[0] & 0xFE == 0xFC { return "unique local address (fc00::/7)" }
        if a[0] == 0xFE && (a[1] & 0xC0) == 0x80 { return "link-local (fe80::/10)" }
        if a[0] == 0xFE && (a[1] & 0xC0) == 0xC0 { return "site-local (fec0::/10)" }
        if a[0] == 0xFF { return "multicast (ff00::/8)" }
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8 { return "documentation (2001:db8::/32)" }
        // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address in the last 4 bytes.
        if a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B && a[4..<12].allSatisfy({ $0 == 0 }) {
            if let inner = blockReason(ipv4: Array(a[12..<16])) { return "NAT64 of \(inner)" }
        }
        // 6to4 2002:V4ADDR::/48.
        if a[0] == 0x20 && a[1] == 0x02 {
            if let inner = blockReason(ipv4: Array(a[2..<6])) { return "6to4 of \(inner)" }
        }
        return nil
    }

    /// Why an IPv4 address is refused even when private networks are allowed: the cloud
    /// metadata services. No feed or article lives there, and reaching one from a crawler is the
    /// classic SSRF payoff (instance credentials), so no pipeline setting opens them.
    static func metadataReason(ipv4 a: [UInt8]) -> String? {
        switch a {
        case [169, 254, 169, 254]: "cloud \(metadataService) (169.254.169.254)"
        case [169, 254, 170, 2]: "container \(metadataService) (169.254.170.2)"
        case [100, 100, 100, 200]: "cloud \(metadataService) (100.100.100.200)"
        default: nil
        }
    }

    /// The words every ``metadataReason(ipv4:)`` and ``metadataReason(ipv6:)`` carries, so a
    /// refusal can tell the operator whether a pipeline setting would open it.
    static let metadataService = "metadata service"

    /// Whether a refusal (as the open-socket guard records it) is one no setting lifts.
    static func isAlwaysRefused(_ refusal: String) -> Bool { refusal.contains(metadataService) }

    /// IPv6 counterpart of ``metadataReason(ipv4:)``: AWS's fd00:ec2::254, and the IPv4
    /// metadata addresses embedded in IPv4-mapped form.
    static func metadataReason(ipv6 a: [UInt8]) -> String? {
        guard a.count == 16 else { return "malformed IPv6 address" }
        if a == [0xFD, 0x00, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] {
            return "cloud \(metadataService) (fd00:ec2::254)"
        }
        if a[0..<10].allSatisfy({ $0 == 0 }) && a[10] == 0xFF && a[11] == 0xFF {
            return metadataReason(ipv4: Array(a[12..<16]))
        }
        return nil
    }

    /// Textual form for error messages (not canonical IPv6 compression; good enough to read).
    static func describe(ipv4 a: [UInt8]) -> String { a.map(String.init).joined(separator: ".") }
    static func describe(ipv6 a: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(a[$0]) << 8 | UInt16(a[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
