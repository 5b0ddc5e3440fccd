import { DateTime } from 'luxon';

import type { SendLogEntry } from '../shared/broadcast/types';

const STATUS_LABELS: Record<SendLogEntry['status'], string> = { sucesso: 'Sucesso', falha: 'Falha', ignorado: 'Ignorado', reagendado: 'Reagendado', cancelado: 'Cancelado' };
const DELIVERY_LABELS: Record<NonNullable<SendLogEntry['entrega']>, string> = {
	sent: 'Enviada',
	delivered: 'Entregue',
	read: 'Lida',
	failed: 'Não entregue',
};

/** The seed's columns first, in its order, then the details. */
const COLUMNS: Array<[header: string, value: (entry: SendLogEntry, date: (epochMs: number) => string) => string]> = [
	['ID', (entry) => String(entry.id)],
	['ID Cliente', (entry) => entry.clienteId],
	['Tipo Comunicação', () => 'WhatsApp'],
	['Contato', (entry) => entry.contato],
	['Data Envio', (entry, date) => date(entry.dataEnvio)],
	['Status', (entry) => STATUS_LABELS[entry.status]],
	['Mensagem', (entry) => entry.mensagem],
	['Campanha', (entry) => entry.campaign],
	['Código do Erro', (entry) => (entry.codigoErro === undefined ? '' : String(entry.codigoErro))],
	['Entrega', (entry) => (entry.entrega ? DELIVERY_LABELS[entry.entrega] : '')],
	['Entrega Em', (entry, date) => (entry.entregaEm === undefined ? '' : date(entry.entregaEm))],
	['ID da Mensagem (WhatsApp)', (entry) => entry.wamid ?? ''],
	['Motivo', (entry) => entry.motivo ?? ''],
	['Categoria', (entry) => entry.categoria ?? ''],
	['Custo (R$)', (entry) => (entry.custo === undefined ? '' : entry.custo.toFixed(4).replace('.', ','))],
	['Janela de 24h', (entry) => entry.janela24h ?? ''],
	['Resposta', (entry) => entry.resposta ?? ''],
	['Respondido Em', (entry, date) => (entry.respondidoEm === undefined ? '' : date(entry.respondidoEm))],
];

/**
 * A spreadsheet would run a cell that starts with = + - @ (or a tab / carriage return) as a formula
 * (OWASP "CSV injection"); such cells get a leading apostrophe, so `+55 (11) …` stays text.
 */
function neutralised(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string): string {
	const safe = neutralised(value);
	return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The send log as CSV for Excel in Portuguese: UTF-8 with BOM, `;` between columns, CRLF between
 * rows, pt-BR headers and labels, dates as dd/MM/yyyy HH:mm:ss in `timeZone`.
 */
export function sendLogCsv(entries: SendLogEntry[], timeZone: string): string {
	const date = (epochMs: number) => DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('dd/MM/yyyy HH:mm:ss');
	const lines = [COLUMNS.map(([header]) => cell(header)).join(';')];
	for (const entry of entries) lines.push(COLUMNS.map(([, value]) => cell(value(entry, date))).join(';'));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
