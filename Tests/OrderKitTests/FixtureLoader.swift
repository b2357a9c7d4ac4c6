import Foundation
import OrderKit

enum Fixture {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return try Data(contentsOf: url)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(name))
    }

    /// Decodes the fixture as `T`, encodes it again and returns both sides as JSON values, so a
    /// test can assert that no field was lost, renamed or changed.
    static func roundTrip<T: Codable>(_ type: T.Type, _ name: String) throws -> (original: JSONValue, reencoded: JSONValue) {
        let raw = try data(name)
        let value = try JSONDecoder().decode(T.self, from: raw)
        let again = try JSONEncoder().encode(value)
        return (try JSONDecoder().decode(JSONValue.self, from: raw), try JSONDecoder().decode(JSONValue.self, from: again))
    }
}
