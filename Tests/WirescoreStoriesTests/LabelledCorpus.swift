import Foundation
import Testing
import WirescoreCore
import WirescoreStories

/// The hand-written labelled corpus in Fixtures/stories.jsonl: fictional outlets telling
/// fictional events (syndicated copies, rewrites, headline-only variants) plus distractors
/// about the same companies.
struct LabelledArticle: Decodable {
    var id: String
    var event: String
    var outlet: String
    var published: String
    var title: String
    var text: String
    var entities: [String]
}

enum LabelledCorpus {
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    static func load() throws -> [LabelledArticle] {
        guard let url = Bundle.module.url(forResource: "stories", withExtension: "jsonl",
                                          subdirectory: "Fixtures") else {
            throw FixtureError(description: "Fixtures/stories.jsonl is missing from the test bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(LabelledArticle.self, from: Data($0.utf8))
        }
    }

    static func input(_ article: LabelledArticle) throws -> StoryInput {
        guard let published = parseRFC3339(article.published) else {
            throw FixtureError(description: "bad published date \(article.published) in \(article.id)")
        }
        return StoryInput(id: article.id, published: published, title: article.title,
                          text: article.text, entities: article.entities)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` only: the fixture writes nothing else.
    static func parseRFC3339(_ s: String) -> Date? {
        let parts = s.split(separator: "T")
        guard parts.count == 2, let day = UTCTimestamp.parseDay(String(parts[0])) else { return nil }
        let time = parts[1].dropLast().split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, parts[1].hasSuffix("Z") else { return nil }
        return day.addingTimeInterval(TimeInterval(time[0] * 3600 + time[1] * 60 + time[2]))
    }

    /// Pairwise precision and recall of predicted clusters against labelled events.
    static func pairwise(predicted: [String: String], truth: [String: String]) -> (precision: Double, recall: Double) {
        let ids = truth.keys.sorted()
        var truePositive = 0, predictedPairs = 0, truePairs = 0
        for i in ids.indices {
            for j in ids.indices where j > i {
                let samePredicted = predicted[ids[i]] == predicted[ids[j]]
                let sameTruth = truth[ids[i]] == truth[ids[j]]
                if samePredicted { predictedPairs += 1 }
                if sameTruth { truePairs += 1 }
                if samePredicted && sameTruth { truePositive += 1 }
            }
        }
        let precision = predictedPairs == 0 ? 1 : Double(truePositive) / Double(predictedPairs)
        let recall = truePairs == 0 ? 1 : Double(truePositive) / Double(truePairs)
        return (precision, recall)
    }
}
