/** Media kinds the channels send natively; anything else goes as a document. */
export type MediaType = 'image' | 'document' | 'audio' | 'video';

const MIME_BY_EXTENSION: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	pdf: 'application/pdf',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	mp4: 'video/mp4',
	'3gp': 'video/3gpp',
	txt: 'text/plain',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	zip: 'application/zip',
};

/** Images WhatsApp shows inline; other images (gif, bmp, …) are sent as documents. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg']);

/** The MIME type of a file name or URL path by its extension, when known. */
export function mimeTypeOf(fileNameOrUrl: string): string | undefined {
	const path = fileNameOrUrl.split(/[?#]/)[0];
	const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
	return path.includes('.') ? MIME_BY_EXTENSION[extension] : undefined;
}

/** How a file of this MIME type is sent. */
export function mediaTypeOf(mimeType: string | undefined): MediaType {
	if (!mimeType) return 'document';
	if (INLINE_IMAGES.has(mimeType)) return 'image';
	if (mimeType.startsWith('audio/')) return 'audio';
	if (mimeType === 'video/mp4' || mimeType === 'video/3gpp') return 'video';
	return 'document';
}

/** The last path segment of a URL, as a file name ("arquivo" when there is none). */
export function fileNameOfUrl(url: string): string {
	try {
		const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
		return name || 'arquivo';
	} catch {
		return 'arquivo';
	}
}
