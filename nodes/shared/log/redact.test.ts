import { logLine } from './index';
import { maskDocumentsIn, redactMeta, redactText, redactUrl } from './redact';

describe('redactUrl', () => {
	it('keeps scheme, host and path; drops user info, query and fragment', () => {
		expect(redactUrl('https://user:pw@erp.example.com:8443/api/ura/titulos/?token=abc&app=ura#x')).toBe(
			'https://erp.example.com:8443/api/ura/titulos/?…',
		);
		expect(redactUrl('https://api.example.com/v1/clientes')).toBe('https://api.example.com/v1/clientes');
		expect(redactUrl('https://api.example.com/')).toBe('https://api.example.com');
	});

	it("hides a Telegram bot token in the path", () => {
		expect(redactUrl('https://api.telegram.org/bot123456:AAE-secret/sendMessage')).toBe('https://api.telegram.org/bot***/sendMessage');
	});

	it('says so for what is not a URL', () => {
		expect(redactUrl('not a url')).toBe('(URL inválida)');
	});
});

describe('maskDocumentsIn', () => {
	it('masks CPF and CNPJ, punctuated or not', () => {
		expect(maskDocumentsIn('cpf 52998224725 e 529.982.247-25')).toBe('cpf 529.***.***-25 e 529.***.***-25');
		expect(maskDocumentsIn('cnpj 11.222.333/0001-81')).toBe('cnpj 11.2**.***/****-81');
		expect(maskDocumentsIn('cpf errado 529.982.247-26')).toBe('cpf errado 529.982.247-26');
		expect(maskDocumentsIn('novo cnpj 12.ABC.345/01DE-35')).toBe('novo cnpj 12.A**.***/****-35');
	});

	it('leaves phone numbers with country code, protocols and ids alone', () => {
		expect(maskDocumentsIn('+5511987654321 protocolo 20261206123456 id 42')).toBe('+5511987654321 protocolo 20261206123456 id 42');
	});
});

describe('redactText', () => {
	it('removes URLs, tokens, passwords and documents from one line', () => {
		const line = redactText(
			'POST https://ixc.example.com/webservice/v1/cliente?token=S3CRET falhou; Authorization: Bearer abcdefghijkl; {"senha":"hunter22","cpf":"529.982.247-25"}',
		);
		expect(line).not.toContain('S3CRET');
		expect(line).not.toContain('abcdefghijkl');
		expect(line).not.toContain('hunter22');
		expect(line).not.toContain('982.247');
		expect(line).toContain('https://ixc.example.com/webservice/v1/cliente?…');
	});

	it('hides token= and password: forms', () => {
		expect(redactText('token=abc123 password: xyz')).toBe('token=*** password: ***');
	});
});

describe('redactMeta', () => {
	it('redacts nested strings and hides secret-named keys', () => {
		expect(redactMeta({ url: 'https://h/p?q=1', nested: { accessToken: 'x', docs: ['52998224725'] }, n: 3 })).toEqual({
			url: 'https://h/p?…',
			nested: { accessToken: '***', docs: ['529.***.***-25'] },
			n: 3,
		});
	});
});

describe('logLine', () => {
	it('prefixes, names the card and protocolo, and redacts', () => {
		const lines: Array<[string, unknown]> = [];
		const logger = { info: (message: string, meta: unknown) => lines.push([message, meta]) } as never;
		logLine(logger, 'info', 'ERP falhou em https://erp/x?token=1 para 52998224725', { node: 'Segunda Via', protocolo: '2026120600001', tentativa: 2 });
		expect(lines).toEqual([
			[
				'[atendimento] Segunda Via, protocolo 2026120600001: ERP falhou em https://erp/x?… para 529.***.***-25',
				{ node: 'Segunda Via', protocolo: '2026120600001', tentativa: 2 },
			],
		]);
	});

	it('never throws when the logger does', () => {
		const logger = {
			warn: () => {
				throw new Error('closed');
			},
		} as never;
		expect(() => logLine(logger, 'warn', 'x')).not.toThrow();
	});
});
