/**
 * A Condicional parameter the card cannot work with (a malformed time, holiday, time zone, regular
 * expression or number). The node turns it into a NodeOperationError with the item index; the
 * description says how to fix the parameter.
 */
export class ConditionConfigError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'ConditionConfigError';
	}
}
