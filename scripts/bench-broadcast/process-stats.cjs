// Peak resident memory (sampled) and CPU time: of this process, or of another process and its
// children (/proc).
const fs = require('fs');

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

const SAMPLE_MS = 100;

/** `pid` and its descendants. */
function processTree(pid) {
	const tree = [];
	const pending = [pid];
	while (pending.length > 0) {
		const current = pending.pop();
		tree.push(current);
		try {
			for (const task of fs.readdirSync(`/proc/${current}/task`)) {
				const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
				if (children) pending.push(...children.split(/\s+/).map(Number));
			}
		} catch {
			/* the process ended meanwhile */
		}
	}
	return tree;
}

function readOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

/** VmRSS of `pid` plus its descendants, in bytes (0 when it is gone). */
function treeRss(pid) {
	let total = 0;
	for (const current of processTree(pid)) total += Number(/VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${current}/status`, ''))?.[1] ?? 0) * 1024;
	return total;
}

/** User + system CPU time of `pid` plus its descendants, in ms. */
function treeCpuMs(pid) {
	let ticks = 0;
	for (const current of processTree(pid)) {
		// fields after the command (which may hold spaces) start at ") "; utime and stime are the 12th and 13th of them
		const fields = readOr(`/proc/${current}/stat`, '').split(') ')[1]?.split(' ') ?? [];
		ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}

/** User + system CPU time of this process, in ms. */
function ownCpuMs() {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

/** Starts sampling `read()` (bytes); `stop()` returns the peak. */
function peakSampler(read) {
	let peak = read();
	const timer = setInterval(() => {
		peak = Math.max(peak, read());
	}, SAMPLE_MS);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, read());
		},
	};
}

module.exports = { treeRss, treeCpuMs, ownCpuMs, peakSampler };
