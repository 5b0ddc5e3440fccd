// The WhatsApp simulator in its own process (forked by scripts/bench-broadcast.mjs), so the sender's
// process and n8n are measured without it. Answers IPC messages:
//   { type: 'stats' } → { accepted, firstAt, lastAt, duplicateIds, duplicateRecipients, ids }
//   { type: 'reset' }, { type: 'stop' }
//   { type: 'limitShare', share } → { type: 'limitShare' }: from now on, a random `share` of the first
//     attempts of each job (by biz_opaque_callback_data) is answered 130429 (the number's throughput limit)
//   stats also give `limited`: how many sends were answered 130429
// `firstAt`/`lastAt`: epoch ms of the first and last accepted send.
const { loadWhatsAppSimulator } = require('../../bench/typescript-require.cjs');

const { startWhatsAppSimulator } = loadWhatsAppSimulator();
const { graphErrorReply } = require('../../test/simulators/whatsapp-errors.ts');

async function main() {
	const simulator = await startWhatsAppSimulator();
	let firstAt;
	let lastAt;
	let limitShare = 0;
	let limited = 0;
	const attempted = new Set();
	/** Programs the 130429 answers (a fault with no end, matched per request); reset() clears it. */
	const programLimits = () =>
		simulator.failNext(Number.POSITIVE_INFINITY, graphErrorReply(130429), (request) => {
			if (limitShare <= 0 || request.method !== 'POST' || !request.path.endsWith('/messages')) return false;
			const id = request.json?.biz_opaque_callback_data;
			if (id === undefined || attempted.has(id)) return false;
			attempted.add(id);
			if (Math.random() >= limitShare) return false;
			limited++;
			return true;
		});
	programLimits();
	simulator.onSent(() => {
		lastAt = Date.now();
		firstAt ??= lastAt;
	});
	// the simulator keeps every request and status object: only `sent` is read here
	const trimmer = setInterval(() => {
		simulator.requests.length = 0;
		simulator.statuses.length = 0;
	}, 1000);

	process.on('message', (message) => {
		if (message.type === 'stats') {
			const ids = simulator.sent.map((sent) => sent.body.biz_opaque_callback_data);
			const recipients = simulator.sent.map((sent) => sent.waId);
			process.send({
				type: 'stats',
				accepted: simulator.sent.length,
				firstAt,
				lastAt,
				duplicateIds: ids.length - new Set(ids).size,
				duplicateRecipients: recipients.length - new Set(recipients).size,
				ids: [...new Set(ids)],
				limited,
			});
		} else if (message.type === 'reset') {
			simulator.reset();
			firstAt = undefined;
			lastAt = undefined;
			limitShare = 0;
			limited = 0;
			attempted.clear();
			programLimits();
			process.send({ type: 'reset' });
		} else if (message.type === 'limitShare') {
			limitShare = message.share;
			process.send({ type: 'limitShare' });
		} else if (message.type === 'stop') {
			clearInterval(trimmer);
			simulator.close().then(
				() => process.exit(0),
				(error) => {
					process.stderr.write(`${error.stack ?? error}\n`);
					process.exit(1);
				},
			);
		}
	});
	process.send({ type: 'ready', url: simulator.url });
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
