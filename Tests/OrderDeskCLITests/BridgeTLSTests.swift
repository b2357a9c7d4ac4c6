import Foundation
import OrderDeskTestSupport
import OrderKit
import OrderSandbox
import Testing

/// issue 14, item 6: BRIDGE stores are reached at `https://IP:port` with a private CA or a
/// self-signed certificate. The sandbox serves over TLS with a CA and a certificate for
/// 127.0.0.1 made at test time; `[bridge] ca_file` makes OrderDesk trust it, and without it
/// the operator is told what is wrong and which setting fixes it.
@Suite(.serialized) struct BridgeTLSTests {
    /// A CA and a server certificate signed by it (for IP 127.0.0.1 unless told), in a fresh folder.
    struct Certificates {
        let folder: String
        var caFile: String { folder + "/ca.pem" }
        var serverChain: String { folder + "/server.pem" }
        var serverKey: String { folder + "/server.key" }

        /// openssl runs on a thread of its own: blocking the cooperative pool (two threads here)
        /// would starve the in-process sandboxes.
        static func make(subjectAltName: String = "IP:127.0.0.1") async throws -> Certificates {
            let folder = NSTemporaryDirectory() + "od-tls-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "subjectAltName=\(subjectAltName)\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
                .write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
            let steps = [
                ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                 "-days", "2", "-subj", "/CN=OrderDesk test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
                ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"],
            ]
            for step in steps {
                let status = try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/openssl"), step, currentDirectory: folder).status
                #expect(status == 0, "openssl \(step.joined(separator: " "))")
            }
            return Certificates(folder: folder)
        }
    }

    static func withTLSSandbox(subjectAltName: String = "IP:127.0.0.1", _ body: (SandboxServer, Certificates, String) async throws -> Void) async throws {
        let certificates = try await Certificates.make(subjectAltName: subjectAltName)
        var options = SandboxOptions(orders: 50, bridgeApplyDelay: .milliseconds(100))
        options.tls = SandboxTLS(certificateChainFile: certificates.serverChain, privateKeyFile: certificates.serverKey)
        let server = try await SandboxServer.start(options)
        let home = NSTemporaryDirectory() + "od-tls-home-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: certificates.folder)
        }
        do { try await body(server, certificates, home) } catch { await server.stop(); throw error }
        await server.stop()
    }

    /// A profile with every system on the TLS sandbox; `caFile` as written in the file.
    static func writeConfig(home: String, base: String, caFile: String?) throws {
        try CLISecretsAndHostileTextTests.writeConfig(home: home, base: base)
        let path = home + "/config/orderdesk/config.toml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if let caFile {
            text = text.replacingOccurrences(of: "[bridge]\n", with: "[bridge]\nca_file = \"\(caFile)\"\n")
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    @Test func theBridgeOfAStoreWithAPrivateCAIsReachedOnlyWithItsCAFile() async throws {
        try await Self.withTLSSandbox { server, certificates, home in
            #expect(server.baseURL.hasPrefix("https://127.0.0.1:"))
            let number = "bridge0000000001"

            try Self.writeConfig(home: home, base: server.baseURL, caFile: certificates.caFile)
            let trusted = try await CLISecretsAndHostileTextTests.run(["bridge", "status", number, "--json"], home: home)
            #expect(trusted.status == 0, "\(trusted.err)")
            #expect(trusted.out.contains("\"currentStatus\""), "\(trusted.out)")

            try Self.writeConfig(home: home, base: server.baseURL, caFile: nil)
            let untrusted = try await CLISecretsAndHostileTextTests.run(["bridge", "status", number, "--json"], home: home)
            #expect(untrusted.status != 0)
            #expect(untrusted.out.isEmpty)
            let lines = untrusted.err.split(separator: "\n")
            #expect(lines.count == 1, "one line, no stack dump: \(untrusted.err)")
            #expect(untrusted.err.contains("BRIDGE POST /auth/login: the server's TLS certificate is not trusted"), "\(untrusted.err)")
            #expect(untrusted.err.contains(#"set [bridge] ca_file = "/path/ca.pem" in the config"#), "\(untrusted.err)")
            for secret in CLISecretsAndHostileTextTests.secrets { #expect(!untrusted.all.contains(secret)) }
        }
    }

    @Test func aCAFileThatIsNotACertificateIsAConfigErrorNamingTheKey() async throws {
        try await Self.withTLSSandbox { server, certificates, home in
            try Self.writeConfig(home: home, base: server.baseURL, caFile: certificates.serverKey)
            let run = try await CLISecretsAndHostileTextTests.run(["bridge", "status", "bridge0000000001"], home: home)
            #expect(run.status != 0)
            #expect(run.err.contains("bridge.ca_file: \(certificates.serverKey) is not a PEM certificate file"), "\(run.err)")

            try Self.writeConfig(home: home, base: server.baseURL, caFile: "ca-that-is-not-there.pem")
            let missing = try await CLISecretsAndHostileTextTests.run(["bridge", "status", "bridge0000000001"], home: home)
            #expect(missing.status != 0)
            #expect(missing.err.contains("bridge.ca_file: cannot read \(home)/config/orderdesk/ca-that-is-not-there.pem"), "\(missing.err)")
        }
    }

    /// The right authority, but a certificate issued for another name than the address dialled.
    @Test func aCertificateForAnotherAddressIsRefusedSayingSo() async throws {
        try await Self.withTLSSandbox(subjectAltName: "DNS:store.example") { server, certificates, home in
            try Self.writeConfig(home: home, base: server.baseURL, caFile: certificates.caFile)
            let run = try await CLISecretsAndHostileTextTests.run(["bridge", "status", "bridge0000000001"], home: home)
            #expect(run.status != 0)
            #expect(run.err.contains("the server's TLS certificate is not trusted (the certificate is not issued for this address)"), "\(run.err)")
        }
    }

    /// Through the services: a refused certificate is not retried (it would be refused the same
    /// way), and nothing reached the server.
    @Test func anUntrustedCertificateIsNotRetried() async throws {
        try await Self.withTLSSandbox { server, certificates, _ in
            /// Every backoff the retry policy asks for: none when nothing is retried.
            final class Backoffs: @unchecked Sendable {
                let lock = NSLock()
                var seconds: [Double] = []
            }
            let backoffs = Backoffs()
            let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.02, clock: WallClock(now: { Date() }, sleep: { seconds in
                backoffs.lock.withLock { backoffs.seconds.append(seconds) }
            }))
            func services(caFile: String?) throws -> OrderDeskServices {
                var config = OrderDeskConfig.sandbox(
                    baseURL: server.baseURL, yujuToken: SandboxCredentials.yujuToken, bridgeClientId: SandboxCredentials.bridgeClientId,
                    bridgeClientSecret: SandboxCredentials.bridgeClientSecret, datacrushPortalId: SandboxCredentials.datacrushPortalId,
                    datacrushApiKey: SandboxCredentials.datacrushApiKey, statePath: NSTemporaryDirectory() + "od-tls-\(UUID().uuidString).sqlite")
                config.bridge?.caFile = caFile
                return OrderDeskServices(config: config, store: try OrderStore.inMemory(), retry: retry)
            }
            let untrusted = try services(caFile: nil)
            let error = await #expect(throws: ClientError.self) {
                try await untrusted.bridgeStatus(internalNumber: "bridge0000000001")
            }
            await untrusted.shutdown()
            #expect(error?.mayHaveReachedServer == false, "the handshake failed: nothing was sent")
            #expect(error?.description.contains("ca_file") == true, "\(error?.description ?? "")")
            #expect(backoffs.lock.withLock { backoffs.seconds }.isEmpty, "not tried again")

            let trusted = try services(caFile: certificates.caFile)
            let status = try await trusted.bridgeStatus(internalNumber: "bridge0000000001")
            await trusted.shutdown()
            #expect(status.ack == 0 && status.currentStatus != nil)
        }
    }
}
