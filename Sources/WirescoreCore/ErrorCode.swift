/// Every `code` an error line can carry, with what each means for retries and for `reprocess`.
///
/// One list, so the retry rule (a transient failure stays open for a later run) and the
/// rebuild rule (which lines `reprocess` derives again from the raw archive, and which it
/// must keep because no response was archived) cannot drift apart between stages.
public enum ErrorCode: String, Sendable, CaseIterable {
    // Feeds and their entries.
    /// The feed's body parsed as no feed format.
    case notAFeed = "not_a_feed"
    /// Ill-formed XML whose entries were still recovered (a warning line; entries are used).
    case malformedFeed = "malformed_feed"
    /// A feed entry with no link.
    case noLink = "no_link"
    /// A link or URL wirescore does not fetch (a scheme other than http/https, no host, `file:`
    /// from a feed fetched over the network).
    case badURL = "bad_url"

    // Fetching (from the fetcher; no response, or none worth reading).
    case timeout, connection, dns, tls, transfer
    case tooLarge = "too_large"
    case tooManyRedirects = "too_many_redirects"
    case protocolNotAllowed = "protocol_not_allowed"
    case blockedAddress = "blocked_address"
    case invalidRequest = "invalid_request"
    case invalidPolicy = "invalid_policy"
    case cancelled

    // A response that is no article.
    /// An HTTP status outside 2xx (transient for 408, 425, 429 and 5xx: see ``isTransient(status:)``).
    case httpStatus = "http_status"
    case notHTML = "not_html"
    case emptyBody = "empty_body"
    case noText = "no_text"

    /// Whether an article that failed so is tried again by later runs (until its attempts run
    /// out). `status` matters only for ``httpStatus``.
    public func isTransient(status: Int? = nil) -> Bool {
        switch self {
        case .timeout, .connection, .dns, .transfer, .cancelled: true
        case .httpStatus: status.map { $0 == 408 || $0 == 425 || $0 == 429 || $0 >= 500 } ?? false
        default: false
        }
    }

    /// Whether `reprocess` derives the line again from the archived response. Failures that
    /// left no response behind (timeouts, DNS, refused URLs) and every feed-level line are kept
    /// as they are instead.
    public var isRebuildableFromArchive: Bool {
        switch self {
        case .httpStatus, .notHTML, .emptyBody, .noText: true
        default: false
        }
    }
}
