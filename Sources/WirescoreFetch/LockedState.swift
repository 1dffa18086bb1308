internal import Foundation

/// A value shared between the fetch loop thread and callers, guarded by a lock.
///
/// Why not `Synchronization.Mutex`: the package still declares macOS 14, where `Mutex` is
/// unavailable. Thread-safety: `@unchecked Sendable` is sound because `state` is only ever
/// touched inside `withLock`, which holds `lock` for the whole access.
final class LockedState<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) { self.state = state }

    /// Runs `body` with exclusive access. Never resume continuations or call out to
    /// arbitrary code inside `body`; return what must happen and do it after unlocking.
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}

/// A one-shot "the loop thread has exited" flag that any number of threads can wait for.
/// Thread-safety: `@unchecked Sendable` because `done` is read and written only under `condition`.
final class ExitSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false

    func signal() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while !done { condition.wait() }
        condition.unlock()
    }
}
