import Foundation
import Synchronization

/// When a run stops starting new work, and why: its `--max-duration` ran out, or the process
/// was asked to stop (SIGTERM from systemd, Kubernetes or cron's timeout; SIGINT from a person).
///
/// Either way nothing is lost: items not yet fetched stay open in run state and the next run
/// takes them up. The difference is what happens to work in flight: after the deadline it
/// finishes (the run is merely long), after a signal it is cancelled and handed back, so the
/// process exits within a bounded time however slow the servers are.
///
/// Thread-safe (a `Mutex` guards its state): any stage may ask or register at any time.
public final class RunStop: Sendable {
    public enum Reason: Sendable, Equatable {
        case deadline
        case signal(Int32)
    }

    private struct State {
        var requested: Reason?
        var nextToken = 0
        var interruptHandlers: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The first reason given, or nil while the run goes on.
    public var reason: Reason? { state.withLock { $0.requested } }

    public var isRequested: Bool { reason != nil }

    /// "SIGTERM" for 15 and so on, for the summary line.
    public static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    /// Asks the run to stop. The first reason wins; a signal after the deadline still
    /// cancels work in flight.
    public func request(_ reason: Reason) {
        let handlers = state.withLock { s -> [@Sendable () -> Void] in
            let firstSignal = Self.isSignal(reason) && !Self.isSignal(s.requested)
            if s.requested == nil || firstSignal { s.requested = reason }
            guard firstSignal else { return [] }
            defer { s.interruptHandlers.removeAll() }
            return Array(s.interruptHandlers.values)
        }
        for handler in handlers { handler() }
    }

    /// Runs `handler` when a signal stops the run (at once if one already has). Returns a
    /// token for ``remove(_:)``; nil when the handler already ran.
    func onInterrupt(_ handler: @escaping @Sendable () -> Void) -> Int? {
        let token = state.withLock { s -> Int? in
            guard !Self.isSignal(s.requested) else { return nil }
            s.nextToken += 1
            s.interruptHandlers[s.nextToken] = handler
            return s.nextToken
        }
        if token == nil { handler() }
        return token
    }

    func remove(_ token: Int?) {
        guard let token else { return }
        _ = state.withLock { $0.interruptHandlers.removeValue(forKey: token) }
    }

    private static func isSignal(_ reason: Reason?) -> Bool {
        if case .signal = reason { return true }
        return false
    }
}

extension RunStop {
    /// Runs `operation` (a fetch) in a task of its own that a signal cancels: the fetcher then
    /// ends the transfer and answers `.cancelled` at once, and the caller hands the item back.
    func interruptible<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let token = onInterrupt { task.cancel() }
        defer { remove(token) }
        return await task.value
    }
}
