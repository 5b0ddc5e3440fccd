/** WhatsApp Cloud API message limits (docs/apis-externas.md §A.5). */
export const WHATSAPP_LIMITS = {
	textBody: 4096,
	/** Interactive body: 1024 for buttons; lists allow 4096 today, 1024 in older docs, so 1024 for both. */
	interactiveBody: 1024,
	footer: 60,
	maxButtons: 3,
	buttonTitle: 20,
	buttonId: 256,
	maxListRows: 10,
	listButton: 20,
	rowTitle: 24,
	rowDescription: 72,
	rowId: 200,
	sectionTitle: 24,
	caption: 1024,
} as const;
