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

/// Keeps `SlotSchedule`s where several processes see them. Each call is one atomic step (a short
/// transaction, or a single statement), so a take costs one round trip to the store. Every
/// method returns the schedule as it is afterwards.
public protocol SharedSlotSchedules: Sendable {
    /// `SlotSchedule.reserve` on the shared schedule.
    func reserve(_ kind: BudgetKind, now: Date, interval: Double, onlyIfFree: Bool) async throws -> (Date?, SlotSchedule)
    /// `SlotSchedule.pause` on the shared schedule.
    func pause(_ kind: BudgetKind, until: Date, message: String) async throws -> SlotSchedule
    /// A start came late, at `start`: the next reservation is an interval after it.
    func delayNextSlot(_ kind: BudgetKind, toAtLeast next: Date) async throws -> SlotSchedule
    func read(_ kind: BudgetKind) async throws -> SlotSchedule
}
