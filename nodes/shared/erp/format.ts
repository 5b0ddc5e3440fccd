/** How ERP data is shown to customers (pt-BR). */

/** `89.9` → `R$ 89,90` (no-break space as Intl writes it replaced by a plain space). */
export function formatReais(value: number): string {
	return new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(value).replace(/\u00a0/g, ' ');
}

/** `2026-12-05` → `05/12/2026`. */
export function formatDateBr(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}
