import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

/**
 * The webhook of every waiting card: n8n serves it at `/webhook-waiting/<executionId>/<nodeId>` while
 * the execution waits there (docs/arquitetura.md §1); `responseData: ''` keeps n8n from answering with data.
 */
export const waitingCardWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

/** "Tempo sem resposta" of every waiting card. */
export const timeoutMinutesProperty: INodeProperties = {
	displayName: 'Tempo sem resposta (minutos)',
	name: 'timeoutMinutes',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	hint: 'Minutos inteiros ou frações (0,5 = 30 segundos); 0 = sem limite.',
	description: 'Depois deste tempo sem resposta, segue pela saída "Sem resposta" (aceita frações: 0,5 = 30 segundos). 0 = espera sem limite.',
};
