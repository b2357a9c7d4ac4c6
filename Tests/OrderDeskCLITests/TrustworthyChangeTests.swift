import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderKit
import OrderSandbox
import Testing

/// Issue 12 through the real binary: what a refused change, a retry and a report run against a
/// closed port do, with the server's own count of what it received.
@Suite(.serialized) struct TrustworthyChangeTests {
    static func stats(_ server: SandboxServer) async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/_sandbox/stats")!)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The binary against `server`, waited for on a thread of its own (never the cooperative
    /// pool, which the in-process sandbox needs to answer).
    static func od(_ arguments: [String], _ server: SandboxServer, _ home: String) async throws -> CLISecretsAndHostileTextTests.Run {
        try await CLISecretsAndHostileTextTests.run(arguments, home: home, environment: ["ORDERDESK_SANDBOX_URL": server.baseURL])
    }

    static func puts(_ server: SandboxServer) async throws -> Int {
        ((try await stats(server))["requests"] as? [String: Int])?["PUT /yuju/orders/status"] ?? 0
    }

    /// A change refused at 03:56, a later change that moves the order on, then `queue retry`:
    /// the refusal is final, so nothing is sent (found: the retry replayed it).
    @Test func queueRetryNeverResendsARefusedChange() async throws {
        try await CLICommandTests.with { server, home in
            let now = Date()
            let from = WireDate.formatFilter(now.addingTimeInterval(-170 * 86_400)), to = WireDate.formatFilter(now)
            #expect(try await Self.od(["report", "run", "--from", from, "--to", to, "--wait"], server, home).status == 0)
            let list = try await Self.od(["orders", "list", "--status", "pending", "--json"], server, home)
            let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
            let first = try #require(orders.first)
            let id = "\(first["id_order"]!)", channel = "\(first["id_channel"]!)"

            let refused = try await Self.od(["status", "set", id, "--channel", channel, "--status", "delivered", "--carrier", "DHL"], server, home)
            #expect(refused.status != 0)
            #expect(refused.err.contains("No se puede cambiar el estado del pedido de pending a delivered."))
            #expect(refused.err.contains("0 accepted, 1 refused, 0 failed"), "\(refused.err)")
            let moved = try await Self.od(["status", "set", id, "--channel", channel, "--status", "ready_to_ship"], server, home)
            #expect(moved.status == 0, "\(moved.err)")
            let putsBefore = try await Self.puts(server)

            let retry = try await Self.od(["queue", "retry"], server, home)
            #expect(retry.status == 0, "\(retry.err)")
            #expect(retry.err.contains("nothing to send"), "\(retry.err)")
            let queue = try await Self.od(["queue", "--json"], server, home)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(queue.out.utf8)) as? [[String: Any]])
            let refusedRow = try #require(rows.first { ($0["state"] as? String) == "refused" }, "\(queue.out)")
            let refusedId = try #require(refusedRow["id"] as? Int)
            let one = try await Self.od(["queue", "retry", String(refusedId)], server, home)
            #expect(one.status != 0)
            #expect(one.err.contains("refused and is not sent again"), "\(one.err)")
            #expect(try await Self.puts(server) == putsBefore, "a refused change was sent again")
            let transitions = (try await Self.stats(server))["transitions"] as? [String: [[String: Any]]]
            #expect(transitions?["\(channel)/\(id)"]?.map { $0["to"] as? String } == ["ready_to_ship"])
        }
    }

    /// With a config whose Yuju is a closed port, a report run fails to connect: the run is not
    /// spent and the error is printed once (found: `Reports 4/5` and the error twice).
    @Test func aRefusedConnectionSpendsNoReportRun() async throws {
        let home = NSTemporaryDirectory() + "od-closed-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        try CLISecretsAndHostileTextTests.writeConfig(home: home, base: "http://127.0.0.1:\(try Self.closedPort())")
        let run = try await CLISecretsAndHostileTextTests.run(
            ["report", "run", "--from", "2026-11-01T00:00:00", "--to", "2026-11-20T00:00:00"], home: home)
        #expect(run.status != 0)
        #expect(run.err.contains("could not connect"), "\(run.err)")
        #expect(run.err.components(separatedBy: "could not connect").count == 2, "printed more than once: \(run.err)")
        let budget = try await CLISecretsAndHostileTextTests.run(["budget", "--json"], home: home)
        #expect(budget.status == 0, "\(budget.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(budget.out.utf8)) as? [[String: Any]])
        let report = try #require(rows.first { ($0["kind"] as? String) == "yuju-report" }, "\(budget.out)")
        #expect(report["available"] as? Int == 5, "\(report)")
    }

    /// A loopback port with nothing listening: bound, read, closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
