import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'crypto';

import type { ConversationStore } from '../conversation/store';
import type { DeskPassword, DeskSession } from '../conversation/desk';

/** Name of the desk's session cookie. */
export const SESSION_COOKIE = 'painel_sessao';
/** A session also ends after this long without a request (the open page polls all the time). */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Login rate limit: failures per login, per IP, within the window. */
export const LOGIN_LIMIT = { perLogin: 5, perIp: 20, windowMs: 15 * 60 * 1000 };
/** Shortest password an agent may choose. */
export const MIN_PASSWORD_LENGTH = 8;

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

async function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
	return await new Promise((resolve, reject) => {
		scryptCallback(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

/** `scrypt$N$r$p$<salt base64url>$<key base64url>` of `password`, with a random salt. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
	return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored` (hashPassword's format), compared in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, N, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await scrypt(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p), expected.length);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Equal strings, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The credential's "Senhas iniciais": one `login: senha` per line (blank lines and lines starting
 * with # ignored; the password is everything after the first colon, trimmed).
 */
export function parseInitialPasswords(text: string): Map<string, string> {
	const passwords = new Map<string, string>();
	for (const raw of (text ?? '').split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const login = line.slice(0, colon).trim().toLowerCase();
		const password = line.slice(colon + 1).trim();
		if (login && password) passwords.set(login, password);
	}
	return passwords;
}

/** A hash used when the login is unknown, so the answer takes as long as for a known one. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks an agent's password: his own (changed on the desk, a scrypt hash in the store) wins over the
 * credential's line, unless the admin changed that line since (the stored fingerprint no longer
 * matches it: a reset). Takes a scrypt's time whatever the outcome.
 */
export async function checkPassword(stored: DeskPassword | undefined, credentialLine: string | undefined, password: string): Promise<boolean> {
	if (stored && (!stored.replacedLine || !credentialLine || (await verifyPassword(credentialLine, stored.replacedLine)))) {
		return await verifyPassword(password, stored.hash);
	}
	if (credentialLine === undefined) {
		dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
		await verifyPassword(password, await dummyHash);
		return false;
	}
	// Hash both sides so the comparison does not leak the line's length.
	const salt = randomBytes(16);
	const [given, expected] = await Promise.all([
		scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength),
		scrypt(credentialLine, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength),
	]);
	return timingSafeEqual(given, expected);
}

/** The record that stores an agent's new password, remembering which credential line it replaced. */
export async function newPasswordRecord(password: string, credentialLine: string | undefined, now: number): Promise<DeskPassword> {
	return {
		hash: await hashPassword(password),
		...(credentialLine ? { replacedLine: await hashPassword(credentialLine) } : {}),
		changedAt: now,
	};
}

/** Cookies of a `Cookie` header, by name (first wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const equals = part.indexOf('=');
		if (equals <= 0) continue;
		const name = part.slice(0, equals).trim();
		if (!(name in cookies)) cookies[name] = part.slice(equals + 1).trim();
	}
	return cookies;
}

/** The Set-Cookie of a session (maxAgeSeconds 0 deletes it). */
export function sessionCookie(value: string, options: { path: string; maxAgeSeconds: number; secure: boolean }): string {
	return [
		`${SESSION_COOKIE}=${value}`,
		`Path=${options.path}`,
		`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
		'HttpOnly',
		'SameSite=Strict',
		...(options.secure ? ['Secure'] : []),
	].join('; ');
}

/** A new session for `login` (random id and CSRF token), valid for `durationMs`. */
export function newSession(login: string, now: number, durationMs: number): DeskSession {
	return {
		id: randomBytes(32).toString('base64url'),
		login,
		csrf: randomBytes(32).toString('base64url'),
		createdAt: now,
		expiresAt: now + durationMs,
		lastSeenAt: now,
	};
}

/** Keys of the login rate limit for one Painel (`scope`: its path). */
export function failureKeys(scope: string, login: string, ip: string): [string, string] {
	return [`${scope}:login:${login.toLowerCase()}`, `${scope}:ip:${ip}`];
}

/** Minutes to wait when the login or the IP is over its limit; undefined when a try is allowed. */
export async function loginBlockedMinutes(store: ConversationStore, keys: [string, string], now: number): Promise<number | undefined> {
	const [login, ip] = await store.deskLoginFailures(keys);
	const blocked = [login.count >= LOGIN_LIMIT.perLogin ? login.resetAt : 0, ip.count >= LOGIN_LIMIT.perIp ? ip.resetAt : 0];
	const until = Math.max(...blocked);
	return until > now ? Math.max(1, Math.ceil((until - now) / 60_000)) : undefined;
}
