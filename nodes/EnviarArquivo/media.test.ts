import { fileNameOfUrl, mediaTypeOf, mimeTypeOf } from './media';

describe('file kinds', () => {
	it.each([
		['boleto.pdf', 'application/pdf'],
		['https://exemplo.com.br/img/Logo.PNG?v=2', 'image/png'],
		['foto.jpeg', 'image/jpeg'],
		['aviso.mp3', 'audio/mpeg'],
		['sem-extensao', undefined],
		['arquivo.desconhecido', undefined],
	])('mimeTypeOf(%p) = %p', (name, mime) => {
		expect(mimeTypeOf(name)).toBe(mime);
	});

	it.each([
		['image/png', 'image'],
		['image/jpeg', 'image'],
		['image/gif', 'document'],
		['audio/mpeg', 'audio'],
		['video/mp4', 'video'],
		['video/quicktime', 'document'],
		['application/pdf', 'document'],
		[undefined, 'document'],
	])('mediaTypeOf(%p) = %p', (mime, type) => {
		expect(mediaTypeOf(mime)).toBe(type);
	});

	it('names a file by the URL path', () => {
		expect(fileNameOfUrl('https://exemplo.com.br/2via/Boleto%20Maio.pdf?token=x')).toBe('Boleto Maio.pdf');
		expect(fileNameOfUrl('https://exemplo.com.br/')).toBe('arquivo');
		expect(fileNameOfUrl('não é url')).toBe('arquivo');
	});
});
