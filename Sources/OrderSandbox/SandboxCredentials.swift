/// The fixed credentials every sandbox accepts (documented in the README).
///
/// Yuju's `code` is single-use in production; the sandbox keeps accepting `yujuCode` after use so
/// a client can log in again without a fresh code from a human.
public enum SandboxCredentials {
    public static let yujuToken = "sandbox-token"
    public static let yujuClientId = "sandbox", yujuSecretKey = "sandbox-secret", yujuCode = "sandbox-code"
    public static let bridgeClientId = "sandbox", bridgeClientSecret = "sandbox-secret"
    public static let datacrushPortalId = 1, datacrushApiKey = "sandbox-key"
    /// The BRIDGE channel code of every Yuju channel the sandbox seeds (`YJ4301`, ...), for the
    /// `[bridge]` section a sandbox profile gets.
    public static var bridgeChannelCodes: [Int: String] {
        Dictionary(uniqueKeysWithValues: Seeder.channels.map { ($0.id, BridgeStore.channelCode(forYujuChannel: $0.id)) })
    }
}
