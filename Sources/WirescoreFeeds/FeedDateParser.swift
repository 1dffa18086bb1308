import Foundation
import WirescoreCore

/// Parses the date formats found in feeds into UTC instants, without `DateFormatter`.
///
/// Covers RFC 822/1123/2822 (named and numeric zones, military zones, missing seconds or
/// weekday, two-digit years, single-digit days, a comma after the month), W3CDTF / ISO 8601
/// (extended and basic, fractional seconds, offsets, date-only, year-month, year, ordinal,
/// two-digit-year forms), asctime (`Sun Jan  4 16:29:06 2004`, with or without a zone before the
/// year), `YYYY/MM/DD` dates and a space instead of `T`. Anything else, or an out-of-range field,
/// gives nil. A hand-written scanner over UTF-8 bytes: cheap enough to run on every entry.
public enum FeedDateParser {
    /// The instant `s` denotes, or nil when it is not a recognised date.
    public static func parse(_ s: String) -> Date? {
        if s.utf8.contains(where: { $0 >= 0x80 }), let normalized = FeedLocalizedDate.normalize(s), normalized != s {
            return parse(normalized)
        }
        var bytes = Array(s.utf8)
        // Trim white space.
        while let l = bytes.last, isSpace(l) { bytes.removeLast() }
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        if start > 0 { bytes.removeFirst(start) }
        guard !bytes.isEmpty, bytes.count < 100 else { return nil }
        if isDigit(bytes[0]) || (bytes[0] == UInt8(ascii: "-") && bytes.count > 1 && isDigit(bytes[1])) {
            if let d = parseISO(bytes) { return d }
        }
        return parseRFC822(bytes)
    }

    // MARK: - ISO 8601 / W3CDTF

    private struct Cursor {
        let b: [UInt8]
        var i = 0
        var atEnd: Bool { i >= b.count }
        var peek: UInt8? { i < b.count ? b[i] : nil }
        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            if let p = peek, UInt32(p) == c.value { i += 1; return true }
            return false
        }
        /// Reads up to `max` digits; returns (value, count). The value is exact up to 10^10 and
        /// saturates beyond (a 20-digit fraction of a second would overflow Int).
        mutating func digits(max: Int = 9) -> (Int, Int) {
            var v = 0, n = 0
            while n < max, let p = peek, isDigit(p) { v = min(v, 1_000_000_000) * 10 + Int(p - 48); i += 1; n += 1 }
            return (v, n)
        }
        func digitRun() -> Int {
            var k = i
            while k < b.count, isDigit(b[k]) { k += 1 }
            return k - i
        }
    }

    private static func parseISO(_ b: [UInt8]) -> Date? {
        var c = Cursor(b: b)
        var year = 0, month = 1, day = 1
        var ordinal: Int?
        if c.eat("-") {
            // -YYMM, -YY-MM (implied century), -YY
            let run = c.digitRun()
            if run == 4 {
                let (v, _) = c.digits(max: 4); year = expandYear(v / 100); month = v % 100
            } else if run == 2 {
                let (v, _) = c.digits(max: 2); year = expandYear(v)
                if c.eat("-") { let (m, n) = c.digits(max: 2); guard n == 2 else { return nil }; month = m }
            } else { return nil }
        } else {
            let run = c.digitRun()
            switch run {
            case 4:
                year = c.digits(max: 4).0
                if c.eat("-") {
                    let r = c.digitRun()
                    if r == 3 {
                        // Ordinal YYYY-DDD, or a zero-padded month when a day follows.
                        let (v, _) = c.digits(max: 3)
                        if c.peek == UInt8(ascii: "-") { month = v } else { ordinal = v }
                    } else if r == 2 || r == 1 {
                        month = c.digits(max: 2).0
                    } else { return nil }
                    if ordinal == nil, c.eat("-") {
                        let (d, n) = c.digits(max: 2); guard n >= 1 else { return nil }; day = d
                    }
                } else if c.digitRun() == 0, c.peek == nil || c.peek == UInt8(ascii: "T") || c.peek == UInt8(ascii: " ") {
                    // Year only.
                }
            case 8:
                let (v, _) = c.digits(max: 8)
                year = v / 10000; month = (v / 100) % 100; day = v % 100
            case 7:
                let (v, _) = c.digits(max: 7)
                year = v / 1000; ordinal = v % 1000
            case 6:
                let (v, _) = c.digits(max: 6)
                year = expandYear(v / 10000); month = (v / 100) % 100; day = v % 100
            case 5:
                let (v, _) = c.digits(max: 5)
                year = expandYear(v / 1000); ordinal = v % 1000
            case 2:
                year = expandYear(c.digits(max: 2).0)
                guard c.eat("-") else { return nil }
                let (m, n) = c.digits(max: 2); guard n == 2 else { return nil }; month = m
                if c.eat("-") { let (d, dn) = c.digits(max: 2); guard dn == 2 else { return nil }; day = d }
            default:
                return nil
            }
        }
        if let ordinal {
            guard ordinal >= 1, ordinal <= (UTCTimestamp.isLeap(year) ? 366 : 365) else { return nil }
            let days = UTCTimestamp.daysFromCivil(year: year, month: 1, day: 1) + ordinal - 1
            let civil = UTCTimestamp.civilFromDays(days)
            month = civil.month; day = civil.day
        }
        var hour = 0, minute = 0, second = 0, offset = 0
        if c.eat("T") || c.eat("t") || c.eat(" ") {
            while c.eat(" ") {}
            let run = c.digitRun()
            if run == 4 || run == 6 {
                let (v, _) = c.digits(max: run)
                if run == 4 { hour = v / 100; minute = v % 100 } else { hour = v / 10000; minute = (v / 100) % 100; second = v % 100 }
            } else {
                let (h, hn) = c.digits(max: 2); guard hn >= 1 else { return nil }; hour = h
                if c.eat(":") {
                    let (m, mn) = c.digits(max: 2); guard mn == 2 else { return nil }; minute = m
                    if c.eat(":") {
                        let (s, sn) = c.digits(max: 2); guard sn == 2 else { return nil }; second = s
                    }
                }
            }
            if c.eat(".") || c.eat(",") {
                let (_, n) = c.digits(max: 20); guard n >= 1 else { return nil }
            }
            while c.eat(" ") {}
            if !c.atEnd {
                guard let off = parseNumericZone(&c, allowName: true) else { return nil }
                offset = off
            }
        }
        guard c.atEnd else { return nil }
        return UTCTimestamp.date(from: .init(year: year, month: month, day: day, hour: hour, minute: minute, second: second),
                                 offsetSeconds: offset)
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`/`GMT` followed by an optional offset.
    private static func parseNumericZone(_ c: inout Cursor, allowName: Bool) -> Int? {
        if c.eat("Z") || c.eat("z") { return c.atEnd ? 0 : nil }
        if allowName, let p = c.peek, isLetter(p) {
            var name: [UInt8] = []
            while let q = c.peek, isLetter(q) || q == UInt8(ascii: "/") { name.append(q); c.i += 1 }
            guard let base = zoneOffset(name) else { return nil }
            if c.atEnd { return base }
            guard let extra = parseNumericZone(&c, allowName: false) else { return nil }
            return base + extra
        }
        let sign: Int
        if c.eat("+") { sign = 1 } else if c.eat("-") { sign = -1 } else { return nil }
        let run = c.digitRun()
        var h = 0, m = 0
        if run == 4 {
            let (v, _) = c.digits(max: 4); h = v / 100; m = v % 100
        } else if run == 2 || run == 1 {
            h = c.digits(max: 2).0
            if c.eat(":") { let (v, n) = c.digits(max: 2); guard n == 2 else { return nil }; m = v }
        } else { return nil }
        guard h <= 23, m <= 59, c.atEnd else { return nil }
        return sign * (h * 3600 + m * 60)
    }

    private static func expandYear(_ yy: Int) -> Int { yy < 70 ? 2000 + yy : 1900 + yy }

    // MARK: - RFC 822 family and asctime

    private enum Token: Equatable {
        case number(Int, Int)      // value, digit count
        case word([UInt8])         // lowercased letters (may contain '/')
        case time(Int, Int, Int)
        case zone(Int)
    }

    private static func parseRFC822(_ b: [UInt8]) -> Date? {
        var tokens: [Token] = []
        var i = 0
        let n = b.count
        while i < n {
            let ch = b[i]
            if isSpace(ch) || ch == UInt8(ascii: ",") { i += 1; continue }
            if isDigit(ch) {
                var j = i
                while j < n, isDigit(b[j]) { j += 1 }
                if j < n, b[j] == UInt8(ascii: ":") {
                    // A time: H:M[:S]
                    var parts: [Int] = []
                    var k = i
                    while true {
                        var v = 0, d = 0
                        while k < n, isDigit(b[k]) { v = min(v, 1_000_000_000) * 10 + Int(b[k] - 48); k += 1; d += 1 }
                        guard d >= 1, d <= 2 else { return nil }
                        parts.append(v)
                        if k < n, b[k] == UInt8(ascii: ":") { k += 1 } else { break }
                    }
                    guard parts.count == 2 || parts.count == 3 else { return nil }
                    if k < n, b[k] == UInt8(ascii: ".") {
                        k += 1
                        while k < n, isDigit(b[k]) { k += 1 }
                    }
                    tokens.append(.time(parts[0], parts[1], parts.count == 3 ? parts[2] : 0))
                    i = k
                    continue
                }
                if j < n, b[j] == UInt8(ascii: "/") {
                    // YYYY/MM/DD
                    var parts: [(Int, Int)] = []
                    var k = i
                    while true {
                        var v = 0, d = 0
                        while k < n, isDigit(b[k]) { v = min(v, 1_000_000_000) * 10 + Int(b[k] - 48); k += 1; d += 1 }
                        guard d >= 1 else { return nil }
                        parts.append((v, d))
                        if k < n, b[k] == UInt8(ascii: "/") { k += 1 } else { break }
                    }
                    guard parts.count == 3, parts[0].1 == 4 else { return nil }
                    tokens.append(.word(Array("#ymd".utf8)))
                    tokens.append(.number(parts[0].0, 4))
                    tokens.append(.number(parts[1].0, parts[1].1))
                    tokens.append(.number(parts[2].0, parts[2].1))
                    i = k
                    continue
                }
                var v = 0
                for k in i..<j { v = v &* 10 &+ Int(b[k] - 48) }
                guard j - i <= 4 else { return nil }
                tokens.append(.number(v, j - i))
                i = j
                continue
            }
            if ch == UInt8(ascii: "+") || ch == UInt8(ascii: "-") {
                var c = Cursor(b: b, i: i)
                let sign = ch == UInt8(ascii: "+") ? 1 : -1
                c.i += 1
                let run = c.digitRun()
                var h = 0, m = 0
                if run == 4 {
                    let (v, _) = c.digits(max: 4); h = v / 100; m = v % 100
                } else if run == 1 || run == 2 {
                    h = c.digits(max: 2).0
                    if c.eat(":") { let (v, d) = c.digits(max: 2); guard d == 2 else { return nil }; m = v }
                } else { return nil }
                guard h <= 23, m <= 59 else { return nil }
                tokens.append(.zone(sign * (h * 3600 + m * 60)))
                i = c.i
                continue
            }
            if isLetter(ch) || ch >= 0x80 {
                var j = i
                var word: [UInt8] = []
                while j < n, isLetter(b[j]) || b[j] >= 0x80 || b[j] == UInt8(ascii: "/") || b[j] == UInt8(ascii: ".") {
                    if b[j] != UInt8(ascii: ".") { word.append(b[j].asciiLowercased) }
                    j += 1
                }
                tokens.append(.word(word))
                i = j
                continue
            }
            return nil
        }
        return interpret(tokens)
    }

    private static func interpret(_ input: [Token]) -> Date? {
        var tokens = input
        // Drop a leading weekday name.
        if case let .word(w)? = tokens.first, weekday(w) { tokens.removeFirst() }
        var year: Int?, month: Int?, day: Int?
        var time: (Int, Int, Int)?
        var offset: Int?
        var sawZoneName = false
        var k = 0
        if case let .word(w)? = tokens.first, w == Array("#ymd".utf8) {
            guard tokens.count >= 4, case let .number(y, _) = tokens[1], case let .number(m, _) = tokens[2],
                  case let .number(d, _) = tokens[3] else { return nil }
            year = y; month = m; day = d
            k = 4
        } else {
            // Date part: "D Month Y" or "Month D [time] [zone] Y".
            var numbers: [(Int, Int)] = []
            while k < tokens.count {
                let t = tokens[k]
                switch t {
                case let .number(v, d):
                    if numbers.count >= 2 || (month != nil && numbers.count == 1 && time != nil) {
                        numbers.append((v, d))
                    } else {
                        numbers.append((v, d))
                    }
                case let .word(w):
                    if month == nil, let m = monthNumber(w) { month = m }
                    else if let z = zoneOffset(w) {
                        guard offset == nil else { return nil }
                        offset = z; sawZoneName = true
                    } else { return nil }
                case let .time(h, m, s):
                    guard time == nil else { return nil }
                    time = (h, m, s)
                case let .zone(z):
                    if sawZoneName, let base = offset { offset = base + z } else {
                        guard offset == nil else { return nil }
                        offset = z
                    }
                }
                k += 1
            }
            guard month != nil, numbers.count == 2 else { return nil }
            // Which number is the year: the one with 3-4 digits, else the later one.
            if numbers[0].1 >= 3 { year = numbers[0].0; day = numbers[1].0 }
            else { day = numbers[0].0; year = numbers[1].1 <= 2 ? expandYear(numbers[1].0) : numbers[1].0 }
            guard let d = day, d >= 1, d <= 31 else { return nil }
            k = tokens.count
        }
        while k < tokens.count {
            switch tokens[k] {
            case let .time(h, m, s): guard time == nil else { return nil }; time = (h, m, s)
            case let .zone(z):
                if sawZoneName, let base = offset { offset = base + z } else { guard offset == nil else { return nil }; offset = z }
            case let .word(w):
                guard let z = zoneOffset(w), offset == nil else { return nil }
                offset = z; sawZoneName = true
            case .number: return nil
            }
            k += 1
        }
        guard let y = year, let m = month, let d = day else { return nil }
        let (h, mi, s) = time ?? (0, 0, 0)
        guard h <= 23, mi <= 59, s <= 60 else { return nil }
        return UTCTimestamp.date(from: .init(year: y, month: m, day: d, hour: h, minute: mi, second: min(s, 59)),
                                 offsetSeconds: offset ?? 0)
    }

    // MARK: - Names

    private static let months: [(String, Int)] = [
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6),
        ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]
    private static let fullMonths = ["january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"]

    private static func monthNumber(_ w: [UInt8]) -> Int? {
        guard w.count >= 3 else { return nil }
        let s = String(decoding: w, as: UTF8.self)
        if w.count == 3 || s == "sept" {
            return months.first { s.hasPrefix($0.0) }?.1
        }
        if let i = fullMonths.firstIndex(of: s) { return i + 1 }
        return nil
    }

    /// Weekday names as the scanner lowercases them (built once: this runs for most RSS dates).
    private static let weekdays: Set<[UInt8]> = Set(
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
         "friday", "saturday", "sunday", "tues", "thur", "thurs"].map { Array($0.utf8) })

    private static func weekday(_ w: [UInt8]) -> Bool {
        weekdays.contains(w)
    }

    private static func zoneOffset(_ w: [UInt8]) -> Int? {
        let s = String(decoding: w, as: UTF8.self).lowercased()
        let hours: Int
        switch s {
        case "ut", "utc", "gmt", "z", "etc/gmt", "etc/utc", "wet": hours = 0
        case "est", "et": hours = -5
        case "edt": hours = -4
        case "cst", "ct": hours = -6
        case "cdt": hours = -5
        case "mst", "mt": hours = -7
        case "mdt": hours = -6
        case "pst", "pt": hours = -8
        case "pdt": hours = -7
        case "ast", "at": hours = -4
        case "adt": hours = -3
        case "akst": hours = -9
        case "akdt": hours = -8
        case "hst": hours = -10
        case "met", "cet", "bst", "west": hours = 1
        case "mest", "cest", "eet": hours = 2
        case "eest", "msk": hours = 3
        case "jst", "kst": hours = 9
        default:
            // RFC 822 military zones (as RFC 822 defines them).
            guard w.count == 1, let c = w.first else { return nil }
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "i"): hours = -Int(c - UInt8(ascii: "a") + 1)
            case UInt8(ascii: "k")...UInt8(ascii: "m"): hours = -Int(c - UInt8(ascii: "k") + 10)
            case UInt8(ascii: "n")...UInt8(ascii: "y"): hours = Int(c - UInt8(ascii: "n") + 1)
            default: return nil
            }
        }
        return hours * 3600
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
}
