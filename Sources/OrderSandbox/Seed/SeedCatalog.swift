/// The word lists seeded orders are drawn from: Mexican and Argentine names with their accents,
/// and a small product catalog.
enum SeedCatalog {
    /// (display, ASCII form for e-mail addresses)
    static let firstNames: [(String, String)] = [
        ("José", "jose"), ("María", "maria"), ("Ángel", "angel"), ("Lucía", "lucia"), ("Martín", "martin"),
        ("Sofía", "sofia"), ("Joaquín", "joaquin"), ("Valentina", "valentina"), ("Andrés", "andres"),
        ("Camila", "camila"), ("Iñaki", "inaki"), ("Mónica", "monica"), ("Héctor", "hector"),
        ("Guadalupe", "guadalupe"), ("Ramón", "ramon"), ("Belén", "belen"), ("Raúl", "raul"),
        ("Florencia", "florencia"), ("Tomás", "tomas"), ("Ximena", "ximena"), ("Nicolás", "nicolas"),
        ("Agustina", "agustina"), ("Germán", "german"), ("Inés", "ines"),
    ]
    static let lastNames: [(String, String)] = [
        ("Peña Ñandú", "pena.nandu"), ("Álvarez", "alvarez"), ("Hernández", "hernandez"), ("García", "garcia"),
        ("Martínez", "martinez"), ("López", "lopez"), ("González", "gonzalez"), ("Pérez", "perez"),
        ("Rodríguez", "rodriguez"), ("Sánchez", "sanchez"), ("Ramírez", "ramirez"), ("Gómez", "gomez"),
        ("Díaz", "diaz"), ("Fernández", "fernandez"), ("Muñoz", "munoz"), ("Ibáñez", "ibanez"),
        ("Castañeda", "castaneda"), ("Quiñones", "quinones"), ("Echeverría", "echeverria"), ("Suárez", "suarez"),
    ]
    static let mailDomains = ["example.com", "correo.example.mx", "mail.example.com.ar", "example.org"]

    /// (SKU, name, base price)
    static let products: [(String, String, Double)] = [
        ("SKU-TAZ-001", "Taza de cerámica", 149.0), ("SKU-CAM-002", "Camiseta algodón talla M", 299.0),
        ("SKU-BOL-003", "Bolígrafo azul", 25.5), ("SKU-MOC-004", "Mochila escolar", 649.0),
        ("SKU-AUR-005", "Audífonos inalámbricos", 1299.0), ("SKU-LAM-006", "Lámpara de escritorio", 459.9),
        ("SKU-CUA-007", "Cuaderno profesional", 58.0), ("SKU-TER-008", "Termo acero 750 ml", 389.0),
        ("SKU-ZAP-009", "Zapatillas running", 1899.0), ("SKU-GOR-010", "Gorra bordada", 199.0),
        ("SKU-MAT-011", "Mate de calabaza", 320.0), ("SKU-YER-012", "Yerba mate 1 kg", 210.0),
        ("SKU-CAF-013", "Café de Chiapas 500 g", 185.0), ("SKU-SAR-014", "Sartén antiadherente", 540.0),
        ("SKU-LIB-015", "Libro «Cien años de soledad»", 350.0), ("SKU-PIL-016", "Pilas AA x4", 89.0),
        ("SKU-CAR-017", "Cargador USB-C", 279.0), ("SKU-FUN-018", "Funda para teléfono", 129.0),
        ("SKU-SOM-019", "Sombrero de paja", 239.0), ("SKU-REB-020", "Rebozo de algodón", 720.0),
        ("SKU-ALF-021", "Alfajores x12", 160.0), ("SKU-DUL-022", "Dulce de leche 400 g", 95.0),
        ("SKU-TEQ-023", "Vaso tequilero x6", 210.0), ("SKU-PON-024", "Poncho salteño", 2100.0),
    ]
    static let streets = ["Av. Reforma", "Calle Hidalgo", "Av. Corrientes", "Calle Florida", "Av. Insurgentes Sur", "Calle Güemes"]
    static let cities = ["Ciudad de México", "Guadalajara", "Monterrey", "Buenos Aires", "Córdoba", "Rosario", "Mérida"]
    static let notes = ["", "", "", "Entregar en horario de oficina.", "Dejar con el portero, por favor.", "Llamar antes de entregar — timbre descompuesto.", "Regalo: no incluir factura."]
    static let outboundMessages = [("created", "creado con éxito"), ("error", "Error al crear la guía"), ("updated", "actualizado con éxito"), ("synced", "sincronizado con el ERP")]
    static let carriers = ["Estafeta", "DHL", "FedEx", "Andreani", "OCA", "Correo Argentino"]
}
