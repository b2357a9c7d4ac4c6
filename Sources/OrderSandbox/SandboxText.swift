/// The sandbox's own texts and constants: what no vendor page and no `Assumed` entry gives,
/// because only the emulation needs it.
public enum SandboxText {
    /// Body text of a Yuju 429 from the 2 req/s bucket (and of `force_429`).
    public static let yujuRateLimited = "Has excedido el límite de 2 solicitudes por segundo. Intenta de nuevo en un segundo."
    /// Datacrush 429 text (100 calls per minute).
    public static let datacrushRateLimited = "Límite de llamadas por minuto excedido."
    public static let datacrushRateLimitedCode = 429
    /// Text of a 500 injected by the `error_rate` fault.
    public static let injectedError = "Error interno del servidor (falla simulada)."
    /// The carrier an order gets when `PUT /orders/status` names none.
    public static let defaultCarrier = "Estafeta"
    /// Unknown route.
    public static let notFound = "Ruta no encontrada."
    /// Body too big or a control request that is not the documented JSON.
    public static let badControlRequest = "Cuerpo inválido."
}

extension SandboxText {
    /// BRIDGE's answer under `force_429` (BRIDGE documents no limit, so no text of its own).
    public static let tooManyRequests = "Demasiadas solicitudes. Intenta de nuevo en un segundo."
}
