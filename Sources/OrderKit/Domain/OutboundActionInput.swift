import Foundation

/// Outbound `actions` typed by an operator as JSON (`--action-json`): one action object in the
/// shape of seed 000's POST body, `{"name":"request_http","message":"…","params":{…}}`, or an
/// array of them (`[]` for none). Refused with a reason that says what is wrong and what the
/// shape is, before anything is queued.
public enum OutboundActionInput {
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    static let shape = #"{"name":"request_http","message":"…","params":{…}}"#

    public static func parse(_ text: String) throws(Invalid) -> [OutboundRequest.Action] {
        let value: JSONValue
        do {
            value = try JSONDecoderFactory.make().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw Invalid(description: "not valid JSON; an action is written \(shape)")
        }
        switch value {
        case .object:
            return [try action(value, number: nil)]
        case .array(let elements):
            var actions: [OutboundRequest.Action] = []
            for (index, element) in elements.enumerated() { actions.append(try action(element, number: index + 1)) }
            return actions
        default:
            throw Invalid(description: "expected an action object \(shape) or an array of them")
        }
    }

    private static func action(_ value: JSONValue, number: Int?) throws(Invalid) -> OutboundRequest.Action {
        let which = number.map { "action \($0)" } ?? "the action"
        guard case .object(let fields) = value else { throw Invalid(description: "\(which) is not an object \(shape)") }
        let unknown = Set(fields.keys).subtracting(["name", "message", "params"])
        guard unknown.isEmpty else {
            throw Invalid(description: "\(which) has \(unknown.sorted().joined(separator: ", ")); an action has only name, message and params")
        }
        guard case .string(let name)? = fields["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Invalid(description: "\(which) needs \"name\" as a non-empty string")
        }
        guard case .string(let message)? = fields["message"], !message.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Invalid(description: "\(which) needs \"message\" as a non-empty string")
        }
        guard let params = fields["params"], case .object = params else {
            throw Invalid(description: "\(which) needs \"params\" as an object (seed 000: {\"_url\": …, \"id_order\": …})")
        }
        return OutboundRequest.Action(message: message, params: params, name: name)
    }
}
