import { arrayOrEmpty, compact, isObject, optionalId, optionalNumber, optionalObject, optionalString } from './guards';

describe('guards', () => {
	it('tells JSON objects from null, arrays and primitives', () => {
		expect(isObject({})).toBe(true);
		expect(isObject(null)).toBe(false);
		expect(isObject([])).toBe(false);
		expect(isObject('x')).toBe(false);
		expect(optionalObject([])).toBeUndefined();
	});

	it('reads non-empty strings, finite numbers and ids', () => {
		expect(optionalString('')).toBeUndefined();
		expect(optionalString(1)).toBeUndefined();
		expect(optionalNumber(Number.NaN)).toBeUndefined();
		expect(optionalNumber('1')).toBeUndefined();
		expect(optionalId(-100123)).toBe('-100123');
		expect(optionalId('abc')).toBe('abc');
		expect(optionalId(Infinity)).toBeUndefined();
	});

	it('turns non-arrays into empty arrays and drops undefined properties', () => {
		expect(arrayOrEmpty({ length: 1 })).toEqual([]);
		expect(Object.keys(compact({ a: 1, b: undefined, c: '' }))).toEqual(['a', 'c']);
	});
});
