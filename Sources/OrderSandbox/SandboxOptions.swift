/// How a sandbox server is started. Every delay is measured on the sandbox clock, so a test can
/// jump over it with `POST /_sandbox/clock` instead of waiting.
public struct SandboxOptions: Sendable {
    /// The sandbox is for this machine only: anything but a loopback address is refused at start.
    public var host: String
    /// 0 picks a free port; read the real one from `SandboxServer.port`.
    public var port: Int
    public var orders: Int
    public var seed: UInt64
    /// A report is COMPLETED this long after it was requested.
    public var reportDelay: Duration
    /// A BRIDGE change is applied this long after it was accepted.
    public var bridgeApplyDelay: Duration
    /// A BRIDGE login token stops working this long after it was issued.
    public var bridgeTokenTTL: Duration
    /// The sandbox clock stands still and moves only through `POST /_sandbox/clock` (for tests).
    public var freezeClock = false
    /// Serve over TLS (`https://`) with this certificate, as BRIDGE stores are reached; nil:
    /// plain HTTP.
    public var tls: SandboxTLS?

    public init(
        host: String = "127.0.0.1", port: Int = 0, orders: Int = 3000, seed: UInt64 = 42,
        reportDelay: Duration = .seconds(2), bridgeApplyDelay: Duration = .seconds(1),
        bridgeTokenTTL: Duration = .seconds(3600)
    ) {
        self.host = host
        self.port = port
        self.orders = orders
        self.seed = seed
        self.reportDelay = reportDelay
        self.bridgeApplyDelay = bridgeApplyDelay
        self.bridgeTokenTTL = bridgeTokenTTL
    }
}

/// The sandbox's server certificate: PEM files of the chain (the server's certificate first)
/// and of its private key.
public struct SandboxTLS: Sendable {
    public var certificateChainFile: String
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}

extension Duration {
    /// Seconds as a Double, for arithmetic with `Date`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
