import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real process's answers to the loop's hooks.
extension LoopHooks {
    static func process(environment: [String: String] = ProcessInfo.processInfo.environment) -> LoopHooks {
        LoopHooks(
            firstLoadedFrame: environment["ORDERDESK_FIRST_FRAME_FILE"].map { path in { FirstFrameMark.write(to: path) } },
            // Loading 100,000 rows leaves several MiB freed but still held by malloc.
            listDrawn: { MallocTrim.releaseFreeMemory() })
    }
}

/// Benchmark mark (scripts/bench-tui.sh, `ORDERDESK_FIRST_FRAME_FILE`): after the first frame
/// that shows the loaded list, "<CLOCK_REALTIME ns> <pid>" is appended to the file.
enum FirstFrameMark {
    static func write(to path: String) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let line = "\(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)) \(getpid())\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }
}

/// glibc's `malloc_trim(0)`: gives freed heap pages back to the system. Looked up at run time
/// (Swift does not import <malloc.h>); a no-op where it does not exist.
enum MallocTrim {
    private typealias Function = @convention(c) (Int) -> Int32
    private static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    static func releaseFreeMemory() { _ = function?(0) }
}

/// Ctrl-C, `kill` and a closed terminal end the loop normally, so the terminal is always given
/// back. Installed for the loop's lifetime.
struct StopSignals {
    private static let numbers = [SIGINT, SIGTERM, SIGHUP]
    private let sources: [DispatchSourceSignal]

    init(stopping inbox: Inbox) {
        sources = Self.numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { inbox.requestStop() }
            source.resume()
            return source
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        for number in Self.numbers { signal(number, SIG_DFL) }
    }
}
