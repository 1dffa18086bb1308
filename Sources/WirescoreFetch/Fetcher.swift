internal import CCurl
internal import Foundation
import Logging
import Synchronization

/// libcurl's process-wide initialisation, run once on first use (Swift globals are lazy and
/// initialised exactly once, thread-safely).
private let curlGlobalInit: Int = Int(ccurl_global_init_default().rawValue)

/// Fetches URLs concurrently over libcurl's multi interface.
///
/// Dedicated threads ("lanes", one per core up to ``FetchPolicy/loopThreads``) each run a
/// `curl_multi_poll`/`curl_multi_perform` loop with many transfers in flight; `fetch` picks a
/// lane round-robin, enqueues the request under that lane's lock, wakes its loop with
/// `curl_multi_wakeup` if it is blocked, and suspends until the loop resumes it (or, in the
/// callback form, the loop calls the completion). One loop thread tops out at 6,000–8,500
/// page-sized responses a second on a 2-core VM (receiving and copying bodies); lanes spread
/// that over the cores. The concurrency and per-host caps are divided between lanes, so their sums are
/// the policy's. Cancelling the calling task removes the transfer. Caps, timeouts, the body
/// size limit, allowed protocols and the private-network guard come from `FetchPolicy`.
///
/// Thread-safety: all methods may be called from any thread or task. The libcurl handles are
/// owned by their lane's loop thread alone.
public final class Fetcher: Sendable {
    public let policy: FetchPolicy
    private let lanes: [FetchLane]
    private let nextLane = Mutex<Int>(0)
    /// Spaces request starts per host (``FetchPolicy/perHostInterval``, a request's Crawl-delay).
    let pacer = HostPacer()

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
        var policy = policy
        policy.proxyEndpoints = ProxyEndpoints(proxies: [policy.proxy, policy.httpsProxy].compactMap { $0 })
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
        let interval = max(policy.perHostInterval, request.hostInterval ?? .zero)
        if interval > .zero {
            // The wait happens here, before the lane sees the request, so a paced host holds
            // up no other host's transfers in the loop.
            let wait = pacer.reserve(host: Transfer.hostKey(of: request.url), interval: interval,
                                     now: ContinuousClock.now)
            if wait > .zero {
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    return .failure(FetchError(.cancelled, "task cancelled while waiting for the host's turn"))
                }
            }
        }
        return await nextLaneInTurn().fetch(request)
    }

    /// Fetches one URL and calls `completion` with the result on a fetch loop thread.
    ///
    /// For callers that keep many fetches going and do little with each result (the `fetch`
    /// command): no task is suspended and resumed per request, so a completion that submits
    /// the next URL costs no thread switch at all. `completion` must be brief, as the loop
    /// drives every other transfer of its lane meanwhile; it may call `fetch` again. It is
    /// never called from inside this method, so it may take locks the caller holds (a fetcher
    /// already shut down calls it from another thread with `.cancelled`). Per-host pacing
    /// (``FetchPolicy/perHostInterval``) applies to the async form only.
    public func fetch(_ request: FetchRequest,
                      completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void) {
        nextLaneInTurn().fetch(request, completion: completion)
    }

    /// Lanes are taken round-robin: requests spread evenly, whatever their hosts.
    private func nextLaneInTurn() -> FetchLane {
        let index = nextLane.withLock { next in
            defer { next = (next + 1) % lanes.count }
            return next
        }
        return lanes[index]
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
///
/// Callers touch only the loop's `inbox` (under its mutex) and `multi.wakeup()`.
final class FetchLane: Sendable {
    private let loop: FetchLoop
    private var multi: CurlMulti { loop.multi }
    private let exited: ExitSignal

    init(policy: FetchPolicy, name: String, logger: Logger) throws(FetchError) {
        let loop = FetchLoop(policy: policy, multi: try CurlMulti(policy: policy), logger: logger)
        let exited = ExitSignal()
        self.loop = loop
        self.exited = exited
        let thread = Thread {
            loop.run()
            exited.signal()
        }
        thread.name = name
        thread.start()
    }

    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let id = newID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Result<FetchResponse, FetchError>, Never>) in
                let refusal = enqueue(id: id, request, checkingCancellation: true) { waiter.resume(returning: $0) }
                if let refusal { waiter.resume(returning: .failure(refusal)) }
            }
        } onCancel: {
            let (completion, wake) = loop.inbox.withLock { state -> (FetchInbox.Completion?, Bool) in
                guard let completion = state.completions.removeValue(forKey: id) else { return (nil, false) }
                state.cancellations.append(id)
                return (completion, state.claimWakeup())
            }
            if wake { multi.wakeup() }
            completion?(.failure(FetchError(.cancelled, "task cancelled")))
        }
    }

    func fetch(_ request: FetchRequest, completion: @escaping FetchInbox.Completion) {
        if let refusal = enqueue(id: newID(), request, checkingCancellation: false, completion) {
            DispatchQueue.global().async { completion(.failure(refusal)) }
        }
    }

    /// Transfer ids, unique within the lane; an atomic rather than a second turn of the
    /// inbox lock per fetch.
    private let lastID = Atomic<UInt64>(0)

    private func newID() -> UInt64 {
        lastID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Hands the request to the loop, or says why not (the completion is then not kept).
    private func enqueue(id: UInt64, _ request: FetchRequest, checkingCancellation: Bool,
                         _ completion: @escaping FetchInbox.Completion) -> FetchError? {
        let (refusal, wake) = loop.inbox.withLock { state -> (FetchError?, Bool) in
            if state.stopping || state.exited { return (FetchError(.cancelled, "fetcher shut down"), false) }
            // Checked under the lock: a cancellation handler that ran before we registered
            // found no completion, so we must notice it here instead.
            if checkingCancellation && Task.isCancelled { return (FetchError(.cancelled, "task cancelled"), false) }
            state.completions[id] = completion
            state.submissions.append(.init(id: id, request: request))
            return (nil, state.claimWakeup())
        }
        if wake { multi.wakeup() }
        return refusal
    }

    func shutdown() {
        let alreadyExited = loop.inbox.withLock { state in
            state.stopping = true
            if !state.exited { multi.wakeup() }   // unconditionally: shutdown is rare
            return state.exited
        }
        if !alreadyExited { exited.wait() }
    }
}
