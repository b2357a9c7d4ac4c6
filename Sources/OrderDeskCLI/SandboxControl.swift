import AsyncHTTPClient
import Foundation
import NIOCore

/// The control routes of a sandbox running as its own process (`orderdesk sandbox`, reached
/// through `--sandbox-url`/`ORDERDESK_SANDBOX_URL`): what the in-process sandbox is told by a
/// direct call is told to it over HTTP.
enum SandboxControl {
    /// The sandbox serves Yuju under `/yuju`; its control routes are beside it.
    static func baseURL(yujuBaseURL: String) -> String {
        yujuBaseURL.hasSuffix("/yuju") ? String(yujuBaseURL.dropLast("/yuju".count)) : yujuBaseURL
    }

    /// `POST /_sandbox/<route>` with a JSON body; throws unless the sandbox answered 200.
    static func post(yujuBaseURL: String, _ route: String, _ body: [String: Any]) async throws {
        var request = HTTPClientRequest(url: baseURL(yujuBaseURL: yujuBaseURL) + "/_sandbox/" + route)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .ok else { throw CLIFailure("the sandbox answered \(response.status.code)") }
    }
}
