// The bench's view of the WhatsApp simulator: every message the bot sends is timestamped the
// moment the simulator accepts it and handed to whoever waits for that contact's next message.
// Counts per contact what was expected and what arrived, to find lost and duplicated replies.
import { performance } from 'node:perf_hooks';

export class Mailbox {
	constructor(simulator) {
		this.boxes = new Map();
		this.removeListener = simulator.onSent((message) => this.arrive(message));
	}

	box(waId) {
		let box = this.boxes.get(waId);
		if (!box) {
			box = { queue: [], waiters: [], expected: 0, received: 0 };
			this.boxes.set(waId, box);
		}
		return box;
	}

	arrive(message) {
		const at = performance.now();
		const box = this.box(message.waId);
		box.received++;
		const waiter = box.waiters.shift();
		if (waiter) waiter({ at, message });
		else box.queue.push({ at, message });
	}

	/**
	 * Counts one more reply expected by `waId` and resolves with the next one ({ at, message }),
	 * or with undefined after `timeoutMs`.
	 */
	expect(waId, timeoutMs) {
		const box = this.box(waId);
		box.expected++;
		const queued = box.queue.shift();
		if (queued) return Promise.resolve(queued);
		return new Promise((resolve) => {
			const waiter = (reply) => {
				clearTimeout(timer);
				resolve(reply);
			};
			const timer = setTimeout(() => {
				box.waiters.splice(box.waiters.indexOf(waiter), 1);
				resolve(undefined);
			}, timeoutMs);
			box.waiters.push(waiter);
		});
	}

	/** Replies never received and replies received more than once, over the contacts whose id starts with `prefix`. */
	tally(prefix = '') {
		let lost = 0;
		let duplicated = 0;
		let expected = 0;
		for (const [waId, box] of this.boxes) {
			if (!waId.startsWith(prefix)) continue;
			expected += box.expected;
			lost += Math.max(0, box.expected - box.received);
			duplicated += Math.max(0, box.received - box.expected);
		}
		return { expected, lost, duplicated };
	}

	/** Forgets every contact (between phases). */
	clear() {
		this.boxes.clear();
	}

	close() {
		this.removeListener();
	}
}
