import Foundation

/// Ports on 127.0.0.1 for the tests that start a real server binary (SeaweedFS, nats-server):
/// a port is picked only when nothing is bound to it, and the server counts as up once a TCP
/// connect succeeds. One copy of the socket code, so both launchers agree on what "free" means.
public enum LoopbackPorts {
    /// `count` distinct ports from `range` that are free now, each with `port + companionOffset`
    /// free too when an offset is given (SeaweedFS binds gRPC at port + 10000).
    public static func free(_ count: Int, in range: ClosedRange<Int>, companionOffset: Int? = nil) -> [Int]? {
        var found: [Int] = []
        for _ in 0..<2000 where found.count < count {
            let candidate = Int.random(in: range)
            guard !found.contains(candidate), isFree(candidate) else { continue }
            if let offset = companionOffset, !isFree(candidate + offset) { continue }
            found.append(candidate)
        }
        return found.count == count ? found : nil
    }

    /// True when a socket can bind `port` on 127.0.0.1 right now.
    public static func isFree(_ port: Int) -> Bool {
        withLoopbackSocket(port) { fd, address, length in bind(fd, address, length) == 0 }
    }

    /// True when something accepts a TCP connection on 127.0.0.1:`port`.
    public static func answers(_ port: Int) -> Bool {
        withLoopbackSocket(port) { fd, address, length in connect(fd, address, length) == 0 }
    }

    private static func withLoopbackSocket(_ port: Int, _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
