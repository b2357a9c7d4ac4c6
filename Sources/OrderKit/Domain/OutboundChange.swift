/// What an operator changes in an existing outbound record (`outbound update`). The PUT
/// replaces the record with a whole POST body (api.md, "Outbound info"), so whatever is not
/// given is carried over from the record as last seen: reference, module, the extra fields
/// (the given ones set over them) and the actions.
public struct OutboundChange: Sendable, Hashable {
    public var status: String
    public var message: String
    public var reference: String?
    public var moduleName: String?
    public var extra: [String: JSONValue]
    /// nil keeps the record's actions; `[]` removes them.
    public var actions: [OutboundRequest.Action]?

    public init(status: String, message: String, reference: String? = nil, moduleName: String? = nil,
                extra: [String: JSONValue] = [:], actions: [OutboundRequest.Action]? = nil) {
        self.status = status
        self.message = message
        self.reference = reference
        self.moduleName = moduleName
        self.extra = extra
        self.actions = actions
    }

    /// The PUT body: this change over `record` (nil when the record could not be read, so
    /// only what is given is sent). Refused with Yuju's own text, the field named.
    public func request(over record: OutboundRecord?, channelId: Int) throws(ValidationFailure) -> OutboundRequest {
        var extra = record?.extra ?? [:]
        extra.merge(self.extra) { _, given in given }
        let request = OutboundRequest(
            status: status, message: message, type: record?.type ?? Assumed.outboundType,
            moduleName: moduleName ?? record?.moduleName, reference: reference ?? record?.reference ?? "",
            channelId: channelId, extra: extra.isEmpty ? nil : extra,
            actions: actions ?? record.map { $0.actions.map(OutboundRequest.Action.init(stored:)) })
        try request.validate()
        return request
    }
}
