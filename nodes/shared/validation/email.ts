import { accept, reject, type ValidationResult } from './result';

/** Local part: dot-separated runs of the characters mail providers accept in practice. */
const LOCAL_PART = /^[a-z0-9!#$%&'*+\/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+\/=?^_`{|}~-]+)*$/;
/** Domain: labels of letters, digits and inner hyphens, ending in an alphabetic TLD. */
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Validates an e-mail address typed by a customer. Surrounding spaces and a `mailto:` prefix are
 * ignored; the value is the address in lower case (providers treat it case-insensitively).
 */
export function validateEmail(text: string): ValidationResult {
	const address = text.trim().replace(/^mailto:/i, '').toLowerCase();
	const at = address.lastIndexOf('@');
	const localPart = address.slice(0, at);
	const domain = address.slice(at + 1);
	if (at < 1 || address.length > 254 || localPart.length > 64 || !LOCAL_PART.test(localPart) || !DOMAIN.test(domain)) {
		return reject('E-mail inválido: verifique o endereço (ex.: nome@provedor.com.br).');
	}
	return accept(address);
}
