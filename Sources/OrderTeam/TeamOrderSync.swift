import Foundation
import Logging
import OrderKit

/// Keeps this member's local cache and the team's order feed in step: publishes what was written
/// here (the store's team journal) and absorbs what colleagues wrote, at start (`catchUp`) and
/// then live (`run`): woken by the feed's NOTIFY and by local writes, with a slow poll beneath
/// both for a notification missed while the connection was down.
public actor TeamOrderSync {
    /// Orders colleagues changed, once absorbed into the local cache.
    public nonisolated let arrivals = Broadcaster<[OrderKey]>(buffer: 256)
    /// This cache in the feed: its own publications, by this process or an earlier one on the
    /// same cache, are not absorbed back.
    public nonisolated let origin: String

    private let store: OrderStore
    private let feed: TeamOrderFeed
    /// The local store's name for this feed (the database, without the password): a cache used
    /// with two team databases keeps a position in each.
    private let feedName: String
    private let operatorName: String
    private let logger: Logger
    private var loop: Task<Void, Never>?

    /// Orders per publication or read.
    static let batch = 1_000
    /// The poll beneath the notifications.
    static let pollInterval: Duration = .seconds(2)

    public init(store: OrderStore, database: TeamDatabase, operatorName: String, logger: Logger) throws {
        self.store = store
        self.feed = TeamOrderFeed(database)
        self.feedName = database.url.description
        self.origin = try store.teamFeedOrigin(feedName)
        self.operatorName = operatorName
        self.logger = logger
    }

    /// Publishes every local change not yet published, then absorbs everything the feed has
    /// after this store's position. Returns the orders absorbed.
    @discardableResult
    public func catchUp() async throws -> [OrderKey] {
        try await publishPending()
        return try await absorbNew()
    }

    /// Publishes the local changes not yet published; returns how many there were.
    @discardableResult
    public func publishPending() async throws -> Int {
        var published = 0
        while true {
            let (through, changes) = try store.changesForTeam(limit: Self.batch)
            guard through > 0 else { return published }
            let answer = try await feed.publish(changes, origin: origin, operatorName: operatorName)
            try store.forgetChangesForTeam(through: through)
            if !answer.outbounds.isEmpty { try fillInHistories(answer.outbounds) }
            published += changes.count
        }
    }

    private func absorbNew() async throws -> [OrderKey] {
        var absorbed: [OrderKey] = []
        var position = try store.teamFeedPosition(feedName)
        while true {
            let rows = try await feed.read(after: position, limit: Self.batch)
            guard let last = rows.last else { break }
            var incoming: [TeamOrderArrival] = []
            let decoder = JSONDecoderFactory.make()
            for row in rows where row.origin != origin {
                do {
                    let outbounds = try row.outbounds.map { try decoder.decode([OutboundRecord].self, from: Data($0.utf8)) }
                    incoming.append(TeamOrderArrival(order: try StoredOrder(raw: Data(row.raw.utf8)), outbounds: outbounds))
                } catch {
                    logger.warning("team feed: order \(row.key) from \(row.operatorName) is unreadable, left out: \(error)")
                }
            }
            let keys = try store.absorbTeamOrders(incoming, feed: feedName, through: last.position)
            if !keys.isEmpty { arrivals.publish(keys) }
            absorbed += keys
            position = last.position
            if rows.count < Self.batch { break }
        }
        return absorbed
    }

    /// Histories the team had for orders this member published without one.
    private func fillInHistories(_ histories: [OrderKey: String]) throws {
        let decoder = JSONDecoderFactory.make()
        var records: [OrderKey: [OutboundRecord]] = [:]
        for (key, json) in histories {
            do { records[key] = try decoder.decode([OutboundRecord].self, from: Data(json.utf8)) } catch {
                logger.warning("team feed: outbound history of \(key) is unreadable, left out: \(error)")
            }
        }
        let filled = try store.fillInTeamOutbounds(records)
        if !filled.isEmpty { arrivals.publish(filled) }
    }

    /// Keeps in step until `stop`. Failures are logged and retried at the next wake or poll:
    /// local changes wait in the journal meanwhile, and nothing is lost.
    public func run() {
        guard loop == nil else { return }
        let (wakes, waker) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let localWrites = store.teamJournalWakes.subscribe()
        let feed = self.feed, logger = self.logger
        loop = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        do { try await feed.listen { waker.yield() } } catch {
                            if !Task.isCancelled { logger.warning("team feed: listening stopped (\(error)); trying again") }
                        }
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
                group.addTask {
                    for await _ in localWrites { waker.yield() }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.pollInterval)
                        waker.yield()
                    }
                }
                group.addTask {
                    for await _ in wakes {
                        do { try await self.catchUp() } catch {
                            logger.warning("team feed: \(error)")
                        }
                    }
                }
                await group.waitForAll()
            }
        }
        waker.yield()
    }

    /// Stops the live loop, then publishes what is left (a change written just before quitting
    /// still reaches the team; if this fails, the next start publishes it).
    public func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
        do { try await publishPending() } catch { logger.warning("team feed: left unpublished until the next start: \(error)") }
    }
}
