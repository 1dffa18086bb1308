/// Rewrites the localised date forms that real feeds publish (Korean blog platforms, Greek and
/// Hungarian month names) into forms ``FeedDateParser`` already reads, as feedparser's
/// sub-parsers do. Returns nil when the text holds none of them.
enum FeedLocalizedDate {
    /// Korea Standard Time, which these Korean forms imply.
    private static let kst = "+09:00"

    static func normalize(_ s: String) -> String? {
        if s.contains("년") || s.contains("월") || s.contains("일") || s.contains("오전") || s.contains("오후") {
            return korean(s)
        }
        if let greek = replacingMonths(s, greekMonths) {
            // Drop a leading Greek weekday ("Κυρ, ").
            if let comma = greek.firstIndex(of: ","), greek[..<comma].unicodeScalars.allSatisfy({ !$0.isASCII }) {
                return String(greek[greek.index(after: comma)...])
            }
            return greek
        }
        if let hungarian = replacingMonths(s, hungarianMonths) {
            // "2004-07-13T9:15-05:00": pad a one-digit hour for the ISO reader.
            var text = hungarian
            if let t = text.firstIndex(of: "T") {
                let hourStart = text.index(after: t)
                if let colon = text[hourStart...].firstIndex(of: ":"), text.distance(from: hourStart, to: colon) == 1 {
                    text.insert("0", at: hourStart)
                }
            }
            return text
        }
        return nil
    }

    /// "2004년 05월 28일 01:31:15" and "2004-05-25 오후 11:23:17" (오전 AM, 오후 PM), KST.
    private static func korean(_ s: String) -> String? {
        let isPM = s.contains("오후")
        let isAM = s.contains("오전")
        var numbers: [Int] = []
        var current: Int?
        for scalar in s.unicodeScalars {
            if let digit = Int(String(scalar)), scalar.isASCII {
                current = min(current ?? 0, 1_000_000_000) * 10 + digit   // saturates: no overflow trap
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        if let value = current { numbers.append(value) }
        guard numbers.count >= 3, numbers[0] >= 1000 else { return nil }
        var hour = numbers.count > 3 ? numbers[3] : 0
        if isPM && hour < 12 { hour += 12 }
        if isAM && hour == 12 { hour = 0 }
        let minute = numbers.count > 4 ? numbers[4] : 0
        let second = numbers.count > 5 ? numbers[5] : 0
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(numbers[0])-\(two(numbers[1]))-\(two(numbers[2]))T\(two(hour)):\(two(minute)):\(two(second))\(kst)"
    }

    private static func replacingMonths(_ s: String, _ table: [(String, String)]) -> String? {
        let lowered = s.lowercased()
        for (name, replacement) in table {
            if let range = lowered.range(of: name) {
                // Same prefix length in the original string: lowercasing kept these scalars 1:1.
                let start = s.unicodeScalars.index(s.unicodeScalars.startIndex,
                                                   offsetBy: lowered.unicodeScalars.distance(from: lowered.unicodeScalars.startIndex, to: range.lowerBound))
                let end = s.unicodeScalars.index(start, offsetBy: name.unicodeScalars.count)
                var out = s
                out.replaceSubrange(start..<end, with: replacement)
                return out
            }
        }
        return nil
    }

    /// Longest names first so "ιούλ" wins over a shorter overlap.
    private static let greekMonths: [(String, String)] = [
        ("ιαν", "Jan"), ("φεβ", "Feb"), ("μάρ", "Mar"), ("μαρ", "Mar"), ("απρ", "Apr"), ("μάι", "May"),
        ("μαϊ", "May"), ("μαΐ", "May"), ("μαι", "May"), ("ιούν", "Jun"), ("ιουν", "Jun"), ("ιούλ", "Jul"),
        ("ιουλ", "Jul"), ("αύγ", "Aug"), ("αυγ", "Aug"), ("σεπ", "Sep"), ("οκτ", "Oct"), ("νοέ", "Nov"),
        ("νοε", "Nov"), ("δεκ", "Dec"),
    ]

    private static let hungarianMonths: [(String, String)] = [
        ("január", "01"), ("február", "02"), ("március", "03"), ("április", "04"), ("május", "05"),
        ("június", "06"), ("július", "07"), ("augusztus", "08"), ("szeptember", "09"), ("október", "10"),
        ("november", "11"), ("december", "12"),
    ]
}
