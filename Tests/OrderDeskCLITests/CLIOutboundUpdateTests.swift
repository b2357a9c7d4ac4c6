import Foundation
import OrderKit
import OrderSandbox
import Testing

/// issue 14, item 5, from the command line against the sandbox: `outbound update PK` (the form
/// in product.md) through the outbox, and `--action-json` on `outbound add` and `update`.
@Suite(.serialized) struct CLIOutboundUpdateTests {
    typealias Run = CLISecretsAndHostileTextTests.Run

    @Test func outboundUpdateAndActionJSON() async throws {
        let server = try await SandboxServer.start(SandboxOptions(orders: 200, reportDelay: .milliseconds(200)))
        let home = NSTemporaryDirectory() + "od-outbound-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        func od(_ arguments: [String]) async throws -> Run {
            try await CLISecretsAndHostileTextTests.run(arguments, home: home, environment: ["ORDERDESK_SANDBOX_URL": server.baseURL])
        }
        func records(_ order: String, _ channel: String) async throws -> [[String: Any]] {
            let list = try await od(["outbound", "list", order, "--channel", channel, "--json"])
            #expect(list.status == 0, "\(list.err)")
            return try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        }
        do {
            let now = Date()
            let report = try await od(["report", "run", "--from", WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), "--to", WireDate.formatFilter(now), "--wait"])
            #expect(report.status == 0, "\(report.err)")
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(try await od(["orders", "list", "--json"]).out.utf8)) as? [[String: Any]])
            let first = try #require(orders.first)
            let order = "\(first["id_order"]!)", channel = "\(first["id_channel"]!)"

            // Refused before anything is queued, with the reason.
            let badJSON = try await od(["outbound", "add", order, "--channel", channel, "--status", "created", "--message", "m", "--reference", "R",
                                        "--action-json", #"{"name":"request_http","#])
            #expect(badJSON.status != 0)
            #expect(badJSON.err.contains("orderdesk: --action-json: not valid JSON; an action is written {\"name\":\"request_http\""), "\(badJSON.err)")
            let noParams = try await od(["outbound", "add", order, "--channel", channel, "--status", "created", "--message", "m", "--reference", "R",
                                         "--action-json", #"{"name":"request_http","message":"m"}"#])
            #expect(noParams.err.contains(#"--action-json: the action needs "params" as an object"#), "\(noParams.err)")
            #expect(try await od(["queue", "--json"]).out.contains("outbound") == false, "nothing queued")

            let add = try await od(["outbound", "add", order, "--channel", channel, "--status", "created", "--message", "creado con éxito",
                                    "--reference", "679982", "--module", "integracion default", "--extra", "custom_field=text custom 2",
                                    "--action-json", #"{"name":"request_http","message":"Reintento de creación","params":{"_url":"http://yuju.io/someurl","id_channel":13}}"#])
            #expect(add.status == 0, "\(add.err)")
            let created = try #require(try await records(order, channel).first { $0["reference"] as? String == "679982" })
            let pk = try #require(created["order_int_external_pk"] as? String)
            let actions = try #require(created["actions"] as? [[String: Any]])
            #expect(actions.first?["name"] as? String == "request_http")
            let params = try #require(actions.first?["params"] as? String, "params as a JSON string, as seed 000 shows")
            #expect((try JSONSerialization.jsonObject(with: Data(params.utf8)) as? [String: Any])?["_url"] as? String == "http://yuju.io/someurl")
            let requestId = try #require((created["extra"] as? [String: Any])?["orderdesk_request_id"] as? String)

            let update = try await od(["outbound", "update", pk, "--channel", channel, "--order", order, "--status", "shipped", "--message", "guía 123",
                                       "--extra", "lote=7"])
            #expect(update.status == 0, "\(update.err)")
            #expect(update.err.contains("outbound update \(pk.prefix(8))"), "\(update.err)")
            let updated = try #require(try await records(order, channel).first { $0["order_int_external_pk"] as? String == pk })
            #expect(updated["status"] as? String == "shipped" && updated["message"] as? String == "guía 123")
            #expect(updated["reference"] as? String == "679982" && updated["module_name"] as? String == "integracion default")
            let extra = try #require(updated["extra"] as? [String: Any])
            #expect(extra["lote"] as? String == "7" && extra["custom_field"] as? String == "text custom 2")
            #expect(extra["orderdesk_request_id"] as? String == requestId)
            #expect((updated["actions"] as? [[String: Any]])?.count == 1, "actions kept")

            let cleared = try await od(["outbound", "update", pk, "--channel", channel, "--order", order, "--status", "shipped", "--message", "guía 123",
                                        "--action-json", "[]"])
            #expect(cleared.status == 0, "\(cleared.err)")
            #expect((try await records(order, channel).first { $0["order_int_external_pk"] as? String == pk }?["actions"] as? [Any])?.isEmpty == true)

            // A pk the order does not have: the fields to keep are unknown, so --reference is asked for.
            let unknown = "00000000-0000-0000-0000-000000000000"
            let missing = try await od(["outbound", "update", unknown, "--channel", channel, "--order", order, "--status", "s", "--message", "m"])
            #expect(missing.status != 0)
            #expect(missing.err.contains("has no record \(unknown): give --reference"), "\(missing.err)")
            let refused = try await od(["outbound", "update", unknown, "--channel", channel, "--order", order, "--status", "s", "--message", "m", "--reference", "R"])
            #expect(refused.status != 0)
            #expect(refused.err.contains("refused") && refused.err.contains("Error."), "\(refused.err)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
