import Foundation
import OrderKit
import OrderSandbox
@testable import OrderDeskCLI

/// The services of the profile `orderdesk` builds for a sandbox, against a sandbox of the
/// test's own, with the cache filled by one report run. Always shut down.
enum SandboxServices {
    static func with(_ options: SandboxOptions, _ body: (OrderDeskServices) async throws -> Void) async throws {
        let server = try await SandboxServer.start(options)
        let config = Runtime.sandboxConfig(
            baseURL: server.baseURL, statePath: NSTemporaryDirectory() + "od-backend-\(UUID().uuidString)/s.sqlite",
            ui: UISettings(), network: NetworkSettings())
        let services = OrderDeskServices(config: config, store: try OrderStore.inMemory())
        do {
            let now = Date(), zone = config.yuju.timeZone
            let request = ReportRequest(filters: .init(paymentAccreditedAt: .init(
                from: WireDate.formatFilter(now.addingTimeInterval(-179 * 86_400), in: zone), to: WireDate.formatFilter(now, in: zone))))
            _ = try await services.runReport(returnType: .complete, request, wait: true, pollInterval: 0.1)
            try await body(services)
        } catch {
            await services.shutdown()
            await server.stop()
            throw error
        }
        await services.shutdown()
        await server.stop()
    }
}
