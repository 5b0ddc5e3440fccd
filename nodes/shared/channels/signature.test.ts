import { createHmac } from 'crypto';
import { safeEqual, verifyChatwootSignature, verifyTelegramSecret, verifyWhatsAppSignature } from './signature';

// RFC 4231, test case 2 (HMAC-SHA256, key "Jefe").
const RFC4231_KEY = 'Jefe';
const RFC4231_DATA = 'what do ya want for nothing?';
const RFC4231_HEX = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

// Computed once with `printf '%s' "$BODY" | openssl dgst -sha256 -hmac test_app_secret`.
const BODY = '{"object":"whatsapp_business_account","entry":[]}';
const BODY_HEX = 'dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756';

describe('verifyWhatsAppSignature', () => {
	it('accepts the RFC 4231 vector as a string and as a Buffer', () => {
		expect(createHmac('sha256', RFC4231_KEY).update(RFC4231_DATA).digest('hex')).toBe(RFC4231_HEX);
		expect(verifyWhatsAppSignature(RFC4231_DATA, `sha256=${RFC4231_HEX}`, RFC4231_KEY)).toBe(true);
		expect(verifyWhatsAppSignature(Buffer.from(RFC4231_DATA), `sha256=${RFC4231_HEX}`, RFC4231_KEY)).toBe(true);
	});

	it('accepts a signed webhook body, with upper-case hex too', () => {
		expect(verifyWhatsAppSignature(BODY, `sha256=${BODY_HEX}`, 'test_app_secret')).toBe(true);
		expect(verifyWhatsAppSignature(BODY, `sha256=${BODY_HEX.toUpperCase()}`, 'test_app_secret')).toBe(true);
	});

	it('rejects another secret, another body and a flipped hex digit', () => {
		expect(verifyWhatsAppSignature(BODY, `sha256=${BODY_HEX}`, 'other_secret')).toBe(false);
		expect(verifyWhatsAppSignature(`${BODY} `, `sha256=${BODY_HEX}`, 'test_app_secret')).toBe(false);
		const flipped = BODY_HEX.slice(0, -1) + (BODY_HEX.endsWith('6') ? '7' : '6');
		expect(verifyWhatsAppSignature(BODY, `sha256=${flipped}`, 'test_app_secret')).toBe(false);
	});

	it('checks the raw bytes, not re-serialized JSON', () => {
		const raw = '{"text":{"body":"Ol\\u00e1"}}';
		const header = `sha256=${createHmac('sha256', 's').update(raw).digest('hex')}`;
		expect(verifyWhatsAppSignature(raw, header, 's')).toBe(true);
		expect(verifyWhatsAppSignature(JSON.stringify(JSON.parse(raw)), header, 's')).toBe(false);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['no prefix', BODY_HEX],
		['sha1 prefix', `sha1=${BODY_HEX}`],
		['odd length', `sha256=${BODY_HEX.slice(0, -1)}`],
		['truncated', `sha256=${BODY_HEX.slice(0, 32)}`],
		['too long', `sha256=${BODY_HEX}00`],
		['non-hex', `sha256=${'z'.repeat(64)}`],
		['prefix only', 'sha256='],
	])('rejects a %s header without throwing', (_case, header) => {
		expect(verifyWhatsAppSignature(BODY, header, 'test_app_secret')).toBe(false);
	});

	it('rejects everything when the app secret is empty, and never throws on odd input', () => {
		const emptyKeyHex = createHmac('sha256', '').update(BODY).digest('hex');
		expect(verifyWhatsAppSignature(BODY, `sha256=${emptyKeyHex}`, '')).toBe(false);
		expect(verifyWhatsAppSignature({} as unknown as string, `sha256=${BODY_HEX}`, 'x')).toBe(false);
		expect(verifyWhatsAppSignature(BODY, ['a', 'b'] as unknown as string, 'x')).toBe(false);
	});
});

describe('verifyTelegramSecret', () => {
	it('accepts only the exact secret', () => {
		expect(verifyTelegramSecret('s3cr3t_Token-123', 's3cr3t_Token-123')).toBe(true);
		expect(verifyTelegramSecret('s3cr3t_Token-124', 's3cr3t_Token-123')).toBe(false);
		expect(verifyTelegramSecret('s3cr3t_Token-12', 's3cr3t_Token-123')).toBe(false);
	});

	it('rejects a missing header and an empty expected secret', () => {
		expect(verifyTelegramSecret(undefined, 'abc')).toBe(false);
		expect(verifyTelegramSecret('', '')).toBe(false);
		expect(verifyTelegramSecret('abc', '')).toBe(false);
	});
});

describe('safeEqual', () => {
	it('compares strings and buffers of any length', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
		expect(safeEqual(Buffer.from('ção'), 'ção')).toBe(true);
		expect(safeEqual('a', 'b')).toBe(false);
	});
});

describe('verifyChatwootSignature', () => {
	const body = '{"event":"message_created","id":1}';
	const secret = 'bot-secret';
	const now = 1_760_000_000;
	// As Chatwoot's Webhooks::Trigger signs: "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<raw body>").
	const sign = (timestamp: number | string, payload = body, key = secret): string => `sha256=${createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex')}`;

	it('accepts the signature of the timestamp and the raw body', () => {
		expect(verifyChatwootSignature(body, String(now), sign(now), secret, now)).toBe(true);
		expect(verifyChatwootSignature(Buffer.from(body), String(now - 60), sign(now - 60), secret, now)).toBe(true);
	});

	it('refuses another body, another secret, a signature of another timestamp and old timestamps', () => {
		expect(verifyChatwootSignature(`${body} `, String(now), sign(now), secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now), sign(now, body, 'other'), secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now), sign(now - 1), secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now - 301), sign(now - 301), secret, now)).toBe(false);
	});

	it('refuses missing or malformed headers and an empty secret', () => {
		expect(verifyChatwootSignature(body, undefined, sign(now), secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now), undefined, secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, 'abc', sign('abc'), secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now), 'sha256=zz', secret, now)).toBe(false);
		expect(verifyChatwootSignature(body, String(now), sign(now, body, ''), '', now)).toBe(false);
	});
});
