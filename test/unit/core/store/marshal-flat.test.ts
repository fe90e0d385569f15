import { marshalFlat, unmarshalFlat } from '../../../../functions/core/store/marshal-flat';

describe('marshalFlat', () => {
  it('writes strings and numbers in attribute-value form and leaves undefined attributes out', () => {
    expect(
      marshalFlat({ pk: 'DAY#global#2026-11-27', summary: '', weight: 1.5, expiresAt: 1790000000, byline: undefined }),
    ).toEqual({
      pk: { S: 'DAY#global#2026-11-27' },
      summary: { S: '' },
      weight: { N: '1.5' },
      expiresAt: { N: '1790000000' },
    });
  });

  it('keeps the attributes in the order given', () => {
    expect(Object.keys(marshalFlat({ sk: 'b', pk: 'a', type: 'article' }))).toEqual(['sk', 'pk', 'type']);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    'refuses %s, which DynamoDB could not store as given',
    (n) => {
      expect(() => marshalFlat({ weight: n })).toThrow(/^weight: .* cannot be stored as a DynamoDB number/);
    },
  );

  it('refuses an attribute that is neither a string nor a number rather than leave it out', () => {
    expect(() => marshalFlat({ pk: 'a', tags: ['x'] } as unknown as Record<string, string>)).toThrow(
      'tags: object is not a flat attribute (a string or a number)',
    );
  });
});

describe('unmarshalFlat', () => {
  it('reads back what marshalFlat wrote, as the document client would read it', () => {
    const item = { pk: 'SOURCE#World', sk: 'STATE', etag: '', consecutiveFailures: 2, weight: 1.5 };
    expect(unmarshalFlat(marshalFlat(item))).toEqual(item);
  });

  it('reads booleans and nulls as well', () => {
    expect(unmarshalFlat({ done: { BOOL: true }, reason: { NULL: true } })).toEqual({ done: true, reason: null });
  });

  it.each([
    ['a list', { L: [{ S: 'x' }] }],
    ['a map', { M: { a: { S: 'x' } } }],
    ['a string set', { SS: ['x'] }],
    ['a number beyond double precision', { N: '123456789012345678901' }],
  ])('finds an item holding %s unreadable rather than drop the attribute', (_, value) => {
    expect(unmarshalFlat({ pk: { S: 'a' }, other: value })).toBeUndefined();
  });
});
