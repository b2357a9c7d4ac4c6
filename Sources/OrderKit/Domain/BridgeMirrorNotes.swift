/// The `notes` of a BRIDGE mirror: what changed in Yuju and who changed it, so the store's
/// staff reading the order in BRIDGE know why it moved and whom to ask. In Spanish, like the
/// example on BRIDGE's page ("el pedido ha sido cancelado por el cliente"), e.g.
/// `Cambio en OrderDesk por maria: pedido Yuju 50032 (canal 4301) ready_to_ship → shipped, transportista DHL`.
public enum BridgeMirrorNotes {
    /// `from`: the status the order's items were in when the change was asked for, if known.
    public static func text(for change: StatusChangeRequest, from: OrderStatus?, user: String) -> String {
        var text = "Cambio en OrderDesk por \(clean(user)): pedido Yuju \(clean(change.idOrder)) (canal \(change.idChannel)) "
        text += from.map { "\($0.rawValue) → " } ?? "→ "
        text += change.status.rawValue
        if let carrier = change.carrier { text += ", transportista \(clean(carrier))" }
        return fit(text)
    }

    /// At most `Assumed.bridgeNotesMaxBytes` bytes of UTF-8, cut between characters with `…`.
    static func fit(_ text: String) -> String {
        let limit = Assumed.bridgeNotesMaxBytes
        guard text.utf8.count > limit else { return text }
        var kept = ""
        let ellipsis = "…"
        for character in text {
            if kept.utf8.count + character.utf8.count + ellipsis.utf8.count > limit { break }
            kept.append(character)
        }
        return kept + ellipsis
    }

    /// Free text from Yuju or the operator (an order id, a typed carrier) on one line, without
    /// control or format characters.
    private static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let category = scalar.properties.generalCategory
            return category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator ? " " : scalar
        }))
    }
}
