import Foundation
import OrderKit

/// Why something the operator asked for did not happen. The views word it in the UI's
/// language (`L10n.describe(_:)`); a vendor's own text (Yuju, BRIDGE and Datacrush answer in
/// Spanish) travels inside as it came.
public enum Failure: Error, Hashable, Sendable {
    /// The vendor refused it, or OrderDesk did beforehand by the vendor's own rule: its text.
    case vendorRejected(VendorSystem, String)
    case unauthorized(VendorSystem, String)
    /// Still answered 429 after every wait the policy allows: the vendor's text.
    case rateLimited(VendorSystem, String)
    /// The 5 report runs of the last 24 h are spent (the status bar says when one frees up).
    case reportRunsSpent
    case serverError(VendorSystem, status: Int)
    /// No answer at all (timeout, refused, reset).
    case unreachable(VendorSystem, TransportFailure)
    /// An answer not shaped as the vendor documents it.
    case malformedAnswer(VendorSystem, status: Int)
    /// `what`: the setting that is missing, as the config names it.
    case notConfigured(String)
    case bridgeMirror(BridgeMirrorRefusal)
    /// A refresh could not read `key` (nor `more` other orders); `reason` as the refresh gave it.
    case refreshFailed(OrderKey, reason: String, more: Int)
    /// Nothing could be pushed: `key` (the first left out) and why.
    case pushSkipped(OrderKey, reason: String)
    /// Anything else: what the failing code said of itself.
    case unexpected(String)
}

extension Failure {
    /// Any error from the backend, typed where its kind is known.
    public init(_ error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let failure as ValidationFailure: self = .vendorRejected(VendorSystem(failure.system), failure.message)
        case let refusal as BridgeMirrorRefusal: self = .bridgeMirror(refusal)
        case let error as ClientError: self = Self(error)
        case let error as ServiceError:
            if case .invalidRow(let key, let failure) = error {
                self = .vendorRejected(VendorSystem(failure.system), "\(key): \(failure.message)")
            } else {
                self = .unexpected(error.description)
            }
        default: self = .unexpected(String(describing: error))
        }
    }

    private init(_ error: ClientError) {
        switch error {
        case .invalid(let failure): self = .vendorRejected(VendorSystem(failure.system), failure.message)
        case let .rejected(system, _, _, message, code): self = .vendorRejected(system, code.map { "\($0): \(message)" } ?? message)
        case let .unauthorized(system, _, message): self = .unauthorized(system, message)
        case let .rateLimited(system, _, _, message): self = .rateLimited(system, message)
        case .reportBudgetExhausted: self = .reportRunsSpent
        case let .serverError(system, _, status, _): self = .serverError(system, status: status)
        case let .transport(system, _, failure): self = .unreachable(system, failure)
        case let .malformed(system, _, status, _, _): self = .malformedAnswer(system, status: status)
        case .notConfigured(let what): self = .notConfigured(what)
        }
    }
}

extension VendorSystem {
    init(_ system: ValidationFailure.System) {
        switch system {
        case .yuju: self = .yuju
        case .bridge: self = .bridge
        case .datacrush: self = .datacrush
        }
    }
}
