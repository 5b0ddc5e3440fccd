import { createHash } from 'node:crypto';

import type { IxcClient } from './client';
import { checkPortalLogin } from './customers';
import type { IxcRow } from './mapping';

const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');

const MARIA = { id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica' as const, telefones: [] };

/** A client whose `cliente` listing answers `rows`. */
function clientListing(rows: IxcRow[]): IxcClient {
	const unused = async () => {
		throw new Error('not used');
	};
	return { list: async () => rows, page: unused, listAll: async () => rows, call: unused, file: unused };
}

describe('IXC subscriber-portal login', () => {
	const record = { id: '101', hotsite_email: 'Maria.Silva@example.com', senha: 'S3nha!', hotsite_acesso: '2' };

	it('accepts the login in any case and the exact password', async () => {
		expect(await checkPortalLogin(clientListing([record]), MARIA, 'maria.silva@EXAMPLE.com', 'S3nha!')).toBe(true);
		expect(await checkPortalLogin(clientListing([record]), MARIA, 'maria.silva@example.com', 's3nha!')).toBe(false);
		expect(await checkPortalLogin(clientListing([record]), MARIA, 'maria.silva@example.com', 'S3nha! ')).toBe(false);
	});

	it('compares the MD5 of the typed password where senha_hotsite_md5 is S (hash in either case)', async () => {
		// md5('S3nha!'), as IXC stores it with the flag on.
		const hashed = { ...record, senha: md5('S3nha!'), senha_hotsite_md5: 'S' };
		expect(await checkPortalLogin(clientListing([hashed]), MARIA, 'maria.silva@example.com', 'S3nha!')).toBe(true);
		expect(await checkPortalLogin(clientListing([{ ...hashed, senha: md5('S3nha!').toUpperCase() }]), MARIA, 'maria.silva@example.com', 'S3nha!')).toBe(true);
		expect(await checkPortalLogin(clientListing([hashed]), MARIA, 'maria.silva@example.com', md5('S3nha!'))).toBe(false);
		expect(await checkPortalLogin(clientListing([{ ...record, senha_hotsite_md5: 'N' }]), MARIA, 'maria.silva@example.com', 'S3nha!')).toBe(true);
	});

	it('never authenticates with portal access off (hotsite_acesso 0), without a portal login or password, or without the record', async () => {
		expect(await checkPortalLogin(clientListing([{ ...record, hotsite_acesso: '0' }]), MARIA, 'maria.silva@example.com', 'S3nha!')).toBe(false);
		expect(await checkPortalLogin(clientListing([{ ...record, hotsite_email: '' }]), MARIA, '', 'S3nha!')).toBe(false);
		expect(await checkPortalLogin(clientListing([{ ...record, senha: '' }]), MARIA, 'maria.silva@example.com', '')).toBe(false);
		expect(await checkPortalLogin(clientListing([]), MARIA, 'maria.silva@example.com', 'S3nha!')).toBe(false);
	});
});
