import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonOf, jsonWith, parseKeepingText, setParsedOnRead, textWith, unreadText } from './jsonText.js';

const record = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'extra' && k !== '__proto__'),
  fc.jsonValue(),
  { maxKeys: 6 },
);

describe('JSON kept as it was read', () => {
  it('writes a parsed object, with a property added at its end, as JSON.stringify writes the spread object', () => {
    fc.assert(
      fc.property(record, fc.jsonValue(), (value, extra) => {
        const expected = JSON.stringify({ ...value, extra });
        // Parsed here (its text is spliced), and an equal object that was not (serialized afresh).
        expect(jsonWith(parseKeepingText(JSON.stringify(value)) as object, 'extra', extra)).toBe(expected);
        expect(jsonWith(structuredClone(value), 'extra', extra)).toBe(expected);
        expect(jsonOf(parseKeepingText(JSON.stringify(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('adds nothing for an undefined property, and replaces one the object already has in its place', () => {
    const parsed = parseKeepingText('{"a":1,"extra":2,"b":"三"}') as object;
    expect(jsonWith(parsed, 'extra', undefined)).toBe('{"a":1,"extra":2,"b":"三"}');
    expect(jsonWith(parsed, 'extra', { t: '<mark>x</mark>' })).toBe(
      '{"a":1,"extra":{"t":"<mark>x</mark>"},"b":"三"}',
    );
    expect(jsonWith(parseKeepingText('{}') as object, 'extra', 1)).toBe('{"extra":1}');
  });

  it('serializes values it did not parse, including ones equal to a parsed one', () => {
    const parsed = parseKeepingText('{"a":1}') as { a: number };
    expect(jsonOf({ a: 1 })).toBe('{"a":1}');
    expect(jsonOf([parsed, 'x', null])).toBe('[{"a":1},"x",null]');
    expect(jsonOf(7)).toBe('7');
  });

  it('adds a property to an object known by its text as jsonWith adds it to the object', () => {
    fc.assert(
      fc.property(record, fc.jsonValue(), (value, extra) => {
        expect(textWith(JSON.stringify(value), 'extra', extra)).toBe(JSON.stringify({ ...value, extra }));
      }),
      { numRuns: 300 },
    );
    expect(textWith('{"a":1,"extra":2}', 'extra', 3)).toBe('{"a":1,"extra":3}');
    expect(textWith('{"a":{"extra":1}}', 'extra', 3)).toBe('{"a":{"extra":1},"extra":3}');
    expect(textWith('{}', 'extra', [1])).toBe('{"extra":[1]}');
    expect(textWith('{"a":1}', 'extra', undefined)).toBe('{"a":1}');
  });

  it('parses a property set from its text when it is first read or replaced, and gives the text until then', () => {
    const text = '{"id":"a","title":"老人助餐"}';
    const hit: { id: string; listing?: unknown } = { id: 'a' };
    setParsedOnRead(hit, 'listing', text);
    expect(unreadText(hit, 'listing')).toBe(text);
    expect(unreadText(hit, 'highlight')).toBeUndefined();
    expect(Object.keys(hit)).toEqual(['id', 'listing']);
    expect(hit.listing).toEqual({ id: 'a', title: '老人助餐' });
    expect(unreadText(hit, 'listing')).toBeUndefined();
    expect(hit.listing).toBe(hit.listing);
    expect(jsonOf(hit.listing)).toBe(text);
    expect(JSON.stringify(hit)).toBe(`{"id":"a","listing":${text}}`);

    const replaced: { listing?: unknown } = {};
    setParsedOnRead(replaced, 'listing', text);
    replaced.listing = { id: 'b' };
    expect(unreadText(replaced, 'listing')).toBeUndefined();
    expect(replaced.listing).toEqual({ id: 'b' });
    const spread: { listing?: unknown } = {};
    setParsedOnRead(spread, 'listing', text);
    expect({ ...spread }).toEqual({ listing: { id: 'a', title: '老人助餐' } });
  });
});
