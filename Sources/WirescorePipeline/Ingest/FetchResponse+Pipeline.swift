import WirescoreFetch

extension FetchResponse {
    /// A body worth parsing: a 2xx answer, or a local file (libcurl reports status 0 for
    /// `file://`, which only reaches here when the pipeline allows that protocol).
    var isUsable: Bool {
        (200..<300).contains(status) || (status == 0 && finalURL.hasPrefix("file:"))
    }

    /// Whether a failed article should be tried again in a later run: server trouble and
    /// rate limits pass, a 404 or 410 does not.
    var isTransientFailure: Bool {
        status == 408 || status == 425 || status == 429 || status >= 500
    }
}
