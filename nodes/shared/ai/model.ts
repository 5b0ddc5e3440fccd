import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INode, type IWebhookFunctions } from 'n8n-workflow';

/**
 * n8n's AI sub-nodes seen from a card (docs/arquitetura.md §15): a chat model ("OpenAI Chat Model",
 * "Anthropic Chat Model", "Ollama Chat Model"…) connected to the card's `ai_languageModel` input and
 * tools connected to its `ai_tool` input. n8n hands over LangChain objects at run time; the pack does
 * not ship LangChain: these are the few members it uses, typed here, checked by duck typing (never
 * `instanceof`, which breaks across two copies of a library). Messages are plain `{ role, content }`
 * objects, which LangChain turns into its own message classes.
 */

/** A message passed to a chat model. */
export type ChatMessage =
	| { role: 'system' | 'user' | 'assistant'; content: string }
	| { role: 'tool'; content: string; tool_call_id: string; name?: string }
	/** A message the model returned (an AIMessage with its tool calls), passed back as it came. */
	| ModelReply;

/** What `invoke` returns: an AIMessage (`content` a string or content blocks; `tool_calls`). */
export interface ModelReply {
	content?: unknown;
	tool_calls?: Array<{ id?: string; name: string; args?: unknown }>;
}

/** The members of a LangChain chat model the pack uses. */
export interface ChatModel {
	invoke(messages: ChatMessage[], options?: { signal?: AbortSignal }): Promise<ModelReply>;
	bindTools?(tools: AiTool[]): ChatModel;
	lc_namespace?: string[];
}

/** The members of a LangChain tool (a tool sub-node) the pack uses. */
export interface AiTool {
	name: string;
	description?: string;
	invoke(args: unknown): Promise<unknown>;
}

/** The input type of n8n's chat-model sub-nodes. */
export const AI_LANGUAGE_MODEL = NodeConnectionTypes.AiLanguageModel;
/** The input type of n8n's tool sub-nodes. */
export const AI_TOOL = NodeConnectionTypes.AiTool;

type AiContext = IExecuteFunctions | IWebhookFunctions;

function isChatModel(value: unknown): value is ChatModel {
	return typeof value === 'object' && value !== null && typeof (value as ChatModel).invoke === 'function';
}

function notAChatModel(node: INode): NodeOperationError {
	return new NodeOperationError(node, 'O sub-nó ligado em "Modelo" não é um modelo de chat', {
		description: 'Ligue em "Modelo" um Chat Model do n8n (OpenAI Chat Model, Anthropic Chat Model, Google Gemini Chat Model, Ollama Chat Model…).',
	});
}

/**
 * The chat model connected to the card, or undefined when the (optional) input has none. n8n runs the
 * sub-node's `supplyData` here (its credential and parameters, per item) and throws
 * "Error in sub-node …" when the sub-node fails.
 */
export async function connectedChatModel(context: AiContext, itemIndex = 0): Promise<ChatModel | undefined> {
	const supplied = await context.getInputConnectionData(AI_LANGUAGE_MODEL, itemIndex);
	const model = Array.isArray(supplied) ? (supplied[0] as unknown) : supplied;
	if (model === undefined || model === null) return undefined;
	if (!isChatModel(model)) throw notAChatModel(context.getNode());
	return model;
}

/** The tools connected to the card (a toolkit counts as its tools); none when nothing is connected. */
export async function connectedTools(context: AiContext, itemIndex = 0): Promise<AiTool[]> {
	const supplied = await context.getInputConnectionData(AI_TOOL, itemIndex);
	const list = Array.isArray(supplied) ? supplied : supplied ? [supplied] : [];
	return list.flatMap((entry: unknown): AiTool[] => {
		const candidate = entry as Partial<AiTool> & { tools?: unknown[] };
		if (typeof candidate?.invoke === 'function' && typeof candidate.name === 'string') return [candidate as AiTool];
		if (Array.isArray(candidate?.tools)) return candidate.tools.filter((tool): tool is AiTool => typeof (tool as AiTool)?.invoke === 'function');
		return [];
	});
}

/** The text of a model reply: a string, or the text blocks of a content array (`[{ type: 'text', text }]`). */
export function replyText(reply: ModelReply | undefined): string {
	const content = reply?.content;
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part: unknown) => {
			if (typeof part === 'string') return part;
			const block = part as { type?: unknown; text?: unknown };
			return (block?.type === 'text' || block?.type === 'output_text') && typeof block.text === 'string' ? block.text : '';
		})
		.join('');
}

/** The model did not answer in time. */
export class ModelTimeoutError extends Error {
	constructor(readonly timeoutMs: number) {
		super(`o modelo não respondeu em ${Math.round(timeoutMs / 1000)} s`);
		this.name = 'ModelTimeoutError';
	}
}

/** Calls `invoke` with an abort signal; rejects with {@link ModelTimeoutError} after `timeoutMs`. */
export async function invokeWithTimeout(model: ChatModel, messages: ChatMessage[], timeoutMs: number): Promise<ModelReply> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			controller.abort();
			reject(new ModelTimeoutError(timeoutMs));
		}, timeoutMs);
	});
	try {
		return await Promise.race([model.invoke(messages, { signal: controller.signal }), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** One tool the model called during a turn, for the card's output and the conversation's events. */
export interface ToolUse {
	name: string;
	/** False when the tool does not exist or failed (the model was told so). */
	ok: boolean;
}

/** What {@link chatWithTools} got: the final text and the tools it ran. */
export interface ChatResult {
	text: string;
	tools: ToolUse[];
}

/** Most rounds of tool calls in one turn: a model that keeps calling tools is stopped there. */
export const MAX_TOOL_ROUNDS = 4;

function toolOutputText(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return String(value);
	}
}

/**
 * One turn of the conversation with the model, as n8n's Tools Agent does it: with tools, the model is
 * bound to them (`bindTools`); every tool call it makes is run (`tool.invoke(args)`) and its output
 * given back (`{ role: 'tool', tool_call_id }`), until it answers in text or {@link MAX_TOOL_ROUNDS}
 * rounds pass. A tool that fails is reported to the model as an error text (it can still answer);
 * the model's own failures and the timeout (per call) are thrown.
 */
export async function chatWithTools(model: ChatModel, messages: ChatMessage[], tools: AiTool[], timeoutMs: number): Promise<ChatResult> {
	const bound = tools.length > 0 && typeof model.bindTools === 'function' ? model.bindTools(tools) : model;
	const conversation = [...messages];
	const used: ToolUse[] = [];
	for (let round = 0; ; round++) {
		const reply = await invokeWithTimeout(bound, conversation, timeoutMs);
		const calls = reply?.tool_calls ?? [];
		if (calls.length === 0 || round >= MAX_TOOL_ROUNDS) return { text: replyText(reply), tools: used };
		conversation.push(reply);
		for (const call of calls) {
			const tool = tools.find((candidate) => candidate.name === call.name);
			let output: string;
			if (!tool) {
				output = `Erro: a ferramenta "${call.name}" não existe.`;
			} else {
				try {
					output = toolOutputText(await tool.invoke(call.args ?? {}));
				} catch (error) {
					output = `Erro ao usar a ferramenta: ${(error as Error)?.message ?? String(error)}`;
					used.push({ name: call.name, ok: false });
					conversation.push({ role: 'tool', content: output, tool_call_id: call.id ?? call.name, name: call.name });
					continue;
				}
			}
			used.push({ name: call.name, ok: tool !== undefined });
			conversation.push({ role: 'tool', content: output, tool_call_id: call.id ?? call.name, name: call.name });
		}
	}
}
