import Crypto
import Foundation

/// `x-yuju-signature`: `sha256=` and the lowercase hex HMAC-SHA256 of the raw body, keyed with
/// the webhook secret. The sandbox signs with it and the listener verifies with it, so both
/// sides agree byte for byte.
public enum WebhookSignature {
    public static let prefix = "sha256="
    /// HMAC-SHA256 codes are 32 bytes (64 hex digits).
    static let codeBytes = 32

    public static func sign(_ body: Data, secret: Secret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: key(secret))
        return prefix + code.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Whether `header` is the body's signature. The comparison takes the same time wherever the
    /// first wrong byte is (swift-crypto's `isValidAuthenticationCode`), so timing tells an
    /// attacker nothing about the right code.
    public static func isValid(_ header: String?, body: Data, secret: Secret) -> Bool {
        guard let header, header.hasPrefix(prefix), let code = bytes(fromHex: header.dropFirst(prefix.count)),
              code.count == codeBytes
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key(secret))
    }

    private static func key(_ secret: Secret) -> SymmetricKey { SymmetricKey(data: Data(secret.exposedValue.utf8)) }

    /// Lowercase hex only, as the contract says; nil for anything else.
    private static func bytes(fromHex text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
