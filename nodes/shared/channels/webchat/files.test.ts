import { dispositionFileName, webchatFileHeaders, webchatFileUrl } from './files';

describe('webchatFileUrl', () => {
	it('is relative to the page (the trigger path), and resolves to the trigger with the file and session', () => {
		const url = webchatFileUrl('a'.repeat(32), 'sessao_1-x');
		expect(url).toBe(`?arquivo=${'a'.repeat(32)}&sessao=sessao_1-x`);
		const resolved = new URL(url, 'https://provedor.com.br/webhook/atendimento?tema=claro');
		expect(resolved.href).toBe(`https://provedor.com.br/webhook/atendimento?arquivo=${'a'.repeat(32)}&sessao=sessao_1-x`);
	});
});

describe('webchatFileHeaders', () => {
	it('shows images, PDF, audio and video in place, with nosniff', () => {
		for (const mimeType of ['image/png', 'image/jpeg', 'application/pdf', 'audio/ogg', 'video/mp4']) {
			const headers = webchatFileHeaders({ mimeType, fileName: 'a.bin' });
			expect(headers['Content-Type']).toBe(mimeType);
			expect(headers['Content-Disposition']).toMatch(/^inline; /);
			expect(headers['X-Content-Type-Options']).toBe('nosniff');
		}
	});

	it('downloads anything that could run script on n8n (HTML, SVG, JavaScript) and unknown types', () => {
		for (const mimeType of ['text/html', 'image/svg+xml', 'application/javascript', 'application/zip']) {
			expect(webchatFileHeaders({ mimeType })['Content-Disposition']).toMatch(/^attachment; /);
		}
		expect(webchatFileHeaders({ mimeType: 'text/html\r\nSet-Cookie: x=1' })['Content-Type']).toBe('application/octet-stream');
		expect(webchatFileHeaders({ mimeType: ' Application/PDF ' })['Content-Type']).toBe('application/pdf');
	});
});

describe('dispositionFileName', () => {
	it('gives an ASCII name and the UTF-8 name', () => {
		expect(dispositionFileName('Fatura março (2).pdf')).toBe(`filename="Fatura marco (2).pdf"; filename*=UTF-8''Fatura%20mar%C3%A7o%20%282%29.pdf`);
	});

	it('drops paths, quotes, control characters and header breaks', () => {
		const header = dispositionFileName('../../etc/"passwd"\r\nX-Evil: 1;.pdf');
		expect(header).toBe(`filename="'passwd'X-Evil: 1_.pdf"; filename*=UTF-8''%27passwd%27X-Evil%3A%201%3B.pdf`);
		expect(header).not.toMatch(/[\r\n]/);
		expect(dispositionFileName(undefined)).toBe(`filename="arquivo"; filename*=UTF-8''arquivo`);
		expect(dispositionFileName('  ')).toBe(`filename="arquivo"; filename*=UTF-8''arquivo`);
	});
});
