import Foundation

/// The OpenAPI 3.0 description of every route the sandbox serves, at `GET /_sandbox/openapi.yaml`.
/// Kept as `Resources/openapi.yaml`, so it is edited, diffed and validated as the YAML it is.
/// Read on the route's first request, not at start. The resource bundle must stay beside the
/// `orderdesk` binary (or in the build folder it was built in): `Bundle.module` traps without it.
enum OpenAPIDocument {
    static let yaml: Data? = Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? Data(contentsOf: $0) }
}
