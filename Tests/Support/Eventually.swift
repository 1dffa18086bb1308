/// Polls `condition` every 20 ms until it holds; true once it does, false if it still does not
/// after `bound`.
///
/// Tests wait for an event this way instead of sleeping a fixed time. `bound` only decides how
/// long a failing test takes to fail, never whether a working one passes, so it is generous: the
/// calling task may itself wait a long time for a thread when the suite runs on two cores.
/// The condition is checked once more after the bound, however late the task wakes.
public func eventually(_ bound: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: bound)
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
