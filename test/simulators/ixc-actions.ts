/**
 * IXC "button" resources and inserts (docs/apis-externas.md §C.5–C.11): `POST /webservice/v1/<resource>`
 * with a small JSON body and no `ixcsoft` header. Documented answers are reproduced; where the
 * reference gives no wording (success messages of the buttons) the text is the simulator's own.
 */
import type { SimulatorReply } from './base';
import { brDate, isoDate } from './brazil-formats';
import { applyTrustUnlock, findContract, trustUnlockUsedThisMonth, type ErpCustomer } from './erp-dataset';
import { pdfReply } from './pdf';
import { TICKET_SUBJECTS } from './ixc-records';

/** What a resource handler works on. */
export interface IxcActionContext {
	customers: ErpCustomer[];
	params: Record<string, unknown>;
}

type IxcAction = (context: IxcActionContext) => SimulatorReply;

const success = (message: string, extra: Record<string, unknown> = {}): SimulatorReply => ({ status: 200, body: { type: 'success', message, ...extra } });
const failure = (message: string): SimulatorReply => ({ status: 200, body: { type: 'error', message } });
const trustAnswer = (tipo: 'sucesso' | 'erro', codigo: string, mensagem: string): SimulatorReply => ({ status: 200, body: { tipo, codigo, mensagem } });

/** Contract id from `id`, `get_id` or `id_contrato` (clients disagree on the key, C.6). */
function contractIdOf(params: Record<string, unknown>): string {
	return String(params.id ?? params.get_id ?? params.id_contrato ?? '');
}

function findLogin(customers: ErpCustomer[], loginId: string) {
	return customers.flatMap((customer) => customer.contracts).find((contract) => contract.login.id === loginId)?.login;
}

function findInvoice(customers: ErpCustomer[], invoiceId: string) {
	for (const customer of customers) {
		const invoice = customer.invoices.find((candidate) => candidate.id === invoiceId);
		if (invoice) return { customer, invoice };
	}
	return undefined;
}

/** `desbloqueio_confianca`: Portuguese keys and the documented codes 106/107/109/113. */
const trustUnlock: IxcAction = ({ customers, params }) => {
	const id = contractIdOf(params);
	const found = findContract(customers, id);
	if (!found) return trustAnswer('erro', '106', 'ID de contrato inexistente na base de dados.');
	const { contract } = found;
	if (contract.state === 'active' || contract.state === 'speedReduced') {
		return trustAnswer('erro', '107', 'O contrato já encontra-se ativo, não é necessário utilizar o desbloqueio de confiança.');
	}
	if (!contract.trustUnlockEnabled) return trustAnswer('erro', '113', `O desbloqueio de confiança não está disponível para o contrato ${id}.`);
	if (trustUnlockUsedThisMonth(contract)) {
		const usedOn = contract.trustUnlockUsedOn ?? isoDate();
		return trustAnswer(
			'erro',
			'113',
			`O desbloqueio de confiança não está disponível para o contrato ${id}, este recurso foi usado no dia ${brDate(usedOn)} e não foi realizado o pagamento até o dia ${brDate(isoDate(3))}.`,
		);
	}
	applyTrustUnlock(contract);
	return trustAnswer('sucesso', '', 'Desbloqueio de confiança realizado com sucesso.');
};

/** `cliente_contrato_btn_lib_temp_24722`: accepts `get_id` (Postman) or `id` (ixc-orm, goixc). */
const temporaryRelease: IxcAction = ({ customers, params }) => {
	const found = findContract(customers, contractIdOf(params));
	if (!found) return failure('Contrato não encontrado!');
	if (found.contract.state !== 'blockedForDebt') return failure('O contrato não está bloqueado!');
	found.contract.state = 'active';
	return success('Contrato liberado temporariamente!');
};

/** `liberacao_reducao_contrato_29157` `{ get_id }`. */
const speedReductionRelease: IxcAction = ({ customers, params }) => {
	const found = findContract(customers, contractIdOf(params));
	if (!found) return failure('Contrato não encontrado!');
	if (found.contract.state !== 'speedReduced') return failure('O contrato não está com a velocidade reduzida!');
	found.contract.state = 'active';
	return success('Redução de velocidade liberada com sucesso!');
};

/** `get_boleto`: `arquivo` gives the PDF (raw with `base64=N`, base64 text with `S`), `mail`/`sms` give `{registros:[{sucesso:true}]}`. */
const secondCopy: IxcAction = ({ customers, params }) => {
	const ids = String(params.boletos ?? '').split(',').map((id) => id.trim()).filter(Boolean);
	const invoices = ids.map((id) => findInvoice(customers, id));
	if (ids.length === 0 || invoices.some((found) => !found)) return failure('Boleto não encontrado!');
	const kind = String(params.tipo_boleto ?? 'arquivo');
	if (kind === 'mail' || kind === 'sms') return { status: 200, body: { registros: [{ sucesso: true }] } };
	if (kind !== 'arquivo') return { status: 501, body: { simulator: `tipo_boleto "${kind}" has no documented answer` } };
	const text = `Boleto(s) ${ids.join(', ')} - ${invoices.map((found) => found?.invoice.digitableLine).join(' | ')}`;
	return pdfReply(text, String(params.base64 ?? 'N') === 'S' ? 'base64' : 'binary');
};

/** `get_pix` `{ id_areceber }`: the official example's shape with the invoice's data. */
const pix: IxcAction = ({ customers, params }) => {
	const found = findInvoice(customers, String(params.id_areceber ?? ''));
	if (!found) return failure('Recebimento não encontrado!');
	const { customer, invoice } = found;
	const dadosPix = {
		revisao: 0,
		loc: { id: Number(invoice.id), location: '', tipoCob: 'cobv', criacao: `${invoice.issuedOn}T12:03:01.636Z` },
		calendario: { criacao: `${invoice.issuedOn}T12:03:01Z`, dataDeVencimento: invoice.dueDate, validadeAposVencimento: 90 },
		devedor: { [customer.personType === 'F' ? 'cpf' : 'cnpj']: customer.document.replace(/[^0-9A-Z]/g, ''), nome: customer.name },
		valor: { original: invoice.amount.toFixed(2), abatimento: [], juros: { valorPerc: '0.03', modalidade: 2 }, multa: { valorPerc: '2.00', modalidade: 2 } },
		chave: 'pix@provedor-teste.example',
		txid: invoice.pixTxid,
		status: 'ATIVA',
		solicitacaoPagador: `Fatura ${invoice.id}`,
		infoAdicionais: [],
		pixCopiaECola: invoice.pixCopyPaste,
		expiracaoPix: `${brDate(isoDate(90))} 00:00:00`,
	};
	return {
		status: 200,
		body: { pix: { dadosPix, qrCode: { qrcode: invoice.pixCopyPaste, imagemQrcode: '', imagemSrc: '' } }, gateway: { gatewayNome: 'MB' }, type: 'success' },
	};
};

/** `desconectar_clientes` `{ id }` (login id). */
const disconnectLogin: IxcAction = ({ customers, params }) => {
	const login = findLogin(customers, String(params.id ?? ''));
	if (!login) return failure('Login não encontrado!');
	login.online = false;
	login.lastConnectionEnd = `${isoDate()} 12:00:00`;
	return success('Login desconectado com sucesso!');
};

/** `radusuarios_25452` `{ get_id }`: clears the login's MAC (ixc-orm expects "MAC removido com sucesso"). */
const clearMac: IxcAction = ({ customers, params }) => {
	const login = findLogin(customers, String(params.get_id ?? params.id ?? ''));
	if (!login) return failure('Login não encontrado!');
	login.mac = '';
	return success('MAC removido com sucesso!');
};

/** `gerar_documento_assinatura_digital` and `reenviar_link_assnatura_digital` `{ id_contrato }`. */
const signatureLink: IxcAction = ({ customers, params }) => {
	const found = findContract(customers, String(params.id_contrato ?? ''));
	if (!found) return failure('Contrato não encontrado!');
	if (found.contract.acceptanceSignedOn !== null) return failure('O contrato já foi assinado!');
	return success('Link de assinatura enviado com sucesso!', { url_assinatura_digital: `https://assinatura.provedor-teste.example/contrato/${found.contract.id}` });
};

/** `cliente_contrato_imprimir_contrato_17678` `{ id }` ("Imprimir Contrato"): the contract document as a PDF. */
const printContract: IxcAction = ({ customers, params }) => {
	const found = findContract(customers, String(params.id ?? ''));
	if (!found) return failure('Contrato não encontrado!');
	return pdfReply(`Contrato ${found.contract.id} - ${found.contract.planName} - ${found.customer.name}`);
};

/**
 * `cliente_contrato_15464` `{ id_contrato }` ("Liberar manualmente (A)"): sets the internet status to
 * active whatever it was, as the ERP's button does; callers must check the status first.
 */
const manualRelease: IxcAction = ({ customers, params }) => {
	const found = findContract(customers, String(params.id_contrato ?? ''));
	if (!found) return failure('Contrato não encontrado!');
	found.contract.state = 'active';
	return success('Contrato liberado com sucesso!');
};

/** `imprimir_nota` `{ id, base64 }`. */
const printFiscalNote: IxcAction = ({ customers, params }) => {
	const id = String(params.id ?? '');
	const note = customers.flatMap((customer) => customer.fiscalNotes).find((candidate) => candidate.id === id);
	if (!note) return failure('Nota fiscal não encontrada!');
	return pdfReply(`Nota fiscal modelo ${note.model} numero ${note.number}`, String(params.base64 ?? 'N') === 'S' ? 'base64' : 'binary');
};

/** `botaoAjax_30774` `{ id }` (ACS device id = login id): pushes the Wi-Fi data to the ACS. */
const pushWifiToAcs: IxcAction = ({ customers, params }) =>
	findLogin(customers, String(params.id ?? '')) ? success('Dados enviados ao ACS com sucesso!') : failure('Equipamento não encontrado!');

/** `su_ticket` insert: the message field is spelled `menssagem`. */
const openTicket: IxcAction = ({ customers, params }) => {
	for (const field of ['id_cliente', 'id_assunto', 'titulo', 'menssagem']) {
		if (String(params[field] ?? '') === '') return failure(`O campo ${field} é obrigatório!<br />`);
	}
	const customer = customers.find((candidate) => candidate.id === String(params.id_cliente));
	if (!customer) return failure('Cliente não encontrado!<br />');
	// [UNCERTAIN wording] IXC refuses a subject that is not registered and active.
	if (!TICKET_SUBJECTS.some((subject) => subject.id === String(params.id_assunto) && subject.ativo === 'S')) return failure('Assunto inválido ou inativo!<br />');
	const id = String(4100 + customers.reduce((count, candidate) => count + candidate.tickets.length, 0));
	customer.tickets.push({
		id,
		protocol: `${isoDate().replace(/-/g, '')}${id.padStart(7, '0')}`,
		contractId: String(params.id_contrato ?? ''),
		subject: String(params.titulo),
		description: String(params.menssagem),
		openedOn: isoDate(),
		status: String(params.su_status ?? 'N') === 'S' ? 'closed' : 'open',
	});
	return { status: 200, body: { type: 'success', message: 'Registro inserido com sucesso!', id: Number(id) } };
};

/** Resource name → handler. Unknown names answer the documented "Recurso … não está disponível!". */
export const IXC_ACTIONS: Record<string, IxcAction> = {
	desbloqueio_confianca: trustUnlock,
	cliente_contrato_btn_lib_temp_24722: temporaryRelease,
	liberacao_reducao_contrato_29157: speedReductionRelease,
	get_boleto: secondCopy,
	get_pix: pix,
	desconectar_clientes: disconnectLogin,
	radusuarios_25452: clearMac,
	gerar_documento_assinatura_digital: signatureLink,
	reenviar_link_assnatura_digital: signatureLink,
	cliente_contrato_imprimir_contrato_17678: printContract,
	cliente_contrato_15464: manualRelease,
	imprimir_nota: printFiscalNote,
	botaoAjax_30774: pushWifiToAcs,
	su_ticket: openTicket,
};
