import Foundation

/// The state of one limit that every caller of it must agree on: when the next request may
/// start, and a pause the server asked for. In memory for one process; in the store
/// (`StoreSlotSchedule`) for every process of a profile; a team keeps it in PostgreSQL.
public struct SlotSchedule: Sendable, Equatable {
    public var nextSlot: Date
    public var pausedUntil: Date?
    public var pauseMessage: String?

    public init(nextSlot: Date = .distantPast, pausedUntil: Date? = nil, pauseMessage: String? = nil) {
        self.nextSlot = nextSlot
        self.pausedUntil = pausedUntil
        self.pauseMessage = pauseMessage
    }

    /// Reserves the next start at or after `now`, `interval` after the previous reservation and
    /// not inside a pause. With `onlyIfFree`, reserves nothing (nil) unless that start is now:
    /// background work does not queue.
    public mutating func reserve(now: Date, interval: Double, onlyIfFree: Bool) -> Date? {
        var slot = max(now, nextSlot)
        if let pausedUntil, pausedUntil > slot { slot = pausedUntil }
        if onlyIfFree, slot > now { return nil }
        nextSlot = slot.addingTimeInterval(interval)
        return slot
    }

    /// The server answered 429: nobody starts before `until`.
    public mutating func pause(until: Date, message: String) {
        pausedUntil = max(pausedUntil ?? until, until)
        if nextSlot < until { nextSlot = until }
        pauseMessage = message
    }

    public func isPaused(at now: Date) -> Bool { pausedUntil.map { now < $0 } ?? false }
}

/// Keeps `SlotSchedule`s where several processes see them. Each call is one short atomic
/// transaction, so a take costs one round trip to the store.
public protocol SharedSlotSchedules: Sendable {
    /// Applies `change` to the schedule of `kind` atomically and returns its result with the
    /// schedule as it is afterwards.
    func update<T: Sendable>(_ kind: BudgetKind, _ change: @Sendable (inout SlotSchedule) -> T) throws -> (T, SlotSchedule)
    func read(_ kind: BudgetKind) throws -> SlotSchedule
}
