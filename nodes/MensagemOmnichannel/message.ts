import type { QueuedTemplateMessage } from '../shared/broadcast/types';
import { templateParameter } from '../shared/channels/whatsapp/render';
import { bodyParameters, previewText, quickReplyButtonPositions, type VariableMapping, type WabaTemplate } from '../shared/channels/whatsapp/templates';

/**
 * The queued message of one item: the template's name and language, its variables filled as WhatsApp
 * will receive them, the text the customer will read and its quick-reply buttons. Throws `TemplateVariableError` when the
 * mappings do not cover the template's variables exactly.
 */
export function templateMessage(template: WabaTemplate, mappings: VariableMapping[]): QueuedTemplateMessage {
	const parameters = bodyParameters(template, mappings, templateParameter);
	const quickReplies = quickReplyButtonPositions(template);
	return {
		name: template.name,
		language: template.language,
		bodyParameters: parameters,
		previewText: previewText(template, parameters),
		...(quickReplies.length > 0 ? { quickReplies } : {}),
	};
}
