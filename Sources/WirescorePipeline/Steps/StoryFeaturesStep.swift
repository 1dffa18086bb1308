import Foundation
import WirescoreCore
import WirescoreStories

/// `story`: the words' features (SimHash and frequent terms) the same-story index clusters
/// on. Computed here, on the worker; the single writer only matches them and sets `story`.
struct StoryFeaturesStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(
        name: "story", summary: "same-story clustering features; the writer assigns story and novelty"
    ) { _ in StoryFeaturesStep() }

    var name: String { "story" }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        let record = try draft.requireRecord(by: name)
        draft.storyFeatures = StoryFeatures(title: record.title, text: record.text)
    }
}
