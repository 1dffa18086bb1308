import Foundation
import WirescoreStore

/// The one way the stages of an ingest run read and write run state, with one error policy.
///
/// Run state and the output tree must agree (items settled, ids written, committed lengths),
/// so a state operation that fails (a full disk, a read-only or damaged database) is never
/// ignored in one stage and fatal in another: every failure becomes a ``StateFailure`` naming
/// the database and the operation, and the run ends with it (exit 1), after the stages stop.
/// The feed stage hands it to the sink as an event (it cannot end the run itself); the sink
/// throws it.
struct RunState: Sendable {
    let store: StateStore

    /// Runs one read or write of run state.
    /// - Throws: ``StateFailure`` for any store error.
    func access<T>(_ what: String, _ body: (StateStore) throws -> T) throws(StateFailure) -> T {
        do {
            return try body(store)
        } catch {
            throw StateFailure(message: "run state (\(store.path)): cannot \(what): \(error)")
        }
    }
}

/// Run state could not be read or written: the run stops rather than go on with state that
/// no longer matches the output (a full disk is never ignored).
struct StateFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
