import Foundation
// NIOSSL is AsyncHTTPClient's own TLS layer (a dependency of it, so always built with it): the
// certificates are read with the same code that will trust them.
import NIOSSL

/// A `ca_file` setting, checked when the config is read: a readable PEM file holding at least
/// one certificate. A wrong path or a key file given by mistake is then a config error naming
/// the key, instead of a TLS failure on the first request.
enum TrustedCAFile {
    /// The absolute path to use: `~/` is the home folder, a relative path is taken from the
    /// config file's folder.
    static func check(_ path: String, key: String, configFile: String?) throws -> String {
        let resolved = resolve(path, configFile: configFile)
        guard FileManager.default.isReadableFile(atPath: resolved) else {
            throw ConfigError("\(key): cannot read \(resolved)")
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(resolved)
        } catch {
            throw ConfigError("\(key): \(resolved) is not a PEM certificate file (expected -----BEGIN CERTIFICATE-----)")
        }
        guard !certificates.isEmpty else {
            throw ConfigError("\(key): \(resolved) holds no certificate (expected -----BEGIN CERTIFICATE-----)")
        }
        return resolved
    }

    static func resolve(_ path: String, configFile: String?) -> String {
        if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        let folder = configFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }
}
