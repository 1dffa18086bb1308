import Foundation
import WirescoreCore

/// Parses the dates pages put in their metadata: ISO 8601 / RFC 3339 variants, RFC 822/1123
/// (`Tue, 03 Jun 2008 11:05:30 GMT`), and dates embedded in URL paths (`/2024/03/05/`).
///
/// Kept separate from the feed date parser on purpose: pages are looser (no seconds, missing
/// `T`, a bare date) and the extractor must not depend on the feeds module. Dates without a zone
/// are taken as UTC; a bare day is midnight UTC. Implausible values (month 13, year 1200) are nil.
public enum PageDateParser {
    /// Parses a metadata date string; nil when it is not a recognisable date.
    public static func parse(_ raw: String) -> Date? {
        let s = Array(raw.utf8)
        var i = 0
        while i < s.count, s[i] <= 0x20 { i += 1 }
        guard i < s.count else { return nil }
        if isDigit(s[i]) { return iso(s, from: i) ?? dayMonthYear(s, from: i) }
        return rfc822(s, from: i)
    }

    /// Finds `/YYYY/MM/DD/` (or `/YYYY-MM-DD`) in a URL path; nil when absent.
    public static func dateInURL(_ url: String) -> Date? {
        let s = Array(url.utf8)
        var i = 0
        while i + 10 <= s.count {
            if s[i] == UInt8(ascii: "/"), let y = number(s, i + 1, 4), y >= 1995, y <= 2100 {
                let sep = i + 5 < s.count ? s[i + 5] : 0
                if sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-"),
                   let m = number(s, i + 6, 2), i + 8 < s.count, s[i + 8] == sep,
                   let d = number(s, i + 9, 2) {
                    if let date = make(y, m, d, 0, 0, 0, 0) { return date }
                }
            }
            i += 1
        }
        return nil
    }

    private static func iso(_ s: [UInt8], from start: Int) -> Date? {
        guard let y = number(s, start, 4), start + 4 < s.count else { return nil }
        var i = start + 4
        let sep = s[i]
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        i += 1
        guard let (m, ml) = number1or2(s, i) else { return nil }
        i += ml
        guard i < s.count, s[i] == sep else { return nil }
        i += 1
        guard let (d, dl) = number1or2(s, i) else { return nil }
        i += dl
        var hh = 0, mm = 0, ss = 0, offset = 0
        if i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == 0x20 {
            if let h = number(s, i + 1, 2), i + 3 < s.count, s[i + 3] == UInt8(ascii: ":"), let mi = number(s, i + 4, 2) {
                hh = h; mm = mi
                i += 6
                if i < s.count, s[i] == UInt8(ascii: ":"), let se = number(s, i + 1, 2) {
                    ss = se; i += 3
                    if i < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                        i += 1
                        while i < s.count, isDigit(s[i]) { i += 1 }
                    }
                }
                while i < s.count, s[i] == 0x20 { i += 1 }
                if i < s.count {
                    if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") { offset = 0 }
                    else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                        let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                        if let oh = number(s, i + 1, 2) {
                            var om = 0
                            if let m2 = number(s, i + 3, 2) { om = m2 }
                            else if i + 3 < s.count, s[i + 3] == UInt8(ascii: ":"), let m3 = number(s, i + 4, 2) { om = m3 }
                            offset = sign * (oh * 3600 + om * 60)
                        }
                    }
                }
            }
        }
        return make(y, m, d, hh, mm, ss, offset)
    }

    /// `05.03.2024` / `05/03/2024` (day first, as most of the world writes it).
    private static func dayMonthYear(_ s: [UInt8], from start: Int) -> Date? {
        guard let (d, dl) = number1or2(s, start) else { return nil }
        var i = start + dl
        guard i < s.count else { return nil }
        let sep = s[i]
        guard sep == UInt8(ascii: ".") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let (m, ml) = number1or2(s, i) else { return nil }
        i += ml
        guard i < s.count, s[i] == sep, let y = number(s, i + 1, 4) else { return nil }
        return make(y, m, d, 0, 0, 0, 0)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1,
    ]

    /// RFC 822/1123 and the looser `March 5, 2024 10:00 AM` style, by tokens.
    private static func rfc822(_ s: [UInt8], from start: Int) -> Date? {
        var tokens: [String] = []
        var cur: [UInt8] = []
        for c in s[start...] {
            if c == 0x20 || c == UInt8(ascii: ",") || c == 0x09 {
                if !cur.isEmpty { tokens.append(String(decoding: cur, as: UTF8.self).lowercased()); cur.removeAll() }
            } else { cur.append(c) }
        }
        if !cur.isEmpty { tokens.append(String(decoding: cur, as: UTF8.self).lowercased()) }
        var day: Int?, month: Int?, year: Int?, hh = 0, mm = 0, ss = 0, offset = 0
        for t in tokens {
            if month == nil, t.count >= 3, let mi = months.firstIndex(of: String(t.prefix(3))), t.first?.isLetter == true {
                month = mi + 1; continue
            }
            if t.contains(":") {
                let parts = t.split(separator: ":").map { Int($0.filter(\.isNumber)) }
                if parts.count >= 2, let h = parts[0], let mi = parts[1] {
                    hh = h; mm = mi; ss = parts.count > 2 ? (parts[2] ?? 0) : 0
                    if t.hasSuffix("pm"), hh < 12 { hh += 12 }
                    if t.hasSuffix("am"), hh == 12 { hh = 0 }
                }
                continue
            }
            if t == "pm", hh < 12 { hh += 12; continue }
            if t == "am", hh == 12 { hh = 0; continue }
            if (t.hasPrefix("+") || t.hasPrefix("-")), t.count == 5, let v = Int(t.dropFirst()) {
                let sign = t.hasPrefix("-") ? -1 : 1
                offset = sign * ((v / 100) * 3600 + (v % 100) * 60); continue
            }
            if let z = zones[t] { offset = z * 3600; continue }
            let digits = t.filter(\.isNumber)
            if let n = Int(digits), digits.count == t.count || t.hasSuffix("st") || t.hasSuffix("nd") || t.hasSuffix("rd") || t.hasSuffix("th") {
                if digits.count == 4 { year = n } else if digits.count <= 2, day == nil { day = n }
            }
        }
        guard let y = year, let m = month, let d = day else { return nil }
        return make(y, m, d, hh, mm, ss, offset)
    }

    private static func make(_ y: Int, _ m: Int, _ d: Int, _ hh: Int, _ mm: Int, _ ss: Int, _ offset: Int) -> Date? {
        guard y >= 1900, y <= 2200, m >= 1, m <= 12, d >= 1, d <= UTCTimestamp.daysInMonth(year: y, month: m),
              hh < 24, mm < 60, ss <= 60 else { return nil }
        return UTCTimestamp.date(from: .init(year: y, month: m, day: d, hour: hh, minute: mm, second: min(ss, 59)),
                                 offsetSeconds: offset)
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func number(_ s: [UInt8], _ at: Int, _ width: Int) -> Int? {
        guard at >= 0, at + width <= s.count else { return nil }
        var v = 0
        for k in at..<at + width {
            guard isDigit(s[k]) else { return nil }
            v = v * 10 + Int(s[k] - 0x30)
        }
        return v
    }

    private static func number1or2(_ s: [UInt8], _ at: Int) -> (Int, Int)? {
        if let v = number(s, at, 2) { return (v, 2) }
        if let v = number(s, at, 1) { return (v, 1) }
        return nil
    }
}
