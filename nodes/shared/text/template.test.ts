import { listTemplateVariables, renderTemplate, type TemplateVariables } from './template';

const VARS: TemplateVariables = {
	protocol: '20261123-181502-4K7Q',
	userName: 'Zé',
	customerName: 'José da Silva',
	phone: '+55 (11) 98765-4321',
	companyName: 'NetRápida',
	agentName: 'Ana',
	description: 'sem internet desde ontem',
	conversation: {
		plano: 'Fibra 500',
		fatura: { valor: 'R$ 99,90', vencimento: '10/12/2026', itens: ['internet', 'tv'] },
		tentativas: 2,
		pago: false,
		vazio: null,
	},
};

describe('renderTemplate', () => {
	it('replaces the fixed placeholders', () => {
		const text =
			'Olá {{nome_cliente}} ({{nome_usuario}}), protocolo {{protocolo}}. Telefone {{telefone}}. {{nome_empresa}} – atendente {{nome_atendente}}.';
		expect(renderTemplate(text, VARS)).toBe(
			'Olá José da Silva (Zé), protocolo 20261123-181502-4K7Q. Telefone +55 (11) 98765-4321. NetRápida – atendente Ana.',
		);
	});

	it('replaces {{descricao}} with the summary the customer wrote (Solicitar Descrição), empty before it', () => {
		expect(renderTemplate('Problema: {{descricao}}', { description: 'internet cai toda noite' })).toBe('Problema: internet cai toda noite');
		expect(renderTemplate('Problema: {{descricao}}', {})).toBe('Problema: ');
	});

	it('replaces every occurrence and tolerates spaces inside the braces', () => {
		expect(renderTemplate('{{protocolo}} / {{ protocolo }}', VARS)).toBe('20261123-181502-4K7Q / 20261123-181502-4K7Q');
	});

	it.each([undefined, '', '   '])('falls back to "Cliente" when the customer name is %p', (customerName) => {
		expect(renderTemplate('Olá, {{nome_cliente}}!', { customerName })).toBe('Olá, Cliente!');
	});

	it('renders other missing fixed values as empty', () => {
		expect(renderTemplate('[{{protocolo}}][{{nome_atendente}}][{{telefone}}]', {})).toBe('[][][]');
	});

	it('reads conversation variables, including nested paths and array items', () => {
		expect(renderTemplate('Plano {{var.plano}}, {{var.fatura.valor}} até {{var.fatura.vencimento}}', VARS)).toBe(
			'Plano Fibra 500, R$ 99,90 até 10/12/2026',
		);
		expect(renderTemplate('{{var.fatura.itens.1}}', VARS)).toBe('tv');
	});

	it('renders numbers, booleans, null and objects', () => {
		expect(renderTemplate('{{var.tentativas}}|{{var.pago}}|{{var.vazio}}|{{var.fatura.itens}}', VARS)).toBe('2|false||["internet","tv"]');
	});

	it('leaves unknown placeholders and missing variables visible', () => {
		const text = 'Oi {{nome}} {{NOME_CLIENTE}} {{var.inexistente}} {{var.fatura.juros}} {{var.plano.x}} {{var.}} {{var..plano}} {{}}';
		expect(renderTemplate(text, VARS)).toBe(text);
	});

	it('does not reach inherited properties', () => {
		const text = '{{var.toString}} {{var.fatura.constructor}} {{var.__proto__}} {{constructor}}';
		expect(renderTemplate(text, VARS)).toBe(text);
	});

	it('does not evaluate code, nor re-render substituted values', () => {
		const vars: TemplateVariables = { customerName: '{{protocolo}}', protocol: 'P1', conversation: { x: '{{nome_empresa}}' } };
		expect(renderTemplate('{{nome_cliente}} {{var.x}} {{ 1 + 1 }} {{$json.a}}', vars)).toBe('{{protocolo}} {{nome_empresa}} {{ 1 + 1 }} {{$json.a}}');
	});

	it('returns text without placeholders unchanged', () => {
		expect(renderTemplate('Sem variáveis { nem chaves }', VARS)).toBe('Sem variáveis { nem chaves }');
	});
});

describe('listTemplateVariables', () => {
	it('describes every placeholder renderTemplate knows, in pt-BR', () => {
		const list = listTemplateVariables();
		expect(list.map((entry) => entry.placeholder)).toEqual([
			'{{protocolo}}',
			'{{nome_usuario}}',
			'{{nome_cliente}}',
			'{{telefone}}',
			'{{nome_empresa}}',
			'{{nome_atendente}}',
			'{{descricao}}',
			'{{var.<nome>}}',
		]);
		expect(list.every((entry) => entry.label.length > 0)).toBe(true);
	});

	it('lists only fixed placeholders that actually render', () => {
		const fixed = listTemplateVariables().filter((entry) => !entry.placeholder.startsWith('{{var.'));
		for (const { placeholder } of fixed) {
			expect(renderTemplate(placeholder, VARS)).not.toBe(placeholder);
		}
	});
});
