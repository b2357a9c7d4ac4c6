import Foundation
import OrderKit

/// The UI's language: Spanish first (the users' own), English as the alternative. Chosen by
/// the runtime (config, else the locale) and handed in: the texts never look it up themselves.
public enum Language: String, Sendable, CaseIterable {
    case es, en
}

/// Every UI text, in both languages. Remote strings never come from here.
public enum UIText: CaseIterable, Sendable {
    case appTitle, orders, of, filterPrompt, noOrders, loading
    case colId, colChannel, colPaid, colCustomer, colItems, colTotal, colStatus, colCarrier, colOutbound, colOutbox
    case sortedBy, marked, markedVisible, unmarkedVisible, rangeOpen, rangeStarted, rangeEnd, marksCleared, escAgainClears
    case hintHelp, hintQuit, hintBack
    case hintOpen, hintFilter, hintMark, hintStatus, hintRange, hintEndRange, hintMarkAll, hintSort, hintFacets, hintOutbound
    case hintReport, hintActivity, hintBudgets, hintPickOutbound, hintEdit, hintRefresh, hintTopBottom, hintPush
    case hintKeepFilter, hintClearFilter, hintMove, hintTyping, hintPick, hintAll, hintField, hintConfirm, hintCancel, hintSend
    case hintRun, hintScroll, hintClose, hintOpenOrder, hintRetry, hintRetryAll, hintClear, hintOtherKey, hintStay
    case keySpace, helpList, helpDetail, cmdBackList, cmdBackDetail
    case orderDeskId, fieldRequired, extraMalformed, statusChoices, reportRangeField, reportRangeHelp, reportRangeBad, reportRangeTooLong
    case hintPickStatus, hintTypeRange, hintDay
    case startingUp, startingSandbox, openingCache, connectingTeam, importingOrders, reportRunShort, resumingChanges, typedAhead
    case sandbox, reportRuns, queue, nextFree
    case detailTitle, header, items, outboundHistory, bridgeHistory, auditTrail, fetching, none, fetchFailed
    case created, updated, module, reference, message, extra, actions, customer, email, phone, total, paid, carrier, notes
    case changeStatusTitle, forOrders, newStatus, noAllowedStatus, carrierField, carrierDefault, carrierFree, itemsField
    case mirrorBridge, confirm, cancel, queuedChange, queuedChanges, hintChoose, hintToggle
    case addOutboundTitle, statusField, messageField, referenceField, moduleField, extraField, outboundQueued
    case editOutboundTitle, outboundUpdateQueued, noOutboundToEdit, selectedOutbound
    case budgetsTitle, available, used, queued, drain, last429, blockedUntil, never, perSecond, perDay, perMinute
    case activityTitle, retrying, emptyOutbox
    case reportTitle, reportConfirm, reportRunsLeft, reportNone, reportForMarked, reportStarted
    case helpTitle
    case facetsTitle, facetStatus, facetChannel
    case refreshing, pushing, error
    case outboxQueued, outboxSending, outboxSent, outboxFailed, outboxRefused, attempts, current
    case emptyCache, steps, notChanged, alreadyAt, resumed, change, changes, acceptedCount, failedCount, dismissHint
    case quitTitle, quitUnsent, quitSandboxLost, quitResumeLater
    case teamLost, teamLostMessage, teamBack
    case webhooksOn, webhooksWaiting, webhooksOff, webhooksFailed
    case unsentBefore, queuedByYou
    case cmdUp, cmdDown, cmdPageUp, cmdPageDown, cmdTop, cmdBottom, cmdOpen, cmdBack, cmdQuit, cmdMark, cmdMarkAll, cmdMarkRange, cmdFilter, cmdFacets, cmdSort, cmdReverseSort
    case cmdChangeStatus, cmdAddOutbound, cmdNextOutbound, cmdPreviousOutbound, cmdEditOutbound, cmdRefresh, cmdReport, cmdPush, cmdBudgets, cmdActivity, cmdRetry, cmdRetryAll, cmdHelp
    case cmdConfirm, cmdCancel, cmdNextField, cmdPreviousField, cmdToggle, cmdToggleAll, cmdPickPrevious, cmdPickNext
    case cmdDayEarlier, cmdDayLater, cmdClearFacets, cmdQuitAnyway
}

public struct L10n: Sendable {
    public var language: Language
    /// Argentina's Spanish (`[ui] locale = "es_AR"`): a few words differ from Mexico's.
    public var argentine = false
    public init(_ language: Language) { self.language = language }

    public subscript(_ text: UIText) -> String {
        if argentine, language == .es, let word = Self.argentine(text) { return word }
        let (es, en) = Self.pair(text)
        return language == .es ? es : en
    }

    /// How hints and help print keys: as `Key.label`, with Space and the keys Spanish
    /// keyboards name otherwise (Re Pág, Av Pág, Inicio, Fin) in the UI's language.
    public func label(_ key: Key) -> String {
        switch key {
        case .char(" "): self[.keySpace]
        case .pageUp where language == .es: "RePág"
        case .pageDown where language == .es: "AvPág"
        case .home where language == .es: "Inicio"
        case .end where language == .es: "Fin"
        default: key.label
        }
    }

    public func label(_ keys: [Key]) -> String { keys.map(label).joined(separator: "/") }

    /// What a command does on `screen`: "back" differs between the list and the detail.
    public func describe(_ command: Command, on screen: Screen) -> String {
        switch (command, screen) {
        case (.back, .list): self[.cmdBackList]
        case (.back, .detail): self[.cmdBackDetail]
        default: describe(command)
        }
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
        case .confirm: self[.cmdConfirm]
        case .cancel: self[.cmdCancel]
        case .nextField: self[.cmdNextField]
        case .previousField: self[.cmdPreviousField]
        case .toggle: self[.cmdToggle]
        case .toggleAll: self[.cmdToggleAll]
        case .pickPrevious: self[.cmdPickPrevious]
        case .pickNext: self[.cmdPickNext]
        case .dayEarlier: self[.cmdDayEarlier]
        case .dayLater: self[.cmdDayLater]
        case .clearFacets: self[.cmdClearFacets]
        case .quitAnyway: self[.cmdQuitAnyway]
        }
    }

    /// A status as the operator reads it: Spanish words in Spanish; in English the values
    /// Yuju and the CLI use. A status Yuju adds later shows as sent.
    public func status(_ status: OrderStatus) -> String {
        guard language == .es else { return status.rawValue }
        switch status {
        case .pending: return "pendiente"
        case .readyToShip: return "por enviar"
        case .shipped: return "enviado"
        case .delivered: return "entregado"
        case .canceled: return "cancelado"
        default: return status.rawValue
        }
    }

    /// Where Argentine Spanish says it otherwise (nil: as in Mexico).
    private static func argentine(_ text: UIText) -> String? {
        switch text {
        case .colCarrier, .carrier, .carrierField: "Transportista"
        case .carrierDefault: "(el predeterminado de Yuju)"
        default: nil
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
        case .colOutbound: ("Último envío", "Outbound")
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
        case .hintOpen: ("abrir", "open")
        case .hintFilter: ("filtrar", "filter")
        case .hintMark: ("marcar", "mark")
        case .hintStatus: ("estado", "status")
        case .hintRange: ("rango", "range")
        case .hintEndRange: ("terminar rango", "end range")
        case .hintMarkAll: ("marcar todos", "mark all")
        case .hintSort: ("ordenar", "sort")
        case .hintFacets: ("estado/canal", "status/channel")
        case .hintOutbound: ("envío", "outbound")
        case .hintReport: ("reporte", "report")
        case .hintActivity: ("actividad", "activity")
        case .hintBudgets: ("límites", "budgets")
        case .hintPickOutbound: ("elegir envío", "pick outbound")
        case .hintEdit: ("editar envío", "edit outbound")
        case .hintRefresh: ("actualizar", "refresh")
        case .hintTopBottom: ("inicio/fin", "top/end")
        case .hintPush: ("Datacrush", "Datacrush")
        case .hintKeepFilter: ("aplicar", "keep")
        case .hintClearFilter: ("borrar", "clear")
        case .hintMove: ("mover", "move")
        case .hintTyping: ("escriba", "type")
        case .hintPick: ("elegir", "pick")
        case .hintChoose: ("elegir", "choose")
        case .hintToggle: ("marcar", "toggle")
        case .hintAll: ("todos", "all")
        case .hintField: ("campo", "field")
        case .hintConfirm: ("confirmar", "confirm")
        case .hintCancel: ("cancelar", "cancel")
        case .hintSend: ("poner en cola", "queue it")
        case .hintRun: ("ejecutar", "run")
        case .hintScroll: ("desplazar", "scroll")
        case .hintClose: ("cerrar", "close")
        case .hintOpenOrder: ("ver pedido", "open order")
        case .hintRetry: ("reintentar", "retry")
        case .hintRetryAll: ("reintentar todo", "retry all")
        case .hintClear: ("limpiar", "clear")
        case .hintOtherKey: ("otra tecla", "any other key")
        case .hintStay: ("seguir", "stay")
        case .keySpace: ("Espacio", "Space")
        case .orderDeskId: ("id OrderDesk", "OrderDesk id")
        case .fieldRequired: ("no puede ir vacío: Yuju lo rechazaría", "cannot be empty: Yuju would refuse it")
        case .extraMalformed: ("escriba pares clave=valor separados por ;", "write key=value pairs separated by ;")
        case .statusChoices: ("←→ elige:", "←→ picks:")
        case .reportRangeField: ("Pagados en", "Paid in")
        case .reportRangeHelp: ("días (p. ej. 30), una fecha (2025-06-01) o desde..hasta (2025-05-01..2025-05-31)",
                                "days (e.g. 30), a date (2025-06-01) or from..to (2025-05-01..2025-05-31)")
        case .reportRangeBad: ("Rango no válido: escriba días, AAAA-MM-DD o AAAA-MM-DD..AAAA-MM-DD", "Not a range: type days, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
        case .reportRangeTooLong: ("Yuju acepta a lo sumo 180 días por reporte", "Yuju takes at most 180 days per report")
        case .hintPickStatus: ("elegir estado", "pick status")
        case .hintTypeRange: ("días o fechas", "days or dates")
        case .hintDay: ("±1 día", "±1 day")
        case .startingUp: ("Iniciando…", "Starting…")
        case .startingSandbox: ("Iniciando el sandbox…", "Starting the sandbox…")
        case .openingCache: ("Abriendo la caché…", "Opening the cache…")
        case .connectingTeam: ("Conectando con la base del equipo…", "Connecting to the team database…")
        case .importingOrders: ("importando", "importing")
        case .reportRunShort: ("reporte", "report run")
        case .resumingChanges: ("Reanudando los cambios pendientes…", "Resuming unsent changes…")
        case .typedAhead: ("Teclas guardadas", "Keys kept")
        case .helpList: ("lista de pedidos", "order list")
        case .helpDetail: ("detalle del pedido", "order detail")
        case .cmdBackList: ("cerrar el rango, quitar el filtro, luego las marcas (pregunta)", "end a range, clear the filter, then the marks (asks)")
        case .cmdBackDetail: ("volver a la lista", "back to the list")
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
        case .queuedChange: ("cambio en cola", "change queued")
        case .queuedChanges: ("cambios en cola", "changes queued")
        case .addOutboundTitle: ("Agregar información de envío", "Add outbound info")
        case .editOutboundTitle: ("Editar información de envío", "Edit outbound info")
        case .outboundUpdateQueued: ("Cambio del registro de envío en cola", "Outbound record update queued")
        case .noOutboundToEdit: ("Este pedido no tiene registros de envío que editar.", "This order has no outbound record to edit.")
        case .selectedOutbound: ("seleccionado", "selected")
        case .statusField: ("Estado", "Status")
        case .messageField: ("Mensaje", "Message")
        case .referenceField: ("Referencia", "Reference")
        case .moduleField: ("Módulo", "Module")
        case .extraField: ("Extra (clave=valor; …)", "Extra (k=v; k=v)")
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
        case .retrying: ("Reintentando…", "Retrying…")
        case .emptyOutbox: ("La cola está vacía.", "The outbox is empty.")
        case .reportTitle: ("Ejecutar reporte", "Run a report")
        case .reportConfirm: ("Esto gasta una ejecución de reporte.", "This spends one report run.")
        case .reportRunsLeft: ("Ejecuciones restantes en 24 h:", "Runs left in 24 h:")
        case .reportNone: ("No quedan ejecuciones: espere a que se libere una.", "No runs left: wait for one to free up.")
        case .reportForMarked: ("Pedidos marcados:", "Marked orders:")
        case .reportStarted: ("Reporte solicitado", "Report requested")
        case .helpTitle: ("Teclas", "Keys")
        case .facetsTitle: ("Filtrar por estado y canal", "Filter by status and channel")
        case .facetStatus: ("Estado", "Status")
        case .facetChannel: ("Canal", "Channel")
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
        case .current: ("actual", "current")
        case .cmdUp: ("subir", "move up")
        case .cmdDown: ("bajar", "move down")
        case .cmdPageUp: ("página arriba", "page up")
        case .cmdPageDown: ("página abajo", "page down")
        case .cmdTop: ("al principio", "to the top")
        case .cmdBottom: ("al final", "to the bottom")
        case .cmdOpen: ("abrir detalle", "open detail")
        case .cmdBack: ("volver", "back")
        case .cmdQuit: ("salir", "quit")
        case .cmdMark: ("marcar / desmarcar", "mark / unmark")
        case .cmdMarkAll: ("marcar todos los visibles (otra vez: desmarcar)", "mark all visible (again: unmark)")
        case .cmdMarkRange: ("marcar un rango: empezar / terminar", "mark a range: start / end")
        case .cmdFilter: ("filtrar escribiendo (Esc limpia)", "filter as you type (Esc clears)")
        case .cmdFacets: ("filtrar por estado y canal", "facets: status, channel")
        case .cmdSort: ("ordenar por la siguiente columna", "sort by next column")
        case .cmdReverseSort: ("invertir el orden", "reverse the sort order")
        case .cmdChangeStatus: ("cambiar estado (marcados o actual)", "change status (marked or current)")
        case .cmdAddOutbound: ("agregar información de envío", "add outbound info")
        case .cmdNextOutbound: ("siguiente registro de envío", "select the next outbound record")
        case .cmdPreviousOutbound: ("registro de envío anterior", "select the previous outbound record")
        case .cmdEditOutbound: ("editar el envío seleccionado", "edit the selected outbound record")
        case .cmdRefresh: ("actualizar actual/marcados", "refresh current/marked")
        case .cmdReport: ("ejecutar un reporte (pregunta antes)", "run a report (asks first)")
        case .cmdPush: ("enviar a Datacrush", "push to Datacrush")
        case .cmdBudgets: ("panel de límites", "budgets panel")
        case .cmdActivity: ("panel de actividad / cola", "activity / outbox panel")
        case .cmdRetry: ("reintentar (actividad)", "retry (activity)")
        case .cmdRetryAll: ("reintentar todo (actividad)", "retry all (activity)")
        case .cmdHelp: ("esta ayuda", "this help")
        case .cmdConfirm: ("diálogos: confirmar", "dialogs: confirm")
        case .cmdCancel: ("diálogos y paneles: cancelar, cerrar", "dialogs and panels: cancel, close")
        case .cmdNextField: ("diálogos: campo siguiente", "dialogs: next field")
        case .cmdPreviousField: ("diálogos: campo anterior", "dialogs: previous field")
        case .cmdToggle: ("diálogos y filtros: marcar / desmarcar", "dialogs and facets: tick / untick")
        case .cmdToggleAll: ("cambio de estado: todos los artículos", "change dialog: every item")
        case .cmdPickPrevious: ("envío: estado anterior de la lista", "outbound dialog: previous offered status")
        case .cmdPickNext: ("envío: estado siguiente de la lista", "outbound dialog: next offered status")
        case .cmdDayEarlier: ("reporte: un día menos", "report dialog: one day less")
        case .cmdDayLater: ("reporte: un día más", "report dialog: one day more")
        case .cmdClearFacets: ("filtros: quitar todos", "facets: clear them all")
        case .cmdQuitAnyway: ("al salir con cambios pendientes: salir de todos modos", "leaving with unsent changes: leave anyway")
        }
    }
}
