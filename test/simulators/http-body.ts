/** Parsing of request bodies as the simulated APIs accept them: JSON, urlencoded and multipart. */

/** One file part of a multipart request. */
export interface UploadedFile {
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

/** What a raw body holds, read according to its `Content-Type`. */
export interface ParsedBody {
	/** The parsed JSON value, or `undefined` when the body is not valid JSON. */
	json: unknown;
	/** Text fields of an urlencoded or multipart body. */
	form: Record<string, string>;
	/** File parts of a multipart body. */
	files: UploadedFile[];
}

/** Reads `rawBody` as JSON, urlencoded or multipart depending on `contentType`. */
export function parseBody(rawBody: Buffer, contentType: string | undefined): ParsedBody {
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return { json: undefined, form: Object.fromEntries(new URLSearchParams(rawBody.toString('utf8'))), files: [] };
	}
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
	if (type.startsWith('multipart/form-data') && boundary) {
		return { json: undefined, ...parseMultipart(rawBody, boundary) };
	}
	return { json: parseJson(rawBody), form: {}, files: [] };
}

function parseJson(rawBody: Buffer): unknown {
	if (rawBody.length === 0) return undefined;
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}

function parseMultipart(rawBody: Buffer, boundary: string): Pick<ParsedBody, 'form' | 'files'> {
	const form: Record<string, string> = {};
	const files: UploadedFile[] = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let start = rawBody.indexOf(delimiter);
	while (start !== -1) {
		const partStart = start + delimiter.length;
		const next = rawBody.indexOf(delimiter, partStart);
		if (next === -1) break;
		// Each part is "\r\n<headers>\r\n\r\n<content>\r\n".
		const part = rawBody.subarray(partStart + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const content = part.subarray(headerEnd + 4);
			const field = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
			const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
			if (fileName === undefined) {
				form[field] = content.toString('utf8');
			} else {
				const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
				files.push({ field, fileName, contentType, data: Buffer.from(content) });
			}
		}
		start = next;
	}
	return { form, files };
}
