import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the keyboard, for the audit trail: the account the process runs as. `USER` is
/// only a fallback, since tmux, cron and sudo do not always set it.
public enum OSUser {
    public static var name: String {
        if let entry = getpwuid(geteuid()), let login = entry.pointee.pw_name {
            let name = String(cString: login)
            if !name.isEmpty { return name }
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
