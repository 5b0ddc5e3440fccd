// Waiting cards in a real n8n: the "Sem resposta" deadline, and conversations that survive an n8n restart.
import {
	activateWorkflow,
	e2eState,
	executionsOf,
	restartN8n,
	settledExecutionCount,
	templateWithTrigger,
	waitFor,
	withNodeParameters,
} from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(240_000);

const NO_ANSWER_TEXT = /^Como não recebemos resposta, encerramos este atendimento\. Protocolo \d{8}-/;

async function activateCopy(path: string, menuTimeoutMinutes: number): Promise<{ id: string; url: string }> {
	const workflow = withNodeParameters(
		templateWithTrigger('boas-vindas.json', `E2E ${path}`, { path }),
		'Menu principal',
		{ timeoutMinutes: menuTimeoutMinutes },
	);
	const id = await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	return { id, url };
}

async function atMenu(url: string): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	const [, menu] = await customer.next(2);
	expect(menu).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });
	return customer;
}

test('no answer before the deadline: leaves by "Sem resposta" on time (not at n8n\'s next minute)', async () => {
	const { url } = await activateCopy('e2e-sem-resposta', 0.05); // 3 s
	const customer = await atMenu(url);
	const parkedAt = Date.now();
	const [end] = await customer.next(1, 20_000);
	expect((end as { text: string }).text).toMatch(NO_ANSWER_TEXT);
	expect(Date.now() - parkedAt).toBeLessThan(15_000);
	// The conversation is over: the next message opens a new atendimento.
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next(2))[0]).toMatch(/^Olá/);
});

test('n8n restarted while conversations wait: the answer after the restart continues the same execution, and a deadline that passes during the restart still leaves by "Sem resposta"', async () => {
	const waiting = await activateCopy('e2e-reinicio', 30);
	const timed = await activateCopy('e2e-reinicio-prazo', 0.1); // 6 s, shorter than the restart
	const customer = await atMenu(waiting.url);
	const timedCustomer = await atMenu(timed.url);
	const executionsBefore = await settledExecutionCount(waiting.id);

	await restartN8n();
	// The deadline passes while n8n is down. After the restart the main process's deadline poller
	// (started when n8n activates the trigger, docs/arquitetura.md §5) fires it from the store's schedule;
	// should the pack not deliver it, n8n's fallback timeout (deadline + 60 s, checked once a minute)
	// still takes the card out by "Sem resposta".
	await waitFor(
		async () => ((await executionsOf(timed.id)).some((execution) => execution.status === 'success') ? true : undefined),
		150_000,
		'o prazo "Sem resposta" depois do reinício',
	);
	const [timedEnd] = await timedCustomer.next(1);
	expect((timedEnd as { text: string }).text).toMatch(NO_ANSWER_TEXT);

	await customer.say('2');
	const [askCpf] = await customer.next(1, 20_000);
	expect((askCpf as { text: string }).text).toContain('informe o CPF');
	await customer.say('529.982.247-25');
	const [thanks, end] = await customer.next(2);
	expect((thanks as { text: string }).text).toContain('52998224725');
	expect((end as { text: string }).text).toMatch(/^Chamado registrado/);
	expect(await settledExecutionCount(waiting.id)).toBe(executionsBefore);
});
