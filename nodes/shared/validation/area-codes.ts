/**
 * Brazilian area codes (DDD) in use, per ANATEL's national numbering plan. Numbers such as 20, 23,
 * 25, 26, 29, 30, 36, 39, 40, 50, 52, 56–60, 70, 72, 76, 78, 80 and 90 are not assigned.
 */
const BRAZILIAN_AREA_CODES: ReadonlySet<string> = new Set([
	// SP
	'11', '12', '13', '14', '15', '16', '17', '18', '19',
	// RJ, ES
	'21', '22', '24', '27', '28',
	// MG
	'31', '32', '33', '34', '35', '37', '38',
	// PR, SC
	'41', '42', '43', '44', '45', '46', '47', '48', '49',
	// RS
	'51', '53', '54', '55',
	// DF, GO, TO, MT, MS, AC, RO
	'61', '62', '63', '64', '65', '66', '67', '68', '69',
	// BA, SE
	'71', '73', '74', '75', '77', '79',
	// PE, AL, PB, RN, CE, PI
	'81', '82', '83', '84', '85', '86', '87', '88', '89',
	// PA, AM, RR, AP, MA
	'91', '92', '93', '94', '95', '96', '97', '98', '99',
]);

/** Whether a two-digit DDD is assigned in Brazil (`11` yes, `20` no). */
export function isValidAreaCode(ddd: string): boolean {
	return BRAZILIAN_AREA_CODES.has(ddd);
}

