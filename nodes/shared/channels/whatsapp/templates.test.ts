import { OFFLINE_NOTICE_TEMPLATE } from '../../../../test/support/whatsapp-broadcast-templates';
import { DEFAULT_TEMPLATES } from '../../../../test/simulators/whatsapp';
import { templateParameter } from './render';
import {
	bodyParameters,
	bodyVariables,
	findTemplate,
	parseTemplateKey,
	previewText,
	quickReplyButtonPositions,
	quickReplyButtons,
	TemplateVariableError,
	unsupportedReason,
	type WabaTemplate,
} from './templates';

const notice = OFFLINE_NOTICE_TEMPLATE as WabaTemplate;
const byName = (name: string) => DEFAULT_TEMPLATES.find((template) => template.name === name) as WabaTemplate;

describe('WhatsApp templates: variables, buttons and preview', () => {
	it("reads the body's positional variables and the quick-reply buttons", () => {
		expect(bodyVariables(notice)).toEqual([1, 2, 3]);
		expect(quickReplyButtons(notice)).toEqual(['Já voltou', 'Continua sem internet']);
		expect(bodyVariables(byName('retomar_atendimento'))).toEqual([1]);
	});

	it("gives each quick reply its index among all the template's buttons (a link button before it shifts it)", () => {
		expect(quickReplyButtonPositions(notice)).toEqual([
			{ index: 0, text: 'Já voltou' },
			{ index: 1, text: 'Continua sem internet' },
		]);
		const mixed: WabaTemplate = {
			...notice,
			components: [
				{ type: 'BODY', text: 'Olá' },
				{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver fatura', url: 'https://x' }, { type: 'quick_reply', text: 'Sim' }, { type: 'PHONE_NUMBER', text: 'Ligar' }, { type: 'QUICK_REPLY', text: 'Não' }] },
			],
		};
		expect(quickReplyButtonPositions(mixed)).toEqual([
			{ index: 1, text: 'Sim' },
			{ index: 3, text: 'Não' },
		]);
		expect(quickReplyButtons(mixed)).toEqual(['Sim', 'Não']);
		expect(quickReplyButtonPositions({ ...notice, components: [{ type: 'BODY', text: 'Olá' }] })).toEqual([]);
	});

	it('previews header, filled body and footer as the customer reads them', () => {
		expect(previewText(notice, ['Maria', 'maria.silva', '10/03/2026 08:30'])).toBe(
			'Aviso de conexão\n\nOlá Maria! Notamos que o seu acesso maria.silva está sem conexão desde 10/03/2026 08:30. Nossa equipe já está verificando.\n\nProvedor XYZ',
		);
		expect(previewText(notice, [])).toContain('Olá {{1}}!');
	});

	it('tells which templates the pack cannot fill, and why', () => {
		expect(unsupportedReason(notice)).toBeUndefined();
		expect(unsupportedReason(byName('fatura_disponivel'))).toBe('tem cabeçalho de mídia (document)');
		expect(unsupportedReason({ ...notice, parameter_format: 'NAMED' })).toBe('usa variáveis nomeadas');
		expect(unsupportedReason({ name: 'x', language: 'pt_BR', status: 'APPROVED', components: [{ type: 'BODY', text: 'Oi {{nome}}' }] })).toBe('usa variáveis nomeadas');
		expect(unsupportedReason({ name: 'x', language: 'pt_BR', status: 'APPROVED', components: [{ type: 'BODY', text: 'Oi {{1}} e {{3}}' }] })).toMatch(/fora de sequência/);
		expect(unsupportedReason({ name: 'x', language: 'pt_BR', status: 'APPROVED', components: [{ type: 'HEADER', format: 'TEXT', text: 'Oi {{1}}' }] })).toBe('tem variável no cabeçalho');
		expect(
			unsupportedReason({ name: 'x', language: 'pt_BR', status: 'APPROVED', components: [{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pagar', url: 'https://x/{{1}}' }] }] }),
		).toBe('tem botão de link com variável');
	});

	it('fills the body parameters in order from the mappings, each as WhatsApp accepts it', () => {
		const values = bodyParameters(
			notice,
			[
				{ variable: 3, value: '10/03' },
				{ variable: 1, value: 'Maria\nSilva' },
				{ variable: 2, value: null },
			],
			templateParameter,
		);
		expect(values).toEqual(['Maria Silva', '-', '10/03']);
	});

	it('refuses a missing, repeated or unknown variable', () => {
		const fill = (mappings: Array<{ variable: number; value: unknown }>) => () => bodyParameters(notice, mappings, templateParameter);
		expect(fill([{ variable: 1, value: 'a' }])).toThrow(/Faltam valores para \{\{2\}\}, \{\{3\}\}/);
		expect(fill([{ variable: 1, value: 'a' }, { variable: 1, value: 'b' }, { variable: 2, value: 'c' }, { variable: 3, value: 'd' }])).toThrow(/duas vezes/);
		expect(fill([{ variable: 4, value: 'a' }])).toThrow(TemplateVariableError);
	});

	it('reads the name|language keys of lists and parameters', () => {
		expect(parseTemplateKey('aviso_conexao_offline|pt_BR')).toEqual({ name: 'aviso_conexao_offline', language: 'pt_BR' });
		expect(parseTemplateKey('sem_idioma')).toBeUndefined();
		expect(findTemplate([notice], 'aviso_conexao_offline|en_US')).toBeUndefined();
	});
});
