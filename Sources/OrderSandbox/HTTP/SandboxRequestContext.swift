import Foundation
import Hummingbird
import NIOCore

/// Keeps the connection's channel so the `drop_rate` fault can close it without an answer:
/// throwing from a handler would still send a 500, which is not what a dropped connection is.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Reports uploaded to Datacrush can be large.
    var maxUploadSize: Int { 64 * 1024 * 1024 }
}

extension Request {
    /// The whole body as bytes (empty when there is none).
    mutating func bodyData(context: SandboxRequestContext) async throws -> Data {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        return Data(buffer.readableBytesView)
    }

    /// A query parameter, percent-decoded.
    func query(_ name: String) -> String? {
        uri.queryParameters[name[...]].map(String.init)
    }

    /// The request's path without query and percent-decoded.
    var decodedPath: String { uri.path.removingPercentEncoding ?? uri.path }
}
