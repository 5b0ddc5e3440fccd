/** The parameters the outputs depend on (as n8n hands them to the `outputs` expression). */
export interface OutputParameters {
	conditionType?: string;
	channels?: { values?: Array<{ channel?: string; accountId?: string; outputName?: string }> };
	branches?: string[];
	rules?: { values?: Array<{ outputName?: string }> };
	teams?: string[];
	idleHours?: number;
}

/**
 * The card's outputs, computed from its parameters (Switch V3 pattern); the last one is the
 * fallback wherever a list of values is configured. This function is also serialised into the node
 * description's `outputs` expression, so it must stay self-contained (no imports, no outer names).
 */
export function conditionOutputNames(parameters: OutputParameters): string[] {
	const named = (name: string | undefined, fallback: string) => (typeof name === 'string' && name.trim() ? name.trim() : fallback);
	switch (parameters.conditionType ?? 'businessHours') {
		case 'channel': {
			const channelNames: Record<string, string> = { webchat: 'Web Chat', whatsapp: 'WhatsApp', telegram: 'Telegram', messenger: 'Messenger', instagram: 'Instagram' };
			const names = (parameters.channels?.values ?? []).map((rule, index) => {
				const base = channelNames[rule.channel ?? ''] ?? `Canal ${index + 1}`;
				const account = (rule.accountId ?? '').trim();
				return named(rule.outputName, account ? `${base} (${account})` : base);
			});
			return [...names, 'Outros'];
		}
		case 'branch':
			return [...(Array.isArray(parameters.branches) ? parameters.branches : []).map((branch, index) => named(branch, `Filial ${index + 1}`)), 'Outras'];
		case 'businessHours':
			return ['Dentro do horário', 'Fora do horário'];
		case 'shift':
			return ['Manhã', 'Tarde', 'Noite', 'Madrugada'];
		case 'tag':
			return ['Tem etiqueta', 'Não tem etiqueta'];
		case 'variable':
			return [...(parameters.rules?.values ?? []).map((rule, index) => named(rule.outputName, `Regra ${index + 1}`)), 'Nenhuma regra'];
		case 'team':
			return [...(Array.isArray(parameters.teams) ? parameters.teams : []).map((team, index) => named(team, `Equipe ${index + 1}`)), 'Outra equipe', 'Sem equipe'];
		case 'idleTime': {
			const hours = typeof parameters.idleHours === 'number' ? parameters.idleHours : 1;
			const label = `${String(hours).replace('.', ',')} h`;
			return [`Mais de ${label}`, `Até ${label}`];
		}
		case 'personType':
			return ['Pessoa física', 'Pessoa jurídica', 'Sem cadastro'];
		case 'origin':
			return ['Anúncio (click-to-WhatsApp)', 'Orgânico'];
		case 'diagnostic':
			return [
				'Inativo',
				'Bloqueado',
				'Desbloqueio de confiança ativo',
				'Financeiro em atraso',
				'Offline',
				'Online',
				'Ativo',
				'Sem diagnóstico',
			];
		default:
			return ['Saída'];
	}
}

/** The description's `outputs` expression. */
export const conditionOutputsExpression: `={{${string}}}` = `={{(${conditionOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;
