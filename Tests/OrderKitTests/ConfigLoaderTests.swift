import Foundation
@testable import OrderKit
import Testing

@Suite struct ConfigLoaderTests {
    static let sample = """
        [yuju]
        base_url = "https://api.tp.yuju.io"
        token = "tok-123456"
        auth_scheme = "bearer"
        requests_per_second = 2
        report_runs_per_day = 5

        [bridge]
        base_url = "https://10.0.0.5:8090"
        client_id = "cli"
        client_secret = "bridge-secret-1"
        channel_codes = { "4301" = "PEYA" }

        [datacrush]
        base_url = "https://api.datacrush.la"
        portal_id = 123
        api_key = "dc-key-999"

        [ui]
        theme = "default"
        language = "es"
        carriers = ["DHL", "Estafeta"]
        default_carrier = "Estafeta"

        [keys]
        change_status = "c"
        quit = "q"
        """

    @Test func readsTheDocumentedSchema() throws {
        let loader = ConfigLoader(environment: ["HOME": "/home/x"])
        let config = try loader.parse(Self.sample, sourcePath: nil).config
        #expect(config.yuju.authScheme == .bearer)
        #expect(config.yuju.token?.exposedValue == "tok-123456")
        #expect(config.bridge?.channelCodes[4301] == "PEYA")
        #expect(config.datacrush?.portalId == 123)
        #expect(config.ui.carriers == ["DHL", "Estafeta"])
        #expect(config.ui.keys["change_status"] == "c")
        #expect(config.statePath == "/home/x/.local/state/orderdesk/api.tp.yuju.io.sqlite")
    }

    @Test func secretsComeFromTheEnvironmentAndNeverPrint() throws {
        let loader = ConfigLoader(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s", ConfigLoader.yujuTokenVariable: "env-token",
                                                ConfigLoader.datacrushKeyVariable: "env-key"])
        let config = try loader.parse("[yuju]\n[datacrush]\nportal_id = 1\n", sourcePath: nil).config
        #expect(config.yuju.token?.exposedValue == "env-token")
        #expect(config.datacrush?.apiKey?.exposedValue == "env-key")
        #expect(config.statePath.hasPrefix("/s/orderdesk/"))
        let printed = "\(config.yuju.token!) \(String(reflecting: config.yuju.token!)) \(String(decoding: try JSONEncoder().encode(config.yuju.token!), as: UTF8.self))"
        #expect(!printed.contains("env-token"))
        var dumped = ""
        dump(config.datacrush!, to: &dumped)
        #expect(!dumped.contains("env-key"))
    }

    @Test func warnsWhenAFileWithASecretIsReadableByOthers() throws {
        let path = NSTemporaryDirectory() + "od-config-\(UUID().uuidString).toml"
        try Self.sample.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try ConfigLoader(environment: [:]).load(path: path).warnings.contains { $0.contains("readable by others") })
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ConfigLoader(environment: [:]).load(path: path).warnings.isEmpty)
    }

    /// Issue 13: the locale is chosen in one place: `[ui] locale`, else `LANG` when it names a
    /// supported locale of the UI's language, else the language's usual one.
    @Test func theLocaleIsChosenInOnePlace() throws {
        let loader = ConfigLoader(environment: [:])
        let argentine = try loader.parse("[ui]\nlocale = \"es_AR\"\n", sourcePath: nil).config.ui
        #expect(argentine.resolvedLocale(environment: ["LANG": "en_US.UTF-8"]) == "es_AR")
        #expect(argentine.resolvedLanguage(environment: ["LANG": "en_US.UTF-8"]) == "es", "the locale's language")
        let none = UISettings()
        #expect(none.resolvedLocale(environment: ["LANG": "es_AR.UTF-8"]) == "es_AR")
        #expect(none.resolvedLocale(environment: ["LANG": "es_ES.UTF-8"]) == "es_MX")
        #expect(none.resolvedLocale(environment: ["LANG": "C.UTF-8"]) == "en_US")
        var spanish = UISettings()
        spanish.language = "es"
        #expect(spanish.resolvedLocale(environment: ["LANG": "en_US.UTF-8"]) == "es_MX", "a locale of another language is not taken")
        #expect(throws: ConfigError.self) { try loader.parse("[ui]\nlocale = \"fr_FR\"\n", sourcePath: nil) }
    }

    @Test func channelNamesAndCarrierListsByCountryOrChannel() throws {
        let text = """
            [channels]
            4301 = "Mercado Libre MX"
            [carriers]
            AR = ["Andreani", "OCA"]
            4312 = ["Mercado Envíos"]
            """
        let ui = try ConfigLoader(environment: [:]).parse(text, sourcePath: nil).config.ui
        #expect(ui.channelNames == [4301: "Mercado Libre MX"])
        let lists = ui.carrierLists
        #expect(lists.carriers(channel: 4320, currency: "ARS") == ["Andreani", "OCA"])
        #expect(lists.carriers(channel: 4312, currency: "ARS") == ["Mercado Envíos"], "the channel's own list wins")
        #expect(lists.carriers(channel: 4301, currency: "MXN") == UISettings.defaultCarriers)
        #expect(lists.carriers(channel: 4301, currency: nil) == UISettings.defaultCarriers)
        #expect(CarrierLists().carriers(channel: 1, currency: "ARS").prefix(3) == ["Andreani", "OCA", "Correo Argentino"])
        #expect(lists.carriers(for: [(4301, "MXN"), (4320, "ARS")]) == UISettings.defaultCarriers + ["Andreani", "OCA"])
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[channels]\nabc = \"x\"\n", sourcePath: nil) }
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[carriers]\nArgentina = [\"OCA\"]\n", sourcePath: nil) }
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[carriers]\nAR = \"OCA\"\n", sourcePath: nil) }
    }

    @Test func rejectsABadSchemeWithTheKeyNamed() {
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[yuju]\nauth_scheme = \"basic\"\n", sourcePath: nil) }
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[yuju\n", sourcePath: nil) }
    }

    @Test func redactorBlanksSecretsAndApiKeyParameters() {
        let redactor = Redactor(secrets: [Secret("sandbox-key"), Secret("tok-123456")])
        let text = redactor.redact("POST https://x/add?portal_id=1&api_key=sandbox-key failed; token tok-123456; other api_key=zzz&x=1")
        #expect(!text.contains("sandbox-key") && !text.contains("tok-123456") && !text.contains("zzz"))
        #expect(text.contains("portal_id=1"))
    }

    @Test func webhooksSectionAndSecretFromTheEnvironment() throws {
        let withFile = try ConfigLoader(environment: ["HOME": "/home/x", "ORDERDESK_WEBHOOK_SECRET": "from-env"]).parse("""
            [webhooks]
            listen = "127.0.0.1:8787"
            secret = "wh-secret-42"
            """, sourcePath: nil)
        #expect(withFile.config.webhooks.listen == ListenAddress(host: "127.0.0.1", port: 8787))
        #expect(withFile.config.webhooks.secret?.exposedValue == "wh-secret-42", "the file wins over the environment")
        #expect(withFile.fileHoldsSecret)
        #expect(withFile.config.redactor.redact("secret wh-secret-42 here") == "secret <redacted> here")
        let fromEnv = try ConfigLoader(environment: ["HOME": "/home/x", "ORDERDESK_WEBHOOK_SECRET": "from-env"]).parse("[webhooks]\nlisten = \"[::1]:0\"", sourcePath: nil)
        #expect(fromEnv.config.webhooks.secret?.exposedValue == "from-env")
        #expect(!fromEnv.fileHoldsSecret)
        #expect(throws: ConfigError.self) { try ConfigLoader(environment: [:]).parse("[webhooks]\nlisten = \"8787\"", sourcePath: nil) }
    }
}
