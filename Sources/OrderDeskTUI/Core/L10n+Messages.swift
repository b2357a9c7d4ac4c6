import Foundation
import OrderKit

/// The backend's outcomes, failures, progress and outbox changes in the UI's language. What
/// a vendor wrote (its refusal, a record's message) is quoted, never translated.
extension L10n {
    private func say(_ es: String, _ en: String) -> String { language == .es ? es : en }

    public func describe(_ outcome: Outcome) -> String {
        switch outcome {
        case .refreshed(let orders): "\(self[.refreshing]): \(orders) ✓"
        case .pushed(let orders): "\(self[.pushing]): \(orders) ✓"
        }
    }

    public func describe(_ failure: Failure) -> String {
        switch failure {
        case .vendorRejected(let system, let text):
            say("\(system.displayName) lo rechazó: \(text)", "\(system.displayName) refused it: \(text)")
        case .unauthorized(let system, let text):
            say("\(system.displayName) no aceptó las credenciales: \(text)", "\(system.displayName) did not accept the credentials: \(text)")
        case .rateLimited(let system, let text):
            say("\(system.displayName) sigue limitando las solicitudes (429): \(text)", "\(system.displayName) still limits the requests (429): \(text)")
        case .reportRunsSpent:
            self[.reportNone]
        case .serverError(let system, let status):
            say("\(system.displayName) falló (\(status)) en cada intento", "\(system.displayName) failed (\(status)) on every attempt")
        case .unreachable(let system, let transport):
            "\(system.displayName): " + describe(transport, system)
        case .malformedAnswer(let system, let status):
            say("\(system.displayName) respondió (\(status)) algo que no es lo documentado", "\(system.displayName) answered (\(status)) something other than documented")
        case .notConfigured(let what):
            say("Falta en la configuración: \(what)", "Not configured: \(what)")
        case .bridgeMirror(let refusal):
            describe(refusal)
        case .refreshFailed(let key, let reason, let more):
            say("No se pudo actualizar \(key): \(reason)", "Could not refresh \(key): \(reason)") + (more > 0 ? " (+\(more))" : "")
        case .pushSkipped(let key, let reason):
            say("Nada enviado a Datacrush; \(key) quedó fuera: \(reason)", "Nothing pushed to Datacrush; \(key) was left out: \(reason)")
        case .unexpected(let text):
            say("Error: \(text)", "Failed: \(text)")
        }
    }

    public func describe(_ refusal: BridgeMirrorRefusal) -> String {
        let head = say("no se puede reflejar en BRIDGE: ", "cannot mirror to BRIDGE: ")
        switch refusal {
        case .notConfigured:
            return head + say("la configuración no tiene sección [bridge]", "there is no [bridge] section in the config")
        case .noChannelCode(let channel):
            return head + say("no hay código de canal BRIDGE para id_channel \(channel) (agréguelo en [bridge.channel_codes])",
                              "no BRIDGE channel code for id_channel \(channel) (add it under [bridge.channel_codes])")
        case .noState(let status):
            return head + say("no hay estado BRIDGE para \(status) (agréguelo en [bridge.states])",
                              "no BRIDGE state for \(status) (add it under [bridge.states])")
        }
    }

    private func describe(_ transport: TransportFailure, _ system: VendorSystem) -> String {
        switch transport {
        case .timeout: return say("no respondió a tiempo", "timed out")
        case .connectionClosed: return say("cerró la conexión sin responder", "connection closed without an answer")
        case .connectionFailed(let reason): return say("no se pudo conectar (\(reason))", "could not connect (\(reason))")
        case .untrustedCertificate(let reason):
            let hint = system.trustSetting.map { say("; si usa una CA privada, configure \($0)", "; if it uses a private CA, set \($0) in the config") } ?? ""
            return say("su certificado TLS no es de confianza (\(reason))", "the server's TLS certificate is not trusted (\(reason))") + hint
        case .other(let reason): return say("sin respuesta (\(reason))", "no answer (\(reason))")
        }
    }

    public func describe(_ step: ReportStep) -> String {
        switch step {
        case .asked: self[.reportStarted]
        case .requested(let id): say("reporte \(id) solicitado", "report \(id) requested")
        case .status(let id, let status): say("reporte \(id): \(status.rawValue)", "report \(id): \(status.rawValue)")
        case .downloaded(let id, let bytes): say("reporte \(id): \(bytes) bytes descargados", "report \(id): downloaded \(bytes) bytes")
        case .importing(let id, let orders): say("reporte \(id): \(orders) pedidos importados hasta ahora", "report \(id): imported \(orders) orders so far")
        case .imported(let id, let orders, let ids, let skipped):
            say("reporte \(id): \(orders) pedidos importados, \(ids) ids, \(skipped) omitidos",
                "report \(id): imported \(orders) orders, \(ids) ids, \(skipped) skipped")
        case .failed(let reason): say("el reporte falló: \(reason)", "report failed: \(reason)")
        }
    }

    /// One line per outbox change, e.g. `4301/50032 → shipped (DHL; items sku1)`.
    public func describe(_ change: OutboxChange) -> String {
        switch change {
        case .status(let key, let status, let carrier, let items, let mirror):
            var parts: [String] = []
            if let carrier { parts.append(carrier) }
            if let items { parts.append(say("artículos ", "items ") + items.joined(separator: ", ")) }
            let details = parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
            return "\(key) → \(status)\(details)\(mirror ? " + BRIDGE" : "")"
        case .outboundAdd(let key, let status, let message):
            return say("\(key) envío nuevo: ", "\(key) outbound add: ") + outboundText(status, message)
        case .outboundUpdate(let key, let pk, let status, let message):
            return say("\(key) cambio de envío \(pk.prefix(8)): ", "\(key) outbound update \(pk.prefix(8)): ") + outboundText(status, message)
        case .bridge(let address, let state):
            return "BRIDGE \(address) → \(state)"
        case .datacrush(let orders, let ids):
            let more = orders > OutboxChange.namedOrders ? ", …" : ""
            let noun = orders == 1 ? say("pedido", "order") : say("pedidos", "orders")
            return "Datacrush: \(orders) \(noun) (\(ids.joined(separator: ", "))\(more))"
        }
    }

    private func outboundText(_ status: String, _ message: String) -> String {
        let shown = message.count > 60 ? message.prefix(59) + "…" : Substring(message)
        return "\(status) — \(shown)"
    }

    public func describe(_ notice: Notice) -> String {
        switch notice {
        case .notMirrored(let change, let outcome):
            say("\(describe(change)): sin reflejo en BRIDGE — \(outcome)", "\(describe(change)): \(outcome)")
        case .changeFailed(let change, let state, let detail):
            say("\(describe(change)) — \(describe(state)): \(detail)", "\(describe(change)): \(detail)")
        case .startup(let line, _):
            say("Inicio: \(line)", line)
        }
    }
}

extension L10n {
    public func describe(_ warning: SetupWarning) -> String {
        switch warning {
        case .localeNotUTF8(let lang):
            say("la configuración regional no es UTF-8 (LANG=\(lang)): los acentos pueden verse mal; pruebe LANG=C.UTF-8",
                "locale is not UTF-8 (LANG=\(lang)): accents and CJK may show wrong; try LANG=C.UTF-8")
        case .themeNotFound(let name):
            say("no se encontró el tema \"\(name)\"; se usa el predeterminado", "theme \"\(name)\" not found; using the built-in default")
        case .themeSyntax(let file, let detail):
            say("tema \(file): \(detail)", "theme \(file): \(detail)")
        case .themeColor(let role, let value):
            say("tema, rol \(role): color desconocido \"\(value)\"", "theme role \(role): unknown colour \"\(value)\"")
        case .unknownCommand(let name): say("acción desconocida \(name)", "unknown action \(name)")
        case .unknownKey(let name): say("tecla desconocida \(name)", "unknown key \(name)")
        }
    }
}
