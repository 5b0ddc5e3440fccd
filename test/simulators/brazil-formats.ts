/**
 * Brazilian value formats the ERP simulators hand out: masked CPF/CNPJ and phones, dates,
 * format-valid boleto lines (mod 10 / mod 11 check digits) and Pix "copia e cola" payloads
 * (EMV BR Code with CRC16-CCITT), so validators in the nodes can run on simulator data.
 */

/** Only the digits of `value`. */
export function digitsOnly(value: string): string {
	return value.replace(/\D/g, '');
}

/** `true` for a mobile number with DDD (11 digits, e.g. `(11) 98765-4321`). */
export function isMobilePhone(phone: string): boolean {
	return digitsOnly(phone).length === 11;
}

/** Digits (and, for alphanumeric CNPJs, upper-case letters) without punctuation. */
export function unmaskDocument(document: string): string {
	return document.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** `YYYY-MM-DD` of today (UTC) plus `days`. */
export function isoDate(days = 0, from = new Date()): string {
	const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
	return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of the first day of the current month (UTC). */
export function firstDayOfMonth(from = new Date()): string {
	return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

/** `DD/MM/YYYY` from `YYYY-MM-DD`. */
export function brDate(iso: string): string {
	const [year, month, day] = iso.slice(0, 10).split('-');
	return `${day}/${month}/${year}`;
}

/** `YYYY-MM-DD` from `DD/MM/YYYY`; other strings come back unchanged. */
export function isoFromBrDate(value: string): string {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
	return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

function mod10(digits: string): number {
	let sum = 0;
	[...digits].reverse().forEach((digit, index) => {
		const product = Number(digit) * (index % 2 === 0 ? 2 : 1);
		sum += product > 9 ? product - 9 : product;
	});
	return (10 - (sum % 10)) % 10;
}

function mod11(digits: string): number {
	let sum = 0;
	[...digits].reverse().forEach((digit, index) => {
		sum += Number(digit) * (2 + (index % 8));
	});
	const dv = 11 - (sum % 11);
	return dv === 0 || dv === 1 || dv >= 10 ? 1 : dv;
}

/** Due-date factor of FEBRABAN boletos (restarted at 1000 on 2025-02-22). */
function dueFactor(dueDate: string): string {
	const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse('1997-10-07T00:00:00Z')) / 86_400_000);
	return String(days < 10_000 ? days : ((days - 10_000) % 9000) + 1000).padStart(4, '0');
}

/** A boleto's 44-digit barcode and 47-digit "linha digitável" (formatted), with valid check digits. */
export function boleto(invoiceId: string, amount: number, dueDate: string): { barcode: string; digitableLine: string } {
	const bank = '2379';
	const freeField = invoiceId.replace(/\D/g, '').padStart(11, '0').slice(-11).padEnd(25, '7');
	const tail = dueFactor(dueDate) + String(Math.round(amount * 100)).padStart(10, '0');
	const generalDigit = mod11(bank + tail + freeField);
	const barcode = `${bank}${generalDigit}${tail}${freeField}`;
	const field = (digits: string) => digits + mod10(digits);
	const field1 = field(bank + freeField.slice(0, 5));
	const field2 = field(freeField.slice(5, 15));
	const field3 = field(freeField.slice(15, 25));
	const digitableLine = `${field1.slice(0, 5)}.${field1.slice(5)} ${field2.slice(0, 5)}.${field2.slice(5)} ${field3.slice(0, 5)}.${field3.slice(5)} ${generalDigit} ${tail}`;
	return { barcode, digitableLine };
}

function emv(id: string, value: string): string {
	return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC16-CCITT (poly 0x1021, init 0xFFFF), as the Pix BR Code uses in field 63. */
export function crc16(payload: string): string {
	let crc = 0xffff;
	for (const byte of Buffer.from(payload, 'utf8')) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** A dynamic Pix "copia e cola" payload for `amount`, with a valid CRC. */
export function pixCopyPaste(txid: string, amount: number): string {
	const account = emv('00', 'br.gov.bcb.pix') + emv('25', `pix.provedor-teste.example/qr/v2/cobv/${txid}`);
	const payload =
		emv('00', '01') +
		emv('01', '12') +
		emv('26', account) +
		emv('52', '0000') +
		emv('53', '986') +
		emv('54', amount.toFixed(2)) +
		emv('58', 'BR') +
		emv('59', 'PROVEDOR TESTE LTDA') +
		emv('60', 'SAO PAULO') +
		emv('62', emv('05', '***')) +
		'6304';
	return payload + crc16(payload);
}
