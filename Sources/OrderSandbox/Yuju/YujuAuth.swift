import Foundation
import OrderKit

/// Yuju's token check and its 2 req/s bucket, shared by every authenticated Yuju route.
extension SandboxState {
    /// The scheme is not documented, so the token is accepted raw, as `Token <t>` or `Bearer <t>`.
    nonisolated static func yujuToken(fromAuthorization header: String?) -> String? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        for scheme in ["Token ", "Bearer "] where header.lowercased().hasPrefix(scheme.lowercased()) {
            return String(header.dropFirst(scheme.count)).trimmingCharacters(in: .whitespaces)
        }
        return header
    }

    func isYujuAuthorized(_ header: String?) -> Bool {
        Self.yujuToken(fromAuthorization: header) == SandboxCredentials.yujuToken
    }

    /// Authentication, then one token from the bucket — before the request is validated, so
    /// every authenticated answer, 400 included, spends one. Nil means go ahead.
    func yujuGate(authorization: String?, statsKey: String) -> SandboxReply? {
        guard isYujuAuthorized(authorization) else { return .message(.unauthorized, Assumed.yujuUnauthorized) }
        guard yuju.bucket.take(now: now) else {
            countRateLimited(statsKey)
            var reply = SandboxReply.message(.tooManyRequests, SandboxText.yujuRateLimited)
            reply.retryAfter = "1"
            return reply
        }
        return nil
    }

    /// `POST /auth-generate-token` `{"client_id","secret_key","code"}` → `{"token"}`; anything
    /// else 403 `{"message":"invalid credential"}`. Unauthenticated, so it takes no token.
    func generateYujuToken(body: Data) -> SandboxReply {
        let fields = SandboxJSON.parse(body)?.objectValue ?? [:]
        guard fields["client_id"]?.lenientString == SandboxCredentials.yujuClientId,
              fields["secret_key"]?.lenientString == SandboxCredentials.yujuSecretKey,
              fields["code"]?.lenientString == SandboxCredentials.yujuCode
        else { return .message(.forbidden, Assumed.yujuInvalidCredential) }
        struct Token: Encodable { var token: String }
        return .json(.ok, Token(token: SandboxCredentials.yujuToken))
    }
}
