// Resident memory and CPU time of a process and of every process it started (n8n starts its task
// runner as a child), read from /proc like `ps` does. Shared by `npm run bench` and `npm run bench:broadcast`.
const { readdirSync, readFileSync } = require('node:fs');

function parentOf(pid) {
	try {
		// Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined; // the process ended while we looked
	}
}

function residentBytes(pid) {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** The pids of `rootPid` and all its descendants. */
function processTree(rootPid) {
	const children = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const parent = parentOf(Number(entry));
		if (parent === undefined) continue;
		if (!children.has(parent)) children.set(parent, []);
		children.get(parent).push(Number(entry));
	}
	const tree = [];
	const pending = [rootPid];
	while (pending.length > 0) {
		const pid = pending.pop();
		tree.push(pid);
		pending.push(...(children.get(pid) ?? []));
	}
	return tree;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND; // utime + stime
	} catch {
		return 0;
	}
}

/** User + system CPU seconds used so far by the process tree of `rootPid` (live processes only). */
function treeCpuSeconds(rootPid) {
	return processTree(rootPid).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** VmRSS summed over the process tree of `rootPid`, in bytes. */
function treeResidentBytes(rootPid) {
	return processTree(rootPid).reduce((sum, pid) => sum + residentBytes(pid), 0);
}

/** Samples `read()` (bytes) every `intervalMs` until `stop()`, which returns the peak seen. */
function watchPeak(read, intervalMs) {
	let peak = read();
	const timer = setInterval(() => {
		peak = Math.max(peak, read());
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, read());
		},
	};
}

module.exports = { treeCpuSeconds, treeResidentBytes, watchPeak };
