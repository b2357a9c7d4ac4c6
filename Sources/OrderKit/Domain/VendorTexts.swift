/// Every text a vendor page gives verbatim, in one place. Tests pin each one, so a change here
/// fails loudly. Texts the pages do not give are in `Assumed`.
public enum YujuText {
    // Seed 001 (PUT /orders/status)
    public static let idOrderRequired = "El campo id_order es requerido."
    public static let statusOK = "ok"
    // Seed 000 (POST /orders/outbounds)
    public static let outboundError = "Error."
    // Seed 002 (orders report)
    public static let reportStarted = "Se está generando tu reporte, recibirás una notificación cuando esté listo."
    public static let reportRangeTooLong = "El rango de búsqueda máximo es de 180 días..."
    public static let reportEndBeforeStart = "La fecha final debe ser mayor a la inicial."
    public static let reportIdsOrRange = "Si no se especifican los ids de los pedidos, se debe especificar un rango de fechas."
    public static let reportStatusInvalid = "El valor usado para 'status' no es válido."
    public static let reportDateFormat = "Formato incorrecto para el filtro 'payment_accredited_at'."

    /// The 429 text of the report endpoints, with the minutes until a run frees up.
    public static func reportLimit(minutes: Int) -> String {
        "Este endpoint tiene un límite de 5 ejecuciones en un rango de 24 horas. Podrás volver a ejecutarlo dentro de \(minutes) minutos."
    }

    /// Whether a 429 text is the report endpoints' own (5 runs per 24 h), not the general
    /// 2 req/s limit's: only that one says something about the report budget.
    public static func isReportLimit(_ message: String) -> Bool {
        message.contains("límite de 5 ejecuciones") || minutesInReportLimit(message) != nil
    }

    /// Reads the minutes back out of the report 429 text; nil when the text has none. At most
    /// a day: the window is 24 h, so a larger number (or one too long for an Int) means a day.
    public static func minutesInReportLimit(_ message: String) -> Int? {
        guard let range = message.range(of: "dentro de ") else { return nil }
        let digits = message[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return nil }
        return min(Int(digits) ?? .max, 24 * 60)
    }
}

public enum BridgeText {
    // Seed 003: validation codes and their descriptions.
    public static let stateRequired = "el nuevo estado es requerido."
    public static let orderCodeRequired = "el código de orden es requerido."
    public static let sameState = "el nuevo estado no puede ser idéntico al actual."
    public static let finalState = "no se puede cambiar de estado una orden enviada (env) o cerrada (clos)"
    public static let unknownError = "Error desconocido"
    public static let success = "La operación se ha ejecutado con éxito."

    /// The success message of a state change (seed 003's garbled example, read as this sentence).
    public static func changeAccepted(internalNumber: String) -> String {
        "El cambio de estado para la orden: \(internalNumber) se ejecutó con éxito"
    }

    /// Reads the internalNumber back out of a success message.
    public static func internalNumber(inChangeMessage message: String) -> String? {
        let prefix = "El cambio de estado para la orden: "
        guard let start = message.range(of: prefix) else { return nil }
        let rest = message[start.upperBound...]
        let number = rest.prefix(while: { !$0.isWhitespace })
        return number.isEmpty ? nil : String(number)
    }
}

public enum DatacrushText {
    // Seed 004: error codes and messages.
    public static let decodeError = "Error al decodificar JSON"
    public static let unauthorized = "No autorizado"
    public static let forbidden = "Acceso denegado"
    public static let internalError = "Error interno del servidor"
    /// Seed 004, "Notas".
    public static let atLeastOneItem = "Cada pedido debe contener al menos un item."
}
