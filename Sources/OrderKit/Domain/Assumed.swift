/// Every decision that no vendor page states (`spec/api.md`, marked **(assumed)**), kept here so
/// it can change in one place when a real service says otherwise.
public enum Assumed {
    // MARK: Yuju

    /// Texts for PUT /orders/status failures the seed does not list.
    public static let idChannelRequired = "El campo id_channel es requerido."
    public static let statusRequired = "El campo status es requerido."
    public static let statusValueInvalid = "El campo status debe ser ready_to_ship, shipped, delivered o canceled."
    public static let carrierEmpty = "El campo carrier no puede estar vacío."
    public static let idItemsEmpty = "El campo id_items no puede estar vacío."
    public static let orderNotFound = "El pedido no existe."
    public static func transitionRefused(from: String, to: String) -> String {
        "No se puede cambiar el estado del pedido de \(from) a \(to)."
    }
    public static func itemNotInOrder(_ item: String) -> String {
        "El ítem \(item) no pertenece al pedido."
    }
    /// 401 body text for a missing or wrong Yuju token.
    public static let yujuUnauthorized = "Token inválido o ausente."
    /// 403 body text of POST /auth-generate-token with a bad code.
    public static let yujuInvalidCredential = "invalid credential"
    /// Report id unknown to GET /std-orders-report/{id}.
    public static let reportNotFound = "El reporte no existe."
    /// A report request answered 400 still spends one of the 5 runs (the cautious reading).
    public static let rejectedReportCountsAsRun = true
    /// Report progress is polled after 2 s, then twice as long each time up to 30 s: the page
    /// gives no pace, and polls spend the same 2 req/s as the operator's changes.
    public static let reportPollFirstSeconds = 2.0
    public static let reportPollMaxSeconds = 30.0
    /// Value of `type` in an outbound record.
    public static let outboundType = "order"
    /// Outbound records come back from GET oldest first.
    public static let outboundsOldestFirst = true

    // MARK: BRIDGE

    /// `ack` and text for a login refused or a token expired or missing.
    public static let bridgeUnauthorizedAck = 401
    public static let bridgeUnauthorized = "token inválido o expirado"
    public static let bridgeLoginRefused = "credenciales inválidas"
    /// `ack` 1022 of POST /order/status.
    public static let bridgeOrderNotFoundAck = 1022
    public static let bridgeOrderNotFound = "la orden no existe."
    /// A state that is not in the table answers 9999 with the generic text.
    public static let bridgeUnknownStateAck = 9999
    /// BRIDGE publishes no limit: requests per second OrderDesk allows itself.
    public static let bridgeRequestsPerSecond = 5.0

    // MARK: Datacrush

    /// Datacrush's other REST APIs allow 100 calls per minute.
    public static let datacrushCallsPerMinute = 100
    /// An order that breaks a rule (no items, missing field) fails the batch with code 210 and the
    /// reason in `error_list`.
    public static let datacrushInvalidOrderCode = 210

    // MARK: Yuju webhooks (api.md "Yuju webhooks": topics and headers from Yuju's docs, the rest assumed)

    /// A notification must be answered 2xx within this time, or Yuju sends it again.
    public static let webhookAnswerWithinSeconds = 5.0
    /// Delays before each redelivery of a notification not answered 2xx; dropped after the last.
    public static let webhookRetryDelaysSeconds: [Double] = [1, 2, 4, 8, 16]
    /// The listener refuses bodies over this size with 413 (a notification is ~200 bytes).
    public static let webhookMaxBodyBytes = 64 * 1024
    /// The longest `x-yuju-delivery`, `id_order` or `id_report` the listener accepts: longer is
    /// refused as hostile, never stored or drawn.
    public static let webhookMaxIdLength = 64
    /// What an id in a notification may be made of: `id_order`s are URL-safe (digits, mostly,
    /// a few like `21972600150-A`), delivery and report ids are hex. Anything else (escape
    /// sequences, bidi marks, spaces, `/`, `?`) is refused with 400 before it is stored.
    public static let webhookIdCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
}
