// The WhatsApp simulator in its own process (forked by scripts/bench-broadcast.mjs), so the sender's
// process and n8n are measured without it. Answers IPC messages:
//   { type: 'stats' } → { accepted, firstAt, lastAt, duplicateIds, duplicateRecipients, ids }
//   { type: 'reset' }, { type: 'stop' }
// `firstAt`/`lastAt`: epoch ms of the first and last accepted send.
const { loadWhatsAppSimulator } = require('../../bench/typescript-require.cjs');

const { startWhatsAppSimulator } = loadWhatsAppSimulator();

async function main() {
	const simulator = await startWhatsAppSimulator();
	let firstAt;
	let lastAt;
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
			});
		} else if (message.type === 'reset') {
			simulator.reset();
			firstAt = undefined;
			lastAt = undefined;
			process.send({ type: 'reset' });
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
