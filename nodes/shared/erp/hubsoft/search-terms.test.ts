import { phoneSearchTerms, ticketPhone } from './search-terms';

describe('Hubsoft search terms', () => {
	it('searches a mobile with and without the 9th digit, whatever form it came in', () => {
		expect(phoneSearchTerms('5511987654321')).toEqual(['11987654321', '1187654321']);
		expect(phoneSearchTerms('1187654321')).toEqual(['11987654321', '1187654321']);
		expect(phoneSearchTerms('(11) 98765-4321')).toEqual(['11987654321', '1187654321']);
	});

	it('searches a landline once, and unparseable digits as given (none when too short)', () => {
		expect(phoneSearchTerms('2133334444')).toEqual(['2133334444']);
		expect(phoneSearchTerms('87654321')).toEqual(['87654321']);
		expect(phoneSearchTerms('1234')).toEqual([]);
	});

	it('gives the first candidate that is a Brazilian phone as DDNNNNNNNNN', () => {
		expect(ticketPhone('5549999991234')).toBe('49999991234');
		expect(ticketPhone(undefined, 'abc', '(21) 3333-4444')).toBe('2133334444');
		expect(ticketPhone(undefined, '')).toBeUndefined();
	});
});
