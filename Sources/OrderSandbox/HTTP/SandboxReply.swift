import Foundation
import Hummingbird
import OrderKit

/// An answer computed inside the state actor, turned into a Hummingbird `Response` outside it.
struct SandboxReply: Sendable {
    var status: HTTPResponse.Status
    var body: Data
    var retryAfter: String? = nil
    var contentType = "application/json; charset=utf-8"

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) -> SandboxReply {
        SandboxReply(status: status, body: SandboxJSON.encode(value))
    }

    /// Yuju's error shape, `{"message":"..."}`.
    static func message(_ status: HTTPResponse.Status, _ text: String) -> SandboxReply {
        json(status, YujuMessage(message: text))
    }

    /// BRIDGE's answers are HTTP 200 with the outcome in `ack`, except for authentication (401).
    static func ack(_ code: Int, _ text: String, status: HTTPResponse.Status = .ok) -> SandboxReply {
        json(status, BridgeAckResponse(ack: code, message: text))
    }

    static func datacrushFail(_ status: HTTPResponse.Status, code: Int, message: String, errorList: [JSONValue] = []) -> SandboxReply {
        json(status, DatacrushResult.fail(code: code, message: message, errorList: errorList))
    }

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let retryAfter { headers[.retryAfter] = retryAfter }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

enum SandboxJSON {
    /// Sorted keys, so the same data always gives the same bytes (free-form objects are
    /// dictionaries, whose order varies between instances); slashes unescaped.
    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }

    /// The body as JSON, or nil when it is not JSON at all.
    static func parse(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
