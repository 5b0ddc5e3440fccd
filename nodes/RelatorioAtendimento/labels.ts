/**
 * Readable pt-BR labels for the end reasons (Encerrar Atendimento's `reason`, and the reasons the pack
 * records itself), for the report. A reason outside the map reads as its words: "segunda_via_enviada"
 * → "Segunda via enviada"; a free text is kept as written.
 */
export const END_REASON_LABELS: Readonly<Record<string, string>> = {
	concluido: 'Concluído',
	fluxo_concluido: 'Fluxo concluído',
	nao_informado: 'Não informado',
	maximo_tentativas: 'Máximo de tentativas (sem entendimento)',
	sem_resposta: 'Sem resposta do cliente',
	encerrado_pelo_atendente: 'Encerrado pelo atendente',
	inatividade_atendente: 'Inatividade no atendimento humano',
	devolvido_ao_bot: 'Devolvido ao bot',
	execucao_encerrada: 'Execução do fluxo encerrada',
	contato_bloqueado: 'Contato bloqueado',
	comando: 'Encerrado por comando',
	opt_out: 'Cliente pediu para não receber mensagens',
	contato_comercial: 'Contato comercial solicitado',
	comercial_recusado: 'Cliente recusou o contato comercial',
	suporte_registrado: 'Chamado de suporte registrado',
	financeiro_resolvido: 'Resolvido no financeiro',
	segunda_via_enviada: 'Segunda via enviada',
	transferido_atendente: 'Transferido ao atendente',
	subfluxo_indisponivel: 'Subfluxo indisponível (Executar Fluxo)',
};

/** "segunda_via_enviada" → "Segunda via enviada"; text that is not a slug is returned as it is (trimmed). */
export function slugToWords(slug: string): string {
	const text = slug.trim();
	const isSlug = /^[\p{L}\p{N}]+([_-][\p{L}\p{N}]+)*$/u.test(text);
	// A single word is a slug only in lower case ("concluido"); "PIX" or "Ok" stay as written.
	if (!isSlug || (!/[_-]/.test(text) && text !== text.toLowerCase())) return text;
	const words = text.replace(/[_-]+/g, ' ').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of an end reason: the known one, else the slug's words. */
export function endReasonLabel(reason: string): string {
	return END_REASON_LABELS[reason.trim()] ?? slugToWords(reason);
}
