/** One intent an "Identificar Intenção" card can recognise; each becomes an output of the card. */
export interface Intent {
	/** Name shown as the card's output and sent to the model (≤ 24 characters, unique). */
	name: string;
	/** What the intent covers, in the author's words, for the model. */
	description?: string;
	/** Words and phrases that point to this intent (offline matching, and hints for the model). */
	keywords: string[];
}

/** Where a classification came from. */
export type IntentSource = 'modelo' | 'palavras_chave';

/** The outcome of classifying one customer message. */
export interface IntentClassification {
	/** The recognised intent's name; undefined when nothing (or more than one intent equally) fits. */
	intent?: string;
	source: IntentSource;
	/** 0–1 when known: the model's own figure, or the offline match's similarity. */
	confidence?: number;
	/** Other intents the message also mentions (model), or that scored lower (offline). */
	secondary: string[];
	/** Intents tied at the top in offline matching (then `intent` is undefined). */
	tied?: string[];
	/** Why the model was configured but not used (HTTP error, timeout…): offline matching answered instead. */
	fallbackReason?: string;
	/** Why the model's answer was not usable (invalid JSON, unknown intent, refusal…). */
	modelProblem?: string;
}
