import Foundation
import GRDB

/// The schema, as named migrations. Never edit a shipped migration: add a new one.
///
/// Column names avoid words PostgreSQL reserves (`user` → `user_name`), dates are doubles
/// (seconds since 1970) and JSON is text, so the same schema translates directly to team mode.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-orders") { db in
            try db.create(table: "orders") { t in
                t.column("id_channel", .integer).notNull()
                t.column("id_order", .text).notNull()
                t.column("status", .text).notNull()
                t.column("paid_at", .text)
                t.column("created_at", .text)
                t.column("customer", .text).notNull().defaults(to: "")
                t.column("item_count", .integer).notNull().defaults(to: 0)
                t.column("total", .double)
                t.column("currency", .text)
                t.column("carrier", .text)
                // SKUs joined by newlines: enough for substring filtering without an items table.
                t.column("skus", .text).notNull().defaults(to: "")
                t.column("raw", .text).notNull()
                t.column("updated_at", .double).notNull()
                t.primaryKey(["id_channel", "id_order"])
            }
            // The list's default sort is newest paid first.
            try db.create(index: "orders_paid_at", on: "orders", columns: ["paid_at"])
        }

        migrator.registerMigration("v1-outbounds") { db in
            try db.create(table: "outbounds") { t in
                t.primaryKey("pk", .text)
                t.column("id_channel", .integer).notNull()
                t.column("id_order", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.column("status", .text).notNull()
                t.column("reference", .text).notNull()
                t.column("record_json", .text).notNull()
                // Arrival order breaks ties between records created in the same second.
                t.column("seq", .integer).notNull().defaults(to: 0)
            }
            try db.create(index: "outbounds_order", on: "outbounds", columns: ["id_channel", "id_order", "created_at"])
        }

        migrator.registerMigration("v1-outbox") { db in
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("id_channel", .integer)
                t.column("id_order", .text)
                t.column("payload", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("action", .text).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
                t.column("last_error", .text)
                t.column("response", .text)
                t.column("user_name", .text).notNull()
            }
            try db.create(index: "outbox_state", on: "outbox", columns: ["state", "id"])
            try db.create(index: "outbox_order", on: "outbox", columns: ["id_channel", "id_order", "id"])
        }

        migrator.registerMigration("v1-report-runs") { db in
            try db.create(table: "report_runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("id_report", .text)
                t.column("variant", .text).notNull()
                t.column("return_type", .text).notNull()
                t.column("requested_at", .double).notNull()
                t.column("filters", .text).notNull()
                t.column("status", .text).notNull()
                t.column("imported_count", .integer)
            }
            try db.create(index: "report_runs_requested_at", on: "report_runs", columns: ["requested_at"])
            try db.create(index: "report_runs_id_report", on: "report_runs", columns: ["id_report"])
        }

        migrator.registerMigration("v1-audit") { db in
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("user_name", .text).notNull()
                t.column("id_channel", .integer)
                t.column("id_order", .text)
                t.column("action", .text).notNull()
                t.column("outcome", .text).notNull()
            }
            try db.create(index: "audit_order", on: "audit", columns: ["id_channel", "id_order", "at"])
            try db.create(index: "audit_at", on: "audit", columns: ["at"])
        }

        // `starts_from`: what a status change expects its items to be in when sent, so a change
        // whose order moved on meanwhile is re-checked before it goes. `started`: an attempt
        // began, so a request may have reached the server (`attempts` counts only requests
        // known to be sent).
        migrator.registerMigration("v2-outbox-checks") { db in
            try db.alter(table: "outbox") { t in
                t.add(column: "starts_from", .text)
                t.add(column: "started", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: "UPDATE outbox SET started = 1 WHERE attempts > 0 OR state = 'sending'")
        }

        // Every mirror to BRIDGE and how it ended: BRIDGE is asked by internalNumber, which only
        // its answer to the change tells.
        migrator.registerMigration("v2-bridge-changes") { db in
            try db.create(table: "bridge_changes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("id_channel", .integer).notNull()
                t.column("id_order", .text).notNull()
                t.column("status_entry_id", .integer)
                t.column("bridge_entry_id", .integer)
                t.column("bridge_channel", .text).notNull()
                t.column("external_number", .text).notNull()
                t.column("internal_number", .text)
                t.column("target_state", .text).notNull()
                t.column("requested_at", .double).notNull()
                t.column("state", .text).notNull()
                t.column("last_checked", .double)
                t.column("detail", .text)
            }
            try db.create(index: "bridge_changes_order", on: "bridge_changes", columns: ["id_channel", "id_order", "id"])
            // One mirror per Yuju change: a change confirmed twice (a resend after a crash) finds it.
            try db.create(index: "bridge_changes_status_entry", on: "bridge_changes", columns: ["status_entry_id"], unique: true)
            try db.create(index: "bridge_changes_bridge_entry", on: "bridge_changes", columns: ["bridge_entry_id"])
            try db.create(index: "bridge_changes_state", on: "bridge_changes", columns: ["state"])
        }

        // The ids of an `only_ids` report, kept so that exactly those orders can be refreshed by
        // one-order GETs; the index finds an id's cached channel (the report gives none).
        migrator.registerMigration("v3-report-ids") { db in
            try db.create(table: "report_ids") { t in
                t.column("id_report", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("id_order", .text).notNull()
                t.primaryKey(["id_report", "position"])
            }
            try db.create(index: "orders_id_order", on: "orders", columns: ["id_order"])
        }

        // Webhook notifications as received: written before the listener answers 200, so a crash
        // loses none; `done_at` is set once the order is refreshed (or the report imported).
        migrator.registerMigration("v4-webhook-notifications") { db in
            try WebhookInboxRows.createTable(in: db)
        }

        // Team mode: orders written here and not yet shared with the team, and how far this
        // store has read the team's order feed (`OrderStore+TeamJournal`).
        migrator.registerMigration("v5-team-journal") { db in
            try TeamJournalRows.createTables(in: db)
        }

        // The list filters on the customer's e-mail and phone, and its Items column counts item
        // lines (it counted units, which the detail never shows). Both are read from the cached
        // JSON once here; new rows get them as they are written.
        migrator.registerMigration("v6-orders-contact-lines") { db in
            try db.alter(table: "orders") { t in
                t.add(column: "email", .text).notNull().defaults(to: "")
                t.add(column: "phone", .text).notNull().defaults(to: "")
            }
            try db.execute(sql: """
                UPDATE orders SET
                    email = COALESCE(CAST(json_extract(raw, '$.customer.email') AS TEXT), ''),
                    phone = COALESCE(CAST(json_extract(raw, '$.customer.phone') AS TEXT), ''),
                    item_count = CASE json_type(raw, '$.items') WHEN 'array' THEN json_array_length(raw, '$.items') ELSE 0 END
                WHERE json_valid(raw) AND json_type(raw) = 'object'
                """)
        }

        // Team mode: this cache's own name in the team's feed, kept across restarts, so what it
        // published just before quitting is not read back as a colleague's at the next start.
        migrator.registerMigration("v7-team-feed-origin") { db in
            try db.alter(table: "team_feed") { t in t.add(column: "origin", .text) }
        }

        // The persisted list index (`OrderStore+ListIndex`): every write that changes a list row
        // raises the store's list generation and stamps the row with it, in its own transaction,
        // so the rows written after an index file are found by `list_gen`, whoever wrote them.
        migrator.registerMigration("v8-list-index") { db in
            try db.alter(table: "orders") { t in t.add(column: "list_gen", .integer).notNull().defaults(to: 0) }
            try db.create(index: "orders_list_gen", on: "orders", columns: ["list_gen"])
            try db.create(table: "list_index_state") { t in
                t.column("id", .integer).primaryKey()
                t.column("store_id", .text).notNull()
                t.column("generation", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO list_index_state (id, store_id, generation) VALUES (1, ?, 0)", arguments: [UUID().uuidString])
            try ListGeneration.createTriggers(in: db)
        }

        return migrator
    }
}
