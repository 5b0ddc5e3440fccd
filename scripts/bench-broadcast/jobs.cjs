// The bench's campaign: `count` recipients with distinct mobile numbers (DDD 11, so WhatsApp's
// 9th-digit quirk never merges two of them), one approved template of the simulator each.
require('../../bench/typescript-require.cjs');
const { WHATSAPP_TEST_ACCOUNT } = require('../../test/simulators/whatsapp-webhooks.ts');

const CAMPAIGN = 'bench-broadcast';

function benchJobs(count) {
	return Array.from({ length: count }, (_, index) => ({
		campaign: CAMPAIGN,
		recipientKey: `cliente:${index + 1}`,
		clienteId: String(index + 1),
		phone: `+5511${900_000_000 + index}`,
		message: {
			name: 'retomar_atendimento',
			language: 'pt_BR',
			bodyParameters: [`Cliente ${index + 1}`],
			previewText: `Olá Cliente ${index + 1}! Podemos continuar o seu atendimento?`,
		},
	}));
}

/** Job ids of benchJobs(count), as the store names them and as they come back in biz_opaque_callback_data. */
function benchJobIds(count) {
	return benchJobs(count).map((job) => `${job.campaign}:${job.recipientKey}`);
}

module.exports = { CAMPAIGN, WHATSAPP_TEST_ACCOUNT, benchJobs, benchJobIds };
