import Foundation

/// Reads the top-level elements of a JSON array from a file one at a time, in fixed-size chunks,
/// so a report of any size is never held in memory whole.
///
/// It only finds where each element starts and ends (tracking strings, escapes and nesting
/// depth); it does not validate the element, which the caller decodes. So a malformed element
/// costs that element alone, while a file cut short is reported as such.
final class JSONArrayStreamer {
    struct Element {
        /// Position in the array, from 0.
        var index: Int
        /// Byte offset of the element's first byte in the file.
        var byteOffset: Int
        var bytes: Data
    }

    enum StreamError: Error, Hashable, CustomStringConvertible {
        case notAnArray(byteOffset: Int)
        /// The file ended inside the array; `elements` complete elements came before.
        case truncated(byteOffset: Int, elements: Int)
        case dataAfterArray(byteOffset: Int)

        var description: String {
            switch self {
            case .notAnArray(let offset): "not a JSON array (unexpected byte at offset \(offset))"
            case .truncated(let offset, let elements): "the file ends early, at byte \(offset), after \(elements) complete elements"
            case .dataAfterArray(let offset): "unexpected data after the array, at byte \(offset)"
            }
        }
    }

    private enum State { case beforeArray, firstElementOrEnd, elementAfterComma, inElement, afterElement, done }

    /// Where the scanner is inside the current element. Copied into a local for the hot loop:
    /// every access to a class's stored property costs an exclusivity check, per byte.
    private struct ElementScan {
        var depth = 0
        var inString = false
        var escaped = false
        var isScalar = false
    }

    private let handle: FileHandle
    private let chunkSize: Int
    private var chunk: [UInt8] = []
    private var position = 0
    /// File offset of `chunk[0]`.
    private var chunkOffset = 0
    private var state = State.beforeArray

    // The element being scanned.
    private var carried: [UInt8] = []
    private var elementStartInChunk = 0
    private var elementOffset = 0
    private var scan = ElementScan()

    private(set) var elementCount = 0

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = max(1, chunkSize)
    }

    deinit { try? handle.close() }

    /// The next element, or nil after the array's closing bracket.
    func next() throws -> Element? {
        while true {
            if position >= chunk.count {
                if state == .inElement {
                    // The element continues in the next chunk: keep what this one holds of it.
                    carried.append(contentsOf: chunk[elementStartInChunk...])
                    elementStartInChunk = 0
                }
                chunkOffset += chunk.count
                chunk = [UInt8](try handle.read(upToCount: chunkSize) ?? Data())
                position = 0
                if chunk.isEmpty {
                    switch state {
                    case .done: return nil
                    case .beforeArray: throw StreamError.notAnArray(byteOffset: chunkOffset)
                    default: throw StreamError.truncated(byteOffset: chunkOffset, elements: elementCount)
                    }
                }
            }
            if let element = try scanChunk() { return element }
        }
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let comma = UInt8(ascii: ",")

    @inline(__always) private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Scans from `position` to the end of the chunk or the end of an element, whichever comes first.
    private func scanChunk() throws -> Element? {
        try chunk.withUnsafeBufferPointer { buffer -> Element? in
            var i = position
            defer { position = i }
            let count = buffer.count
            while i < count {
                if state == .inElement {
                    if let end = Self.scanElement(buffer, from: &i, scan: &scan) { return finishElement(buffer, end: end) }
                    return nil
                }
                let byte = buffer[i]
                switch state {
                case .inElement:
                    preconditionFailure("handled above")
                case .beforeArray:
                    let offset = chunkOffset + i
                    if Self.isWhitespace(byte) || (offset < 3 && (byte == 0xEF || byte == 0xBB || byte == 0xBF)) {
                        i += 1
                    } else if byte == Self.openBracket {
                        state = .firstElementOrEnd
                        i += 1
                    } else {
                        throw StreamError.notAnArray(byteOffset: offset)
                    }
                case .firstElementOrEnd, .elementAfterComma, .afterElement:
                    if Self.isWhitespace(byte) {
                        i += 1
                    } else if byte == Self.closeBracket {
                        // After a comma this accepts a trailing comma: harmless, and seen in the wild.
                        state = .done
                        i += 1
                    } else if byte == Self.comma && state == .afterElement {
                        state = .elementAfterComma
                        i += 1
                    } else {
                        // Anything else starts an element; junk becomes an element that fails to decode.
                        startElement(at: i, byte: byte)
                        i += 1
                    }
                case .done:
                    guard Self.isWhitespace(byte) else { throw StreamError.dataAfterArray(byteOffset: chunkOffset + i) }
                    i += 1
                }
            }
            return nil
        }
    }

    /// The hot loop, on locals only: advances `i` to the end of the element (returning the end
    /// index, exclusive) or to the end of the chunk (returning nil).
    private static func scanElement(_ buffer: UnsafeBufferPointer<UInt8>, from i: inout Int, scan: inout ElementScan) -> Int? {
        var s = scan
        defer { scan = s }
        var index = i
        defer { i = index }
        let count = buffer.count
        while index < count {
            let b = buffer[index]
            if s.inString {
                if s.escaped {
                    s.escaped = false
                } else if b == backslash {
                    s.escaped = true
                } else if b == quote {
                    s.inString = false
                    if s.depth == 0 { index += 1; return index }
                }
            } else if s.isScalar {
                // A scalar ends before its terminator, which is left for the array level.
                if b == comma || b == closeBracket || isWhitespace(b) { return index }
            } else if b == quote {
                s.inString = true
            } else if b == openBrace || b == openBracket {
                s.depth += 1
            } else if b == closeBrace || b == closeBracket {
                s.depth -= 1
                if s.depth == 0 { index += 1; return index }
            }
            index += 1
        }
        return nil
    }

    private func startElement(at index: Int, byte: UInt8) {
        state = .inElement
        elementStartInChunk = index
        elementOffset = chunkOffset + index
        carried.removeAll(keepingCapacity: true)
        if byte == Self.openBrace || byte == Self.openBracket {
            scan = ElementScan(depth: 1)
        } else if byte == Self.quote {
            scan = ElementScan(inString: true)
        } else {
            scan = ElementScan(isScalar: true)
        }
    }

    private func finishElement(_ buffer: UnsafeBufferPointer<UInt8>, end: Int) -> Element {
        let tail = UnsafeBufferPointer(rebasing: buffer[elementStartInChunk..<end])
        var bytes: Data
        if carried.isEmpty {
            bytes = Data(tail)
        } else {
            bytes = Data(capacity: carried.count + tail.count)
            bytes.append(contentsOf: carried)
            bytes.append(contentsOf: tail)
            carried.removeAll(keepingCapacity: true)
        }
        let element = Element(index: elementCount, byteOffset: elementOffset, bytes: bytes)
        elementCount += 1
        state = .afterElement
        return element
    }
}
