/** Nearest-rank percentile (p in 0–100) of a list of numbers; undefined for an empty list. */
export function percentile(values, p) {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

/** p50, p99, max and count of latency samples (milliseconds). */
export function summarize(values) {
	return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}
