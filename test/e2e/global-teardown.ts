// Stops the n8n started by global-setup.ts.
export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as Record<string, unknown>).__ATENDIMENTO_N8N__ as { stop: () => Promise<void> } | undefined;
	if (n8n) await n8n.stop();
}
