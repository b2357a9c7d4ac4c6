import Foundation

/// One place for how OrderDesk reads and writes vendor JSON.
public enum JSONDecoderFactory {
    public static func make() -> JSONDecoder { JSONDecoder() }
}

public enum JSONEncoderFactory {
    /// Stable output (sorted keys) so stored and compared payloads do not churn.
    public static func make(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
