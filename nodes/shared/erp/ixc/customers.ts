/**
 * Customers in IXC (`cliente`, docs/apis-externas.md §C.2): by CPF/CNPJ (stored masked, so both forms are
 * tried), by phone (a "contains" search on each phone column), and the subscriber-portal login
 * (`hotsite_email` / `senha` of the record).
 */
import { createHash } from 'node:crypto';

import { safeEqual } from '../../channels/signature';
import type { Cliente } from '../types';
import type { IxcClient } from './client';
import { CLIENTE_PHONE_COLUMNS, field, hasPhoneEnding, mapCliente, maskDocument, unmaskDocument, type IxcRow } from './mapping';

function isActive(row: IxcRow): boolean {
	return field(row, 'ativo').toUpperCase() === 'S';
}

export async function findCustomerByDocument(client: IxcClient, documento: string): Promise<Cliente | undefined> {
	const plain = unmaskDocument(documento);
	if (plain === '') return undefined;
	const forms = [...new Set([maskDocument(plain), plain].filter((form): form is string => form !== undefined))];
	for (const form of forms) {
		const rows = await client.list('cliente', { qtype: 'cliente.cnpj_cpf', query: form, rowsPerPage: 20 }, 'buscarClientePorDocumento');
		const row = rows.find(isActive) ?? rows[0];
		if (row) return mapCliente(row);
	}
	return undefined;
}

/**
 * Customers with a phone ending in the same 8 digits as `telefone`. IXC has no OR and stores
 * phones masked or not (`(11) 98765-4321`, `11987654321`), so each phone column is searched for the
 * last 4 digits (contiguous in every format) and the rows are then checked on the last 8.
 */
export async function findCustomersByPhone(client: IxcClient, telefone: string): Promise<Cliente[]> {
	const last8 = telefone.replace(/\D/g, '').slice(-8);
	if (last8.length < 8) return [];
	const byColumn = await Promise.all(
		CLIENTE_PHONE_COLUMNS.map((column) =>
			client.listAll('cliente', { qtype: `cliente.${column}`, query: last8.slice(-4), oper: 'L', rowsPerPage: 200 }, 'buscarClientesPorTelefone'),
		),
	);
	const matching = new Map<string, IxcRow>();
	for (const row of byColumn.flat()) {
		if (hasPhoneEnding(row, last8) && !matching.has(field(row, 'id'))) matching.set(field(row, 'id'), row);
	}
	return [...matching.values()].map(mapCliente);
}

/**
 * Checks the subscriber-portal login (`hotsite_email`, case-insensitive) and password (`senha`) of
 * the customer's record. With `senha_hotsite_md5` S, IXC stores the MD5 of the password: the typed
 * one is hashed before comparing (hex, any case). A record without login or password, or with
 * `hotsite_acesso` 0 (portal access off), never authenticates.
 */
export async function checkPortalLogin(client: IxcClient, cliente: Cliente, login: string, senha: string): Promise<boolean> {
	const [row] = await client.list('cliente', { qtype: 'cliente.id', query: cliente.id, rowsPerPage: 1 }, 'autenticarCentral');
	if (!row || field(row, 'hotsite_acesso') === '0') return false;
	const expectedLogin = field(row, 'hotsite_email').toLowerCase();
	const storedAsMd5 = field(row, 'senha_hotsite_md5').toUpperCase() === 'S';
	const expectedPassword = storedAsMd5 ? String(row.senha ?? '').trim().toLowerCase() : String(row.senha ?? '');
	if (expectedLogin === '' || expectedPassword === '') return false;
	const givenPassword = storedAsMd5 ? createHash('md5').update(senha, 'utf8').digest('hex') : senha;
	const loginMatches = safeEqual(expectedLogin, login.trim().toLowerCase());
	const passwordMatches = safeEqual(expectedPassword, givenPassword);
	return loginMatches && passwordMatches;
}
