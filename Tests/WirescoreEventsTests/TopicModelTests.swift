import Foundation
import Testing
@testable import WirescoreEvents

/// The Swift port of the event-topic model agrees with the Python reference on headlines
/// written for the purpose (scripts/events/golden.jsonl): tokens, feature ids, logits within
/// 1e-4, and stage 2's scores (given the rule groups wirescore's rules find in the headline)
/// within 1e-4 and its decision.
struct TopicModelTests {
    struct Golden: Decodable, Sendable {
        var text: String
        var tokens: [String]
        var feature_ids: [UInt32]
        var logits: [Double]
        var groups: [String]
        var scores: [Double]
        var event_type: String?
    }

    static let golden: [Golden] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/events/golden.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Golden.self, from: Data($0.utf8)) }
    }()

    @Test func theBuiltInModelLoads() throws {
        let model = try #require(TopicModel.builtin)
        #expect(model.eventTypes.count == 11 && model.eventTypes.last == "")
        #expect(Self.golden.count >= 20)
        #expect(model.isStacked)
    }

    @Test func matchesThePythonReference() throws {
        let model = try #require(TopicModel.builtin)
        for g in Self.golden {
            #expect(TopicFeatures.tokens(g.text).map { String(decoding: $0, as: UTF8.self) } == g.tokens, "\(g.text)")
            #expect(model.features.ids(g.text) == g.feature_ids, "\(g.text)")
            let z = model.logits(g.text)
            #expect(zip(z, g.logits).allSatisfy { abs($0 - $1) < 1e-4 }, "\(g.text): \(z) vs \(g.logits)")
            let s = model.scores(z, ruleGroups: Set(g.groups))
            #expect(zip(s, g.scores).allSatisfy { abs($0 - $1) < 1e-4 }, "\(g.text): \(s) vs \(g.scores)")
            let want = (g.event_type ?? "").isEmpty ? nil : g.event_type
            #expect(model.decide(g.text, ruleGroups: Set(g.groups)).eventType == want, "\(g.text)")
        }
    }

    @Test func damagedModelsAreRefused() {
        #expect(throws: TopicModel.FormatError.self) { try TopicModel(bytes: Array("WSEVTOPC".utf8)) }
        #expect(throws: TopicModel.FormatError.self) { try TopicModel(bytes: Array("not a model at all".utf8)) }
    }
}

/// The model's id-to-row table finds every row, nothing else, and the first of a repeated id.
@Suite struct FeatureRowIndexTests {
    @Test func everyIdFindsItsRow() {
        var state: UInt64 = 42
        var ids: [UInt32] = []
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            ids.append(UInt32(truncatingIfNeeded: state >> 34))   // 30 bits, like the model's
        }
        ids = Array(Set(ids)).sorted()
        let index = FeatureRowIndex(ids)
        for (row, id) in ids.enumerated() { #expect(index.row(of: id) == Int32(row)) }
        let known = Set(ids)
        var absent = 0
        for probe in stride(from: UInt32(1), to: 1 << 30, by: 104_729) where !known.contains(probe) {
            #expect(index.row(of: probe) == nil)
            absent += 1
        }
        #expect(absent > 10_000)
        #expect(FeatureRowIndex([7, 7, 9]).row(of: 7) == 0)
        #expect(FeatureRowIndex([]).row(of: 7) == nil)
    }
}
