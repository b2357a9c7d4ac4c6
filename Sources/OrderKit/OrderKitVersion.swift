public enum OrderKitVersion { public static let string = "0.1.0" }
