import Foundation

/// UTC calendar arithmetic without `DateFormatter` or `Calendar`.
///
/// Every timestamp wirescore writes is UTC (`2026-11-21T18:05:39Z`) and partitions are keyed by
/// UTC day (`2026-11-21`). Formatting them by hand is exact, locale-proof and much faster than
/// Foundation's formatters, which matters when writing tens of thousands of records.
public enum UTCTimestamp {
    /// Civil date and time of day, UTC.
    public struct Components: Sendable, Equatable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            self.year = year; self.month = month; self.day = day
            self.hour = hour; self.minute = minute; self.second = second
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Splits a date into UTC components (seconds truncated toward the past).
    public static func components(of date: Date) -> Components {
        let total = Int(floor(date.timeIntervalSince1970))
        let days = Int(floor(Double(total) / 86_400))
        let secs = total - days * 86_400
        let civil = civilFromDays(days)
        return Components(year: civil.year, month: civil.month, day: civil.day,
                          hour: secs / 3600, minute: (secs % 3600) / 60, second: secs % 60)
    }

    /// The date for UTC components; nil when a field is out of range.
    public static func date(from c: Components, offsetSeconds: Int = 0) -> Date? {
        guard (1...12).contains(c.month), (1...31).contains(c.day), (0...24).contains(c.hour),
              (0...59).contains(c.minute), (0...60).contains(c.second) else { return nil }
        guard c.day <= daysInMonth(year: c.year, month: c.month) else { return nil }
        let days = daysFromCivil(year: c.year, month: c.month, day: c.day)
        let seconds = days * 86_400 + c.hour * 3600 + c.minute * 60 + c.second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 / ISO 8601 UTC with second precision: `2026-11-21T18:05:39Z`.
    public static func rfc3339(_ date: Date) -> String {
        let c = components(of: date)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// Parses exactly the form ``rfc3339(_:)`` writes (`2026-11-21T18:05:39Z`); nil otherwise.
    /// Feeds' free-form dates go through the feed date parser instead.
    public static func parseRFC3339(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count == 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 90 else { return nil }
        func number(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
              let mi = number(14..<16), let sec = number(17..<19) else { return nil }
        return date(from: Components(year: y, month: mo, day: d, hour: h, minute: mi, second: sec))
    }

    /// The UTC day, `2026-11-21`: the partition key.
    public static func day(_ date: Date) -> String {
        let c = components(of: date)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Parses a partition day `YYYY-MM-DD` strictly; nil when malformed or not a real date.
    public static func parseDay(_ s: String) -> Date? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return date(from: Components(year: y, month: m, day: d))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
