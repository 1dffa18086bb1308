import Foundation
import WirescoreComposites
import Yams

/// Reads the pipeline's `composites:` section into a ``CompositeConfiguration``.
///
///     composites:
///       alpha:
///         title: Alpha Score
///         signals:
///           momentum:  {weight: 30, source: factor, column: momentum, window: 45}
///           sentiment: {weight: 20, source: news_sentiment, window: 30, half_life: 7}
///
/// Sources: `news_sentiment`, `news_momentum` (`short_window` against `window`), `buzz`,
/// `events` (corporate events, `weights` by type prefix, `half_life`), and
/// `factor` (a `column` of the pipeline's `factors` file; `higher_is_better: false` for
/// multiples). Every error names the file and line.
enum CompositesLoader {
    static func parse(_ node: Node, file: String) throws(PipelineError) -> CompositeConfiguration {
        guard let mapping = node.mapping else {
            throw PipelineError(file: file, line: node.mark?.line, reason: "'composites' must map composite names to definitions")
        }
        var composites: [CompositeDefinition] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty else {
                throw PipelineError(file: file, line: key.mark?.line, reason: "composite names must be strings")
            }
            var fields = try YAMLFields(value, file: file, what: "composite '\(name)'")
            let title = try fields.string("title")
            guard let signalsNode = fields.value("signals"), let signalMap = signalsNode.mapping, signalMap.count > 0 else {
                throw PipelineError(file: file, line: value.mark?.line, reason: "composite '\(name)' needs a 'signals' mapping")
            }
            var signals: [SignalDefinition] = []
            for (signalKey, signalValue) in signalMap {
                guard let signalName = signalKey.string else {
                    throw PipelineError(file: file, line: signalKey.mark?.line, reason: "signal names must be strings")
                }
                signals.append(try parseSignal(signalName, signalValue, file: file))
            }
            try fields.rejectUnknownKeys()
            composites.append(CompositeDefinition(name: name, title: title, signals: signals))
        }
        let configuration = CompositeConfiguration(composites: composites, version: WirescoreVersion.scoring)
        do {
            try configuration.validate(file: file)
        } catch {
            throw PipelineError(file: file, line: node.mark?.line, reason: error.reason)
        }
        return configuration
    }

    private static func parseSignal(_ name: String, _ node: Node, file: String) throws(PipelineError) -> SignalDefinition {
        var f = try YAMLFields(node, file: file, what: "signal '\(name)'")
        guard let weightNode = f.value("weight"), let weight = weightNode.float ?? weightNode.int.map(Double.init), weight > 0 else {
            throw PipelineError(file: file, line: node.mark?.line, reason: "signal '\(name)' needs a positive 'weight'")
        }
        let source = try f.string("source") ?? "factor"
        let kind: SignalKind
        switch source {
        case "news_sentiment": kind = .newsSentiment
        case "news_momentum": kind = .newsMomentum
        case "buzz": kind = .buzz
        case "events":
            var weights: [String: Double] = [:]
            if let node = f.value("weights") {
                guard let map = node.mapping else {
                    throw f.error(node, "signal '\(name)': 'weights' must map event types to numbers, got \(YAMLFields.found(node))")
                }
                for (typeNode, weightNode) in map {
                    guard let type = typeNode.string, !type.isEmpty,
                          let weight = weightNode.float ?? weightNode.int.map(Double.init), weight >= 0, weight.isFinite else {
                        throw PipelineError(file: file, line: weightNode.mark?.line ?? typeNode.mark?.line,
                                            reason: "signal '\(name)': event weights must be numbers >= 0 keyed by type (e.g. analyst: 1.5)")
                    }
                    weights[type] = weight
                }
            }
            kind = .events(weights: EventWeights(weights))
        case "factor":
            kind = .external(column: try f.string("column") ?? name)
        default:
            throw f.error(f.value("source"), "signal '\(name)': source must be news_sentiment, news_momentum, buzz, events or factor, got '\(source)'")
        }
        var signal = SignalDefinition(name: name, weight: weight, kind: kind)
        signal.window = try f.int("window", in: 1...3650) ?? signal.window
        signal.shortWindow = try f.int("short_window", in: 1...3650) ?? signal.shortWindow
        signal.halfLifeDays = try f.seconds("half_life", in: 0.01...3650) ?? signal.halfLifeDays
        signal.higherIsBetter = try f.bool("higher_is_better") ?? signal.higherIsBetter
        try f.rejectUnknownKeys()
        return signal
    }
}
