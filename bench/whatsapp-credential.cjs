// The WhatsApp credential both benches create in their n8n, pointed at the simulator.
const instance = require('../scripts/lib/n8n-instance.js');

/** Creates an "Atendimento: WhatsApp Cloud API" credential for `account` at `simulatorUrl`; returns `{ id, name }`. */
async function createWhatsAppSimulatorCredential(baseUrl, apiKey, { account, simulatorUrl, name }) {
	const data = {
		accessToken: account.accessToken,
		phoneNumberId: account.phoneNumberId,
		businessAccountId: account.wabaId,
		appSecret: account.appSecret,
		verifyToken: account.verifyToken,
		apiVersion: account.apiVersion,
		baseUrl: simulatorUrl,
	};
	const created = await instance.request(baseUrl, 'POST', '/api/v1/credentials', { apiKey, body: { name, type: 'atendimentoWhatsAppApi', data } });
	if (created.status !== 200) throw new Error(`Falha ao criar a credencial do WhatsApp: ${created.text}`);
	return { id: created.json.id, name };
}

module.exports = { createWhatsAppSimulatorCredential };
