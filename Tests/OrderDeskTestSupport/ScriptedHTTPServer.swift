import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback server that answers each connection with whatever bytes `respond` returns for the
/// request it read — valid HTTP or not, cut short, oversized — then closes the connection.
/// For feeding clients answers no real server would send.
public final class ScriptedHTTPServer: @unchecked Sendable {
    public let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var seen: [String] = []
    private var stopped = false

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Request heads received so far ("METHOD /path?query").
    public var requests: [String] { lock.withLock { seen } }

    public init(_ respond: @escaping @Sendable (_ requestLine: String) -> [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: actual.sin_port))
        socketFD = fd
        let thread = Thread { [weak self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                let line = Self.readRequest(client)
                self?.lock.withLock { self?.seen.append(line) }
                Self.sendAll(respond(line), to: client)
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
            }
        }
        thread.start()
    }

    deinit { stop() }

    public func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(socketFD, Int32(SHUT_RDWR))
            close(socketFD)
        }
    }

    /// Reads the head and any Content-Length body; returns "METHOD target".
    private static func readRequest(_ client: Int32) -> String {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var expected: Int?
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[..<count]
            guard let headEnd = find([13, 10, 13, 10], in: data) else { continue }
            if expected == nil {
                let head = String(decoding: data[..<headEnd], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = headEnd + 4 + length
            }
            if let expected, data.count >= expected { break }
        }
        let firstLine = String(decoding: data.prefix { $0 != 13 }, as: UTF8.self)
        return firstLine.split(separator: " ").prefix(2).joined(separator: " ")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Writes everything it can; a client that hung up early just ends the write (no SIGPIPE).
    private static func sendAll(_ bytes: [UInt8], to client: Int32) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// An HTTP/1.1 answer; `contentLength` may lie about the body on purpose.
    public static func http(_ status: Int, _ body: [UInt8], headers: [String] = ["Content-Type: application/json"], contentLength: Int? = nil) -> [UInt8] {
        let head = (["HTTP/1.1 \(status) X"] + headers + ["Content-Length: \(contentLength ?? body.count)", "Connection: close"])
            .joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + body
    }

    public static func http(_ status: Int, _ body: String, headers: [String] = ["Content-Type: application/json"]) -> [UInt8] {
        http(status, Array(body.utf8), headers: headers)
    }
}
