internal import CCurl
import Logging
import Synchronization

/// What callers hand to the loop thread, guarded by the loop's `inbox` mutex.
struct FetchInbox: Sendable {
    struct Submission: Sendable {
        var id: UInt64
        var request: FetchRequest
    }
    /// Called once with a transfer's result, on the loop thread.
    typealias Completion = @Sendable (Result<FetchResponse, FetchError>) -> Void

    var submissions: [Submission] = []
    var cancellations: [UInt64] = []
    /// Exactly one party removes a completion and calls it: the loop on completion, or the
    /// cancellation handler. Whoever finds it gone does nothing.
    var completions: [UInt64: Completion] = [:]
    var stopping = false
    var exited = false
    /// Set by the loop just before it blocks in `curl_multi_poll` with nothing handed to it.
    /// Only then does a caller need `curl_multi_wakeup` (a socket write, and a read on the
    /// loop's side): a busy loop drains the inbox at its next turn anyway. A loop that
    /// completes a transfer whose completion submits the next URL thus wakes nobody.
    var loopIdle = false

    /// Whether the caller must wake the loop, which is (about to be) blocked; called with the
    /// lock held, after changing what the loop should see. The caller calls
    /// `curl_multi_wakeup` after unlocking: the wakeup is a socket write that makes the loop
    /// thread runnable at once, and done under the lock it had the loop preempt the caller
    /// while the caller still held the lock the loop takes first (a convoy: both threads
    /// then slept on the mutex, several hundred times per thousand pages). A wakeup sent
    /// after the loop has already started its poll, or before, interrupts that poll all the
    /// same (libcurl keeps it pending in the socket), and the handle lives as long as the lane.
    mutating func claimWakeup() -> Bool {
        guard loopIdle, !exited else { return false }
        loopIdle = false
        return true
    }
}

/// The libcurl multi loop, run on one dedicated thread.
///
/// Thread-safety: `@unchecked Sendable` because it is handed to the thread once, and from then
/// on every stored `var` is read and written only on that thread. Other threads touch only
/// `inbox` (a `Mutex`) and `multi.wakeup()` (thread-safe in libcurl).
final class FetchLoop: @unchecked Sendable {
    let policy: FetchPolicy
    let multi: CurlMulti
    /// Never resume continuations or call completions inside `inbox.withLock`: return what
    /// must happen and do it after unlocking.
    let inbox = Mutex(FetchInbox())
    private let logger: Logger
    private let clock = ContinuousClock()

    private var queued: [Transfer] = []
    private var byID: [UInt64: Transfer] = [:]
    /// Transfers whose easy handle is added to the multi handle, by handle address.
    private var running: [UInt: Transfer] = [:]
    private var waitingRetry: [Transfer] = []
    private var inFlightPerHost: [String: Int] = [:]
    private var inFlight = 0
    private var pool: [EasyHandle] = []

    init(policy: FetchPolicy, multi: CurlMulti, logger: Logger) {
        self.policy = policy
        self.multi = multi
        self.logger = logger
    }

    /// The thread body: returns after `stopping` is seen, every completion having been called.
    func run() {
        while true {
            let (submissions, cancellations, stopping) = inbox.withLock { state in
                defer { state.submissions = []; state.cancellations = []; state.loopIdle = false }
                return (state.submissions, state.cancellations, state.stopping)
            }
            if stopping { break }
            let now = clock.now
            for submission in submissions {
                let transfer = Transfer(id: submission.id, request: submission.request, policy: policy, accepted: now)
                byID[transfer.id] = transfer
                queued.append(transfer)
            }
            for id in cancellations {
                if let transfer = byID[id] {
                    finish(transfer, .failure(FetchError(.cancelled, "task cancelled")))
                }
            }
            startDueRetries()
            admitQueued()

            if let failure = multi.perform() {
                logger.error("curl_multi_perform failed", metadata: ["reason": "\(failure)"])
                for transfer in Array(running.values) {
                    finish(transfer, .failure(FetchError(.transfer, "curl_multi_perform: \(failure)")))
                }
            }
            var finishedAny = false
            for (key, result) in multi.completed() {
                guard let transfer = running[key] else { continue }
                finishedAny = true
                complete(transfer, result)
            }
            // Freed slots can be refilled at once; otherwise sleep until libcurl, a wakeup or
            // the next retry needs us (capped so a lost wakeup costs at most a second).
            if finishedAny && !queued.isEmpty { continue }
            let idle = inbox.withLock { state -> Bool in
                guard state.submissions.isEmpty, state.cancellations.isEmpty, !state.stopping else { return false }
                state.loopIdle = true
                return true
            }
            if idle { multi.poll(milliseconds: pollTimeout()) }
        }
        shutDownTransfers()
    }

    private func pollTimeout() -> Int {
        var timeout = 1000
        let now = clock.now
        for transfer in waitingRetry {
            if let due = transfer.retryAt {
                timeout = min(timeout, max(0, now.duration(to: due).wholeMilliseconds))
            }
        }
        return timeout
    }

    /// Moves queued transfers into libcurl while the total and per-host caps allow, in order.
    private func admitQueued() {
        guard !queued.isEmpty, inFlight < policy.maxConcurrent else { return }
        var index = 0
        while index < queued.count && inFlight < policy.maxConcurrent {
            let transfer = queued[index]
            if inFlightPerHost[transfer.hostKey, default: 0] >= policy.maxPerHost {
                index += 1
                continue
            }
            queued.remove(at: index)
            inFlight += 1
            inFlightPerHost[transfer.hostKey, default: 0] += 1
            start(transfer)
        }
    }

    private func start(_ transfer: Transfer) {
        do throws(FetchError) {
            let easy: EasyHandle
            if let pooled = pool.popLast() { easy = pooled } else { easy = try EasyHandle() }
            transfer.easy = easy
            try transfer.configure(easy, policy: policy)
            try multi.add(easy)
            transfer.inMulti = true
            running[UInt(bitPattern: easy.raw)] = transfer
        } catch {
            finish(transfer, .failure(error))
        }
    }

    private func startDueRetries() {
        guard !waitingRetry.isEmpty else { return }
        let now = clock.now
        let due = waitingRetry.filter { ($0.retryAt ?? now) <= now }
        guard !due.isEmpty else { return }
        waitingRetry.removeAll { ($0.retryAt ?? now) <= now }
        for transfer in due {
            transfer.retryAt = nil
            transfer.clearCollected()
            guard let easy = transfer.easy else {
                finish(transfer, .failure(FetchError(.transfer, "retry lost its handle")))
                continue
            }
            do throws(FetchError) {
                try easy.attachErrorBuffer()
                try multi.add(easy)
                transfer.inMulti = true
                running[UInt(bitPattern: easy.raw)] = transfer
            } catch {
                finish(transfer, .failure(error))
            }
        }
    }

    /// A transfer libcurl reports done: retry once on a short Retry-After, else resolve it.
    private func complete(_ transfer: Transfer, _ result: CURLcode) {
        guard let easy = transfer.easy else { return }
        if result != CURLE_OK, transfer.bodyCapHit, transfer.request.truncatesBody {
            // Read in part on purpose: the bytes up to the cap are the response.
            var response = transfer.response(from: easy, now: clock.now)
            response.truncated = true
            finish(transfer, .success(response))
            return
        }
        if result != CURLE_OK {
            let error = FetchError.fromCurl(result, detail: easy.errorText, bodyCapHit: transfer.bodyCapHit,
                                            blockedAddress: transfer.blockedAddress)
            finish(transfer, .failure(error))
            return
        }
        if let problem = transfer.encodingProblem {
            finish(transfer, .failure(FetchError(.transfer, problem, curlCode: Int(CURLE_BAD_CONTENT_ENCODING.rawValue))))
            return
        }
        let response = transfer.response(from: easy, now: clock.now)
        if !transfer.retried, response.status == 429 || response.status == 503,
           let wait = response.retryAfter, wait <= policy.retryAfterMaxWait.secondsDouble {
            multi.remove(easy)
            transfer.inMulti = false
            running[UInt(bitPattern: easy.raw)] = nil
            transfer.retried = true
            transfer.retryAt = clock.now.advanced(by: .milliseconds(Int(wait * 1000)))
            // The per-host and total slots stay taken: the retry is still this transfer.
            waitingRetry.append(transfer)
            logger.debug("retrying after Retry-After", metadata: ["url": "\(transfer.request.url)", "seconds": "\(wait)"])
            return
        }
        finish(transfer, .success(response))
    }

    /// Detaches `transfer` from everything, recycles its handle, and calls its completion
    /// (if the cancellation handler has not already done so).
    private func finish(_ transfer: Transfer, _ result: Result<FetchResponse, FetchError>) {
        byID[transfer.id] = nil
        if let index = queued.firstIndex(where: { $0 === transfer }) {
            queued.remove(at: index)
        } else {
            waitingRetry.removeAll { $0 === transfer }
            inFlight -= 1
            let remaining = inFlightPerHost[transfer.hostKey, default: 1] - 1
            inFlightPerHost[transfer.hostKey] = remaining > 0 ? remaining : nil
        }
        if let easy = transfer.easy {
            if transfer.inMulti {
                multi.remove(easy)
                running[UInt(bitPattern: easy.raw)] = nil
            }
            // Reset clears the callback pointers to `transfer` before anyone else can use them.
            easy.reset()
            if pool.count < policy.maxConcurrent { pool.append(easy) }
            transfer.easy = nil
            transfer.inMulti = false
        }
        switch result {
        case .success(let response):
            logger.debug("fetched", metadata: ["url": "\(transfer.request.url)", "status": "\(response.status)"])
        case .failure(let error):
            logger.debug("fetch failed", metadata: ["url": "\(transfer.request.url)", "error": "\(error)"])
        }
        let completion = inbox.withLock { $0.completions.removeValue(forKey: transfer.id) }
        completion?(result)
    }

    /// Fails everything still pending with `.cancelled` and frees every easy handle.
    private func shutDownTransfers() {
        for transfer in Array(byID.values) {
            finish(transfer, .failure(FetchError(.cancelled, "fetcher shut down")))
        }
        pool.removeAll()
        let leftovers = inbox.withLock { state in
            state.exited = true
            state.submissions = []
            defer { state.completions = [:] }
            return Array(state.completions.values)
        }
        for completion in leftovers {
            completion(.failure(FetchError(.cancelled, "fetcher shut down")))
        }
    }
}
