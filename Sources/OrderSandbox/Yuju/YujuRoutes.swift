import Foundation
import Hummingbird
import OrderKit

/// Yuju's routes under `/yuju`. Handlers only read the HTTP request; the rules live in the
/// `SandboxState` extensions beside this file.
enum YujuRoutes {
    static func register(on router: Router<SandboxRequestContext>, state: SandboxState) {
        let yuju = router.group("yuju")

        yuju.post("auth-generate-token") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.generateYujuToken(body: body).response
        }

        yuju.put("orders/status") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.changeStatus(authorization: request.headers[.authorization], body: body, statsKey: request.statsKey).response
        }

        yuju.get("orders") { request, _ in
            await state.order(
                authorization: request.headers[.authorization], idChannel: request.query("id_channel"),
                idOrder: request.query("id_order"), statsKey: request.statsKey
            ).response
        }

        yuju.post("orders/outbounds") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.createOutbound(
                authorization: request.headers[.authorization], idChannel: request.query("id_channel"),
                idOrder: request.query("id_order"), body: body, statsKey: request.statsKey
            ).response
        }

        yuju.get("orders/outbounds") { request, _ in
            await state.listOutbounds(
                authorization: request.headers[.authorization], idChannel: request.query("id_channel"),
                idOrder: request.query("id_order"), statsKey: request.statsKey
            ).response
        }

        yuju.put("orders/outbounds") { request, context in
            var request = request
            let body = try await request.bodyData(context: context)
            return await state.updateOutbound(
                authorization: request.headers[.authorization], idChannel: request.query("id_channel"),
                idOrder: request.query("id_order"), pk: request.query("order_int_external_pk"), body: body,
                statsKey: request.statsKey
            ).response
        }

        for variant in ReportVariant.allCases {
            yuju.post(RouterPath(variant.rawValue)) { request, context in
                var request = request
                let body = try await request.bodyData(context: context)
                return await state.runReport(
                    variant: variant, returnType: request.query("return_type"),
                    authorization: request.headers[.authorization], body: body, statsKey: request.statsKey
                ).response
            }
            yuju.get(RouterPath("\(variant.rawValue)/{id}")) { request, context in
                let id = context.parameters.get("id").map { $0.removingPercentEncoding ?? $0 } ?? ""
                return await state.reportProgress(
                    variant: variant, id: id, authorization: request.headers[.authorization], statsKey: request.statsKey
                ).response
            }
        }

        // The report file: like a pre-signed storage link, no token and outside the bucket.
        router.get("files/reports/{file}") { _, context in
            let file = context.parameters.get("file").map { $0.removingPercentEncoding ?? $0 } ?? ""
            guard file.hasSuffix(".json"), let (returnType, orders) = await state.reportFile(id: String(file.dropLast(5))) else {
                return SandboxReply.message(.notFound, Assumed.reportNotFound).response
            }
            // Streamed a chunk of orders at a time (a million-order sandbox serves ~480 MB files).
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ReportFileEncoder.body(orders, as: returnType))
        }
    }
}

extension Request {
    /// `"<METHOD path>"`, the key of `/_sandbox/stats`.
    var statsKey: String { "\(method.rawValue) \(decodedPath)" }
}
