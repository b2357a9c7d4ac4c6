import Foundation
import Hummingbird
import NIOCore
import OrderKit

/// The listener's routes. The body is read up to the limit only: a larger one is refused with
/// 413 without reading the rest.
enum WebhookRoutes {
    static let notificationPath = "/webhooks/yuju"

    static func register(on router: Router<WebhookRequestContext>, intake: WebhookIntake) {
        router.post("webhooks/yuju") { request, context in
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Assumed.webhookMaxBodyBytes {
                return reply(WebhookAnswer(status: 413, message: "body over \(Assumed.webhookMaxBodyBytes) bytes"))
            }
            var request = request
            let body: Data
            do {
                body = Data(try await request.collectBody(upTo: Assumed.webhookMaxBodyBytes).readableBytesView)
            } catch {
                return reply(WebhookAnswer(status: 413, message: "body over \(Assumed.webhookMaxBodyBytes) bytes"))
            }
            let headers = request.headers
            let answer = await intake.take(body: body) { name in
                headers.first { $0.name.canonicalName == name }?.value
            }
            return reply(answer)
        }

        router.get("healthz") { _, _ in
            reply(.ok("ok"))
        }

        router.get("openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: ListenerOpenAPIDocument.yaml)))
        }
    }

    static func reply(_ answer: WebhookAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(["message": answer.message])) ?? Data()
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

struct WebhookRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Nothing the listener takes is larger than a notification.
    var maxUploadSize: Int { Assumed.webhookMaxBodyBytes }
}
