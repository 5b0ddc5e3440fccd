import type { TemplateVariables } from '../shared/text/template';
import { renderJsonTemplate } from './json-template';

const VARS: TemplateVariables = {
	protocol: '20260701-101500-AB12',
	userName: 'Zé "Zezinho"',
	customerName: 'José da Silva',
	phone: '5511987654321',
	conversation: {
		cpf: '529.982.247-25',
		valor: 89.9,
		pago: false,
		nada: null,
		fatura: { id: 7, itens: ['internet', 'tv'] },
		obs: 'linha 1\nlinha 2 com "aspas" e \\ barra',
		numeroTexto: '123',
	},
};

function render(text: string): unknown {
	return JSON.parse(renderJsonTemplate(text, VARS));
}

describe('renderJsonTemplate', () => {
	it('escapes values inside strings, whatever they contain', () => {
		expect(render('{"obs": "{{var.obs}}", "nome": "{{nome_usuario}}"}')).toEqual({
			obs: 'linha 1\nlinha 2 com "aspas" e \\ barra',
			nome: 'Zé "Zezinho"',
		});
	});

	it('mixes placeholders and text inside one string', () => {
		expect(render('{"assunto": "Protocolo {{protocolo}} - {{nome_cliente}}"}')).toEqual({
			assunto: 'Protocolo 20260701-101500-AB12 - José da Silva',
		});
	});

	it('inserts typed JSON values outside strings', () => {
		expect(render('{"valor": {{var.valor}}, "pago": {{var.pago}}, "fatura": {{var.fatura}}, "itens": {{ var.fatura.itens }}}')).toEqual({
			valor: 89.9,
			pago: false,
			fatura: { id: 7, itens: ['internet', 'tv'] },
			itens: ['internet', 'tv'],
		});
	});

	it('keeps a string variable a string outside quotes, and quotes fixed placeholders', () => {
		expect(render('{"n": {{var.numeroTexto}}, "protocolo": {{protocolo}}}')).toEqual({ n: '123', protocolo: '20260701-101500-AB12' });
	});

	it('turns missing and null variables into null outside strings', () => {
		expect(render('{"a": {{var.inexistente}}, "b": {{var.nada}}, "c": {{var.fatura.nao}}}')).toEqual({ a: null, b: null, c: null });
	});

	it('leaves missing variables as typed inside strings (like message templates)', () => {
		expect(render('{"a": "{{var.inexistente}}"}')).toEqual({ a: '{{var.inexistente}}' });
	});

	it('leaves unknown placeholders outside strings as typed, so the JSON is invalid and the author sees it', () => {
		expect(renderJsonTemplate('{"a": {{desconhecido}}}', VARS)).toBe('{"a": {{desconhecido}}}');
	});

	it('is not confused by escaped quotes and braces in string literals', () => {
		expect(render('{"t": "aspas \\" {{protocolo}}", "u": "}} {{var.valor}}"}')).toEqual({
			t: 'aspas " 20260701-101500-AB12',
			u: '}} 89.9',
		});
	});

	it('keeps JSON without placeholders byte for byte', () => {
		const text = '{"a": [1, {"b": "c"}], "d": null}';
		expect(renderJsonTemplate(text, VARS)).toBe(text);
	});

	it('substitutes inside arrays and nested objects', () => {
		expect(render('[{"cpf": "{{var.cpf}}"}, {{var.valor}}]')).toEqual([{ cpf: '529.982.247-25' }, 89.9]);
	});
});
