import Foundation
import OrderKit
import Testing

/// Every JSON example of the vendor pages (`shared/seeds/`) decodes into OrderDesk's models and
/// encodes back to the same fields.
@Suite struct SeedExampleTests {
    @Test(arguments: [
        ("seed000_outbound_request", "OutboundRequest"),
        ("seed000_outbound_response", "OutboundRecord"),
        ("seed000_error_400", "YujuMessage"),
        ("seed001_status_request", "StatusChangeRequest"),
        ("seed001_status_request_minimal", "StatusChangeRequest"),
        ("seed001_status_response", "StatusChangeResponse"),
        ("seed001_status_error", "YujuMessage"),
        ("seed002_report_range", "ReportRequest"),
        ("seed002_report_ids", "ReportRequest"),
        ("seed002_report_created", "ReportCreated"),
        ("seed002_report_429", "YujuMessage"),
        ("seed003_change_internal", "BridgeChangeRequest"),
        ("seed003_change_external", "BridgeChangeRequest"),
        ("seed003_change_response", "BridgeAckResponse"),
        ("seed004_orders", "[DatacrushOrder]"),
        ("seed004_success", "DatacrushResult"),
        ("seed004_fail", "DatacrushResult"),
    ])
    func roundTrip(fixture: String, type: String) throws {
        let pair: (original: JSONValue, reencoded: JSONValue)
        switch type {
        case "OutboundRequest": pair = try Fixture.roundTrip(OutboundRequest.self, fixture)
        case "OutboundRecord": pair = try Fixture.roundTrip(OutboundRecord.self, fixture)
        case "YujuMessage": pair = try Fixture.roundTrip(YujuMessage.self, fixture)
        case "StatusChangeRequest": pair = try Fixture.roundTrip(StatusChangeRequest.self, fixture)
        case "StatusChangeResponse": pair = try Fixture.roundTrip(StatusChangeResponse.self, fixture)
        case "ReportRequest": pair = try Fixture.roundTrip(ReportRequest.self, fixture)
        case "ReportCreated": pair = try Fixture.roundTrip(ReportCreated.self, fixture)
        case "BridgeChangeRequest": pair = try Fixture.roundTrip(BridgeChangeRequest.self, fixture)
        case "BridgeAckResponse": pair = try Fixture.roundTrip(BridgeAckResponse.self, fixture)
        case "[DatacrushOrder]": pair = try Fixture.roundTrip([DatacrushOrder].self, fixture)
        case "DatacrushResult": pair = try Fixture.roundTrip(DatacrushResult.self, fixture)
        default: Issue.record("no model named \(type)"); return
        }
        #expect(pair.original == pair.reencoded)
    }

    @Test func outboundResponseKeepsParamsAsAString() throws {
        let record = try JSONDecoder().decode(OutboundRecord.self, from: Fixture.data("seed000_outbound_response"))
        #expect(record.orderIntExternalPk == "90bbb472-4177-4545-9141-8183b1cfc6d4")
        #expect(record.createdAt == "2024-09-23T18:55:58.968371")
        let action = try #require(record.actions.first)
        #expect(action.id == .null && action.idChannel == .null && action.result == .null)
        #expect(action.decodedParams?["id_order"] == "4358675859")
        #expect(action.decodedParams?["_headers"]?["token"] == ".....")
    }

    @Test func statusRequestMatchesSeedFields() throws {
        let request = try JSONDecoder().decode(StatusChangeRequest.self, from: Fixture.data("seed001_status_request"))
        #expect(request == StatusChangeRequest(idOrder: "12345", idChannel: 4308, status: .readyToShip, carrier: "test", idItems: ["sku1"]))
        let minimal = try JSONEncoder().encode(StatusChangeRequest(idOrder: "12345", idChannel: 4308, status: .shipped))
        let fields = try JSONDecoder().decode(JSONValue.self, from: minimal)
        #expect(fields == ["id_order": "12345", "id_channel": 4308, "status": "shipped"])
    }

    @Test func reportIdsExampleKeepsNonNumericIds() throws {
        let request = try JSONDecoder().decode(ReportRequest.self, from: Fixture.data("seed002_report_ids"))
        #expect(request.filters.orderIds?.last == "21972602301-A")
        #expect(throws: Never.self) { try request.validate() }
    }

    @Test func reportLimitMinutesAreReadBack() throws {
        let body = try JSONDecoder().decode(YujuMessage.self, from: Fixture.data("seed002_report_429"))
        #expect(YujuText.minutesInReportLimit(body.message) == 549)
        #expect(YujuText.reportLimit(minutes: 549) == body.message)
    }

    @Test func bridgeSuccessMessageNamesTheInternalNumber() throws {
        let body = try JSONDecoder().decode(BridgeAckResponse.self, from: Fixture.data("seed003_change_response"))
        #expect(body.isSuccess)
        #expect(BridgeText.internalNumber(inChangeMessage: body.message) == "bridge0000000294")
        #expect(BridgeText.changeAccepted(internalNumber: "bridge0000000294") == body.message)
    }

    @Test func datacrushFailCarriesCodeAndText() throws {
        let body = try JSONDecoder().decode(DatacrushResult.self, from: Fixture.data("seed004_fail"))
        #expect(!body.isSuccess)
        #expect(body.error?.code == DatacrushError.decode.code)
        #expect(body.error?.message == DatacrushError.decode.message)
    }
}
