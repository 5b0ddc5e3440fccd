import { brDate, crc16, isoFromBrDate, unmaskDocument } from '../../simulators/brazil-formats';
import { tinyPdf } from '../../simulators/pdf';
import { cloneCustomers, ERP_CUSTOMER, ERP_CUSTOMERS, trustUnlockUsedThisMonth } from '../../simulators/erp-dataset';

/** CPF/CNPJ check digits as in docs/apis-externas.md §F.1/F.2 (ASCII − 48 for alphanumeric CNPJs). */
function validDocument(document: string): boolean {
	const value = unmaskDocument(document);
	const digit = (base: string, weights: number[]) => {
		const rest = [...base].reduce((sum, character, index) => sum + (character.charCodeAt(0) - 48) * weights[index], 0) % 11;
		return rest < 2 ? 0 : 11 - rest;
	};
	if (value.length === 11) {
		const first = digit(value.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
		return `${first}${digit(value.slice(0, 9) + first, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])}` === value.slice(9);
	}
	const weights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
	const first = digit(value.slice(0, 12), weights);
	return `${first}${digit(value.slice(0, 12) + first, [6, ...weights])}` === value.slice(12);
}

/** Mod-10 check digit of a boleto field. */
function mod10(digits: string): number {
	const sum = [...digits].reverse().reduce((total, digit, index) => {
		const product = Number(digit) * (index % 2 === 0 ? 2 : 1);
		return total + (product > 9 ? product - 9 : product);
	}, 0);
	return (10 - (sum % 10)) % 10;
}

describe('ERP data set', () => {
	const invoices = ERP_CUSTOMERS.flatMap((customer) => customer.invoices);

	it('uses valid CPFs and CNPJs, including an alphanumeric CNPJ', () => {
		expect(ERP_CUSTOMERS.map((customer) => [customer.document, validDocument(customer.document)])).toEqual(
			ERP_CUSTOMERS.map((customer) => [customer.document, true]),
		);
		expect(ERP_CUSTOMER.alfaTecnologia.document).toBe('12.ABC.345/01DE-35');
	});

	it('hands out Pix payloads with a valid CRC16 and the invoice amount', () => {
		for (const invoice of invoices) {
			const payload = invoice.pixCopyPaste;
			expect(payload.slice(-8, -4)).toBe('6304');
			expect(crc16(payload.slice(0, -4))).toBe(payload.slice(-4));
			expect(payload).toContain(`54${String(invoice.amount.toFixed(2).length).padStart(2, '0')}${invoice.amount.toFixed(2)}`);
		}
	});

	it('hands out 47-digit boleto lines whose field check digits hold and whose barcode carries the amount', () => {
		for (const invoice of invoices) {
			const digits = invoice.digitableLine.replace(/\D/g, '');
			expect(digits).toHaveLength(47);
			expect(invoice.barcode).toHaveLength(44);
			expect(mod10(digits.slice(0, 9))).toBe(Number(digits[9]));
			expect(mod10(digits.slice(10, 20))).toBe(Number(digits[20]));
			expect(mod10(digits.slice(21, 31))).toBe(Number(digits[31]));
			expect(Number(invoice.barcode.slice(9, 19)) / 100).toBe(invoice.amount);
		}
	});

	it('has one contract whose trust unlock was already used this month', () => {
		const used = ERP_CUSTOMERS.flatMap((customer) => customer.contracts).filter((contract) => trustUnlockUsedThisMonth(contract));
		expect(used.map((contract) => contract.id)).toEqual(['2003']);
	});

	it('gives each simulator its own copy', () => {
		const copy = cloneCustomers();
		copy[0].contracts[0].state = 'blockedForDebt';
		expect(ERP_CUSTOMER.maria.contracts[0].state).toBe('active');
	});

	it('converts dates and builds a readable PDF', () => {
		expect(brDate('2024-11-21')).toBe('21/11/2024');
		expect(isoFromBrDate('21/11/2024')).toBe('2024-11-21');
		const pdf = tinyPdf('Boleto (teste) nº 1').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
		expect(pdf.slice(xref, xref + 4)).toBe('xref');
	});
});
