import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Writes the HTTP answer to the channel directly (the trigger answers its channel itself). */
export function respond(
	context: IWebhookFunctions,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	if (typeof body === 'string' || Buffer.isBuffer(body)) response.send(body);
	else response.json(body);
	return { noWebhookResponse: true };
}
