import Foundation
import WirescoreArchive
import WirescoreFetch

extension FetchResponse {
    /// A body worth parsing: a 2xx answer, or a local file (libcurl reports status 0 for
    /// `file://`, which only reaches here when the pipeline allows that protocol).
    var isUsable: Bool {
        (200..<300).contains(status) || isLocalFile
    }

    var isLocalFile: Bool { status == 0 && finalURL.hasPrefix("file:") }

    /// The exchange as the raw archive stores it (a local file becomes a WARC `resource`).
    func archivedExchange(at date: Date) -> ArchivedExchange {
        let requestHead = requestHeaderLines.isEmpty ? nil : requestHeaderLines.joined(separator: "\r\n") + "\r\n\r\n"
        return ArchivedExchange(targetURI: finalURL, date: date, requestHead: requestHead,
                                status: status, headers: headers, payload: body)
    }
}
