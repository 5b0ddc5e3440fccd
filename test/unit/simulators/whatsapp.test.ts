import { jsonReply, startSimulator, type Simulator } from '../../simulators/base';
import {
	canonicalWaId,
	signWebhookBody,
	startWhatsAppSimulator,
	WHATSAPP_TEST_ACCOUNT,
	type WhatsAppSimulator,
} from '../../simulators/whatsapp';

const { apiVersion, accessToken, phoneNumberId, wabaId } = WHATSAPP_TEST_ACCOUNT;
const auth = { authorization: `Bearer ${accessToken}` };

describe('WhatsApp Cloud API simulator', () => {
	let whatsapp: WhatsAppSimulator;
	const messagesUrl = () => `${whatsapp.url}/${apiVersion}/${phoneNumberId}/messages`;

	async function send(body: unknown, headers: Record<string, string> = auth) {
		const response = await fetch(messagesUrl(), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '5511987654321' };
	const buttons = (titles: string[]) => ({
		...base,
		type: 'interactive',
		interactive: {
			type: 'button',
			body: { text: 'Escolha uma opção:' },
			action: { buttons: titles.map((title, index) => ({ type: 'reply', reply: { id: `opt_${index}`, title } })) },
		},
	});
	const list = (rowsPerSection: number[], rowTitle = 'Fatura') => ({
		...base,
		type: 'interactive',
		interactive: {
			type: 'list',
			body: { text: 'Selecione a fatura.' },
			action: {
				button: 'Ver faturas',
				sections: rowsPerSection.map((count, section) => ({
					title: `Contrato ${section}`,
					rows: Array.from({ length: count }, (_, row) => ({ id: `f_${section}_${row}`, title: `${rowTitle} ${row}`, description: 'R$ 99,90' })),
				})),
			},
		},
	});

	beforeAll(async () => {
		whatsapp = await startWhatsAppSimulator();
	});
	afterEach(() => whatsapp.reset());
	afterAll(() => whatsapp.close());

	describe('sending', () => {
		it('accepts a text message and answers contacts and a wamid', async () => {
			const { status, body } = await send({ ...base, to: '+5511987654321', type: 'text', text: { preview_url: false, body: 'Olá!' } });

			expect(status).toBe(200);
			expect(body).toEqual({
				messaging_product: 'whatsapp',
				contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }],
				messages: [{ id: expect.stringMatching(/^wamid\./) }],
			});
			expect(whatsapp.sent).toEqual([expect.objectContaining({ wamid: body.messages[0].id, type: 'text', waId: '5511987654321' })]);
		});

		it('answers a wa_id without the 9th digit for DDDs outside 11–19, 21, 22, 24, 27, 28', async () => {
			const { body } = await send({ ...base, to: '5549999991234', type: 'text', text: { body: 'Oi' } });
			expect(body.contacts[0]).toEqual({ input: '5549999991234', wa_id: '554999991234' });
			expect(canonicalWaId('5521998765432')).toBe('5521998765432');
			expect(canonicalWaId('5598985120338', false)).toBe('5598985120338');
		});

		it('tells onSent listeners of each accepted message until they are removed', async () => {
			const heard: string[] = [];
			const remove = whatsapp.onSent((message) => heard.push(`${message.waId}:${message.type}`));
			await send({ ...base, type: 'text', text: { body: 'Primeira' } });
			await send({ ...base, type: 'text', text: { body: 'A'.repeat(4097) } });
			remove();
			await send({ ...base, type: 'text', text: { body: 'Depois' } });
			expect(heard).toEqual(['5511987654321:text']);
			expect(whatsapp.sent).toHaveLength(2);
		});

		it('rejects a wrong bearer token with Graph error 190 (401)', async () => {
			const { status, body } = await send({ ...base, type: 'text', text: { body: 'Oi' } }, { authorization: 'Bearer wrong' });
			expect(status).toBe(401);
			expect(body.error).toEqual({
				message: 'Invalid OAuth access token - Cannot parse access token',
				type: 'OAuthException',
				code: 190,
				fbtrace_id: expect.any(String),
			});
		});

		it('rejects an unknown phone number id with error 100', async () => {
			const response = await fetch(`${whatsapp.url}/${apiVersion}/999/messages`, { method: 'POST', headers: auth, body: '{}' });
			expect(response.status).toBe(400);
			expect(((await response.json()) as any).error.code).toBe(100);
		});

		it('accepts 3 buttons with 20-character titles and rejects a 4th button or a 21-character title', async () => {
			expect((await send(buttons(['2ª via boleto', 'Desbloqueio', 'A'.repeat(20)]))).status).toBe(200);

			const four = await send(buttons(['a', 'b', 'c', 'd']));
			const longTitle = await send(buttons(['B'.repeat(21)]));
			const duplicate = await send(buttons(['Sim', 'Sim']));

			expect([four.status, four.body.error.code]).toEqual([400, 131009]);
			expect(four.body.error.error_data).toEqual({ messaging_product: 'whatsapp', details: 'at most 3 buttons are allowed (got 4)' });
			expect(longTitle.body.error.code).toBe(131009);
			expect(duplicate.body.error.code).toBe(131009);
		});

		it('counts list rows across sections (10 allowed, 11 rejected) and limits row titles to 24 characters', async () => {
			expect((await send(list([6, 4]))).status).toBe(200);

			const eleven = await send(list([6, 5]));
			const longRow = await send(list([1], 'X'.repeat(23)));

			expect(eleven.body.error).toMatchObject({ code: 131009, error_data: { details: 'at most 10 rows are allowed across all sections (got 11)' } });
			expect(longRow.body.error.code).toBe(131009);
		});

		it('checks body, header, footer, list button and description lengths', async () => {
			const withInteractive = (patch: Record<string, unknown>) => {
				const message = list([1]);
				return { ...message, interactive: { ...message.interactive, ...patch } };
			};
			const rejected = await Promise.all([
				send({ ...base, type: 'text', text: { body: 'x'.repeat(4097) } }),
				send({ ...buttons(['Ok']), interactive: { ...buttons(['Ok']).interactive, body: { text: 'x'.repeat(1025) } } }),
				send(withInteractive({ header: { type: 'text', text: 'h'.repeat(61) } })),
				send(withInteractive({ footer: { text: 'f'.repeat(61) } })),
				send(withInteractive({ action: { button: 'b'.repeat(21), sections: [{ rows: [{ id: '1', title: 'a' }] }] } })),
				send(withInteractive({ action: { button: 'Ver', sections: [{ rows: [{ id: '1', title: 'a', description: 'd'.repeat(73) }] }] } })),
			]);
			expect(rejected.map((result) => result.body.error.code)).toEqual([131009, 131009, 131009, 131009, 131009, 131009]);
			expect((await send(withInteractive({ body: { text: 'x'.repeat(4096) } }))).status).toBe(200);
		});

		it('rejects malformed bodies with error 100', async () => {
			const results = await Promise.all([
				send({ ...base, messaging_product: undefined, type: 'text', text: { body: 'Oi' } }),
				send({ ...base, type: 'image', image: { id: '1', link: 'https://x/y.jpg' } }),
				send({ ...base, type: 'audio', audio: { id: '1', caption: 'no' } }),
				send({ ...list([1]), interactive: { ...list([1]).interactive, header: { type: 'image', image: { id: '1' } } } }),
				send({ ...base, type: 'sticker' }),
				send({ ...base, type: 'carousel', carousel: {} }),
			]);
			expect(results.map((result) => [result.status, result.body.error.code])).toEqual(Array(6).fill([400, 100]));
		});

		it('accepts media by link or id with a caption and a document filename', async () => {
			const document = await send({ ...base, type: 'document', document: { link: 'https://erp.example/boleto.pdf', caption: 'Boleto', filename: 'boleto.pdf' } });
			const image = await send({ ...base, type: 'image', image: { id: '1479537139650973', caption: 'QR Code Pix' } });
			expect([document.status, image.status]).toEqual([200, 200]);
		});

		it('marks messages as read (with typing indicator) and refuses an invalid wamid', async () => {
			const read = await send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.ABC', typing_indicator: { type: 'text' } });
			const invalid = await send({ messaging_product: 'whatsapp', status: 'read', message_id: 'abc' });
			expect(read.body).toEqual({ success: true });
			expect(whatsapp.readReceipts).toEqual(['wamid.ABC']);
			expect(invalid.body.error.code).toBe(131009);
		});
	});

	describe('templates', () => {
		const template = (name: string, parameters: string[]) => ({
			...base,
			type: 'template',
			template: { name, language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] },
		});

		it('sends an approved template with the right parameter count', async () => {
			expect((await send(template('fatura_disponivel', ['Maria', 'R$ 26,00', '21/11/2024']))).status).toBe(200);
		});

		it('rejects unknown or unapproved templates (132001) and a wrong parameter count (132000)', async () => {
			expect((await send(template('nao_existe', []))).body.error.code).toBe(132001);
			expect((await send(template('promocao_upgrade', ['500M']))).body.error.code).toBe(132001);
			expect((await send(template('fatura_disponivel', ['Maria']))).body.error.code).toBe(132000);
		});

		it("checks quick-reply payloads against the template's buttons, and a tap echoes the payload the send gave (or the text)", async () => {
			const withButton = (index: unknown, parameters: unknown[]) => {
				const message = template('fatura_disponivel', ['Maria', 'R$ 26,00', '21/11/2024']);
				message.template.components.push({ type: 'button', sub_type: 'quick_reply', index, parameters } as never);
				return message;
			};
			const payload = (value: string) => [{ type: 'payload', payload: value }];
			expect((await send(withButton('0', payload('atd1|1|c:cliente:1')))).status).toBe(200);
			expect((await send(withButton('1', payload('x')))).body.error.code).toBe(131009);
			expect((await send(withButton(0, payload('x')))).body.error.code).toBe(100); // the index is a string
			expect((await send(withButton('0', payload('')))).body.error.code).toBe(131009);
			expect((await send(withButton('0', payload('x'.repeat(257))))).body.error.code).toBe(131009);
			expect((await send(withButton('0', [{ type: 'text', text: 'x' }]))).body.error.code).toBe(131009);

			const [withPayload] = whatsapp.sent;
			expect(whatsapp.tapTemplateButton(withPayload, 'Pagar com Pix')).toMatchObject({
				from: withPayload.waId,
				type: 'button',
				button: { payload: 'atd1|1|c:cliente:1', text: 'Pagar com Pix' },
				context: { id: withPayload.wamid },
			});
			await send(template('fatura_disponivel', ['Maria', 'R$ 26,00', '21/11/2024']));
			expect(whatsapp.tapTemplateButton(whatsapp.sent[1], 'Pagar com Pix')).toMatchObject({ button: { payload: 'Pagar com Pix', text: 'Pagar com Pix' } });
			expect(() => whatsapp.tapTemplateButton(withPayload, 'Outro')).toThrow(/não tem o botão/);
		});

		it('lists the WABA templates with filters and cursor paging', async () => {
			const get = async (query: string) =>
				(await (await fetch(`${whatsapp.url}/${apiVersion}/${wabaId}/message_templates${query}`, { headers: auth })).json()) as Record<string, any>;

			const all = await get('');
			const approved = await get('?status=APPROVED');
			const firstPage = await get('?limit=1');
			const secondPage = await get(`?limit=1&after=${firstPage.paging.cursors.after}`);

			expect(all.data.map((entry: { name: string }) => entry.name)).toEqual(['fatura_disponivel', 'retomar_atendimento', 'promocao_upgrade']);
			expect(all.data[0]).toMatchObject({ id: expect.any(String), language: 'pt_BR', status: 'APPROVED', category: 'UTILITY' });
			expect(all.data[0].components).toContainEqual({ type: 'BODY', text: 'Olá {{1}}, sua fatura de {{2}} vence em {{3}}.', example: expect.anything() });
			expect(approved.data).toHaveLength(2);
			expect(firstPage.paging.next).toContain('after=');
			expect(secondPage.data[0].name).toBe('retomar_atendimento');
		});

		it('serves programmable templates', async () => {
			whatsapp.templates = [
				{ id: '9', name: 'aviso', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Aviso' }] },
			];
			const listed = (await (await fetch(`${whatsapp.url}/${apiVersion}/${wabaId}/message_templates`, { headers: auth })).json()) as any;
			expect(listed.data.map((entry: { name: string }) => entry.name)).toEqual(['aviso']);
			expect((await send(template('aviso', []))).status).toBe(200);
		});
	});

	describe('faults', () => {
		const text = { ...base, type: 'text', text: { body: 'Oi' } };

		it('injects error codes in the documented envelope, then recovers', async () => {
			whatsapp.failNextWithCode(130429);
			whatsapp.failNextWithCode(131056);

			const throughput = await send(text);
			const pair = await send(text);
			const recovered = await send(text);

			expect(throughput.status).toBe(400);
			expect(throughput.body.error).toEqual({
				message: '(#130429) Rate limit hit',
				type: 'OAuthException',
				code: 130429,
				error_data: {
					messaging_product: 'whatsapp',
					details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
				},
				fbtrace_id: expect.any(String),
			});
			expect([pair.status, pair.body.error.code]).toEqual([429, 131056]);
			expect(recovered.status).toBe(200);
		});

		it('injects 5xx and timeouts', async () => {
			whatsapp.failNextWithCode(2);
			expect((await send(text)).status).toBe(503);

			whatsapp.hangNext(1);
			await expect(fetch(messagesUrl(), { method: 'POST', headers: auth, body: JSON.stringify(text), signal: AbortSignal.timeout(200) })).rejects.toThrow();
		});

		it('answers 131047 synchronously when the 24-hour window is closed, but still accepts templates', async () => {
			whatsapp.closeWindow('5511987654321');
			const freeForm = await send(text);
			const templateSend = await send({ ...base, type: 'template', template: { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }] }] } });
			expect([freeForm.status, freeForm.body.error.code]).toEqual([400, 131047]);
			expect(templateSend.status).toBe(200);
		});

		it('reports a closed window or an unknown number as a failed status when asked to', async () => {
			whatsapp.closeWindow('5511987654321', 'async');
			whatsapp.markUndeliverable('5521998765432');
			const late = await send(text);
			const unknown = await send({ ...text, to: '5521998765432' });

			expect([late.status, unknown.status]).toEqual([200, 200]);
			expect(whatsapp.statuses).toEqual([
				expect.objectContaining({ id: late.body.messages[0].id, status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }),
				expect.objectContaining({ id: unknown.body.messages[0].id, status: 'failed', errors: [expect.objectContaining({ code: 131026 })] }),
			]);
		});
	});

	describe('status webhooks', () => {
		let bot: Simulator;

		beforeAll(async () => {
			bot = await startSimulator(() => jsonReply(200, {}));
		});
		afterAll(() => bot.close());

		it('posts signed sent, delivered and read callbacks to the configured webhook, in order', async () => {
			whatsapp.statusWebhook = { url: `${bot.url}/webhook`, appSecret: 'segredo' };
			const { body } = await send({ ...base, type: 'text', text: { body: 'Oi' }, biz_opaque_callback_data: 'conversa-1' });
			const answers = await whatsapp.flushStatusWebhooks();

			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
			const posted = bot.requests.map((request) => request.json as any);
			expect(posted.map((payload) => payload.entry[0].changes[0].value.statuses[0].status)).toEqual(['sent', 'delivered', 'read']);
			expect(posted[0].entry[0].changes[0].value.statuses[0]).toMatchObject({ id: body.messages[0].id, recipient_id: '5511987654321', biz_opaque_callback_data: 'conversa-1' });
			for (const request of bot.requests) expect(request.headers['x-hub-signature-256']).toBe(signWebhookBody(request.rawBody, 'segredo'));
		});
	});

	describe('media', () => {
		it('uploads, describes, serves and deletes media with the bearer token', async () => {
			const form = new FormData();
			form.set('messaging_product', 'whatsapp');
			form.set('type', 'application/pdf');
			form.set('file', new Blob([Buffer.from('%PDF-1.4 boleto')], { type: 'application/pdf' }), 'boleto.pdf');
			const upload = (await (await fetch(`${whatsapp.url}/${apiVersion}/${phoneNumberId}/media`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };

			const info = (await (await fetch(`${whatsapp.url}/${apiVersion}/${upload.id}`, { headers: auth })).json()) as Record<string, any>;
			const download = await fetch(info.url, { headers: auth });
			const anonymous = await fetch(info.url);
			const deleted = await (await fetch(`${whatsapp.url}/${apiVersion}/${upload.id}`, { method: 'DELETE', headers: auth })).json();
			const gone = await fetch(`${whatsapp.url}/${apiVersion}/${upload.id}`, { headers: auth });

			expect(upload.id).toMatch(/^\d+$/);
			expect(info).toMatchObject({ messaging_product: 'whatsapp', mime_type: 'application/pdf', file_size: 15, id: upload.id, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
			expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 boleto');
			expect(anonymous.status).toBe(401);
			expect(deleted).toEqual({ success: true });
			expect(gone.status).toBe(400);
		});

		it('serves media added by a test, for inbound media messages', async () => {
			const id = whatsapp.addMedia(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
			const info = (await (await fetch(`${whatsapp.url}/${apiVersion}/${id}`, { headers: auth })).json()) as { url: string; mime_type: string };
			expect(info.mime_type).toBe('image/jpeg');
			expect(Buffer.from(await (await fetch(info.url, { headers: auth })).arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		});
	});
});
