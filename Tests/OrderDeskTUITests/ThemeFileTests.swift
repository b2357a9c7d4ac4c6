import Foundation
import Testing
@testable import OrderDeskTUI

/// The compiled-in themes mirror `themes/default.toml` and `themes/monochrome.toml` (the app
/// draws with them when no `themes/` folder is found): the files and the code must not drift.
@Suite struct ThemeFileTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    static func file(_ name: String) throws -> Theme {
        try Theme.parse(String(contentsOf: themes.appendingPathComponent("\(name).toml"), encoding: .utf8), name: name)
    }

    @Test(arguments: ["default", "monochrome"])
    func builtInThemeEqualsItsFile(name: String) throws {
        let compiled = name == "default" ? Theme.builtIn : Theme.monochrome
        let file = try Self.file(name)
        #expect(file.name == compiled.name)
        // Every role spelled out in both, not filled in from the built-in fallback.
        #expect(Set(file.styles.keys) == Set(ThemeRole.allCases), "\(name).toml lacks \(Set(ThemeRole.allCases).subtracting(file.styles.keys))")
        #expect(Set(compiled.styles.keys) == Set(ThemeRole.allCases))
        for role in ThemeRole.allCases {
            #expect(file.styles[role] == compiled.styles[role], "\(name): \(role.rawValue): file \(String(describing: file.styles[role])), compiled \(String(describing: compiled.styles[role]))")
        }
    }
}
