/**
 * The canonical ISP model (docs/arquitetura.md §7; fetching apart from mapping): every ERP adapter maps its raw payloads into these
 * types, so a flow does not change when a provider switches ERP. Field names are pt-BR because they
 * reach users (item JSON, conversation variables, message placeholders).
 *
 * Conventions: ids are strings; documents and phones are digits only; dates are `YYYY-MM-DD`
 * (or ISO date-time where a time exists); money is a number in reais.
 */

/** ERPs with an adapter. */
export type ErpSystem = 'ixc' | 'sgp' | 'hubsoft' | 'mkauth' | 'receitanet'
	| 'controllr'
	| 'ispfy'
	| 'mksolutions'
	| 'rbx'
	| 'voalle';

export interface Cliente {
	id: string;
	nome: string;
	/** CPF or CNPJ, digits (and letters, for the alphanumeric CNPJ), no mask. */
	documento: string;
	tipoPessoa: 'fisica' | 'juridica';
	/** Digits only, as registered (with area code when the ERP has it). */
	telefones: string[];
	email?: string;
	/** The ERP's own customer code when it differs from `id` (Hubsoft `codigo_cliente`, MK-Auth login). */
	codigo?: string;
}

/** Status of a contract, whatever the ERP calls it. */
export type StatusContrato = 'ativo' | 'bloqueado' | 'reduzido' | 'suspenso' | 'inativo' | 'aguardando_assinatura';

export interface Contrato {
	id: string;
	clienteId: string;
	/** Plan or contract name, as shown to the customer in a contract menu. */
	plano: string;
	status: StatusContrato;
	/** Blocked because of overdue invoices (IXC `FA`/`CA`, SGP suspenso…). */
	financeiroEmAtraso?: boolean;
	desbloqueioConfiancaAtivo?: boolean;
	/** `YYYY-MM-DD` of the last trust unlock, when the ERP says. */
	ultimoDesbloqueioConfianca?: string;
	/** Installation address, to tell contracts apart in the menu. */
	endereco?: string;
	/** Login (PPPoE/radius) of the contract, when there is one. */
	login?: string;
}

export interface Fatura {
	id: string;
	contratoId?: string;
	valor: number;
	/** `YYYY-MM-DD`. */
	vencimento: string;
	vencida: boolean;
	linhaDigitavel?: string;
	codigoBarras?: string;
	pixCopiaECola?: string;
	/** Where the PDF can be downloaded (some ERPs return the PDF itself: see `ErpAdapter.invoicePdf`). */
	pdfUrl?: string;
}

export interface Conexao {
	login: string;
	online?: boolean;
	ativo: boolean;
	ip?: string;
	mac?: string;
	/** ISO date-time of the last connection start. */
	ultimaConexao?: string;
	contratoId?: string;
}

export interface NotaFiscal {
	id: string;
	numero: string;
	/** `YYYY-MM-DD`. */
	emissao: string;
	valor: number;
	modelo?: string;
	pdfUrl?: string;
}

export interface Chamado {
	id: string;
	protocolo: string;
	assunto?: string;
	status?: string;
}

/** A department that can receive tickets from the bot (IXC: "Presta atendimento externo"). */
export interface Departamento {
	id: string;
	nome: string;
}

/** A PDF fetched from the ERP. */
export interface ArquivoPdf {
	fileName: string;
	/** Base64 of the file. */
	data: string;
	mimeType: 'application/pdf';
}

/** Answer of an ERP action that the ERP may refuse for a business reason (not an error). */
export type ResultadoAcao =
	| {
			sucesso: true;
			mensagem?: string;
			/** `YYYY-MM-DD` until when a release holds. */
			ate?: string;
			protocolo?: string;
			/**
			 * The invoices whose payment was put "em observação" (Controllr): the release holds for these
			 * invoices only, and the customer must be told which ones.
			 */
			faturasEmObservacao?: Array<{ id: string; vencimento: string; valor: number }>;
			/**
			 * The ERP lifted the block for good instead of a trust release with a deadline (RBX's
			 * `contract_unblock`): the customer is told the contract was unblocked, not "em confiança".
			 */
			desbloqueioTotal?: boolean;
	  }
	| { sucesso: false; motivo: string; /** `YYYY-MM-DD` when the action can be used again. */ disponivelEm?: string };

/** What the Diagnóstico card needs from the ERP for one contract. */
export interface DadosDiagnostico {
	contrato: Contrato;
	faturasVencidas: number;
	conexao?: Conexao;
	/**
	 * State of the access point (POP/OLT) serving the contract, for ERPs that report the network
	 * instead of the subscriber's session (Voalle): an outage, not whether the customer is connected.
	 */
	pontoDeAcesso?: PontoDeAcesso;
}

/** The access point (POP/OLT) of a contract: whether it is up or under maintenance (an outage). */
export interface PontoDeAcesso {
	nome?: string;
	ativo: boolean;
	emManutencao: boolean;
	/** The ERP's description of the maintenance, when there is one. */
	manutencao?: string;
}

/** Every action an adapter may offer; `ErpAdapter.supports` says which ones. */
export type ErpAction =
	| 'buscarClientePorDocumento'
	| 'buscarClientesPorTelefone'
	| 'listarContratos'
	| 'listarFaturasAbertas'
	| 'pdfFatura'
	| 'pixFatura'
	| 'listarNotasFiscais'
	| 'pdfNotaFiscal'
	| 'desbloqueioConfianca'
	| 'liberarReducaoVelocidade'
	| 'diagnostico'
	| 'documentoAceite'
	| 'aceitarContrato'
	| 'listarDepartamentos'
	| 'abrirChamado'
	| 'autenticarCentral'
	| 'alterarSenhaWifi'
	/** Logins with their customer and contract (the "Status Logins" report; IXC only, not an adapter method). */
	| 'listarLogins'
	/** Customers selected by a filter, page by page (the "Clientes por Filtro" broadcast source; `ErpAdapter.listarClientes`). */
	| 'listarClientes';

/** The contact of the conversation (who is talking to the bot), as far as the channel knows. */
export interface ContatoAtendimento {
	nome?: string;
	telefone?: string;
}

export interface AbrirChamadoInput {
	cliente: Cliente;
	contrato?: Contrato;
	departamentoId?: string;
	/**
	 * IXC: id of the registered ticket subject (`su_oss_assunto`); empty = the subject named like
	 * `assunto`, else the first active one. Other ERPs have no subject register and ignore it.
	 */
	assuntoId?: string;
	assunto: string;
	descricao: string;
	/** Contact of the conversation, for ERPs that require it (Hubsoft, ReceitaNet). */
	contato: ContatoAtendimento;
}

/**
 * Which customers a broadcast source wants (docs/arquitetura.md §8, "Clientes por Filtro"):
 * - `faturasAbertas`: customers with an open invoice due between `vencimentoDe` and `vencimentoAte`
 *   (`YYYY-MM-DD`, inclusive; a past range = overdue invoices);
 * - `contratosBloqueados`: customers with a contract blocked (for debt or by hand).
 * `cidade` and `plano` narrow the list where the ERP gives them (contains, accents and case ignored).
 */
export type FiltroClientes =
	| { tipo: 'faturasAbertas'; vencimentoDe: string; vencimentoAte: string; cidade?: string; plano?: string }
	| { tipo: 'contratosBloqueados'; cidade?: string; plano?: string };

/** One customer a listing selected, with what made him pass the filter. */
export interface ClienteFiltrado {
	cliente: Cliente;
	/** The contract concerned (of the invoice, or the blocked one), when the ERP says. */
	contrato?: Contrato;
	/** `faturasAbertas`: the open invoices in the range (soonest first); `[]` otherwise. */
	faturas: Fatura[];
	/** City of the customer (or of the contract's address), as the ERP names it (IXC: the city id). */
	cidade?: string;
}

/** One page of `ErpAdapter.listarClientes`. */
export interface PaginaClientes {
	itens: ClienteFiltrado[];
	/** Records read from the ERP for this page (customers, invoices or contracts, as the ERP lists). */
	lidos: number;
	/** Records the whole listing has, when the ERP says. */
	total?: number;
	/** `true` on the last page. */
	fim: boolean;
	/** Why the listing ends here though the ERP said there was more (an ERP that ignores the page asked). */
	interrompida?: string;
}

/**
 * One ERP, mapped to the canonical model. Methods an ERP's API does not offer throw
 * `ErpError` with kind `nao_suportado`; check `supports` first to show a clear configuration error.
 * Methods throw `ErpError` for every failure (timeout, HTTP error, ERP error body), never return
 * error data; business refusals (trust unlock already used…) come back as `ResultadoAcao`.
 */
export interface ErpAdapter {
	readonly system: ErpSystem;
	supports(action: ErpAction): boolean;
	buscarClientePorDocumento(documento: string): Promise<Cliente | undefined>;
	/** Customers whose registered phones may be `telefone` (digits with area code); the caller applies the DDD + last-8 rule. */
	buscarClientesPorTelefone(telefone: string): Promise<Cliente[]>;
	listarContratos(cliente: Cliente): Promise<Contrato[]>;
	/** Open invoices (overdue first, then by due date), of one contract when given. */
	listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]>;
	/** The boleto PDF; `undefined` when the ERP has none for this invoice. */
	pdfFatura(fatura: Fatura, cliente: Cliente, contrato?: Contrato): Promise<ArquivoPdf | undefined>;
	/** A fresh Pix copia-e-cola when the listing did not bring one; `undefined` when the ERP has none. */
	pixFatura(fatura: Fatura, cliente: Cliente, contrato?: Contrato): Promise<string | undefined>;
	listarNotasFiscais(cliente: Cliente, contrato?: Contrato): Promise<NotaFiscal[]>;
	pdfNotaFiscal(nota: NotaFiscal, cliente: Cliente): Promise<ArquivoPdf | undefined>;
	/** `contato`: the conversation's contact (ERPs that need the caller's number, ReceitaNet). */
	desbloqueioConfianca(cliente: Cliente, contrato: Contrato, contato?: ContatoAtendimento): Promise<ResultadoAcao>;
	liberarReducaoVelocidade(cliente: Cliente, contrato: Contrato): Promise<ResultadoAcao>;
	diagnostico(cliente: Cliente, contrato: Contrato, contato?: ContatoAtendimento): Promise<DadosDiagnostico>;
	/** The contract document to accept; `undefined` when nothing awaits acceptance. */
	documentoAceite(cliente: Cliente, contrato: Contrato): Promise<ArquivoPdf | undefined>;
	aceitarContrato(cliente: Cliente, contrato: Contrato, evidencia: { telefone?: string; ip?: string; data: string }): Promise<ResultadoAcao>;
	listarDepartamentos(): Promise<Departamento[]>;
	abrirChamado(input: AbrirChamadoInput): Promise<Chamado>;
	/** Checks the subscriber-portal (central do assinante) login and password of the customer. */
	autenticarCentral(cliente: Cliente, login: string, senha: string): Promise<boolean>;
	alterarSenhaWifi(cliente: Cliente, contrato: Contrato, novaSenha: string): Promise<ResultadoAcao>;
	/**
	 * Page `pagina` (1-based) of the customers `filtro` selects; optional: adapters whose API cannot
	 * list customers leave it out and say why in `LISTAGEM_NAO_SUPORTADA` (listing.ts). A customer may
	 * come on several pages (one item per invoice or contract): the caller merges them. The filter
	 * is applied by the ERP where its API allows, else on each page; callers bound the pages read.
	 */
	listarClientes?(filtro: FiltroClientes, pagina: number): Promise<PaginaClientes>;
}

/** Why an ERP call failed. */
export type ErpErrorKind =
	/** No answer in time. */
	| 'timeout'
	/** Network error, 5xx, HTML error page. */
	| 'indisponivel'
	/** Wrong credentials, IP not allowed, expired token that could not be renewed. */
	| 'autenticacao'
	/** The ERP answered with an error we cannot turn into a business refusal. */
	| 'erro_erp'
	/** The ERP's API does not offer this action. */
	| 'nao_suportado';

/** Every failure of an ERP adapter. `message` is pt-BR and safe to log (no CPF, password or token). */
export class ErpError extends Error {
	constructor(
		readonly kind: ErpErrorKind,
		message: string,
		readonly details: { system: ErpSystem; action?: ErpAction; httpCode?: number; erpCode?: string } ,
	) {
		super(message);
		this.name = 'ErpError';
	}
}

/**
 * How an adapter does HTTP: n8n's `httpRequestWithAuthentication` with the ERP credential in cards,
 * a small authenticating client in tests. Returns the parsed body (JSON, or text / Buffer as asked
 * through `encoding` / `json`); throws on network errors and HTTP errors like n8n's helper does
 * (an error with `httpCode`/`statusCode` and the response body when there is one).
 */
export type ErpTransport = (options: import('n8n-workflow').IHttpRequestOptions) => Promise<unknown>;
