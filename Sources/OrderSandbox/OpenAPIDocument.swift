/// The OpenAPI 3.0 description of every route the sandbox serves, at `GET /_sandbox/openapi.yaml`.
/// Kept as a string rather than a resource file so the package manifest stays untouched.
enum OpenAPIDocument {
    static let yaml = #"""
    openapi: 3.0.3
    info:
      title: OrderDesk sandbox
      version: "1.0"
      description: >-
        Yuju, Napse BRIDGE and Datacrush emulated on one loopback port, plus control routes.
        Fixed credentials: Yuju token "sandbox-token" (raw, "Token t" or "Bearer t"); BRIDGE
        clientId "sandbox" / clientSecret "sandbox-secret"; Datacrush portal_id 1, api_key "sandbox-key".
        Faults (latency, 500s, dropped connections, forced 429) apply to /yuju, /bridge and /datacrush only.
    servers:
      - url: http://127.0.0.1:8080
    components:
      securitySchemes:
        yujuToken:
          type: apiKey
          in: header
          name: Authorization
        bridgeToken:
          type: apiKey
          in: header
          name: x-access-token
      parameters:
        idChannel:
          name: id_channel
          in: query
          required: true
          schema: {type: integer}
        idOrder:
          name: id_order
          in: query
          required: true
          schema: {type: string}
        returnType:
          name: return_type
          in: query
          required: false
          schema: {type: string, enum: [only_ids, basic, complete]}
        idReport:
          name: id_report
          in: path
          required: true
          schema: {type: string}
      headers:
        RetryAfter:
          schema: {type: string}
      schemas:
        YujuMessage:
          type: object
          required: [message]
          properties:
            message: {type: string}
        StatusChangeRequest:
          type: object
          properties:
            id_order: {type: string}
            id_channel: {type: integer}
            status: {type: string, enum: [ready_to_ship, shipped, delivered, canceled]}
            carrier: {type: string}
            id_items:
              type: array
              items: {type: string}
        StatusChangeResponse:
          type: object
          required: [ok, message]
          properties:
            ok: {type: integer}
            message: {type: string}
        OutboundRequest:
          type: object
          required: [status, message, type, reference, channel_id]
          properties:
            status: {type: string}
            message: {type: string}
            type: {type: string}
            module_name: {type: string, nullable: true}
            reference: {type: string}
            channel_id: {type: integer}
            extra: {type: object, additionalProperties: true}
            actions:
              type: array
              items:
                type: object
                required: [message, params, name]
                properties:
                  message: {type: string}
                  params: {}
                  name: {type: string}
        OutboundRecord:
          type: object
          required: [order_int_external_pk, created_at, updated_at, id_channel, id_order, id_shop, module_name, reference, message, status, type, actions]
          properties:
            order_int_external_pk: {type: string, format: uuid}
            created_at: {type: string, example: "2024-09-23T18:55:58.968371"}
            updated_at: {type: string, example: "2024-09-23T18:55:58.968371"}
            id_channel: {type: integer}
            id_order: {type: string}
            id_shop: {type: integer, nullable: true}
            module_name: {type: string, nullable: true}
            extra: {type: object, additionalProperties: true}
            reference: {type: string}
            message: {type: string}
            status: {type: string}
            type: {type: string}
            actions:
              type: array
              items:
                type: object
                required: [params, message, id, id_channel, result, name]
                properties:
                  params: {type: string, description: JSON-encoded parameters}
                  message: {type: string}
                  id: {nullable: true}
                  id_channel: {nullable: true}
                  result: {nullable: true}
                  name: {type: string}
        OrderItem:
          type: object
          required: [id_item]
          properties:
            id_item: {type: string}
            sku: {type: string}
            name: {type: string}
            quantity: {type: integer}
            price: {type: number}
            status: {type: string}
        Order:
          type: object
          required: [id_channel, id_order, status]
          properties:
            id_shop: {type: integer}
            id_channel: {type: integer}
            id_order: {type: string}
            status: {type: string, enum: [pending, ready_to_ship, shipped, delivered, canceled]}
            order_created_at: {type: string}
            order_updated_at: {type: string}
            payment_accredited_at: {type: string}
            currency: {type: string}
            total: {type: number}
            paid_total: {type: number}
            shipping_cost: {type: number}
            notes: {type: string}
            carrier: {type: string}
            customer:
              type: object
              properties:
                first_name: {type: string}
                last_name: {type: string}
                email: {type: string}
                phone: {type: string}
            billing_address: {type: object, additionalProperties: true}
            items:
              type: array
              items: {$ref: '#/components/schemas/OrderItem'}
            actions:
              type: array
              items: {}
        ReportRequest:
          type: object
          properties:
            filters:
              type: object
              properties:
                order_ids:
                  type: array
                  items: {type: string}
                payment_accredited_at:
                  type: object
                  properties:
                    from: {type: string, example: "2023-11-21T00:00:00"}
                    to: {type: string, example: "2023-11-25T23:59:59"}
                channels:
                  type: array
                  items: {type: integer}
                status: {type: string, enum: [open, close]}
        ReportCreated:
          type: object
          required: [message, id_report]
          properties:
            message: {type: string}
            id_report: {type: string, pattern: '^[0-9a-f]{32}$'}
        ReportProgress:
          type: object
          required: [id_report, status, url]
          properties:
            id_report: {type: string}
            status: {type: string, enum: [CREATED, PROCESSING, COMPLETED, ERROR]}
            url: {type: string, nullable: true}
        BridgeAck:
          type: object
          required: [ack, message]
          properties:
            ack: {type: integer}
            message: {type: string}
        BridgeLoginResponse:
          type: object
          required: [ack]
          properties:
            ack: {type: integer}
            token: {type: string}
            message: {type: string}
        BridgeChangeRequest:
          type: object
          properties:
            orderState: {type: string, enum: [open, confirmed, readyToPick, inproc, complete, transit, closed, cancelled]}
            internalNumber: {type: string}
            externalNumber: {type: string}
            channel: {type: string}
            notes: {type: string}
        BridgeStatusResponse:
          type: object
          required: [ack, message]
          properties:
            ack: {type: integer}
            message: {type: string}
            currentStatus: {type: string}
            currentStatusName: {type: string}
            history:
              type: array
              items:
                type: object
                required: [initialState, finalState, createdDate]
                properties:
                  initialState: {type: string}
                  finalState: {type: string}
                  createdDate: {type: string}
        DatacrushOrder:
          type: object
          required: [id, order_number, status, currency_code, gateway, total, discount_total, shipping_total, tax_total, financial_status, source, created_at, items, customer]
          properties:
            id: {type: integer}
            order_number: {type: integer}
            status: {type: string}
            currency_code: {type: string}
            gateway: {type: string}
            total: {type: number}
            discount_total: {type: number}
            shipping_total: {type: number}
            tax_total: {type: number}
            admin_url: {type: string, nullable: true}
            financial_status: {type: string}
            source: {type: string}
            created_at: {type: string, example: "2025-01-01"}
            items:
              type: array
              items:
                type: object
                required: [id, product_id, variant_id, quantity, name, price]
                properties:
                  id: {type: integer}
                  product_id: {type: integer}
                  variant_id: {type: integer}
                  quantity: {type: integer}
                  name: {type: string}
                  price: {type: number}
            customer:
              type: object
              required: [id, email, first_name, last_name, source]
              properties:
                id: {type: integer}
                email: {type: string}
                first_name: {type: string}
                last_name: {type: string}
                source: {type: string}
        DatacrushResult:
          type: object
          required: [result]
          properties:
            result: {type: string, enum: [success, fail]}
            error:
              type: object
              required: [code, message]
              properties:
                code: {type: integer}
                message: {type: string}
            error_list:
              type: array
              items: {}
        Faults:
          type: object
          properties:
            latency_ms: {type: integer, minimum: 0}
            error_rate: {type: number, minimum: 0, maximum: 1}
            drop_rate: {type: number, minimum: 0, maximum: 1}
            force_429: {type: boolean}
        Stats:
          type: object
          required: [requests, rate_limited, report_runs, transitions, noop_status_puts, bridge_notes]
          properties:
            requests:
              type: object
              additionalProperties: {type: integer}
            rate_limited:
              type: object
              additionalProperties: {type: integer}
            report_runs: {type: integer}
            transitions:
              type: object
              additionalProperties:
                type: array
                items:
                  type: object
                  required: [from, to, items, carrier, at]
                  properties:
                    from: {type: string}
                    to: {type: string}
                    items:
                      type: array
                      items: {type: string}
                    carrier: {type: string}
                    at: {type: string}
            noop_status_puts: {type: integer}
            bridge_notes:
              description: BRIDGE internalNumber → the notes of every change accepted for it, in order
              type: object
              additionalProperties:
                type: array
                items: {type: string}
            webhooks:
              type: object
              description: Deliveries answered 2xx (sent), attempts not answered 2xx within 5 s (failed), deliveries given up after the last retry (dropped)
              required: [sent, failed, dropped]
              properties:
                sent: {type: integer}
                failed: {type: integer}
                dropped: {type: integer}
        NewOrders:
          type: object
          required: [count]
          properties:
            count: {type: integer, minimum: 1, maximum: 1000}
            updates:
              type: integer
              minimum: 0
              maximum: 10000
              description: For burst tests, touch the new orders this many times in turn, each touch announced with updated-std-order
        CreatedOrders:
          type: object
          required: [orders]
          properties:
            orders:
              type: array
              items:
                type: object
                required: [id_channel, id_order]
                properties:
                  id_channel: {type: integer}
                  id_order: {type: string}
        WebhookTarget:
          type: object
          required: [url]
          properties:
            url: {type: string, nullable: true, description: "http://127.0.0.1:PORT/... (loopback only); null removes the target"}
            secret: {type: string, description: The HMAC-SHA256 key of x-yuju-signature; required with a url}
        WebhookRegistered:
          type: object
          required: [url]
          properties:
            url: {type: string, nullable: true}
      responses:
        YujuError:
          description: Yuju error with a Spanish text
          content:
            application/json:
              schema: {$ref: '#/components/schemas/YujuMessage'}
        YujuTooMany:
          description: No token left in the 2 req/s bucket (or force_429); Retry-After is 1
          headers:
            Retry-After: {$ref: '#/components/headers/RetryAfter'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/YujuMessage'}
        YujuFault:
          description: Injected fault (error_rate)
          content:
            application/json:
              schema: {$ref: '#/components/schemas/YujuMessage'}
        BridgeAuthError:
          description: Missing, unknown or expired x-access-token (ack 401)
          content:
            application/json:
              schema: {$ref: '#/components/schemas/BridgeAck'}
        BridgeFault:
          description: Injected fault (error_rate 500, force_429 429)
          content:
            application/json:
              schema: {$ref: '#/components/schemas/BridgeAck'}
        DatacrushFail:
          description: Datacrush failure
          content:
            application/json:
              schema: {$ref: '#/components/schemas/DatacrushResult'}
        ControlOK:
          description: Done
          content:
            application/json:
              schema: {type: object, additionalProperties: true}
    paths:
      /yuju/auth-generate-token:
        post:
          summary: Yuju token from client_id, secret_key and code
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    client_id: {type: string}
                    secret_key: {type: string}
                    code: {type: string}
          responses:
            "200":
              description: Token
              content:
                application/json:
                  schema:
                    type: object
                    required: [token]
                    properties:
                      token: {type: string}
            "403": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/orders/status:
        put:
          summary: Change an order's (or some items') status
          security: [{yujuToken: []}]
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/StatusChangeRequest'}
          responses:
            "200":
              description: Changed (or already in that status)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/StatusChangeResponse'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/orders/:
        get:
          summary: One order in the channel's normal structure
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idChannel'}
            - {$ref: '#/components/parameters/idOrder'}
          responses:
            "200":
              description: The order
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Order'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "404": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/orders/outbounds:
        post:
          summary: Create an outbound record
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idChannel'}
            - {$ref: '#/components/parameters/idOrder'}
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/OutboundRequest'}
          responses:
            "200":
              description: The stored record
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/OutboundRecord'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
        get:
          summary: The order's outbound records, oldest first
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idChannel'}
            - {$ref: '#/components/parameters/idOrder'}
          responses:
            "200":
              description: Records
              content:
                application/json:
                  schema:
                    type: array
                    items: {$ref: '#/components/schemas/OutboundRecord'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
        put:
          summary: Update one outbound record
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idChannel'}
            - {$ref: '#/components/parameters/idOrder'}
            - name: order_int_external_pk
              in: query
              required: true
              schema: {type: string}
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/OutboundRequest'}
          responses:
            "200":
              description: The updated record
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/OutboundRecord'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/std-orders-report:
        post:
          summary: Run the orders report (standard structure); 5 runs per rolling 24 h, no bucket token
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/returnType'}
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/ReportRequest'}
          responses:
            "201":
              description: Report started
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/ReportCreated'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/std-orders-report/{id_report}:
        get:
          summary: Progress of a report
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idReport'}
          responses:
            "200":
              description: Progress; url set once COMPLETED
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/ReportProgress'}
            "401": {$ref: '#/components/responses/YujuError'}
            "404": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/orders-report:
        post:
          summary: Run the orders report (normal structure); 5 runs per rolling 24 h, no bucket token
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/returnType'}
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/ReportRequest'}
          responses:
            "201":
              description: Report started
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/ReportCreated'}
            "400": {$ref: '#/components/responses/YujuError'}
            "401": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /yuju/orders-report/{id_report}:
        get:
          summary: Progress of a report
          security: [{yujuToken: []}]
          parameters:
            - {$ref: '#/components/parameters/idReport'}
          responses:
            "200":
              description: Progress; url set once COMPLETED
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/ReportProgress'}
            "401": {$ref: '#/components/responses/YujuError'}
            "404": {$ref: '#/components/responses/YujuError'}
            "429": {$ref: '#/components/responses/YujuTooMany'}
            "500": {$ref: '#/components/responses/YujuFault'}
      /files/reports/{file}:
        get:
          summary: A completed report's file (like a pre-signed link; no token, outside the bucket)
          parameters:
            - name: file
              in: path
              required: true
              schema: {type: string, example: 7a966b0a498649c69ebcfd71f5cbb519.json}
          responses:
            "200":
              description: Orders (complete), orders without items (basic) or id strings (only_ids)
              content:
                application/json:
                  schema:
                    oneOf:
                      - type: array
                        items: {$ref: '#/components/schemas/Order'}
                      - type: array
                        items: {type: string}
            "404": {$ref: '#/components/responses/YujuError'}
      /bridge/auth/login:
        post:
          summary: BRIDGE login
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    clientId: {type: string}
                    clientSecret: {type: string}
          responses:
            "200":
              description: Token (ack 0)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/BridgeLoginResponse'}
            "401":
              description: Refused (ack 401)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/BridgeLoginResponse'}
            "429": {$ref: '#/components/responses/BridgeFault'}
            "500": {$ref: '#/components/responses/BridgeFault'}
      /bridge/order/change-status/state/change:
        post:
          summary: Ask for a state change; applied asynchronously. Outcome in ack (0, 1040, 991, 1021, 1022, 1023, 9999)
          security: [{bridgeToken: []}]
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/BridgeChangeRequest'}
          responses:
            "200":
              description: Accepted (ack 0) or refused (ack code)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/BridgeAck'}
            "401": {$ref: '#/components/responses/BridgeAuthError'}
            "429": {$ref: '#/components/responses/BridgeFault'}
            "500": {$ref: '#/components/responses/BridgeFault'}
      /bridge/order/status:
        post:
          summary: Current state and history of an order (ack 1022 when unknown)
          security: [{bridgeToken: []}]
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    internalOrderNumber: {type: string}
          responses:
            "200":
              description: State, or ack 1022
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/BridgeStatusResponse'}
            "401": {$ref: '#/components/responses/BridgeAuthError'}
            "429": {$ref: '#/components/responses/BridgeFault'}
            "500": {$ref: '#/components/responses/BridgeFault'}
      /datacrush/ecommerce/v1/order/add:
        post:
          summary: Upsert orders by id; 100 calls per minute
          parameters:
            - name: portal_id
              in: query
              required: true
              schema: {type: integer}
            - name: api_key
              in: query
              required: true
              schema: {type: string}
          requestBody:
            content:
              application/json:
                schema:
                  type: array
                  items: {$ref: '#/components/schemas/DatacrushOrder'}
          responses:
            "200":
              description: Stored
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/DatacrushResult'}
            "400": {$ref: '#/components/responses/DatacrushFail'}
            "401": {$ref: '#/components/responses/DatacrushFail'}
            "403": {$ref: '#/components/responses/DatacrushFail'}
            "429": {$ref: '#/components/responses/DatacrushFail'}
            "500": {$ref: '#/components/responses/DatacrushFail'}
      /_sandbox/reset:
        post:
          summary: Fresh seeded data, counters zero, clock back to real time, faults off
          responses:
            "200": {$ref: '#/components/responses/ControlOK'}
      /_sandbox/clock:
        post:
          summary: Move the sandbox clock forward
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [advance_seconds]
                  properties:
                    advance_seconds: {type: number, minimum: 0}
          responses:
            "200":
              description: The new offset and time
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      offset_seconds: {type: number}
                      now: {type: string}
            "400":
              description: Not the documented body
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/YujuMessage'}
      /_sandbox/faults:
        post:
          summary: Set injected faults (fields left out keep their value)
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Faults'}
          responses:
            "200":
              description: The faults now in force
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Faults'}
            "400":
              description: Not the documented body
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/YujuMessage'}
      /_sandbox/stats:
        get:
          summary: Request counts, rate-limited counts, report runs, transitions, no-op status PUTs, BRIDGE notes
          responses:
            "200":
              description: Statistics
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Stats'}
      /_sandbox/orders:
        post:
          summary: Create new pending orders paid now (each announced with new-std-order)
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/NewOrders'}
          responses:
            "200":
              description: The orders created
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/CreatedOrders'}
            "400":
              description: Not the documented body
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/YujuMessage'}
      /_sandbox/webhooks:
        post:
          summary: Register the one webhook target (Yuju notifications, signed, retried after 1, 2, 4, 8, 16 s)
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/WebhookTarget'}
          responses:
            "200":
              description: The target now registered
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/WebhookRegistered'}
            "400":
              description: Not the documented body, or not a loopback http url
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/YujuMessage'}
      /_sandbox/openapi.yaml:
        get:
          summary: This document
          responses:
            "200":
              description: OpenAPI 3.0 YAML
              content:
                application/yaml:
                  schema: {type: string}
    """#
}
