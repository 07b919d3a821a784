// Fixtures of the glossary tests: a glossary with a PII term, a deprecated one and plural-prone names.
import { contract } from './mesh';

export const SHOP_GLOSSARY = `kind: BusinessGlossary
apiVersion: v1
id: shop
name: Shop glossary
terms:
  - id: customer
    name: Customer
    definition: A person or company that has placed an order.
    synonyms: [Shopper, Account holder]
    domain: customer
    status: approved
    classification: internal
    pii: false
    owner: customer-data
    related: [email-address]
  - id: email-address
    name: Email Address
    definition: The address a customer gave for order confirmations.
    synonyms: [E-mail]
    domain: customer
    status: approved
    classification: confidential
    pii: true
  - id: client
    name: Client
    definition: Old name for a customer.
    status: deprecated
    replacedBy: customer
  - id: order-line
    name: Order Line
    definition: One product on an order.
  - id: category
    name: Category
    definition: A group of products.
`;

/** A contract whose one table has the given column lines (each a property map). */
export function customers(columns: string, id = 'customers-v1'): string {
  return contract(id, `schema:\n  - name: customers\n    properties:\n${columns}`);
}
