import ArgumentParser
import Foundation
import OrderKit

struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "Credentials.", subcommands: [Yuju.self])

    struct Yuju: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "yuju", abstract: "Generate a Yuju token from client id, secret key and a single-use code.",
            discussion: "The token is written to $XDG_STATE_HOME/orderdesk/yuju-token (mode 600), never printed; point ORDERDESK_YUJU_TOKEN or yuju.token at it.")
        @Option(name: .customLong("client-id")) var clientId: String
        @Option(name: .customLong("secret-key")) var secretKey: String
        @Option var code: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.with(global, fillCache: false) { runtime in
                let token = try await runtime.services.yuju.generateToken(clientId: clientId, secretKey: Secret(secretKey), code: Secret(code))
                let path = StatePaths().stateDirectory + "/yuju-token"
                try FileManager.default.createDirectory(atPath: StatePaths().stateDirectory, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: path, contents: Data(token.exposedValue.utf8), attributes: [.posixPermissions: 0o600])
                Console.out("token generated and saved to \(path)")
            }
        }
    }
}
