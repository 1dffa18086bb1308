import Foundation

/// The plot area of an SVG chart and the mapping from data to its coordinates.
///
/// Charts are drawn in a fixed viewBox and scaled by CSS, so coordinates are stable numbers
/// (one decimal) and the same data always gives the same bytes.
struct ChartFrame {
    var width = 640.0
    var height = 220.0
    var left = 40.0
    var right = 58.0
    var top = 12.0
    var bottom = 28.0

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// The x of slot `index` of `count` evenly spaced slots (centred when there is one).
    func x(_ index: Int, of count: Int) -> Double {
        count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(count - 1)
    }

    /// The centre of band `index` of `count` equal bands (bar charts).
    func bandX(_ index: Int, of count: Int) -> Double {
        left + plotWidth * (Double(index) + 0.5) / Double(max(1, count))
    }

    /// The y of `value` on a scale from `min` (bottom) to `max` (top).
    func y(_ value: Double, min: Double, max: Double) -> Double {
        let span = max - min
        let share = span > 0 ? (value - min) / span : 0.5
        return top + plotHeight * (1 - Swift.min(1, Swift.max(0, share)))
    }

    var viewBox: String { "0 0 \(Int(width)) \(Int(height))" }
}

/// Fixed-precision numbers for SVG and tables: locale-free and deterministic.
enum Number {
    /// One decimal, "-0.0" written "0.0"; by hand because String(format:) dominated large reports.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0.0" }
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func signed(_ value: Double, _ digits: Int) -> String { String(format: "%+.\(digits)f", value) }
    static func percent(_ fraction: Double) -> String { String(format: "%+.1f%%", fraction * 100) }
}

/// The x-axis day labels: first, middle and last (fewer when there are fewer days).
func dayTicks(_ days: [String]) -> [(index: Int, day: String)] {
    guard !days.isEmpty else { return [] }
    let picks = Array(Set([0, (days.count - 1) / 2, days.count - 1])).sorted()
    return picks.map { ($0, days[$0]) }
}
