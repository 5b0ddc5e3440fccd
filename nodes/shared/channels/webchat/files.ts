import type { WebchatFile } from '../../conversation/store';

/** Query parameters of a web chat file: `GET <trigger path>?arquivo=<id>&sessao=<session id>`. */
export const FILE_QUERY = 'arquivo';
export const FILE_SESSION_QUERY = 'sessao';

/** Types the browser may show in place (in the page or a new tab); anything else is downloaded. */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp)|application\/pdf|audio\/(mpeg|ogg|mp4|aac|wav|webm)|video\/(mp4|webm|ogg))$/;
const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/;

/**
 * The URL kept in the history for a file sent to the web chat: relative to the page, which the
 * trigger serves at its own path, so `?…` reaches the trigger's GET handler whatever host the
 * customer used.
 */
export function webchatFileUrl(fileId: string, sessionId: string): string {
	return `?${FILE_QUERY}=${encodeURIComponent(fileId)}&${FILE_SESSION_QUERY}=${encodeURIComponent(sessionId)}`;
}

/**
 * Headers of a served file: its type (when well formed, else a download of unknown bytes),
 * `inline` only for images, PDF, audio and video (never HTML or SVG, which could run script on n8n's
 * origin), a file name stripped of anything that could break the header, and `nosniff`.
 */
export function webchatFileHeaders(file: Pick<WebchatFile, 'mimeType' | 'fileName'>): Record<string, string> {
	const mimeType = file.mimeType.trim().toLowerCase();
	const contentType = MIME_PATTERN.test(mimeType) ? mimeType : 'application/octet-stream';
	const disposition = INLINE_TYPES.test(contentType) ? 'inline' : 'attachment';
	return {
		'Content-Type': contentType,
		'Content-Disposition': `${disposition}; ${dispositionFileName(file.fileName)}`,
		'X-Content-Type-Options': 'nosniff',
		'Cache-Control': 'private, max-age=3600',
		'Referrer-Policy': 'no-referrer',
	};
}

/** `filename="<ASCII>"; filename*=UTF-8''<percent-encoded>` (RFC 6266), without control characters, quotes or paths. */
export function dispositionFileName(fileName: string | undefined): string {
	const cleaned =
		(fileName ?? '')
			.replace(/[\u0000-\u001f\u007f]/g, '')
			.split(/[/\\]/)
			.pop()!
			.replace(/"/g, "'")
			.trim()
			.slice(0, 150) || 'arquivo';
	const ascii = cleaned
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]|[%;\\]/g, '_');
	const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
	return `filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
