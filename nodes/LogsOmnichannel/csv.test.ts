import type { SendLogEntry } from '../shared/broadcast/types';
import { sendLogCsv } from './csv';

const T0 = Date.UTC(2026, 0, 5, 15, 4, 5); // 12:04:05 in São Paulo

const sent: SendLogEntry = {
	id: 1,
	jobId: 'c1:cliente:101/login:3001',
	campaign: 'c1',
	clienteId: '101',
	tipoComunicacao: 'whatsapp',
	contato: '+55 (11) 98765-4321',
	dataEnvio: T0,
	status: 'sucesso',
	mensagem: 'Mensagem lida pelo contato.',
	wamid: 'wamid.1',
	entrega: 'read',
	entregaEm: T0 + 60_000,
};

const failed: SendLogEntry = {
	id: 2,
	campaign: '=HYPERLINK("http://x")',
	clienteId: '102',
	tipoComunicacao: 'whatsapp',
	contato: '(20) 98765-4321',
	dataEnvio: T0,
	status: 'falha',
	mensagem: 'Falha; "motivo"\nsegunda linha',
	codigoErro: 131026,
};

it('writes UTF-8 with BOM, ";" columns, CRLF rows, the seed\'s pt-BR columns first, and dates in the time zone', () => {
	const csv = sendLogCsv([sent], 'America/Sao_Paulo');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	expect(csv.slice(1).split('\r\n')).toEqual([
		'ID;ID Cliente;Tipo Comunicação;Contato;Data Envio;Status;Mensagem;Campanha;Código do Erro;Entrega;Entrega Em;ID da Mensagem (WhatsApp);Motivo;Categoria;Custo (R$);Janela de 24h;Resposta;Respondido Em',
		"1;101;WhatsApp;'+55 (11) 98765-4321;05/01/2026 12:04:05;Sucesso;Mensagem lida pelo contato.;c1;;Lida;05/01/2026 12:05:05;wamid.1;;;;;;",
		'',
	]);
});

it('quotes separators, quotes and line breaks, and keeps formulas out of the spreadsheet', () => {
	const [, row] = sendLogCsv([failed], 'UTC').slice(1).split('\r\n');
	expect(row).toBe(
		`2;102;WhatsApp;(20) 98765-4321;05/01/2026 15:04:05;Falha;"Falha; ""motivo""\nsegunda linha";"'=HYPERLINK(""http://x"")";131026;;;;;;;;;`,
	);
});

it('has only the header when there are no rows', () => {
	expect(sendLogCsv([], 'UTC').split('\r\n')).toHaveLength(2);
});

it('adds the reason, category, cost (BRL, comma decimals) and 24-hour window of a priced row', () => {
	const priced: SendLogEntry = { ...sent, motivo: 'lida', categoria: 'marketing', precoUnitario: 0.34375, custo: 0.34375, janela24h: 'fora' };
	expect(sendLogCsv([priced], 'America/Sao_Paulo').split('\r\n')[1]).toMatch(/;wamid\.1;lida;marketing;0,3438;fora;;$/);
});

it('adds the button the recipient tapped and when', () => {
	const answered: SendLogEntry = { ...sent, resposta: 'Já voltou', respondidoEm: T0 + 3_600_000 };
	expect(sendLogCsv([answered], 'America/Sao_Paulo').split('\r\n')[1]).toMatch(/;Já voltou;05\/01\/2026 13:04:05$/);
});
