#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import Foundation

/// The private-network guard by host name, for requests sent through a proxy.
///
/// Why: through a proxy, libcurl connects to the proxy and the proxy resolves the target, so
/// the open-socket check sees only the proxy's address. Resolving the target here as well
/// would block the fetch loop's thread on DNS (and could still differ from what the proxy
/// resolves), so the target is judged by what its URL says: a literal address is checked like a
/// resolved one; `localhost`, single-label names and private-use domains are refused as
/// private; the metadata services' names are always refused. A public-looking name that
/// resolves to a private address is for the proxy's own rules to refuse. Pure; thread-safe.
extension AddressPolicy {
    /// Private-use and local-only suffixes a public feed never lives under (RFC 6761, 6762,
    /// 8375, ICANN's `.internal`, and the common unofficial ones).
    static let privateSuffixes = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet",
                                  ".corp", ".private", ".localdomain"]

    /// Metadata services reached by name (GCE's), refused whatever the pipeline allows.
    static let metadataNames: Set<String> = ["metadata.google.internal", "metadata"]

    /// Why `url`'s host must not be fetched through a proxy, or nil. With
    /// `allowPrivateNetworks` only the metadata services are refused.
    static func proxiedRefusal(url: String, allowPrivateNetworks: Bool) -> String? {
        guard let host = host(ofURL: url) else { return "no host in \(url)" }
        return proxiedRefusal(host: host, allowPrivateNetworks: allowPrivateNetworks)
    }

    static func proxiedRefusal(host raw: String, allowPrivateNetworks: Bool) -> String? {
        var host = (raw.removingPercentEncoding ?? raw).lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            var literal = String(host.dropFirst().dropLast())
            if let zone = literal.firstIndex(of: "%") { literal = String(literal[..<zone]) }
            var address = in6_addr()
            guard inet_pton(AF_INET6, literal, &address) == 1 else { return "malformed IPv6 address \(raw)" }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            let reason = allowPrivateNetworks ? metadataReason(ipv6: bytes) : blockReason(ipv6: bytes)
            return reason.map { "\(describe(ipv6: bytes)): \($0)" }
        }
        // inet_aton reads every form a resolver takes as an address: 127.1, 0x7f.0.0.1, 2130706433.
        var v4 = in_addr()
        if host.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == "x" }), inet_aton(host, &v4) != 0 {
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            let reason = allowPrivateNetworks ? metadataReason(ipv4: bytes) : blockReason(ipv4: bytes)
            return reason.map { "\(describe(ipv4: bytes)): \($0)" }
        }
        if metadataNames.contains(host) { return "\(host): cloud \(metadataService) (by name)" }
        if allowPrivateNetworks { return nil }
        if host == "localhost" || host.hasSuffix(".localhost") { return "\(host): loopback (localhost)" }
        if !host.contains(".") { return "\(host): single-label name (a local network's host)" }
        if let suffix = privateSuffixes.first(where: { host.hasSuffix($0) }) {
            return "\(host): private-use domain (\(suffix))"
        }
        return nil
    }

    /// The host of an absolute URL as written (userinfo and port removed; IPv6 literals keep
    /// their brackets), or nil when there is none.
    static func host(ofURL url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        var authority = url[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return String(authority[...close])
        }
        if let colon = authority.lastIndex(of: ":") { authority = authority[..<colon] }
        return authority.isEmpty ? nil : String(authority)
    }
}
