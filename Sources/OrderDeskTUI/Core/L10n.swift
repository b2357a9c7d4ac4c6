import Foundation
import OrderKit

/// The UI's language: Spanish first (the users' own), English as the alternative.
public enum Language: String, Sendable, CaseIterable {
    case es, en

    /// Spanish when `LANG` (or `LC_ALL`/`LC_MESSAGES`) starts with `es`, else English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("es") ? .es : .en }
        }
        return .en
    }
}

/// Every UI text, in both languages. Remote strings never come from here.
public enum UIText: CaseIterable, Sendable {
    case appTitle, orders, of, filterPrompt, noOrders, loading
    case colId, colChannel, colPaid, colCustomer, colItems, colTotal, colStatus, colCarrier, colOutbound, colOutbox
    case sortedBy, marked, markedVisible, unmarkedVisible, rangeOpen, rangeStarted, rangeEnd, marksCleared, escAgainClears
    case hintHelp, hintQuit, hintBack
    case sandbox, reportRuns, queue, nextFree
    case detailTitle, header, items, outboundHistory, bridgeHistory, auditTrail, fetching, none, fetchFailed
    case created, updated, module, reference, message, extra, actions, customer, email, phone, total, paid, carrier, notes
    case changeStatusTitle, forOrders, newStatus, noAllowedStatus, carrierField, carrierDefault, carrierFree, itemsField
    case mirrorBridge, confirm, cancel, tabNext, queuedChange, queuedChanges, hintChoose, hintCarrier, hintToggle, hintSpace
    case addOutboundTitle, statusField, messageField, referenceField, moduleField, extraField, outboundQueued
    case editOutboundTitle, outboundUpdateQueued, noOutboundToEdit, selectedOutbound
    case budgetsTitle, available, used, queued, drain, last429, blockedUntil, never, perSecond, perDay, perMinute
    case activityTitle, retryHint, retrying, emptyOutbox
    case reportTitle, reportConfirm, reportRunsLeft, reportNone, reportForMarked, reportForDays, reportDaysHint, reportStarted
    case helpTitle, helpClose
    case facetsTitle, facetStatus, facetChannel, facetHint
    case refreshing, pushing, error
    case outboxQueued, outboxSending, outboxSent, outboxFailed, outboxRefused, attempts, current
    case emptyCache, steps, notChanged, alreadyAt, resumed, change, changes, acceptedCount, failedCount, dismissHint
    case quitTitle, quitUnsent, quitSandboxLost, quitResumeLater, quitConfirmHint
    case teamLost, teamLostMessage, teamBack
    case webhooksOn, webhooksWaiting, webhooksOff, webhooksFailed
    case unsentBefore, queuedByYou
    case cmdUp, cmdDown, cmdPageUp, cmdPageDown, cmdTop, cmdBottom, cmdOpen, cmdBack, cmdQuit, cmdMark, cmdMarkAll, cmdMarkRange, cmdFilter, cmdFacets, cmdSort, cmdReverseSort
    case cmdChangeStatus, cmdAddOutbound, cmdNextOutbound, cmdPreviousOutbound, cmdEditOutbound, cmdRefresh, cmdReport, cmdPush, cmdBudgets, cmdActivity, cmdRetry, cmdRetryAll, cmdHelp
}

public struct L10n: Sendable {
    public var language: Language
    public init(_ language: Language) { self.language = language }

    public subscript(_ text: UIText) -> String {
        let (es, en) = Self.pair(text)
        return language == .es ? es : en
    }

    public func describe(_ state: OutboxState) -> String {
        switch state {
        case .queued: self[.outboxQueued]
        case .sending: self[.outboxSending]
        case .sent: self[.outboxSent]
        case .failed: self[.outboxFailed]
        case .refused: self[.outboxRefused]
        }
    }

    public func describe(_ command: Command) -> String {
        switch command {
        case .moveUp: self[.cmdUp]
        case .moveDown: self[.cmdDown]
        case .pageUp: self[.cmdPageUp]
        case .pageDown: self[.cmdPageDown]
        case .top: self[.cmdTop]
        case .bottom: self[.cmdBottom]
        case .open: self[.cmdOpen]
        case .back: self[.cmdBack]
        case .quit: self[.cmdQuit]
        case .mark: self[.cmdMark]
        case .markAll: self[.cmdMarkAll]
        case .markRange: self[.cmdMarkRange]
        case .filter: self[.cmdFilter]
        case .facets: self[.cmdFacets]
        case .sort: self[.cmdSort]
        case .reverseSort: self[.cmdReverseSort]
        case .changeStatus: self[.cmdChangeStatus]
        case .addOutbound: self[.cmdAddOutbound]
        case .nextOutbound: self[.cmdNextOutbound]
        case .previousOutbound: self[.cmdPreviousOutbound]
        case .editOutbound: self[.cmdEditOutbound]
        case .refresh: self[.cmdRefresh]
        case .runReport: self[.cmdReport]
        case .push: self[.cmdPush]
        case .budgets: self[.cmdBudgets]
        case .activity: self[.cmdActivity]
        case .retry: self[.cmdRetry]
        case .retryAll: self[.cmdRetryAll]
        case .help: self[.cmdHelp]
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func pair(_ text: UIText) -> (String, String) {
        switch text {
        case .appTitle: ("OrderDesk", "OrderDesk")
        case .orders: ("pedidos", "orders")
        case .of: ("de", "of")
        case .filterPrompt: ("Filtro: ", "Filter: ")
        case .noOrders: ("Ningún pedido coincide.", "No orders match.")
        case .emptyCache: (
            "La caché está vacía: R ejecuta un reporte (gasta 1 de 5 ejecuciones diarias) para traer los pedidos.",
            "The cache is empty: R runs a report (1 of the 5 daily runs) to bring the orders in.")
        case .loading: ("Cargando…", "Loading…")
        case .colId: ("Pedido", "Order")
        case .colChannel: ("Canal", "Channel")
        case .colPaid: ("Pagado", "Paid")
        case .colCustomer: ("Cliente", "Customer")
        case .colItems: ("Art.", "Items")
        case .colTotal: ("Total", "Total")
        case .colStatus: ("Estado", "Status")
        case .colCarrier: ("Paquetería", "Carrier")
        case .colOutbound: ("Último envío", "Last outbound")
        case .colOutbox: ("Cola", "Outbox")
        case .sortedBy: ("orden", "sort")
        case .marked: ("marcados", "marked")
        case .markedVisible: ("pedidos visibles marcados", "visible orders marked")
        case .unmarkedVisible: ("pedidos visibles desmarcados", "visible orders unmarked")
        case .rangeOpen: ("rango", "range")
        case .rangeStarted: ("Marcando un rango: mueva el cursor para extenderlo", "Marking a range: move the cursor to extend it")
        case .rangeEnd: ("terminar", "end")
        case .marksCleared: ("marcas quitadas", "marks cleared")
        case .escAgainClears: ("otra vez quita las marcas", "again clears the marks")
        case .hintHelp: ("ayuda", "help")
        case .hintQuit: ("salir", "quit")
        case .hintBack: ("volver", "back")
        case .sandbox: ("SANDBOX", "SANDBOX")
        case .reportRuns: ("Reportes", "Reports")
        case .queue: ("cola", "queue")
        case .nextFree: ("próximo en", "next in")
        case .detailTitle: ("Pedido", "Order")
        case .header: ("Datos", "Header")
        case .items: ("Artículos", "Items")
        case .outboundHistory: ("Historial de envíos (más reciente primero)", "Outbound history (newest first)")
        case .bridgeHistory: ("Historial BRIDGE", "BRIDGE history")
        case .auditTrail: ("Auditoría", "Audit trail")
        case .fetching: ("consultando Yuju…", "fetching from Yuju…")
        case .none: ("(ninguno)", "(none)")
        case .fetchFailed: ("no se pudo consultar", "fetch failed")
        case .created: ("creado", "created")
        case .updated: ("actualizado", "updated")
        case .module: ("módulo", "module")
        case .reference: ("referencia", "reference")
        case .message: ("mensaje", "message")
        case .extra: ("extra", "extra")
        case .actions: ("acciones", "actions")
        case .customer: ("Cliente", "Customer")
        case .email: ("Correo", "Email")
        case .phone: ("Teléfono", "Phone")
        case .total: ("Total", "Total")
        case .paid: ("Pagado", "Paid")
        case .carrier: ("Paquetería", "Carrier")
        case .notes: ("Notas", "Notes")
        case .changeStatusTitle: ("Cambiar estado", "Change status")
        case .forOrders: ("pedidos", "orders")
        case .newStatus: ("Nuevo estado", "New status")
        case .noAllowedStatus: ("Ningún cambio de estado permitido.", "No status change allowed.")
        case .carrierField: ("Paquetería", "Carrier")
        case .carrierDefault: ("(la predeterminada de Yuju)", "(Yuju's default)")
        case .carrierFree: ("texto libre", "free text")
        case .itemsField: ("Artículos", "Items")
        case .mirrorBridge: ("Reflejar en BRIDGE", "Mirror to BRIDGE")
        case .confirm: ("Confirmar", "Confirm")
        case .cancel: ("Cancelar", "Cancel")
        case .tabNext: ("Tab: campo siguiente · Enter: confirmar · Esc: cancelar", "Tab: next field · Enter: confirm · Esc: cancel")
        case .queuedChange: ("cambio en cola", "change queued")
        case .queuedChanges: ("cambios en cola", "changes queued")
        case .hintChoose: ("↑↓: elegir", "↑↓: choose")
        case .hintCarrier: ("escriba para filtrar · ↑↓", "type to filter · ↑↓")
        case .hintToggle: ("↑↓ · Espacio: marcar", "↑↓ · Space: toggle")
        case .hintSpace: ("Espacio: marcar", "Space: toggle")
        case .addOutboundTitle: ("Agregar información de envío", "Add outbound info")
        case .editOutboundTitle: ("Editar información de envío", "Edit outbound info")
        case .outboundUpdateQueued: ("Cambio del registro de envío en cola", "Outbound record update queued")
        case .noOutboundToEdit: ("Este pedido no tiene registros de envío que editar.", "This order has no outbound record to edit.")
        case .selectedOutbound: ("seleccionado", "selected")
        case .statusField: ("Estado", "Status")
        case .messageField: ("Mensaje", "Message")
        case .referenceField: ("Referencia", "Reference")
        case .moduleField: ("Módulo", "Module")
        case .extraField: ("Extra (k=v; k=v)", "Extra (k=v; k=v)")
        case .outboundQueued: ("Información de envío en cola", "Outbound info queued")
        case .budgetsTitle: ("Límites de las API", "API budgets")
        case .available: ("disponibles", "available")
        case .used: ("usados", "used")
        case .queued: ("en cola", "queued")
        case .drain: ("vaciado en", "drains in")
        case .last429: ("último 429", "last 429")
        case .blockedUntil: ("bloqueado hasta", "blocked until")
        case .never: ("nunca", "never")
        case .perSecond: ("/s", "/s")
        case .perDay: ("/24 h", "/24 h")
        case .perMinute: ("/min", "/min")
        case .activityTitle: ("Actividad (cola de cambios)", "Activity (outbox)")
        case .retryHint: ("Enter: ver pedido · t: reintentar · T: reintentar todo · Esc: cerrar", "Enter: open order · t: retry · T: retry all · Esc: close")
        case .retrying: ("Reintentando…", "Retrying…")
        case .emptyOutbox: ("La cola está vacía.", "The outbox is empty.")
        case .reportTitle: ("Ejecutar reporte", "Run a report")
        case .reportConfirm: ("Esto gasta una ejecución de reporte.", "This spends one report run.")
        case .reportRunsLeft: ("Ejecuciones restantes en 24 h:", "Runs left in 24 h:")
        case .reportNone: ("No quedan ejecuciones: espere a que se libere una.", "No runs left: wait for one to free up.")
        case .reportForMarked: ("Pedidos marcados:", "Marked orders:")
        case .reportForDays: ("Pagados en los últimos días:", "Paid in the last days:")
        case .reportDaysHint: ("+/-: días · Enter: ejecutar · Esc: cancelar", "+/-: days · Enter: run · Esc: cancel")
        case .reportStarted: ("Reporte solicitado", "Report requested")
        case .helpTitle: ("Teclas", "Keys")
        case .helpClose: ("Esc/q/?: cerrar", "Esc/q/?: close")
        case .facetsTitle: ("Filtrar por estado y canal", "Filter by status and channel")
        case .facetStatus: ("Estado", "Status")
        case .facetChannel: ("Canal", "Channel")
        case .facetHint: ("space: marcar · c: limpiar · Esc: cerrar", "space: toggle · c: clear · Esc: close")
        case .refreshing: ("Actualizando", "Refreshing")
        case .pushing: ("Enviando a Datacrush", "Pushing to Datacrush")
        case .error: ("Error", "Error")
        case .outboxQueued: ("en cola", "queued")
        case .outboxSending: ("enviando", "sending")
        case .outboxSent: ("aceptado", "accepted")
        case .outboxFailed: ("falló", "failed")
        case .outboxRefused: ("rechazado", "refused")
        case .attempts: ("intentos", "attempts")
        case .notChanged: ("sin cambio:", "not changed:")
        case .steps: ("pasos", "steps")
        case .alreadyAt: ("ya está en", "already")
        case .resumed: ("Reanudando", "Resumed")
        case .teamLost: ("EQUIPO SIN CONEXIÓN · solo lectura", "TEAM OFFLINE · read-only")
        case .unsentBefore: ("Aún sin enviar, antes que este cambio:", "Not sent yet, ahead of this change:")
        case .queuedByYou: ("tú", "you")
        case .teamLostMessage:
            ("Sin conexión con la base del equipo; la lista sigue en memoria, los cambios nuevos se rechazan hasta que vuelva, nada en cola se pierde:",
             "Team database lost; the list stays in memory, new changes are refused until it is back, nothing queued is lost:")
        case .teamBack: ("Base del equipo de vuelta: los cambios en cola siguen", "Team database back: queued changes go on")
        case .webhooksOn: ("webhooks activos", "webhooks on")
        case .webhooksWaiting: ("en espera", "waiting")
        case .webhooksOff: ("webhooks apagados", "webhooks off")
        case .webhooksFailed: ("webhooks caídos", "webhooks failed")
        case .change: ("cambio pendiente", "unsent change")
        case .changes: ("cambios pendientes", "unsent changes")
        case .acceptedCount: ("aceptados", "accepted")
        case .failedCount: ("fallidos", "failed")
        case .dismissHint: ("Esc: cerrar", "Esc: dismiss")
        case .quitTitle: ("¿Salir?", "Quit?")
        case .quitUnsent: ("cambios siguen en cola o enviándose.", "changes are still queued or being sent.")
        case .quitSandboxLost: ("En modo sandbox se pierden al salir.", "In sandbox mode they are lost when you quit.")
        case .quitResumeLater: ("Se enviarán la próxima vez que abra OrderDesk.", "They are sent the next time OrderDesk starts.")
        case .quitConfirmHint: ("s/y: salir · otra tecla: seguir", "y: quit · any other key: stay")
        case .current: ("actual", "current")
        case .cmdUp: ("subir", "move up")
        case .cmdDown: ("bajar", "move down")
        case .cmdPageUp: ("página arriba", "page up")
        case .cmdPageDown: ("página abajo", "page down")
        case .cmdTop: ("al principio", "to the top")
        case .cmdBottom: ("al final", "to the bottom")
        case .cmdOpen: ("abrir detalle", "open detail")
        case .cmdBack: ("volver", "back")
        case .cmdQuit: ("salir (en la lista)", "quit (on the list)")
        case .cmdMark: ("marcar / desmarcar", "mark / unmark")
        case .cmdMarkAll: ("marcar todos los visibles (otra vez: desmarcar)", "mark all visible (again: unmark)")
        case .cmdMarkRange: ("marcar un rango: empezar / terminar", "mark a range: start / end")
        case .cmdFilter: ("filtrar escribiendo (Esc limpia)", "filter as you type (Esc clears)")
        case .cmdFacets: ("filtrar por estado y canal", "facets: status, channel")
        case .cmdSort: ("ordenar por la siguiente columna", "sort by next column")
        case .cmdReverseSort: ("invertir el orden", "reverse the sort order")
        case .cmdChangeStatus: ("cambiar estado (marcados o actual)", "change status (marked or current)")
        case .cmdAddOutbound: ("agregar información de envío", "add outbound info")
        case .cmdNextOutbound: ("detalle: siguiente registro de envío", "detail: select the next outbound record")
        case .cmdPreviousOutbound: ("detalle: registro de envío anterior", "detail: select the previous outbound record")
        case .cmdEditOutbound: ("detalle: editar el envío seleccionado", "detail: edit the selected outbound record")
        case .cmdRefresh: ("actualizar actual/marcados", "refresh current/marked")
        case .cmdReport: ("ejecutar un reporte (pregunta antes)", "run a report (asks first)")
        case .cmdPush: ("enviar a Datacrush", "push to Datacrush")
        case .cmdBudgets: ("panel de límites", "budgets panel")
        case .cmdActivity: ("panel de actividad / cola", "activity / outbox panel")
        case .cmdRetry: ("reintentar (actividad)", "retry (activity)")
        case .cmdRetryAll: ("reintentar todo (actividad)", "retry all (activity)")
        case .cmdHelp: ("esta ayuda", "this help")
        }
    }
}
