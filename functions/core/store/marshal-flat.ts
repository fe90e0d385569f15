import type { MarshalledItem } from './batch-write';

/** What `marshalFlat` takes: an item whose attributes are all strings or numbers (or left out). */
export type FlatItem = Record<string, string | number | undefined>;

/**
 * A flat item in DynamoDB's attribute-value form, as the document client would write it (undefined
 * attributes left out, numbers refused where they would lose precision), at a fraction of its
 * CPU: a collect run writes ten thousand of them.
 *
 * @example marshalFlat({ pk: 'DAY#global#2026-11-27', weight: 1, byline: undefined }) // { pk: { S: … }, weight: { N: '1' } }
 */
export function marshalFlat(item: FlatItem): MarshalledItem {
  const marshalled: MarshalledItem = {};
  for (const name in item) {
    const value = item[name];
    if (typeof value === 'string') marshalled[name] = { S: value };
    else if (typeof value === 'number') marshalled[name] = { N: numberText(name, value) };
    // Never dropped in silence: a field of another kind needs the document client's marshalling.
    else if (value !== undefined)
      throw new Error(`${name}: ${typeof value} is not a flat attribute (a string or a number)`);
  }
  return marshalled;
}

function numberText(name: string, value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    throw new Error(`${name}: ${value} cannot be stored as a DynamoDB number without losing precision`);
  }
  return String(value);
}

/** What `unmarshalFlat` reads back: strings and numbers, and the booleans and nulls an item may hold too. */
export type FlatValues = Record<string, string | number | boolean | null>;

/**
 * A flat item read back from DynamoDB's attribute-value form, as the document client would read
 * it, or `undefined` when an attribute is of another kind (a list, a map, a set, binary) or a
 * number that would lose precision: the caller treats such an item as unreadable, as it treats
 * one that fails its schema.
 *
 * @example unmarshalFlat({ pk: { S: 'SOURCE#World' }, consecutiveFailures: { N: '2' } }) // { pk: 'SOURCE#World', consecutiveFailures: 2 }
 */
export function unmarshalFlat(item: MarshalledItem): FlatValues | undefined {
  const values: FlatValues = {};
  for (const name in item) {
    const value = item[name];
    if (value?.S !== undefined) values[name] = value.S;
    else if (value?.N !== undefined) {
      const number = Number(value.N);
      if (!Number.isFinite(number) || Math.abs(number) > Number.MAX_SAFE_INTEGER) return undefined;
      values[name] = number;
    } else if (value?.BOOL !== undefined) values[name] = value.BOOL;
    else if (value?.NULL !== undefined) values[name] = null;
    else return undefined;
  }
  return values;
}
