internal import CCurl
internal import Foundation
import Logging

/// libcurl's process-wide initialisation, run once on first use (Swift globals are lazy and
/// initialised exactly once, thread-safely).
private let curlGlobalInit: Int = Int(ccurl_global_init_default().rawValue)

/// Fetches URLs concurrently over libcurl's multi interface.
///
/// Dedicated threads ("lanes", one per core up to ``FetchPolicy/loopThreads``) each run a
/// `curl_multi_poll`/`curl_multi_perform` loop with many transfers in flight; `fetch` picks a
/// lane round-robin, enqueues the request under that lane's lock, wakes its loop with
/// `curl_multi_wakeup`, and suspends until the loop resumes it. One loop thread tops out near
/// 5,000 page-sized responses a second (receiving and copying bodies); lanes spread that over
/// the cores. The concurrency and per-host caps are divided between lanes, so their sums are
/// the policy's. Cancelling the calling task removes the transfer. Caps, timeouts, the body
/// size limit, allowed protocols and the private-network guard come from `FetchPolicy`.
///
/// Thread-safety: all methods may be called from any thread or task. The libcurl handles are
/// owned by their lane's loop thread alone.
public final class Fetcher: Sendable {
    public let policy: FetchPolicy
    private let lanes: [FetchLane]
    private let nextLane = LockedState<Int>(0)

    /// Starts the loop threads.
    /// - Parameters:
    ///   - policy: limits for every transfer of this fetcher.
    ///   - logger: debug lines per transfer; errors of the loop itself.
    /// - Throws: `.invalidPolicy` for unusable policy values, `.transfer` when libcurl cannot
    ///   be initialised.
    public init(policy: FetchPolicy, logger: Logger = Logger(label: "wirescore.fetch")) throws(FetchError) {
        guard curlGlobalInit == 0 else {
            throw FetchError(.transfer, "curl_global_init failed", curlCode: curlGlobalInit)
        }
        try policy.validate()
        self.policy = policy
        // Every lane needs at least one connection per host, or a host could starve in it.
        let count = max(1, min(policy.loopThreads, policy.maxPerHost, policy.maxConcurrent))
        var lanes: [FetchLane] = []
        for index in 0..<count {
            var share = policy
            share.maxConcurrent = Self.share(of: policy.maxConcurrent, lane: index, lanes: count)
            share.maxPerHost = Self.share(of: policy.maxPerHost, lane: index, lanes: count)
            lanes.append(try FetchLane(policy: share, name: "wirescore-fetch-\(index)", logger: logger))
        }
        self.lanes = lanes
    }

    /// Lane `lane`'s part of `total`, the remainder going to the first lanes.
    static func share(of total: Int, lane: Int, lanes: Int) -> Int {
        total / lanes + (lane < total % lanes ? 1 : 0)
    }

    /// How many loop threads this fetcher runs.
    public var loopCount: Int { lanes.count }

    deinit { shutdown() }

    /// Fetches one URL.
    ///
    /// HTTP error statuses are successful results; see `FetchResponse`. Cancellation of the
    /// calling task ends the transfer and returns `.cancelled` promptly.
    /// - Returns: the final response, or why there is none.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let index = nextLane.withLock { next in
            defer { next = (next + 1) % lanes.count }
            return next
        }
        return await lanes[index].fetch(request)
    }

    /// Like `fetch(_:)`, with the error thrown.
    /// - Throws: `FetchError` when there is no response.
    public func fetchOrThrow(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        try await fetch(request).get()
    }

    /// Stops the loops: pending and in-flight fetches finish with `.cancelled`, later ones are
    /// refused. Blocks until the loop threads have exited (it does not wait for transfers to
    /// complete, so this takes milliseconds). Idempotent; also called by deinit.
    public func shutdown() {
        for lane in lanes { lane.shutdown() }
    }
}

/// One loop thread with its multi handle and inbox.
final class FetchLane: Sendable {
    private let inbox: LockedState<FetchInbox>
    private let multi: CurlMulti
    private let exited: ExitSignal

    init(policy: FetchPolicy, name: String, logger: Logger) throws(FetchError) {
        let multi = try CurlMulti(policy: policy)
        let inbox = LockedState(FetchInbox())
        let exited = ExitSignal()
        let loop = FetchLoop(policy: policy, multi: multi, inbox: inbox, logger: logger)
        self.multi = multi
        self.inbox = inbox
        self.exited = exited
        let thread = Thread {
            loop.run()
            exited.signal()
        }
        thread.name = name
        thread.start()
    }

    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let id = inbox.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: FetchInbox.Waiter) in
                let refusal: FetchError? = inbox.withLock { state in
                    if state.stopping || state.exited { return FetchError(.cancelled, "fetcher shut down") }
                    // Checked under the lock: a cancellation handler that ran before we
                    // registered found no waiter, so we must notice it here instead.
                    if Task.isCancelled { return FetchError(.cancelled, "task cancelled") }
                    state.waiters[id] = waiter
                    state.submissions.append(.init(id: id, request: request))
                    multi.wakeup()
                    return nil
                }
                if let refusal { waiter.resume(returning: .failure(refusal)) }
            }
        } onCancel: {
            let waiter = inbox.withLock { state -> FetchInbox.Waiter? in
                guard let waiter = state.waiters.removeValue(forKey: id) else { return nil }
                state.cancellations.append(id)
                if !state.exited { multi.wakeup() }
                return waiter
            }
            waiter?.resume(returning: .failure(FetchError(.cancelled, "task cancelled")))
        }
    }

    func shutdown() {
        let alreadyExited = inbox.withLock { state in
            state.stopping = true
            if !state.exited { multi.wakeup() }
            return state.exited
        }
        if !alreadyExited { exited.wait() }
    }
}
