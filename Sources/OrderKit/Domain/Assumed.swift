import Foundation

/// Every decision that no vendor page states (`spec/api.md`, marked **(assumed)**), kept here so
/// it can change in one place when a real service says otherwise.
public enum Assumed {
    // MARK: Yuju

    /// How the token travels in `Authorization`: bare, as the page's examples show it.
    public static let yujuAuthScheme = AuthScheme.raw
    /// Yuju's dates carry no zone: they are read and written as wall-clock times in Mexico City
    /// (Yuju's home; no daylight saving since 2022). `[yuju] timezone` changes it. Times OrderDesk
    /// shows of its own (audit trail, BRIDGE history) are in the same zone, so they compare.
    public static let yujuTimeZoneIdentifier = "America/Mexico_City"
    public static let yujuTimeZone = TimeZone(identifier: yujuTimeZoneIdentifier) ?? TimeZone(secondsFromGMT: -6 * 3600)!
    /// An order's country, from its currency: Yuju sends no country, and OrderDesk's sellers
    /// sell in Mexico (MXN) and Argentina (ARS). Picks the carriers offered for it.
    public static func country(forCurrency currency: String?) -> String? {
        switch currency?.uppercased() {
        case "MXN": "MX"
        case "ARS": "AR"
        default: nil
        }
    }
    /// `id_items` names items by SKU, as seed 001's example does (`[yuju] item_ids`).
    public static let yujuItemIds = ItemIdField.sku
    /// A general 429 says when to try again in `Retry-After` (seconds or an HTTP date); without
    /// one, OrderDesk waits 1 s, and the report limit's own 429 text gives minutes.
    public static let rateLimitFallbackSeconds = 1.0

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
    /// The report limit's 429 whose text gives no minutes blocks runs for an hour (a general 429
    /// on the report POST never blocks runs: only the report limit's own text does).
    public static let reportLimitFallbackMinutes = 60
    /// What `open` and `close` mean in a report's `status` filter (seed 002 names the values
    /// only): open = not final yet, close = delivered or canceled. The sandbox filters so;
    /// OrderDesk passes the value through.
    public static func reportStatusFilter(_ filter: String?, matches status: OrderStatus) -> Bool {
        switch filter {
        case "open": !status.isFinal
        case "close": status.isFinal
        default: true
        }
    }
    /// Report progress is polled after 2 s, then twice as long each time up to 30 s: the page
    /// gives no pace, and polls spend the same 2 req/s as the operator's changes.
    public static let reportPollFirstSeconds = 2.0
    public static let reportPollMaxSeconds = 30.0
    /// The report structure OrderDesk requests for its cache: the normal one (`/orders-report`),
    /// the one-order GET's shape that the importer decodes. The page names the standardised
    /// structure without describing it, so a standardised report is requested only on demand
    /// (`report run --std`) and never imported.
    public static let importedReportVariant = ReportVariant.normal
    /// Value of `type` in an outbound record.
    public static let outboundType = "order"
    /// Key in `extra` of every outbound record OrderDesk writes: the outbox entry's own id, the
    /// key of the resend check (a POST whose outcome is unknown is looked for by it in
    /// `GET /orders/outbounds` before it is posted again). Yuju shows `extra` at the end of
    /// the order's details, so Yuju staff see it too: it is kept because without it a resend
    /// could not tell our earlier record from another with the same text, and would post twice.
    /// An update keeps the record's id (or gives a record OrderDesk did not write a new one).
    public static let outboundRequestIdField = "orderdesk_request_id"
    /// `GET /orders/outbounds` is itself assumed: answered 404 or 405, it is taken as missing
    /// (not as "no records"), so the resend check cannot run.
    public static let outboundListMissingStatuses: Set<Int> = [404, 405]
    /// Without the check a resend is neither dropped nor repeated blindly: each delivery posts
    /// at most this many times unchecked (the record carries the same `orderdesk_request_id`,
    /// so a duplicate, if the earlier post had landed, can be told apart and removed). When that
    /// post's outcome is unknown again, the entry fails with the reason; `queue retry` (or `t`
    /// in the activity panel) is the operator's decision to post once more.
    public static let outboundUncheckedPostsPerDelivery = 1

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
    /// Seed 003 types `notes` as a String with no length. A mirror's notes (what changed, who
    /// changed it: `BridgeMirrorNotes`) are kept to 255 bytes of UTF-8, which fits a 255-wide
    /// column whether the store counts bytes or characters.
    public static let bridgeNotesMaxBytes = 255

    // MARK: Datacrush

    /// Datacrush's other REST APIs allow 100 calls per minute.
    public static let datacrushCallsPerMinute = 100
    /// An order that breaks a rule (no items, missing field) fails the whole batch with code 210,
    /// one `error_list` entry per order at fault (`datacrushErrorListShape`).
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
