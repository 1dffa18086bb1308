internal import Foundation

/// A one-shot "the loop thread has exited" flag that any number of threads can wait for.
///
/// A condition variable rather than a `Mutex`: `shutdown()` must block until the loop thread
/// is gone, and `Mutex` cannot wait. Thread-safety: `@unchecked Sendable` because `done` is
/// read and written only under `condition`.
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
