#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import Foundation

/// The addresses of the proxies the operator configured, resolved once when the fetcher starts.
///
/// With a proxy, libcurl's sockets go to the proxy, not to the target, so the private-network
/// guard in the open-socket callback sees the proxy's address. The proxy is the operator's
/// choice (often on loopback or the office network), so a connection to one of these
/// addresses is judged only against the metadata services; the targets themselves are judged
/// by name before each request (see `Transfer.configureProxy`).
struct ProxyEndpoints: Sendable, Equatable {
    /// Address bytes (4 or 16) followed by the port in network order.
    private(set) var endpoints: Set<[UInt8]> = []

    init() {}

    /// Resolves the host of each proxy URL (`scheme://[user@]host[:port]`; the port defaults to
    /// 1080 for socks and 80, or 443 for `https://`, otherwise). Unresolvable proxies add
    /// nothing: their connections then fail on their own.
    init(proxies: [String]) {
        for proxy in proxies where !proxy.isEmpty {
            let withScheme = proxy.contains("://") ? proxy : "http://" + proxy
            guard let components = URLComponents(string: withScheme), var host = components.host, !host.isEmpty else { continue }
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let scheme = components.scheme?.lowercased() ?? "http"
            let port = components.port ?? (scheme.hasPrefix("socks") ? 1080 : scheme == "https" ? 443 : 80)
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &list) == 0 else { continue }
            defer { freeaddrinfo(list) }
            var cursor = list
            while let entry = cursor?.pointee {
                if let address = entry.ai_addr {
                    let raw = UnsafeRawBufferPointer(start: address, count: Int(entry.ai_addrlen))
                    if entry.ai_family == AF_INET, raw.count >= 8 {
                        endpoints.insert(Array(raw[4..<8]) + Self.portBytes(port))
                    } else if entry.ai_family == AF_INET6, raw.count >= 24 {
                        endpoints.insert(Array(raw[8..<24]) + Self.portBytes(port))
                    }
                }
                cursor = entry.ai_next
            }
        }
    }

    var isEmpty: Bool { endpoints.isEmpty }

    /// Whether a socket address (a `sockaddr_in` or `sockaddr_in6` as bytes) is a proxy's.
    func contains(family: Int32, sockaddr raw: UnsafeRawBufferPointer) -> Bool {
        guard !endpoints.isEmpty, raw.count >= 4 else { return false }
        let port = [raw[2], raw[3]]
        if family == AF_INET, raw.count >= 8 { return endpoints.contains(Array(raw[4..<8]) + port) }
        if family == AF_INET6, raw.count >= 24 { return endpoints.contains(Array(raw[8..<24]) + port) }
        return false
    }

    private static func portBytes(_ port: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: port >> 8), UInt8(truncatingIfNeeded: port)] }
}
