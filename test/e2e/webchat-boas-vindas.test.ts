// The shipped welcome template, in a real n8n, talked to over the web chat's JSON API.
import { activateWorkflow, e2eState, sleep, templateWithTrigger, waitFor } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

let chatUrl: string;

beforeAll(async () => {
	const path = 'e2e-boas-vindas';
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Boas-vindas', { path }));
	chatUrl = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook do web chat');
});

async function startConversation(): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(chatUrl);
	expect((await customer.say('oi')).status).toBe(200);
	const [welcome, menu] = await customer.next(2);
	expect(welcome).toMatchObject({ kind: 'text' });
	expect((welcome as { text: string }).text).toMatch(/Seu protocolo é \d{8}-\d{6}-[0-9A-Z]{4}\./);
	expect(menu).toMatchObject({
		kind: 'choices',
		text: 'Como podemos ajudar?',
		choices: [{ label: 'Comercial' }, { label: 'Suporte' }, { label: 'Financeiro' }, { label: 'Falar com atendente' }],
	});
	return customer;
}

test('the chat page is served as HTML with a CSP', async () => {
	const response = await fetch(chatUrl);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/html');
	expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
	expect(await response.text()).toContain('id="chat-messages"');
});

test('whole menu: Comercial by button, Confirmação Sim, ends with the protocol', async () => {
	const customer = await startConversation();
	await customer.click('opcao_1', 'Comercial');
	const [confirm] = await customer.next();
	expect(confirm).toMatchObject({ kind: 'choices', choices: [{ label: 'Sim' }, { label: 'Não' }] });
	await customer.say('sim');
	const [end] = await customer.next();
	expect((end as { text: string }).text).toMatch(/^Combinado! .* Protocolo \d{8}-/);
});

test('invalid answers are re-asked, then a valid CPF by number option and accent-insensitive text', async () => {
	const customer = await startConversation();
	await customer.say('quero pizza');
	const [invalid, again] = await customer.next(2);
	expect((invalid as { text: string }).text).toContain('Opção inválida');
	expect(again).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });
	await customer.say('2');
	const [askCpf] = await customer.next();
	expect((askCpf as { text: string }).text).toContain('informe o CPF');
	await customer.say('123.456.789-00');
	const [badCpf, askAgain] = await customer.next(2);
	expect((badCpf as { text: string }).text).toMatch(/Não consegui validar esse CPF\.\n.*CPF/);
	expect((askAgain as { text: string }).text).toContain('informe o CPF');
	await customer.say('529.982.247-25');
	const [thanks, end] = await customer.next(2);
	expect((thanks as { text: string }).text).toBe('Obrigado! Registramos o CPF 52998224725. Um técnico vai analisar sua conexão.');
	expect((end as { text: string }).text).toMatch(/^Chamado registrado\. Protocolo/);
});

test('a name typed without accents picks the option ("financeiro") and the Financeiro submenu asks', async () => {
	const customer = await startConversation();
	await customer.say('FINANCEIRO');
	const [menu] = await customer.next();
	expect(menu).toMatchObject({ kind: 'choices', text: 'Financeiro: o que você precisa?' });
	expect((menu as { choices: Array<{ label: string }> }).choices.map((choice) => choice.label)).toEqual(['Segunda via', 'Desbloqueio', 'Nota fiscal', 'Falar com atendente']);
});

test('max attempts: three invalid answers leave by "Máximo de tentativas"', async () => {
	const customer = await startConversation();
	await customer.say('a');
	await customer.next(2);
	await customer.say('b');
	await customer.next(2);
	await customer.say('zzz');
	const [maxMessage, end] = await customer.next(2);
	expect((maxMessage as { text: string }).text).toBe('Não consegui entender sua escolha.');
	expect((end as { text: string }).text).toMatch(/^Vamos encerrar este atendimento/);
});

// A burst sent while the bot is busy (context, not answers): test/e2e/conversa-historico.test.ts.

test('a duplicated delivery (same message id) is handled once', async () => {
	const customer = new WebchatCustomer(chatUrl);
	const body = JSON.stringify({ session: customer.session, text: 'oi', messageId: `dup-${customer.session}` });
	const post = () => fetch(chatUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
	expect((await post()).status).toBe(200);
	expect((await post()).status).toBe(200);
	await customer.next(2);
	await sleep(1000);
	expect((await customer.history()).length).toBe(2);
});

test('malformed JSON gets a 4xx with a clear error and n8n keeps serving', async () => {
	const response = await fetch(chatUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"session": "abc' });
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.status).toBeLessThan(500);
	const missing = await fetch(chatUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"oi"}' });
	expect(missing.status).toBe(400);
	expect(await missing.json()).toEqual({ error: 'Campo "session" ausente ou inválido.' });
	await startConversation();
});

test('"Falar com atendente" transfers: the bot says so once and then stays silent', async () => {
	const customer = await startConversation();
	await customer.say('4');
	const [transfer] = await customer.next();
	expect((transfer as { text: string }).text).toMatch(/^Certo! Um atendente vai continuar esta conversa em instantes\. Protocolo \d{8}-/);
	await customer.say('alô?');
	await sleep(1000);
	expect(await customer.history()).toHaveLength(3);
});
