/** "Somente senhas com mais de 8 caracteres serão aceitas": the card's rule, as the customer is told it. */
export const WIFI_PASSWORD_MIN_LENGTH = 9;
/** Longest WPA2/WPA3 passphrase. */
export const WIFI_PASSWORD_MAX_LENGTH = 63;

export type WifiPasswordCheck = { valid: true; value: string } | { valid: false; reason: string };

/** Printable ASCII, space included: what every router accepts in a WPA passphrase. */
const PASSPHRASE_CHARACTERS = /^[\x20-\x7e]+$/;

/** Whether `text` can be the new Wi-Fi password; `reason` (pt-BR, for the customer) never repeats it. */
export function checkWifiPassword(text: string): WifiPasswordCheck {
	const length = [...text].length;
	if (length < WIFI_PASSWORD_MIN_LENGTH) return { valid: false, reason: `A senha precisa ter mais de 8 caracteres (a enviada tem ${length}). Digite outra senha.` };
	if (length > WIFI_PASSWORD_MAX_LENGTH) return { valid: false, reason: `A senha pode ter no máximo ${WIFI_PASSWORD_MAX_LENGTH} caracteres. Digite uma senha menor.` };
	if (!PASSPHRASE_CHARACTERS.test(text)) return { valid: false, reason: 'Use só letras sem acento, números e símbolos comuns (sem ç, acentos ou emojis). Digite outra senha.' };
	return { valid: true, value: text };
}

/** `text` with every occurrence of `secret` masked (ERP answers and errors may echo what they received). */
export function withoutSecret(text: string, secret: string): string {
	return secret ? text.split(secret).join('••••••') : text;
}
