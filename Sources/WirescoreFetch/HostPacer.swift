import Synchronization

/// Spaces the starts of requests to one host: politeness beyond the per-host connection cap.
///
/// Each request to a host reserves the next free start time, `interval` after the previous
/// reservation for that host (or now, when that is later), and waits until then. Reservations
/// are made in call order, so requests to one host start in the order they asked, `interval`
/// apart, while other hosts are not held up by the clock (only by whoever waits).
///
/// Pure bookkeeping on an injected instant, so the spacing is tested without sleeping; the
/// ``Fetcher`` does the waiting. Thread-safe (one lock), shared by every lane of a fetcher, as
/// the lanes take requests round-robin whatever their host.
public final class HostPacer: Sendable {
    private let lastStart = Mutex<[String: ContinuousClock.Instant]>([:])

    public init() {}

    /// The start last reserved for `host`, if any (for tests and diagnostics).
    func lastReservation(host: String) -> ContinuousClock.Instant? {
        lastStart.withLock { $0[host] }
    }

    /// Reserves the next start for `host` at least `interval` after its previous one.
    /// - Returns: how long the caller must wait from `now` (zero when it may start at once).
    public func reserve(host: String, interval: Duration, now: ContinuousClock.Instant) -> Duration {
        guard interval > .zero else { return .zero }
        return lastStart.withLock { starts in
            var start = now
            if let previous = starts[host], previous + interval > now { start = previous + interval }
            starts[host] = start
            return now.duration(to: start)
        }
    }
}
