import Foundation
import OrderKit

/// Napse BRIDGE (seed 003): login, asynchronous state changes, and the status query. Outcomes
/// travel in `ack` with HTTP 200; only authentication failures are HTTP 401 (**assumed**).
extension SandboxState {
    func bridgeLogin(body: Data) -> SandboxReply {
        let fields = SandboxJSON.parse(body)?.objectValue ?? [:]
        guard fields["clientId"]?.lenientString == SandboxCredentials.bridgeClientId,
              fields["clientSecret"]?.lenientString == SandboxCredentials.bridgeClientSecret
        else {
            return .json(.unauthorized, BridgeLoginResponse(ack: BridgeAck.unauthorized, token: nil, message: Assumed.bridgeLoginRefused))
        }
        let token = "sbx." + idGenerator.hex(48)
        bridge.tokens[token] = now.addingTimeInterval(options.bridgeTokenTTL.seconds)
        return .json(.ok, BridgeLoginResponse(ack: BridgeAck.success, token: token))
    }

    /// Nil when the token is known and not expired on the sandbox clock.
    private func bridgeAuthFailure(_ token: String?) -> SandboxReply? {
        guard let token, let expiry = bridge.tokens[token], expiry > now else {
            return .ack(BridgeAck.unauthorized, Assumed.bridgeUnauthorized, status: .unauthorized)
        }
        return nil
    }

    func bridgeChangeState(token: String?, body: Data) -> SandboxReply {
        if let refused = bridgeAuthFailure(token) { return refused }
        let fields = SandboxJSON.parse(body)?.objectValue ?? [:]
        let target: BridgeState
        let address: BridgeChangeRequest.Address
        do throws(ValidationFailure) {
            (target, address) = try BridgeChangeRequest.validate(
                orderState: fields["orderState"]?.lenientString, internalNumber: fields["internalNumber"]?.lenientString,
                externalNumber: fields["externalNumber"]?.lenientString, channel: fields["channel"]?.lenientString)
        } catch {
            return .ack(error.code ?? BridgeAck.unknown, error.message)
        }
        guard let number = bridge.internalNumber(for: address), var order = bridge.orders[number] else {
            return .ack(BridgeAck.orderNotFound, Assumed.bridgeOrderNotFound)
        }
        order.applyDueChanges(now: now)
        do throws(ValidationFailure) {
            try BridgeLifecycle.check(from: order.eventualState, to: target)
        } catch {
            bridge.orders[number] = order
            return .ack(error.code ?? BridgeAck.unknown, error.message)
        }
        // Central accepts now; the store's BRIDGE applies it later.
        order.pending.append(.init(target: target, applyAt: now.addingTimeInterval(options.bridgeApplyDelay.seconds)))
        bridge.orders[number] = order
        stats.bridgeNotes[number, default: []].append(fields["notes"]?.lenientString ?? "")
        return .ack(BridgeAck.success, BridgeText.changeAccepted(internalNumber: number))
    }

    func bridgeStatus(token: String?, body: Data) -> SandboxReply {
        if let refused = bridgeAuthFailure(token) { return refused }
        let number = SandboxJSON.parse(body)?["internalOrderNumber"]?.lenientString ?? ""
        guard var order = bridge.orders[number] else {
            return .json(.ok, BridgeStatusResponse(ack: BridgeAck.orderNotFound, message: Assumed.bridgeOrderNotFound))
        }
        order.applyDueChanges(now: now)
        bridge.orders[number] = order
        return .json(.ok, BridgeStatusResponse(
            ack: BridgeAck.success, message: "-", currentStatus: order.state.rawValue,
            currentStatusName: order.state.spanishName, history: order.history))
    }
}
