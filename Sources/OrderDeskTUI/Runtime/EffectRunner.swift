import Foundation
import OrderKit

/// Runs effects against the backend in tasks (never on the UI thread) and posts the outcomes
/// back as actions.
struct EffectRunner: Sendable {
    let backend: any TUIBackend
    let inbox: Inbox

    func run(_ effect: Effect) {
        let backend = backend, inbox = inbox
        Task.detached {
            do {
                try await Self.perform(effect, backend: backend, inbox: inbox)
            } catch {
                inbox.push(.effectFailed(Failure(error)))
            }
        }
    }

    private static func perform(_ effect: Effect, backend: any TUIBackend, inbox: Inbox) async throws {
        switch effect {
        case .loadList:
            inbox.push(.listLoaded(try await backend.loadList()))
        case .loadOutbox:
            inbox.push(.outboxLoaded(try await backend.outbox()))
        case .loadOrder(let key):
            inbox.push(.orderLoaded(key, try await backend.order(key)))
        case .loadUnsentChanges(let keys):
            inbox.push(.unsentChangesLoaded(keys, try await backend.unsentChanges(keys)))
        case .loadDetail(let key):
            inbox.push(.outboundsLoaded(key, try await backend.cachedOutbounds(key), fetched: false))
            inbox.push(.auditLoaded(key, try await backend.auditTrail(key)))
            if backend.bridgeConfigured { inbox.push(.bridgeLoaded(key, try? await backend.bridgeHistory(key))) }
        case .fetchOutbounds(let key):
            do {
                inbox.push(.outboundsLoaded(key, try await backend.fetchOutbounds(key), fetched: true))
            } catch {
                inbox.push(.outboundsFetchFailed(key, Failure(error)))
            }
        case .changeStatus(let changes, let mirror):
            try await backend.changeStatus(changes, mirrorToBridge: mirror)
        case .addOutbound(let key, let request):
            try await backend.addOutbound(key, request)
        case .updateOutbound(let key, let pk, let request):
            try await backend.updateOutbound(key, pk: pk, request)
        case .refresh(let keys):
            try await backend.refresh(keys)
            inbox.push(.effectSucceeded(.refreshed(orders: keys.count)))
        case .loadReportRunsLeft:
            inbox.push(.reportRunsLeft(await backend.reportRunsLeft()))
        case .runReport(let request):
            try await backend.runReport(request)
        case .push(let keys):
            try await backend.pushToDatacrush(keys)
            inbox.push(.effectSucceeded(.pushed(orders: keys.count)))
        case .retry(let ids):
            try await backend.retry(ids)
        case .quit:
            break
        }
    }
}
