import Dispatch
import Foundation
import WirescorePipeline

/// Turns SIGTERM and SIGINT into a graceful stop of an ingest run.
///
/// systemd's stop, a Kubernetes eviction and cron's `timeout` send SIGTERM; a person presses
/// Ctrl-C. The first signal asks the run to stop (``RunStop``): no new feed or page is
/// started, fetches in flight are cancelled and their items handed back to run state, and
/// what was built is written, state and story index saved, the summary printed. If that has
/// not finished within ``gracePeriod`` seconds, or a second signal arrives, the process exits
/// at once: the output and state are crash-safe, so even that loses nothing (the next run
/// repairs and continues).
///
/// After the graceful stop the command re-raises the signal (``exitBySignal()``), so the
/// caller sees the conventional status (143 or 130 in a shell) and systemd counts a clean stop.
final class SignalTrap: @unchecked Sendable {
    /// The longest a run takes to stop after the first signal (documented in the README).
    static let gracePeriod: Double = 10

    // @unchecked: `received` is only touched on `queue`; the sources are set up once.
    private let queue = DispatchQueue(label: "wirescore.signals")
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?

    /// The first signal received, once the handler has run.
    var signal: Int32? { queue.sync { received } }

    init(stop: RunStop, signals: [Int32] = [SIGTERM, SIGINT], onFirst: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            // The default action would end the process before any handler ran.
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                guard received == nil else {
                    printError("wirescore: \(RunStop.signalName(number)) again; exiting now (state is crash-safe)")
                    _exit(128 + number)
                }
                received = number
                onFirst(number)
                stop.request(.signal(number))
                queue.asyncAfter(deadline: .now() + Self.gracePeriod) {
                    printError("wirescore: not stopped \(Int(Self.gracePeriod)) s after \(RunStop.signalName(number)); exiting now")
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Ends the process by the signal that stopped the run, with its default action restored.
    func exitBySignal() -> Never {
        let number = signal ?? SIGTERM
        fflush(nil)   // every output stream: the summary line must reach the caller
        Foundation.signal(number, SIG_DFL)
        // The dispatch source's machinery may keep the signal blocked in this thread.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        kill(getpid(), number)
        usleep(200_000)
        _exit(128 + number)   // not reached: the default action of SIGTERM/SIGINT ends the process
    }
}
