import Foundation
import WirescoreCore

/// Decides whether a feed entry's link is one wirescore fetches.
///
/// Only `http`/`https` URLs with a host are fetched. `file:` is fetched only for entries of a
/// feed the pipeline itself lists as a `file:` URL: a link in a document that came over the
/// network must never read local files, whatever `fetch.protocols` allows. Anything else
/// (`mailto:`, `javascript:`, `ftp:`, a host-less URL) is one `bad_url` line, never a fetch.
enum ItemLink {
    enum Verdict: Equatable {
        case fetch(String)
        /// `url` is the offending link when there was one (written to the error line without
        /// userinfo).
        case refuse(code: ErrorCode, reason: String, url: String?)
    }

    static func check(_ rawLink: String?, against base: String, feedIsFile: Bool) -> Verdict {
        guard let rawLink, !rawLink.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .refuse(code: .noLink, reason: "has no link", url: nil)
        }
        guard let link = URLCanonicalizer.resolve(rawLink, against: base),
              let components = URLComponents(string: link), let scheme = components.scheme?.lowercased() else {
            return .refuse(code: .badURL, reason: "link is not a URL: \(rawLink.prefix(200))", url: nil)
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else {
                return .refuse(code: .badURL, reason: "link has no host: \(link.prefix(200))", url: link)
            }
            return .fetch(link)
        case "file" where feedIsFile:
            return .fetch(link)
        case "file":
            return .refuse(code: .badURL, reason: "a feed fetched over the network may not link to file: URLs",
                           url: link)
        default:
            return .refuse(code: .badURL, reason: "link scheme '\(scheme.prefix(40))' is not fetched (only http and https)",
                           url: link)
        }
    }
}
