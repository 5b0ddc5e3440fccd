/**
 * The common shape of every simulator: a loopback HTTP server on 127.0.0.1 and a random port that
 * records each request, answers through a handler, and can be told to fail, hang or slow down.
 */
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { parseBody, type UploadedFile } from './http-body';

/** One request as the simulator received it. */
export interface RecordedRequest {
	method: string;
	/** Path without the query string, percent-decoding left to the handler. */
	path: string;
	/** Query-string parameters (the last value wins when a name repeats). */
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** The body parsed as JSON, `undefined` when it is not JSON. */
	json: unknown;
	/** Text fields of an urlencoded or multipart body. */
	form: Record<string, string>;
	/** File parts of a multipart body. */
	files: UploadedFile[];
}

/** What a handler or a programmed fault answers. A non-Buffer, non-string body is sent as JSON. */
export interface SimulatorReply {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

/** Answers one request; `baseUrl` is the simulator's own URL, for links it hands out. */
export type SimulatorHandler = (request: RecordedRequest, baseUrl: string) => SimulatorReply | Promise<SimulatorReply>;

/** Picks the requests a fault applies to; faults without one apply to any request. */
export type RequestMatcher = (request: RecordedRequest) => boolean;

/** A running simulator. */
export interface Simulator {
	/** `http://127.0.0.1:<port>`, without a trailing slash. */
	url: string;
	/** Every request received since start or the last `reset()`, oldest first. */
	requests: RecordedRequest[];
	/** Milliseconds to wait before each answer (0 by default). */
	delayMs: number;
	/** The next `count` matching requests get `reply` instead of the handler's answer. */
	failNext(count: number, reply: SimulatorReply, match?: RequestMatcher): void;
	/** The next `count` matching requests never get an answer (a client timeout); `close()` drops them. */
	hangNext(count: number, match?: RequestMatcher): void;
	/** Forgets recorded requests, programmed faults and the delay (and, for stateful simulators, restores their data). */
	reset(): void;
	/** Stops the server and drops open connections. */
	close(): Promise<void>;
}

/** Options of {@link startSimulator}. */
export interface StartSimulatorOptions {
	/** Called by `reset()` after the common state is cleared. */
	onReset?: () => void;
	/** Loopback port to listen on (default: a random free one); a port in use rejects the start. */
	port?: number;
}

interface ProgrammedFault {
	remaining: number;
	reply: SimulatorReply | 'hang';
	match?: RequestMatcher;
}

/** Starts a loopback server that records requests and answers them with `handler`. */
export async function startSimulator(handler: SimulatorHandler, options: StartSimulatorOptions = {}): Promise<Simulator> {
	const faults: ProgrammedFault[] = [];
	const sockets = new Set<Socket>();
	let baseUrl = '';

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request = recordRequest(req, Buffer.concat(chunks));
			simulator.requests.push(request);
			void answer(request, res);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	async function answer(request: RecordedRequest, res: http.ServerResponse): Promise<void> {
		const fault = takeFault(faults, request);
		if (fault === 'hang') return;
		let reply: SimulatorReply;
		try {
			reply = fault ?? (await handler(request, baseUrl));
		} catch (error) {
			reply = { status: 500, body: { simulatorError: error instanceof Error ? error.message : String(error) } };
		}
		if (simulator.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, simulator.delayMs));
		if (!res.destroyed) sendReply(res, reply);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const simulator: Simulator = {
		url: baseUrl,
		requests: [],
		delayMs: 0,
		failNext(count, reply, match) {
			faults.push({ remaining: count, reply, match });
		},
		hangNext(count, match) {
			faults.push({ remaining: count, reply: 'hang', match });
		},
		reset() {
			simulator.requests.length = 0;
			faults.length = 0;
			simulator.delayMs = 0;
			options.onReset?.();
		},
		close() {
			return new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				for (const socket of sockets) socket.destroy();
			});
		},
	};
	return simulator;
}

function takeFault(faults: ProgrammedFault[], request: RecordedRequest): SimulatorReply | 'hang' | undefined {
	const index = faults.findIndex((fault) => !fault.match || fault.match(request));
	if (index === -1) return undefined;
	const fault = faults[index];
	fault.remaining -= 1;
	if (fault.remaining <= 0) faults.splice(index, 1);
	return fault.reply;
}

function recordRequest(req: http.IncomingMessage, rawBody: Buffer): RecordedRequest {
	const url = new URL(req.url ?? '/', 'http://simulator');
	return {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: req.headers,
		rawBody,
		...parseBody(rawBody, req.headers['content-type']),
	};
}

function sendReply(res: http.ServerResponse, reply: SimulatorReply): void {
	const headers = { ...reply.headers };
	let body: string | Buffer = '';
	if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
		body = reply.body;
	} else if (reply.body !== undefined) {
		body = JSON.stringify(reply.body);
		headers['content-type'] ??= 'application/json; charset=utf-8';
	}
	res.writeHead(reply.status, headers);
	res.end(body);
}

/** A JSON answer. */
export function jsonReply(status: number, body: unknown): SimulatorReply {
	return { status, body };
}

/** A plain-text (or HTML, with `contentType`) answer. */
export function textReply(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SimulatorReply {
	return { status, body, headers: { 'content-type': contentType } };
}

/** The value of a header that may have been sent several times (the first one). */
export function headerValue(request: RecordedRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** The request's parameters merged: query, then form fields, then a JSON object body. */
export function requestParams(request: RecordedRequest): Record<string, unknown> {
	const json = isPlainObject(request.json) ? request.json : {};
	return { ...request.query, ...request.form, ...json };
}

/** `true` for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
