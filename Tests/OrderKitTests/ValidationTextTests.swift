import Foundation
import OrderKit
import Testing

/// The vendor texts, pinned literally: a change to any of them fails here.
@Suite struct ValidationTextTests {
    private func failure(_ body: () throws -> Void) -> ValidationFailure? {
        do { try body(); return nil } catch let error as ValidationFailure { return error } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    private func range(_ from: String?, _ to: String?, status: String? = nil) -> ReportRequest {
        ReportRequest(filters: .init(paymentAccreditedAt: .init(from: from, to: to), status: status))
    }

    @Test func reportFilterTexts() {
        #expect(failure { try ReportRequest(filters: .init()).validate() }?.message
            == "Si no se especifican los ids de los pedidos, se debe especificar un rango de fechas.")
        #expect(failure { try ReportRequest(filters: .init(orderIds: [])).validate() }?.message
            == "Si no se especifican los ids de los pedidos, se debe especificar un rango de fechas.")
        #expect(failure { try range("2023-11-21", "2023-11-25T23:59:59").validate() }?.message
            == "Formato incorrecto para el filtro 'payment_accredited_at'.")
        #expect(failure { try range("2023-11-21T00:00:00", nil).validate() }?.message
            == "Formato incorrecto para el filtro 'payment_accredited_at'.")
        #expect(failure { try range("2023-02-30T00:00:00", "2023-03-01T00:00:00").validate() }?.message
            == "Formato incorrecto para el filtro 'payment_accredited_at'.")
        #expect(failure { try range("2023-11-25T00:00:00", "2023-11-21T00:00:00").validate() }?.message
            == "La fecha final debe ser mayor a la inicial.")
        #expect(failure { try range("2023-11-21T00:00:00", "2023-11-21T00:00:00").validate() }?.message
            == "La fecha final debe ser mayor a la inicial.")
        #expect(failure { try range("2023-01-01T00:00:00", "2023-06-30T00:00:01").validate() }?.message
            == "El rango de búsqueda máximo es de 180 días...")
        #expect(failure { try range("2023-11-21T00:00:00", "2023-11-25T23:59:59", status: "closed").validate() }?.message
            == "El valor usado para 'status' no es válido.")
    }

    @Test func reportFiltersThatPass() {
        #expect(failure { try range("2023-01-01T00:00:00", "2023-06-30T00:00:00").validate() } == nil)
        #expect(failure { try range("2023-11-21T00:00:00", "2023-11-25T23:59:59", status: "close").validate() } == nil)
        #expect(failure { try ReportRequest(filters: .init(orderIds: ["1"], status: "bogus")).validate() } == nil)
    }

    @Test func returnTypeDefaultsToBasic() {
        #expect(ReportReturnType(query: nil) == .basic)
        #expect(ReportReturnType(query: "everything") == .basic)
        #expect(ReportReturnType(query: "complete") == .complete)
        #expect(ReportReturnType(query: "only_ids") == .onlyIds)
    }

    @Test func statusChangeTexts() {
        #expect(failure { try StatusChangeRequest(idOrder: "", idChannel: 4308, status: .shipped).validate() }?.message
            == "El campo id_order es requerido.")
        #expect(failure { try StatusChangeRequest.validate(idOrder: nil, idChannel: 1, status: "shipped") }?.message
            == "El campo id_order es requerido.")
        #expect(failure { try StatusChangeRequest(idOrder: "1", idChannel: 1, status: .pending).validate() }?.message
            == Assumed.statusValueInvalid)
        #expect(failure { try StatusChangeRequest(idOrder: "1", idChannel: 1, status: "lost").validate() }?.message
            == Assumed.statusValueInvalid)
        for status in ["ready_to_ship", "shipped", "delivered", "canceled"] {
            #expect(failure { try StatusChangeRequest(idOrder: "1", idChannel: 1, status: OrderStatus(status)).validate() } == nil)
        }
        #expect(OrderStatus.settable.map(\.rawValue) == ["ready_to_ship", "shipped", "delivered", "canceled"])
    }

    @Test func outboundRequiredFields() {
        let good = OutboundRequest(status: "created", message: "creado con éxito", reference: "679982", channelId: 4301)
        #expect(failure { try good.validate() } == nil)
        for field in ["status", "message", "reference"] {
            var bad = good
            switch field {
            case "status": bad.status = ""
            case "message": bad.message = " "
            default: bad.reference = ""
            }
            let f = failure { try bad.validate() }
            #expect(f?.message == "Error.")
            #expect(f?.field == field)
        }
    }

    @Test func bridgeCodesAndTexts() {
        let noState = failure { _ = try BridgeChangeRequest(orderState: "", internalNumber: "b1").validate() }
        #expect(noState?.code == 1040)
        #expect(noState?.message == "el nuevo estado es requerido.")
        let noOrder = failure { _ = try BridgeChangeRequest(orderState: "closed").validate() }
        #expect(noOrder?.code == 991)
        #expect(noOrder?.message == "el código de orden es requerido.")
        let halfExternal = failure { _ = try BridgeChangeRequest(orderState: "closed", externalNumber: "PEYA_1").validate() }
        #expect(halfExternal?.code == 991)
        #expect(failure { _ = try BridgeChangeRequest(orderState: "closed", externalNumber: "PEYA_1", channel: "PEYA").validate() } == nil)
        let same = failure { try BridgeLifecycle.check(from: .transit, to: .transit) }
        #expect(same?.code == 1021)
        #expect(same?.message == "el nuevo estado no puede ser idéntico al actual.")
        let final = failure { try BridgeLifecycle.check(from: .closed, to: .open) }
        #expect(final?.code == 1023)
        #expect(final?.message == "no se puede cambiar de estado una orden enviada (env) o cerrada (clos)")
        #expect(BridgeText.unknownError == "Error desconocido")
    }

    @Test func datacrushRules() throws {
        var order = try JSONDecoder().decode([DatacrushOrder].self, from: Fixture.data("seed004_orders"))[0]
        #expect(failure { try order.validate() } == nil)
        order.items = []
        let f = failure { try order.validate() }
        #expect(f?.message == "Cada pedido debe contener al menos un item.")
        #expect(DatacrushError.decode.message == "Error al decodificar JSON")
        #expect(DatacrushError.unauthorized == (401, "No autorizado"))
        #expect(DatacrushError.forbidden == (403, "Acceso denegado"))
        #expect(DatacrushError.internalError == (500, "Error interno del servidor"))
    }

    @Test func reportTexts() {
        #expect(YujuText.reportStarted == "Se está generando tu reporte, recibirás una notificación cuando esté listo.")
        #expect(YujuText.reportLimit(minutes: 12)
            == "Este endpoint tiene un límite de 5 ejecuciones en un rango de 24 horas. Podrás volver a ejecutarlo dentro de 12 minutos.")
        #expect(YujuText.minutesInReportLimit("otro texto") == nil)
    }
}
