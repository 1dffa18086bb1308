import Foundation
import Testing
import WirescoreEntities
@testable import WirescoreEvents

/// The detector, with the built-in headline model, against the project's own labelled set
/// (Fixtures/own-events.jsonl: 320 headlines written for wirescore, not taken from any data
/// set): every event group, directions, both roles of two-company events, passive voice,
/// negations and headlines with no corporate event.
///
/// - type accuracy: share of headlines whose events are right as a whole: every expected type
///   is found and nothing of another group is (a headline expecting none must get none).
/// - role accuracy: share of expected (type, company, role) triples found exactly; a company
///   of `null` is one the built-in gazetteer does not list, so only type and role are checked.
///
/// Both must reach 0.85. The figures are printed on every run; misses are listed.
struct OwnSetTests {
    struct Expected: Decodable, Sendable {
        var type: String
        var company: String?
        var role: String
    }

    struct Row: Decodable, Sendable {
        var text: String
        var events: [Expected]
    }

    static let rows: [Row] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/own-events.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Row.self, from: Data($0.utf8)) }
    }()

    static let bar = 0.85

    @Test func typeAndRoleAccuracyReachTheBar() throws {
        try #require(Self.rows.count >= 300, "the fixture must hold at least 300 headlines")
        let detector = EventDetector(matcher: EntityMatcher(gazetteer: .builtin))
        var typeRight = 0, rolesRight = 0, rolesTotal = 0
        var misses: [String] = []
        for row in Self.rows {
            let found = detector.detect(title: row.text, text: "")
            let groups = Set(row.events.map { EventKind.group(of: $0.type) })
            let typesOK = row.events.isEmpty
                ? found.isEmpty
                : row.events.allSatisfy { want in found.contains { $0.type == want.type } }
                    && found.allSatisfy { groups.contains(EventKind.group(of: $0.type)) }
            if typesOK { typeRight += 1 }
            var rolesOK = true
            for want in row.events {
                rolesTotal += 1
                if found.contains(where: { $0.type == want.type && $0.role == want.role
                                           && (want.company == nil || $0.company == want.company) }) {
                    rolesRight += 1
                } else {
                    rolesOK = false
                }
            }
            if !typesOK || !rolesOK {
                misses.append("\(row.text) -> \(found.map { "\($0.type) \($0.company ?? "-") \($0.role)" })")
            }
        }
        let typeAccuracy = Double(typeRight) / Double(Self.rows.count)
        let roleAccuracy = Double(rolesRight) / Double(max(1, rolesTotal))
        print("own event set: \(Self.rows.count) headlines; type accuracy \(String(format: "%.3f", typeAccuracy))"
              + " (\(typeRight)/\(Self.rows.count)); role accuracy \(String(format: "%.3f", roleAccuracy))"
              + " (\(rolesRight)/\(rolesTotal))")
        for miss in misses { print("  miss: \(miss)") }
        #expect(typeAccuracy >= Self.bar, "type accuracy \(typeAccuracy) under \(Self.bar)")
        #expect(roleAccuracy >= Self.bar, "role accuracy \(roleAccuracy) under \(Self.bar)")
    }
}
