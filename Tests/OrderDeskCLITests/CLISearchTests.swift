import Foundation
import OrderKit
import OrderSandbox
import Testing

/// `orders list --search` matches as the TUI filter does: case and accents ignored, e-mail and
/// phone included.
@Suite(.serialized) struct CLISearchTests {
    @Test func searchIgnoresAccentsAndCoversContact() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 300, reportDelay: .milliseconds(50)))
        let home = NSTemporaryDirectory() + "od-cli-search-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        do {
            let env = ["ORDERDESK_SANDBOX_URL": server.baseURL]
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-179 * 86_400)), to = WireDate.formatFilter(now)
            let report = try await CLISecretsAndHostileTextTests.run(["report", "run", "--from", from, "--to", to, "--wait"], home: home, environment: env)
            #expect(report.status == 0, "\(report.err)")

            func customers(_ search: String) async throws -> [String] {
                let list = try await CLISecretsAndHostileTextTests.run(["orders", "list", "--search", search, "--csv"], home: home, environment: env)
                #expect(list.status == 0, "\(list.err)")
                // id_order,channel,paid,customer,…: the customer is the fourth field.
                return list.out.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) }
            }
            let plain = try await customers("ramon")
            #expect(!plain.isEmpty)
            #expect(plain.allSatisfy { $0.hasPrefix("Ramón") }, "\(plain)")
            #expect(try await customers("RAMÓN") == plain)

            // An order's e-mail and phone find it.
            let json = try await CLISecretsAndHostileTextTests.run(["orders", "list", "--json"], home: home, environment: env)
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
            let customer = try #require(orders.compactMap { $0["customer"] as? [String: Any] }.first { $0["phone"] is String })
            let email = try #require(customer["email"] as? String), phone = try #require(customer["phone"] as? String)
            let name = "\(customer["first_name"] ?? "") \(customer["last_name"] ?? "")"
            #expect(try await customers(email.uppercased()).contains(name))
            #expect(try await customers(phone).contains(name))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
