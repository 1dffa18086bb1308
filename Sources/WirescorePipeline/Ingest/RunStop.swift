import Foundation

/// When a run stops starting new work, and why: its `--max-duration` ran out, or the process
/// was asked to stop (SIGTERM from systemd, Kubernetes or cron's timeout; SIGINT from a person).
///
/// Either way nothing is lost: items not yet fetched stay open in run state and the next run
/// takes them up. The difference is what happens to work in flight: after the deadline it
/// finishes (the run is merely long), after a signal it is cancelled and handed back, so the
/// process exits within a bounded time however slow the servers are.
///
/// Thread-safe: any stage may ask or register at any time.
public final class RunStop: @unchecked Sendable {
    public enum Reason: Sendable, Equatable {
        case deadline
        case signal(Int32)
    }

    // @unchecked: all state is touched only while `lock` is held.
    private let lock = NSLock()
    private var requested: Reason?
    private var nextToken = 0
    private var interruptHandlers: [Int: @Sendable () -> Void] = [:]

    public init() {}

    /// The first reason given, or nil while the run goes on.
    public var reason: Reason? {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

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
        lock.lock()
        let firstSignal: Bool
        if case .signal = reason, !isSignal(requested) {
            firstSignal = true
        } else {
            firstSignal = false
        }
        if requested == nil || firstSignal { requested = reason }
        let handlers = firstSignal ? Array(interruptHandlers.values) : []
        if firstSignal { interruptHandlers.removeAll() }
        lock.unlock()
        for handler in handlers { handler() }
    }

    /// Runs `handler` when a signal stops the run (at once if one already has). Returns a
    /// token for ``remove(_:)``; nil when the handler already ran.
    func onInterrupt(_ handler: @escaping @Sendable () -> Void) -> Int? {
        lock.lock()
        if isSignal(requested) {
            lock.unlock()
            handler()
            return nil
        }
        nextToken += 1
        let token = nextToken
        interruptHandlers[token] = handler
        lock.unlock()
        return token
    }

    func remove(_ token: Int?) {
        guard let token else { return }
        lock.lock()
        interruptHandlers.removeValue(forKey: token)
        lock.unlock()
    }

    private func isSignal(_ reason: Reason?) -> Bool {
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
