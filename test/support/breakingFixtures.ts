// The mesh the breaking-change tests change, shared by the core, protocol and CLI tiers: the contract
// `orders` (one table, `orders`) and the product `revenue` that consumes it.

/** The contract `orders` at a version, with the given columns; `extra` top-level keys go before `schema`. */
export const ordersContract = (version: string, columns: string, extra = '') => `apiVersion: v3.1.0
kind: DataContract
id: orders
version: ${version}
status: active
${extra}schema:
  - name: orders
    properties:
${columns}`;

/** A `servers` block for `extra`: one Postgres server. */
export const POSTGRES_SERVER = 'servers:\n  - server: prod\n    type: postgres\n    schema: sales\n';

/** Columns: `order_id` and `email` (the base), and `order_id` alone (email removed). */
export const ORDER_ID_AND_EMAIL = '      - name: order_id\n        logicalType: string\n      - name: email\n        logicalType: string\n';
export const ORDER_ID = '      - name: order_id\n        logicalType: string\n';

/** The product that consumes `orders` through an input port. */
export const REVENUE_CONSUMER = `apiVersion: v1.0.0
kind: DataProduct
id: revenue
name: revenue
status: active
inputPorts:
  - name: orders
    version: 1.0.0
    contractId: orders
`;

/** A contract whose one column is computed from orders.email (through the Postgres server's physical names). */
export const MAILING_FROM_EMAIL = `apiVersion: v3.1.0
kind: DataContract
id: mailing
version: 1.0.0
status: active
schema:
  - name: list
    properties:
      - name: address
        transformSourceObjects: [sales.orders.email]
`;
