/**
 * How lists of ids and names are ordered for people: numbers inside them by value (`consumer-2`
 * before `consumer-10`), so that a list does not depend on the order the files were read in.
 */
export const naturalOrder: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true }).compare;
