import { InvalidOutboundError } from '../shared/channels/errors';
import { checkSendTarget, templateSendRequest } from './template-request';

const target = { apiVersion: 'v25.0', phoneNumberId: '106540352242922' };
const job = {
	id: 'status-logins-2026-11-29:cliente:101/login:3001',
	phone: '+5511987654321',
	message: { name: 'status_logins_offline', language: 'pt_BR', bodyParameters: ['Maria', 'Rua A\n123'], previewText: 'Olá Maria' },
};

test('a template send to the E.164 number, with the job id as biz_opaque_callback_data', () => {
	expect(templateSendRequest(job, target)).toEqual({
		method: 'POST',
		path: '/v25.0/106540352242922/messages',
		body: {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+5511987654321',
			type: 'template',
			template: {
				name: 'status_logins_offline',
				language: { code: 'pt_BR' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }, { type: 'text', text: 'Rua A 123' }] }],
			},
			biz_opaque_callback_data: 'status-logins-2026-11-29:cliente:101/login:3001',
		},
	});
});

test('a template without a name cannot be sent', () => {
	expect(() => templateSendRequest({ ...job, message: { ...job.message, name: ' ' } }, target)).toThrow(InvalidOutboundError);
});

test('the credential must name a usable API version and phone number id', () => {
	expect(() => checkSendTarget(target)).not.toThrow();
	expect(() => checkSendTarget({ ...target, apiVersion: 'latest' })).toThrow(/Versão da API do WhatsApp inválida/);
	expect(() => checkSendTarget({ ...target, phoneNumberId: '+55 11 9999' })).toThrow(/Phone number ID do WhatsApp inválido/);
});

it('addresses a job for a BSUID by recipient, never by to', () => {
	const request = templateSendRequest(
		{ id: 'c:cliente:1', phone: 'BR.13491208655302741918', message: { name: 'aviso', language: 'pt_BR', bodyParameters: [], previewText: 'Aviso' } },
		{ apiVersion: 'v25.0', phoneNumberId: '106540352242922' },
	);
	expect(request.body).toMatchObject({ recipient: 'BR.13491208655302741918', biz_opaque_callback_data: 'c:cliente:1' });
	expect(request.body).not.toHaveProperty('to');
});

test("each quick reply carries the campaign's job and its number, at the button's index in the template", () => {
	// A link button first: the quick replies are the template's buttons 1 and 2.
	const quickReplies = [
		{ index: 1, text: 'Já voltou' },
		{ index: 2, text: 'Continua sem internet' },
	];
	const request = templateSendRequest({ ...job, message: { ...job.message, quickReplies } }, target);
	const template = (request.body as { template: { components: unknown[] } }).template;
	expect(template.components.slice(1)).toEqual([
		{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: `atd1|1|${job.id}` }] },
		{ type: 'button', sub_type: 'quick_reply', index: '2', parameters: [{ type: 'payload', payload: `atd1|2|${job.id}` }] },
	]);
	expect(JSON.stringify(request.body)).not.toContain('Já voltou');
});
