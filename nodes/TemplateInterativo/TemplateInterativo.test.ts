import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { OFFLINE_NOTICE_TEMPLATE } from '../../test/support/whatsapp-broadcast-templates';
import { storedConversation } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import type { InboundMessage } from '../shared/channels/types';
import type { WabaTemplate } from '../shared/channels/whatsapp/templates';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { buttonChoices, checkTemplateButtons, chosenButton, templatePrompt, waitingConfig, type TemplateCardParameters } from './config';
import { templateOutputNames } from './outputs';
import { campaignMatches } from './reply';
import { TemplateInterativo } from './TemplateInterativo.node';

const node = { name: 'Resposta do aviso', type: 'n8n-nodes-atendimento.templateInterativo', typeVersion: 1, parameters: {} } as unknown as INode;
const template = OFFLINE_NOTICE_TEMPLATE as WabaTemplate;

useTemporaryStore('template-interativo', () => undefined);

function parameters(overrides: Partial<TemplateCardParameters> = {}): TemplateCardParameters {
	return {
		mode: 'sendAndWait',
		campaign: '',
		template: 'aviso_conexao_offline|pt_BR',
		variables: {
			values: [
				{ variable: 1, value: '{{nome_cliente}}' },
				{ variable: 2, value: 'maria.silva' },
				{ variable: 3, value: 'hoje às 08:30' },
			],
		},
		buttons: { values: [{ label: 'Já voltou' }, { label: 'Continua sem internet' }] },
		invalidMessage: 'Não entendi. Toque em uma opção:',
		maxAttempts: 2,
		maxAttemptsMessage: 'Vou chamar um atendente.',
		timeoutMinutes: 0,
		...overrides,
	};
}

function message(content: InboundMessage['content']): InboundMessage {
	return { channel: 'whatsapp', accountId: 'teste', contactId: '5511987654321', messageId: 'm', timestamp: 1, content };
}

describe('Template Interativo: outputs, buttons and prompt', () => {
	it('has one output per button, then "Máximo de tentativas" and "Sem resposta"; routing replies ends with "Outra mensagem"', () => {
		expect(templateOutputNames(parameters())).toEqual(['Já voltou', 'Continua sem internet', 'Máximo de tentativas', 'Sem resposta']);
		expect(templateOutputNames(parameters({ mode: 'routeReply' }))).toEqual(['Já voltou', 'Continua sem internet', 'Outra mensagem']);
		expect(templateOutputNames({ buttons: { values: [{ label: '' }] } })).toEqual(['Botão 1', 'Máximo de tentativas', 'Sem resposta']);
	});

	it('refuses buttons that are missing, empty, too long or not the template ones', () => {
		expect(() => buttonChoices(node, parameters({ buttons: {} }))).toThrow(/Nenhum botão/);
		expect(() => buttonChoices(node, parameters({ buttons: { values: [{ label: ' ' }] } }))).toThrow(/sem texto/);
		expect(() => buttonChoices(node, parameters({ buttons: { values: [{ label: 'x'.repeat(26) }] } }))).toThrow(/mais de 25/);
		const choices = buttonChoices(node, parameters());
		expect(() => checkTemplateButtons(node, template, choices)).not.toThrow();
		// Case and accents do not matter; order and text do.
		expect(() => checkTemplateButtons(node, template, buttonChoices(node, parameters({ buttons: { values: [{ label: 'ja voltou' }, { label: 'CONTINUA SEM INTERNET' }] } })))).not.toThrow();
		const swapped = buttonChoices(node, parameters({ buttons: { values: [{ label: 'Continua sem internet' }, { label: 'Já voltou' }] } }));
		expect(() => checkTemplateButtons(node, template, swapped)).toThrow(NodeOperationError);
		const noButtons = { ...template, components: template.components.filter((component) => component.type !== 'BUTTONS') };
		expect(() => checkTemplateButtons(node, noButtons, choices)).toThrow(/não são os do template/);
	});

	it('sends the template with the button ids as payloads on WhatsApp, and the text with choices elsewhere', async () => {
		const choices = buttonChoices(node, parameters());
		const whatsapp = await storedConversation({ phone: '5511987654321', customer: { erp: 'ixc', id: '101', name: 'MARIA SILVA' } });
		expect(templatePrompt(whatsapp, template, parameters(), choices)).toEqual({
			kind: 'template',
			name: 'aviso_conexao_offline',
			language: 'pt_BR',
			bodyParameters: ['MARIA SILVA', 'maria.silva', 'hoje às 08:30'],
			buttonPayloads: [
				{ index: 0, payload: 'botao_1' },
				{ index: 1, payload: 'botao_2' },
			],
		});
		// A link button before the quick replies: each payload goes to its button's index in the template.
		const withLink = {
			...template,
			components: template.components.map((component) =>
				component.type === 'BUTTONS' ? { ...component, buttons: [{ type: 'URL', text: 'Ver status', url: 'https://x' }, ...(component.buttons ?? [])] } : component,
			),
		};
		expect(() => checkTemplateButtons(node, withLink, choices)).not.toThrow();
		expect(templatePrompt(whatsapp, withLink, parameters(), choices)).toMatchObject({
			buttonPayloads: [
				{ index: 1, payload: 'botao_1' },
				{ index: 2, payload: 'botao_2' },
			],
		});
		const webchat = await storedConversation();
		expect(templatePrompt(webchat, template, parameters(), choices)).toEqual({
			kind: 'choices',
			text: 'Aviso de conexão\n\nOlá Cliente! Notamos que o seu acesso maria.silva está sem conexão desde hoje às 08:30. Nossa equipe já está verificando.\n\nProvedor XYZ',
			choices: [
				{ id: 'botao_1', label: 'Já voltou' },
				{ id: 'botao_2', label: 'Continua sem internet' },
			],
		});
	});

	it('takes a tapped button by payload, by its text (a broadcast without payloads) or a typed answer; re-asks with the buttons otherwise', async () => {
		const choices = buttonChoices(node, parameters());
		expect(chosenButton({ kind: 'choice', id: 'botao_2', title: 'Continua sem internet' }, choices)?.id).toBe('botao_2');
		expect(chosenButton({ kind: 'choice', id: 'Já voltou', title: 'Já voltou' }, choices)?.id).toBe('botao_1');
		expect(chosenButton({ kind: 'text', text: 'continua sem internet' }, choices)?.id).toBe('botao_2');
		expect(chosenButton({ kind: 'text', text: '2' }, choices)?.id).toBe('botao_2');
		expect(chosenButton({ kind: 'text', text: 'oi' }, choices)).toBeUndefined();
		expect(chosenButton({ kind: 'media', mediaType: 'image' }, choices)).toBeUndefined();

		const config = waitingConfig(parameters(), choices);
		expect([config.outputCount, config.maxAttemptsOutput, config.noAnswerOutput, config.maxAttempts]).toEqual([4, 2, 3, 2]);
		const conversation = await storedConversation({ phone: '5511987654321' });
		expect(await config.evaluate(message({ kind: 'choice', id: 'botao_1', title: 'Já voltou' }), conversation)).toEqual({
			accepted: true,
			output: 0,
			result: { resposta: 'Já voltou', opcao: 'botao_1' },
		});
		expect(await config.evaluate(message({ kind: 'text', text: 'hein?' }), conversation)).toEqual({ accepted: false });
		expect(config.invalidMessages(undefined)).toEqual([{ kind: 'choices', text: 'Não entendi. Toque em uma opção:', choices }]);
		expect(config.maxAttemptsMessages).toEqual([{ kind: 'text', text: 'Vou chamar um atendente.' }]);
	});
});

describe('Template Interativo: routing replies to a broadcast', () => {
	async function route(contents: Array<InboundMessage['content'] | Partial<InboundMessage> | undefined>, campaign = '') {
		const items: Array<{ json: Record<string, unknown> }> = [];
		for (const content of contents) {
			const conversation = await storedConversation({ phone: `55119876500${items.length}0` });
			const mensagem = content && ('content' in content ? { ...message(content.content!), ...content } : message(content as InboundMessage['content']));
			items.push({ json: { atendimento: toAtendimentoItem(conversation), ...(mensagem ? { mensagem } : {}) } });
		}
		const values: Record<string, unknown> = { mode: 'routeReply', campaign, buttons: { values: [{ label: 'Já voltou' }, { label: 'Continua sem internet' }] } };
		const context = {
			getNode: () => ({ ...node, parameters: values }),
			getInputData: () => items,
			getNodeParameter: (name: string, _index: number, fallback: unknown) => values[name] ?? fallback,
			getExecutionId: () => 'exec-1',
			customData: { setAll: () => undefined },
			getParentNodes: () => [],
			continueOnFail: () => false,
		} as unknown as IExecuteFunctions;
		return await new TemplateInterativo().execute.call(context);
	}

	it("sends each atendimento out of the output of the button its first message tapped, anything else out of 'Outra mensagem'", async () => {
		const outputs = await route([
			{ kind: 'choice', id: 'Continua sem internet', title: 'Continua sem internet' },
			{ kind: 'text', text: 'oi, tudo bem?' },
			{ kind: 'choice', id: 'botao_1', title: 'Já voltou' },
			undefined,
		]);
		expect(outputs.map((output) => output.map((item) => item.pairedItem))).toEqual([[{ item: 2 }], [{ item: 0 }], [{ item: 1 }, { item: 3 }]]);
		expect(outputs[1][0].json).toEqual(expect.objectContaining({ resposta: 'Continua sem internet', opcao: 'botao_2', atendimento: expect.objectContaining({ canal: 'whatsapp' }) }));
		expect(outputs[2][0].json).toEqual(expect.objectContaining({ resposta: null, opcao: null, campanha: null }));
	});

	const tap = (id: string, title: string, broadcastReply?: InboundMessage['broadcastReply']): Partial<InboundMessage> => ({
		content: { kind: 'choice', id, title },
		...(broadcastReply ? { broadcastReply } : {}),
	});
	const confirmed = (campaign: string): InboundMessage['broadcastReply'] => ({ status: 'confirmada', campaign, jobId: `${campaign}:cliente:1` });

	it('with a campaign to check, only confirmed taps of that campaign take the buttons; other taps go out of "Outra campanha", typed text out of "Outra mensagem"', async () => {
		expect(templateOutputNames({ mode: 'routeReply', campaign: 'aviso-*', buttons: parameters().buttons })).toEqual(['Já voltou', 'Continua sem internet', 'Outra campanha', 'Outra mensagem']);
		const outputs = await route(
			[
				tap('botao_2', 'Continua sem internet', confirmed('aviso-2026-12-07')),
				tap('botao_1', 'Já voltou', confirmed('lembrete-vencimento-2026-12-01')),
				tap('botao_1', 'Já voltou', { status: 'outroDestinatario' }),
				tap('botao_1', 'Já voltou', { status: 'envioDesconhecido' }),
				// A broadcast sent before buttons carried the campaign: WhatsApp echoes the text.
				tap('Já voltou', 'Já voltou'),
				{ kind: 'text', text: 'já voltou' },
				tap('botao_1', 'Já voltou', confirmed('AVISO-2026-12-08')),
			],
			'aviso-*',
		);
		expect(outputs.map((output) => output.map((item) => item.pairedItem))).toEqual([[{ item: 6 }], [{ item: 0 }], [{ item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }], [{ item: 5 }]]);
		expect(outputs[1][0].json).toEqual(
			expect.objectContaining({ resposta: 'Continua sem internet', opcao: 'botao_2', campanha: 'aviso-2026-12-07', botao: { payload: 'botao_2', texto: 'Continua sem internet' } }),
		);
		expect(outputs[2].map((item) => item.json.campanha)).toEqual(['lembrete-vencimento-2026-12-01', null, null, null]);
		expect(outputs[2][0].json).toEqual(expect.objectContaining({ resposta: 'Já voltou', opcao: 'botao_1', botao: { payload: 'botao_1', texto: 'Já voltou' } }));
	});

	it('without a campaign to check, routes every tap by its button and says which campaign a confirmed one came from', async () => {
		const outputs = await route([tap('botao_1', 'Já voltou', confirmed('aviso-antigo')), tap('botao_2', 'Continua sem internet', { status: 'outroDestinatario' })]);
		expect(outputs).toHaveLength(3);
		expect(outputs[0].map((item) => item.json.campanha)).toEqual(['aviso-antigo']);
		expect(outputs[1].map((item) => item.json.campanha)).toEqual([null]);
	});

	it('matches campaign names ignoring case, with * for any run of characters and nothing else special', () => {
		expect(campaignMatches('aviso-offline', 'Aviso-Offline')).toBe(true);
		expect(campaignMatches('lembrete-*', 'lembrete-vencimento-2026-12-07')).toBe(true);
		expect(campaignMatches('*-2026-12-*', 'cobranca-2026-12-07')).toBe(true);
		expect(campaignMatches('aviso-offline', 'aviso-offline-2')).toBe(false);
		expect(campaignMatches('aviso.offline', 'aviso-offline')).toBe(false);
		expect(campaignMatches('a(b', 'a(b')).toBe(true);
	});
});
