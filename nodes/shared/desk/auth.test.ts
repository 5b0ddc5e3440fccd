import { checkPassword, hashPassword, newPasswordRecord, parseCookies, parseInitialPasswords, sessionCookie, verifyPassword } from './auth';

describe('desk passwords (scrypt)', () => {
	it('hashes with a random salt and verifies only the right password', async () => {
		const first = await hashPassword('senha-boa-1');
		const second = await hashPassword('senha-boa-1');
		expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
		expect(second).not.toBe(first);
		expect(await verifyPassword('senha-boa-1', first)).toBe(true);
		expect(await verifyPassword('senha-boa-2', first)).toBe(false);
		expect(await verifyPassword('senha-boa-1', 'texto-qualquer')).toBe(false);
	});

	it('reads "login: senha" lines (logins lower-cased, passwords may hold colons, comments skipped)', () => {
		expect([...parseInitialPasswords('Ana: a:b c\n# bia: x\n\nsem-dois-pontos\nbruno :  s3nha  \n')]).toEqual([
			['ana', 'a:b c'],
			['bruno', 's3nha'],
		]);
	});

	it('the credential line applies until the agent changes his password; an admin reset (line changed) applies again', async () => {
		expect(await checkPassword(undefined, 'inicial-1', 'inicial-1')).toBe(true);
		expect(await checkPassword(undefined, 'inicial-1', 'errada')).toBe(false);
		expect(await checkPassword(undefined, undefined, 'qualquer')).toBe(false); // unknown login

		const changed = await newPasswordRecord('minha-senha-nova', 'inicial-1', Date.now());
		expect(await checkPassword(changed, 'inicial-1', 'minha-senha-nova')).toBe(true);
		expect(await checkPassword(changed, 'inicial-1', 'inicial-1')).toBe(false);
		// the admin wrote a new line for him: it wins over his own password
		expect(await checkPassword(changed, 'resetada-2', 'resetada-2')).toBe(true);
		expect(await checkPassword(changed, 'resetada-2', 'minha-senha-nova')).toBe(false);
	});
});

describe('desk cookies', () => {
	it('HttpOnly, SameSite=Strict, scoped to the Painel path, Secure over https', () => {
		expect(sessionCookie('abc', { path: '/webhook/painel', maxAgeSeconds: 3600, secure: false })).toBe('painel_sessao=abc; Path=/webhook/painel; Max-Age=3600; HttpOnly; SameSite=Strict');
		expect(sessionCookie('', { path: '/webhook/painel', maxAgeSeconds: 0, secure: true })).toMatch(/Max-Age=0; HttpOnly; SameSite=Strict; Secure$/);
	});

	it('parses a Cookie header (first value wins)', () => {
		expect(parseCookies('a=1; painel_sessao=xyz; painel_sessao=outra')).toEqual({ a: '1', painel_sessao: 'xyz' });
		expect(parseCookies(undefined)).toEqual({});
	});
});
