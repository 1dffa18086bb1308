internal import CCurl

/// The one Swift owner of a libcurl easy handle and its error buffer.
///
/// Reused across transfers through the loop's pool (`curl_easy_reset` keeps the DNS and
/// connection caches warm). Intentionally not thread-safe: only the fetch loop thread creates,
/// configures, adds, removes and frees it. The raw handle never leaves WirescoreFetch.
final class EasyHandle {
    /// `CURL *`; valid until deinit.
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`; libcurl writes the reason of a failure here.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private static let errorBufferSize = Int(CURL_ERROR_SIZE)

    /// - Throws: `FetchError(.transfer)` when libcurl cannot allocate a handle.
    init() throws(FetchError) {
        guard let handle = curl_easy_init() else { throw FetchError(.transfer, "curl_easy_init failed") }
        raw = handle
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears every option (callbacks included) so no pointer to a finished transfer survives.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    /// Points libcurl at the error buffer again (needed after each `reset()`) and clears it.
    func attachErrorBuffer() throws(FetchError) {
        errorBuffer[0] = 0
        try check(ccurl_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
    }

    var errorText: String {
        String(cString: errorBuffer).trimmingSpaces
    }

    func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
        try check(ccurl_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(FetchError) {
        try check(ccurl_setopt_string(raw, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(FetchError) {
        try check(ccurl_setopt_pointer(raw, option, pointer), option)
    }

    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(FetchError) {
        try check(ccurl_setopt_slist(raw, option, list), option)
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(FetchError) {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            // Unknown or rejected option values mean the policy or request asked for something
            // this libcurl cannot do; report which option so the pipeline author can fix it.
            throw FetchError(code == CURLE_UNSUPPORTED_PROTOCOL ? .protocolNotAllowed : .invalidPolicy,
                             "curl option \(option.rawValue): \(reason)", curlCode: Int(code.rawValue))
        }
    }

    func info(long what: CURLINFO) -> Int? {
        var value = 0
        return ccurl_getinfo_long(raw, what, &value) == CURLE_OK ? value : nil
    }

    func info(string what: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        guard ccurl_getinfo_string(raw, what, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}
