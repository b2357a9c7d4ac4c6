/// The listener's own OpenAPI description, served at `GET /openapi.yaml` (for schemathesis and
/// for whoever points Yuju at it).
enum ListenerOpenAPIDocument {
    static let yaml = """
        openapi: 3.0.3
        info:
          title: OrderDesk webhook listener
          version: "1"
          description: >-
            Receives Yuju's webhook notifications. Every notification is signed: header
            x-yuju-signature is "sha256=" and the lowercase hex HMAC-SHA256 of the raw body, keyed
            with the webhook secret.
        paths:
          /webhooks/yuju:
            post:
              summary: One Yuju notification
              parameters:
                - {name: x-yuju-topic, in: header, required: true, schema: {type: string, enum: [new-std-order, updated-std-order, std-orders-report]}}
                - {name: x-yuju-resource, in: header, required: false, schema: {type: string}}
                - {name: x-yuju-delivery, in: header, required: true, schema: {type: string, pattern: "^[A-Za-z0-9._-]{1,64}$"}}
                - {name: x-yuju-signature, in: header, required: true, schema: {type: string, pattern: "^sha256=[0-9a-f]{64}$"}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Notification"}
              responses:
                "200": {description: Stored (or a repeated delivery, ignored), content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
                "202": {description: Unknown topic, ignored, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
                "400": {description: Not the documented JSON, or an id that is not plain text, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
                "401": {description: Missing or wrong signature, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
                "413": {description: Body over 64 KiB, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
                "503": {description: Could not be stored; send it again, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
          /healthz:
            get:
              summary: The listener is up
              responses:
                "200": {description: Up, content: {application/json: {schema: {$ref: "#/components/schemas/Message"}}}}
          /openapi.yaml:
            get:
              summary: This document
              responses:
                "200": {description: The document, content: {application/yaml: {schema: {type: string}}}}
        components:
          schemas:
            Message:
              type: object
              required: [message]
              properties: {message: {type: string}}
            Notification:
              type: object
              required: [topic, resource, sent_at]
              properties:
                topic: {type: string, enum: [new-std-order, updated-std-order, std-orders-report]}
                resource: {type: string}
                id_channel: {type: integer, minimum: 1}
                id_order: {type: string, pattern: "^[A-Za-z0-9._-]{1,64}$"}
                id_report: {type: string, pattern: "^[A-Za-z0-9._-]{1,64}$"}
                sent_at: {type: string, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$", example: "2026-11-30T08:00:00"}

        """
}
