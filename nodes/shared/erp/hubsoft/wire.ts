/**
 * The Hubsoft integration API's payloads as the adapter reads them (docs/apis-externas.md §D.2, the
 * official docs in hubsoftbrasil/api and its Postman collection). Only the fields the canonical
 * mapping uses; every field optional or nullable, because the ERP omits and nulls them freely.
 */

/** Every answer: `status` is "success" (or the misspelled "suscess") or "error", with `msg`. */
export interface HubsoftAnswer {
	status?: string;
	msg?: string;
	/** Laravel's validation answers say `message` instead of `msg`. */
	message?: string;
}

/** `ultima_conexao` of a service: an object, or `[]` when there is none. */
export interface HubsoftUltimaConexao {
	conectado?: boolean | null;
	/** `2019-12-15 18:22:24-03`. */
	ultima_conexao_datetime?: string | null;
	/** `15/12/2019 18:22:24`. */
	ultima_conexao?: string | null;
	ultimo_ipv4?: string | null;
}

/** A contract document of a service (`incluir_contrato=sim`). */
export interface HubsoftContratoDocumento {
	id_cliente_servico_contrato?: number | string;
	aceito?: boolean | null;
	/** The document's PDF. */
	link?: string | null;
	numero_contrato?: number | string | null;
}

/** One entry of a client's `servicos` (a contract, in canonical terms). */
export interface HubsoftServico {
	id_cliente_servico?: number | string;
	nome?: string | null;
	status_prefixo?: string | null;
	login?: string | null;
	ipv4?: string | null;
	ultima_conexao?: HubsoftUltimaConexao | unknown[] | null;
	endereco_instalacao?: { completo?: string | null } | null;
	contratos?: HubsoftContratoDocumento[] | null;
}

/** One entry of `clientes` (client lookup). */
export interface HubsoftCliente {
	id_cliente?: number | string;
	codigo_cliente?: number | string | null;
	nome_razaosocial?: string | null;
	tipo_pessoa?: string | null;
	cpf_cnpj?: string | null;
	telefone_primario?: string | null;
	telefone_secundario?: string | null;
	telefone_terciario?: string | null;
	email_principal?: string | null;
	servicos?: HubsoftServico[] | null;
}

/** One entry of `faturas` (cliente/financeiro). */
export interface HubsoftFatura {
	id_fatura?: number | string;
	linha_digitavel?: string | null;
	codigo_barras?: string | null;
	link?: string | null;
	pix_copia_cola?: string | null;
	valor?: number | string | null;
	/** `DD/MM/YYYY`. */
	data_vencimento?: string | null;
	data_pagamento?: string | null;
	/** Newer versions: `true` once paid. */
	quitado?: boolean | null;
	cliente?: { servico?: { id_cliente_servico?: number | string | null } | null } | null;
}

/** One entry of `notas_fiscais` (telecom notes, models 21/22). */
export interface HubsoftNotaTelecom {
	id_nota_fiscal?: number | string;
	numero_nota?: number | string | null;
	/** A string in the official example (`"5"`). */
	valor?: number | string | null;
	/** `DD/MM/YYYY`. */
	data_emissao_br?: string | null;
	cancelado?: boolean | null;
	tipo_documento_fiscal?: { codigo?: string | null } | null;
	/** The note's PDF (the official Postman example ends each note with it). */
	link?: string | null;
}

/** One entry of `nfses` (service invoices). */
export interface HubsoftNfse {
	id_nfse?: number | string;
	numero?: number | string | null;
	valor?: number | string | null;
	/** `DD/MM/YYYY HH:MM`. */
	data_cadastro_br?: string | null;
	/** `""` when there is no PDF. */
	link_pdf?: string | null;
	data_cancelamento_br?: string | null;
}

/** `cliente/nota_fiscal`. NF-e (`nfes`, model 55: equipment sales) carry no amount and are not mapped. */
export interface HubsoftNotasAnswer extends HubsoftAnswer {
	notas_fiscais?: HubsoftNotaTelecom[] | null;
	nfses?: HubsoftNfse[] | null;
}

/** An `atendimento` (ticket). */
export interface HubsoftAtendimento {
	id_atendimento?: number | string;
	protocolo?: string | number | null;
	tipo_atendimento?: string | null;
	status?: string | null;
}

/** One entry of `tipos_atendimento` (configuracao/tipo_atendimento). */
export interface HubsoftTipoAtendimento {
	id_tipo_atendimento?: number | string;
	descricao?: string | null;
}
