/** Limits of Meta's Send API for Messenger and Instagram (docs/apis-externas.md §H.3). */
export const META_LIMITS = {
	/** Quick replies per message. */
	maxQuickReplies: 13,
	/** Characters of a quick-reply title (Instagram cuts longer ones, Messenger refuses them). */
	quickReplyTitle: 20,
	/** Characters of a quick-reply or postback payload. */
	payload: 1000,
	/** Characters of a text message: Messenger accepts about 2000, Instagram 1000. */
	textMessenger: 2000,
	textInstagram: 1000,
} as const;

/** A conversation's windows: 24 h for any reply, 7 days for a human agent's reply with the HUMAN_AGENT tag. */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
