internal import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing of the Retry-After header (RFC 9110 §10.2.3). Pure; thread-safe.
enum RetryAfter {
    /// Seconds to wait, from delta-seconds ("120") or an HTTP-date (compared with `now`,
    /// seconds since the epoch). Dates in the past give 0. Unparseable values give nil.
    static func seconds(from value: String, now: Int = Int(time(nil))) -> Double? {
        let trimmed = value.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Overlong digit strings are absurd waits; clamp instead of failing to parse.
            return Double(trimmed.prefix(12)) ?? nil
        }
        // curl_getdate understands RFC 1123, RFC 850 and asctime forms, as HTTP requires.
        let when = curl_getdate(trimmed, nil)
        guard when != -1 else { return nil }
        return Double(max(0, Int(when) - now))
    }
}

extension String {
    /// Without leading and trailing whitespace and line breaks (no Foundation needed).
    var trimmingSpaces: String {
        // Character.isWhitespace covers "\r\n", which is one grapheme, not "\r" then "\n".
        let isSpace = { (c: Character) in c.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
