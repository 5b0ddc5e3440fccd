/**
 * OpenAI-compatible simulator (chat completions and the Responses API), docs/apis-externas.md §E:
 * - `POST /v1/chat/completions`: checks the bearer key, the model, `messages` and `response_format`
 *   (`text`, `json_object` with "json" in the messages, `json_schema` with a valid `name` and, when
 *   `strict`, every property required and `additionalProperties: false`); answers a `chat.completion`
 *   whose `choices[0].message.content` is the JSON string the schema asks for;
 * - `POST /v1/responses` (what n8n's "OpenAI Chat Model" v1.3 calls by default, "Use Responses API"):
 *   reads `input` (a string, or items: messages with string or `input_text`/`output_text` parts,
 *   `function_call` and `function_call_output`) and `instructions`; answers a `response` object whose
 *   `output` holds an assistant `message` with one `output_text` part, or `function_call` items;
 * - tool calls on both endpoints (an answer `{ toolCalls }`: `message.tool_calls` with
 *   `finish_reason: "tool_calls"`, or `function_call` output items);
 * - `GET /v1/models`: the model list (the credential's test request, and the node's model list);
 * - OpenAI's error envelope `{ error: { message, type, param, code } }` for 400/401/404/429/500,
 *   injectable with `errorNext` on both model endpoints (429 with `retry-after`); `hangNext` (base)
 *   for a model that never answers;
 * - every accepted call recorded in `completions` (`endpoint` says which), with the texts as sent, so a
 *   test can check what left n8n.
 * What the "model" answers comes from a programmable responder; by default, keyword rules that pick
 * the intent of the schema's enum whose name fits (boleto → financeiro, internet caiu → suporte…).
 */
import { headerValue, isPlainObject, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';

/** Key and models the simulator accepts by default. */
export const OPENAI_TEST_ACCOUNT = {
	apiKey: 'sk-simulador-atendimento-0001',
	models: ['gpt-4o-mini', 'gpt-4o'],
} as const;

/** The model's answer to one call. */
export type SimulatedAnswer =
	/** Structured answer: serialised as the JSON content (the schema's fields). */
	| { intent: string; secondary_intents?: string[]; confidence?: number }
	/** Raw content, e.g. invalid JSON, with an optional finish reason. */
	| { content: string; finishReason?: string }
	/** A Structured Outputs refusal (`content: null`, `refusal` set). */
	| { refusal: string }
	/** The model calls tools (`arguments`: the JSON object of the call). */
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> };

/** One model call (chat completions or Responses API) as the simulator understood it. */
export interface ChatCompletionCall {
	endpoint: 'chat.completions' | 'responses';
	model: string;
	/** System, user, assistant and tool texts in order (Responses API `instructions` first, as system). */
	messages: Array<{ role: string; content: string }>;
	/** Names of the function tools offered to the model. */
	tools: string[];
	/** Content of the last user message: the text to classify. */
	text: string;
	responseFormat: Record<string, unknown> | undefined;
	/** The `intent` enum of a json_schema response format (empty when there is none). */
	intents: string[];
	temperature: unknown;
}

/** Decides what the model answers. */
export type Responder = (call: ChatCompletionCall) => SimulatedAnswer;

/** A running OpenAI-compatible simulator. */
export interface OpenAiSimulator extends Simulator {
	/** Accepted model calls, oldest first (after validation; failures are in `requests`). */
	completions: ChatCompletionCall[];
	/** What the model answers; `reset()` restores {@link keywordResponder}. */
	responder: Responder;
	/** The next `count` model calls (chat completions or responses; any request with `anyPath`) fail with `status`. */
	errorNext(count: number, status: 400 | 401 | 404 | 429 | 500 | 503, options?: { retryAfterSeconds?: number; anyPath?: boolean }): void;
}

/** Options of {@link startOpenAiSimulator}. */
export interface OpenAiSimulatorOptions {
	apiKey?: string;
	models?: readonly string[];
}

/** OpenAI's error envelope. */
export function openAiError(status: number, message: string, type: string, code: string | null, param: string | null = null): SimulatorReply {
	return jsonReply(status, { error: { message, type, param, code } });
}

const STANDARD_ERRORS: Record<number, () => SimulatorReply> = {
	400: () => openAiError(400, 'Invalid request.', 'invalid_request_error', null),
	401: () => openAiError(401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key'),
	404: () => openAiError(404, 'The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'),
	429: () => openAiError(429, 'Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded'),
	500: () => openAiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null),
	503: () => openAiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null),
};

function normalize(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The default rules: a pattern of the customer's text, and the pattern of the intent name it points to. */
export const DEFAULT_RULES: ReadonlyArray<{ text: RegExp; intent: RegExp }> = [
	{ text: /\b(boleto|fatura|segunda via|2 ?a via|pagar|pagamento|pix|financeir)/, intent: /financ|segunda|boleto|cobranca/ },
	{ text: /\b(sem internet|internet caiu|caiu|lenta|sem sinal|wi ?fi|conexao|roteador|suporte)/, intent: /suporte|tecnic/ },
	{ text: /\b(contratar|plano|planos|assinar|comercial|mudar de plano)/, intent: /comercial|venda|plano/ },
	{ text: /\b(cancelar|cancelamento)/, intent: /cancel/ },
	{ text: /\b(atendente|humano|pessoa)/, intent: /humano|atendente/ },
];

/**
 * The default responder: every rule whose text pattern matches picks the first enum intent its name
 * pattern fits; the first such intent is the answer, the others go to `secondary_intents`. No fit:
 * "nenhuma" (or "outro") when the enum has it.
 */
export function keywordResponder(call: ChatCompletionCall): SimulatedAnswer {
	const text = normalize(call.text);
	const found: string[] = [];
	for (const rule of DEFAULT_RULES) {
		if (!rule.text.test(text)) continue;
		const intent = call.intents.find((name) => rule.intent.test(normalize(name)));
		if (intent && !found.includes(intent)) found.push(intent);
	}
	if (found.length > 0) return { intent: found[0], secondary_intents: found.slice(1), confidence: 0.9 };
	const none = call.intents.find((name) => ['nenhuma', 'nenhum', 'outro', 'outros'].includes(normalize(name)));
	return { intent: none ?? 'nenhuma', secondary_intents: [], confidence: 0.3 };
}

/** Checks a `response_format` as the API does; returns the 400 answer, or null when it is valid. */
export function checkResponseFormat(format: unknown, messages: ChatCompletionCall['messages']): SimulatorReply | null {
	if (format === undefined) return null;
	const invalid = (message: string) => openAiError(400, message, 'invalid_request_error', null, 'response_format');
	if (!isPlainObject(format)) return invalid("Invalid type for 'response_format': expected an object.");
	if (!['text', 'json_object', 'json_schema'].includes(String(format.type))) {
		return invalid(`Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`);
	}
	if (format.type === 'json_object' && !messages.some((message) => /json/i.test(message.content))) {
		return invalid("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.");
	}
	if (format.type !== 'json_schema') return null;
	const jsonSchema = format.json_schema;
	if (!isPlainObject(jsonSchema)) return invalid("Missing required parameter: 'response_format.json_schema'.");
	if (typeof jsonSchema.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(jsonSchema.name)) {
		return invalid("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.");
	}
	const schema = jsonSchema.schema;
	if (!isPlainObject(schema)) return invalid("Missing required parameter: 'response_format.json_schema.schema'.");
	if (jsonSchema.strict === true) {
		if (schema.additionalProperties !== false) {
			return invalid("Invalid schema for response_format: 'additionalProperties' is required to be supplied and to be false.");
		}
		const properties = isPlainObject(schema.properties) ? Object.keys(schema.properties) : [];
		const required = Array.isArray(schema.required) ? schema.required : [];
		const missing = properties.find((property) => !required.includes(property));
		if (missing) {
			return invalid(`Invalid schema for response_format: 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`);
		}
	}
	return null;
}

function intentEnumOf(format: Record<string, unknown> | undefined): string[] {
	const jsonSchema = format?.json_schema;
	const schema = isPlainObject(jsonSchema) ? jsonSchema.schema : undefined;
	const properties = isPlainObject(schema) ? schema.properties : undefined;
	const intent = isPlainObject(properties) ? properties.intent : undefined;
	return isPlainObject(intent) && Array.isArray(intent.enum) ? intent.enum.filter((value): value is string => typeof value === 'string') : [];
}

function contentOf(value: unknown): string {
	if (typeof value === 'string') return value;
	// Content parts: [{ type: 'text', text }]
	if (Array.isArray(value)) return value.map((part) => (isPlainObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
	return '';
}

/** Reads and validates a chat-completions body; the call, or the 400 answer. */
function readCall(request: RecordedRequest, models: readonly string[]): ChatCompletionCall | SimulatorReply {
	const body = request.json;
	if (!isPlainObject(body)) {
		return openAiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
	}
	if (typeof body.model !== 'string' || !body.model) {
		return openAiError(400, "you must provide a model parameter", 'invalid_request_error', null);
	}
	if (!models.includes(body.model)) {
		return openAiError(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
	}
	if (!Array.isArray(body.messages) || body.messages.length === 0) {
		return openAiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1.", 'invalid_request_error', 'empty_array', 'messages');
	}
	const messages = body.messages.map((message) => ({
		role: isPlainObject(message) ? String(message.role) : '',
		content: isPlainObject(message) ? contentOf(message.content) : '',
	}));
	const formatProblem = checkResponseFormat(body.response_format, messages);
	if (formatProblem) return formatProblem;
	const responseFormat = isPlainObject(body.response_format) ? body.response_format : undefined;
	const lastUser = [...messages].reverse().find((message) => message.role === 'user');
	const tools = Array.isArray(body.tools)
		? body.tools.map((tool) => (isPlainObject(tool) && isPlainObject(tool.function) ? String(tool.function.name) : '')).filter(Boolean)
		: [];
	return {
		endpoint: 'chat.completions',
		model: body.model,
		messages,
		tools,
		text: lastUser?.content ?? '',
		responseFormat,
		intents: intentEnumOf(responseFormat),
		temperature: body.temperature,
	};
}

/** One Responses API input item as a role and a text. */
function responsesInputMessage(item: unknown): { role: string; content: string } | undefined {
	if (typeof item === 'string') return { role: 'user', content: item };
	if (!isPlainObject(item)) return undefined;
	if (item.type === 'function_call') return { role: 'assistant', content: `[function_call ${String(item.name)} ${String(item.arguments ?? '')}]` };
	if (item.type === 'function_call_output') return { role: 'tool', content: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) };
	if (item.type !== undefined && item.type !== 'message') return undefined;
	return { role: String(item.role), content: contentOf(item.content) };
}

/** Reads and validates a Responses API body; the call, or the 400 answer. */
function readResponsesCall(request: RecordedRequest, models: readonly string[]): ChatCompletionCall | SimulatorReply {
	const body = request.json;
	if (!isPlainObject(body)) return openAiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
	if (typeof body.model !== 'string' || !body.model) return openAiError(400, "Missing required parameter: 'model'.", 'invalid_request_error', 'missing_required_parameter', 'model');
	if (!models.includes(body.model)) {
		return openAiError(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
	}
	if (body.stream === true) return openAiError(400, 'O simulador não implementa respostas em stream.', 'invalid_request_error', null, 'stream');
	const items = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : [];
	const messages = [
		...(typeof body.instructions === 'string' && body.instructions ? [{ role: 'system', content: body.instructions }] : []),
		...items.map(responsesInputMessage).filter((message): message is { role: string; content: string } => message !== undefined),
	];
	if (messages.length === 0) return openAiError(400, "Missing required parameter: 'input'.", 'invalid_request_error', 'missing_required_parameter', 'input');
	const tools = Array.isArray(body.tools) ? body.tools.map((tool) => (isPlainObject(tool) && tool.type === 'function' ? String(tool.name) : '')).filter(Boolean) : [];
	const lastUser = [...messages].reverse().find((message) => message.role === 'user');
	return { endpoint: 'responses', model: body.model, messages, tools, text: lastUser?.content ?? '', responseFormat: undefined, intents: [], temperature: body.temperature };
}

function estimateTokens(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

let completionCounter = 0;

/** The `chat.completion` object (docs/apis-externas.md §E) for `answer`. */
export function completionBody(call: ChatCompletionCall, answer: SimulatedAnswer): Record<string, unknown> {
	let content: string | null;
	let refusal: string | null = null;
	let finishReason = 'stop';
	let toolCalls: Array<Record<string, unknown>> | undefined;
	if ('toolCalls' in answer) {
		content = null;
		finishReason = 'tool_calls';
		toolCalls = answer.toolCalls.map((call, index) => ({
			id: `call_sim${String(completionCounter + 1).padStart(6, '0')}_${index}`,
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		}));
	} else if ('refusal' in answer) {
		content = null;
		refusal = answer.refusal;
	} else if ('content' in answer) {
		content = answer.content;
		finishReason = answer.finishReason ?? 'stop';
	} else if (call.responseFormat?.type === 'json_schema' || call.responseFormat?.type === 'json_object') {
		content = JSON.stringify({ intent: answer.intent, secondary_intents: answer.secondary_intents ?? [], confidence: answer.confidence ?? 0.9 });
	} else {
		content = answer.intent;
	}
	const promptTokens = estimateTokens(call.messages.map((message) => message.content).join('\n'));
	const completionTokens = estimateTokens(content ?? refusal ?? '');
	completionCounter += 1;
	return {
		id: `chatcmpl-sim${String(completionCounter).padStart(6, '0')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: call.model,
		system_fingerprint: 'fp_simulador',
		choices: [{ index: 0, message: { role: 'assistant', content, refusal, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
	};
}

/** The text an answer gives on the Responses API (no response format there: a structured answer is its JSON). */
function answerText(answer: SimulatedAnswer): string {
	if ('content' in answer) return answer.content;
	if ('intent' in answer) return JSON.stringify({ intent: answer.intent, secondary_intents: answer.secondary_intents ?? [], confidence: answer.confidence ?? 0.9 });
	return '';
}

let responseCounter = 0;

/** The Responses API `response` object for `answer`. */
export function responsesBody(call: ChatCompletionCall, answer: SimulatedAnswer): Record<string, unknown> {
	responseCounter += 1;
	const id = String(responseCounter).padStart(6, '0');
	let output: Array<Record<string, unknown>>;
	if ('toolCalls' in answer) {
		output = answer.toolCalls.map((call, index) => ({
			type: 'function_call',
			id: `fc_sim${id}_${index}`,
			call_id: `call_sim${id}_${index}`,
			name: call.name,
			arguments: JSON.stringify(call.arguments),
			status: 'completed',
		}));
	} else {
		const part = 'refusal' in answer ? { type: 'refusal', refusal: answer.refusal } : { type: 'output_text', text: answerText(answer), annotations: [] };
		output = [{ type: 'message', id: `msg_sim${id}`, status: 'completed', role: 'assistant', content: [part] }];
	}
	const inputTokens = estimateTokens(call.messages.map((message) => message.content).join('\n'));
	const outputTokens = estimateTokens(JSON.stringify(output));
	return {
		id: `resp_sim${id}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		error: null,
		incomplete_details: null,
		model: call.model,
		output,
		usage: {
			input_tokens: inputTokens,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: outputTokens,
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: inputTokens + outputTokens,
		},
		metadata: {},
	};
}

const MODEL_PATHS = new Set(['/v1/chat/completions', '/v1/responses']);

/** Starts the simulator; point a credential's base URL at `<url>/v1`. */
export async function startOpenAiSimulator(options: OpenAiSimulatorOptions = {}): Promise<OpenAiSimulator> {
	const apiKey = options.apiKey ?? OPENAI_TEST_ACCOUNT.apiKey;
	const models = options.models ?? OPENAI_TEST_ACCOUNT.models;

	const handler = (request: RecordedRequest): SimulatorReply => {
		const authorization = headerValue(request, 'authorization') ?? '';
		if (authorization !== `Bearer ${apiKey}`) return STANDARD_ERRORS[401]();
		if (request.method === 'GET' && request.path === '/v1/models') {
			return jsonReply(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1721172741, owned_by: 'system' })) });
		}
		if (!MODEL_PATHS.has(request.path)) {
			return openAiError(404, `Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null);
		}
		if (request.method !== 'POST') return openAiError(405, `Invalid method for URL (${request.method} ${request.path})`, 'invalid_request_error', null);
		const responses = request.path === '/v1/responses';
		const call = responses ? readResponsesCall(request, models) : readCall(request, models);
		if ('status' in call) return call;
		simulator.completions.push(call);
		const answer = simulator.responder(call);
		return jsonReply(200, responses ? responsesBody(call, answer) : completionBody(call, answer));
	};

	const base = await startSimulator(handler, {
		onReset: () => {
			simulator.completions.length = 0;
			simulator.responder = keywordResponder;
		},
	});
	const simulator: OpenAiSimulator = Object.assign(base, {
		completions: [] as ChatCompletionCall[],
		responder: keywordResponder as Responder,
		errorNext(count: number, status: 400 | 401 | 404 | 429 | 500 | 503, errorOptions: { retryAfterSeconds?: number; anyPath?: boolean } = {}) {
			const reply = STANDARD_ERRORS[status]();
			if (status === 429) reply.headers = { ...reply.headers, 'retry-after': String(errorOptions.retryAfterSeconds ?? 1) };
			base.failNext(count, reply, errorOptions.anyPath ? undefined : (request) => MODEL_PATHS.has(request.path));
		},
	});
	return simulator;
}
