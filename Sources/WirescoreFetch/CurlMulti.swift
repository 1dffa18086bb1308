internal import CCurl

/// The one Swift owner of the libcurl multi handle.
///
/// Thread-safety: `@unchecked Sendable` because every method except `wakeup()` is called only
/// on the fetch loop thread, and `curl_multi_wakeup` is documented as callable from any thread
/// while the handle is alive. The handle is freed only in deinit, which runs after the loop
/// thread has exited and every other owner is gone.
final class CurlMulti: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer

    /// - Throws: `FetchError(.transfer)` when the handle cannot be created or configured.
    init(policy: FetchPolicy) throws(FetchError) {
        guard let handle = curl_multi_init() else { throw FetchError(.transfer, "curl_multi_init failed") }
        raw = handle
        let settings: [(CURLMoption, Int)] = [
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, policy.maxConcurrent),
            (CURLMOPT_MAX_HOST_CONNECTIONS, policy.maxPerHost),
            // Idle connections kept for reuse; a few per host is plenty for feed polling.
            (CURLMOPT_MAXCONNECTS, max(policy.maxConcurrent, 4)),
        ]
        for (option, value) in settings {
            let code = ccurl_multi_setopt_long(handle, option, value)
            guard code == CURLM_OK else {
                curl_multi_cleanup(handle)
                throw FetchError(.invalidPolicy, "curl multi option \(option.rawValue): "
                                 + String(cString: curl_multi_strerror(code)))
            }
        }
    }

    deinit { curl_multi_cleanup(raw) }

    /// Interrupts a `poll` in progress (or the next one). Safe from any thread.
    func wakeup() { _ = curl_multi_wakeup(raw) }

    func add(_ easy: EasyHandle) throws(FetchError) {
        let code = curl_multi_add_handle(raw, easy.raw)
        guard code == CURLM_OK else {
            throw FetchError(.transfer, "curl_multi_add_handle: " + String(cString: curl_multi_strerror(code)))
        }
    }

    func remove(_ easy: EasyHandle) { _ = curl_multi_remove_handle(raw, easy.raw) }

    /// Drives all transfers as far as they can go without blocking.
    func perform() -> String? {
        var running: Int32 = 0
        let code = curl_multi_perform(raw, &running)
        return code == CURLM_OK ? nil : String(cString: curl_multi_strerror(code))
    }

    /// Waits for socket activity, a timeout or `wakeup()`, at most `milliseconds`.
    func poll(milliseconds: Int) {
        var numfds: Int32 = 0
        _ = curl_multi_poll(raw, nil, 0, Int32(clamping: milliseconds), &numfds)
    }

    /// Finished transfers: the easy handle's address (a lookup key only) and its result.
    func completed() -> [(key: UInt, result: CURLcode)] {
        var done: [(key: UInt, result: CURLcode)] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(raw, &queued) {
            guard ccurl_message_is_done(message) != 0, let easy = ccurl_message_easy(message) else { continue }
            done.append((UInt(bitPattern: easy), ccurl_message_result(message)))
        }
        return done
    }
}
