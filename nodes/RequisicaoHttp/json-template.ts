import { renderTemplate, type TemplateVariables } from '../shared/text/template';
import { readPath } from './path';

/** `{{ name }}`, as in nodes/shared/text/template.ts. */
const PLACEHOLDER = /^\{\{\s*([^{}]+?)\s*\}\}/;
const CONVERSATION_PREFIX = 'var.';

/**
 * Inside a JSON string literal: the placeholder's text (as `renderTemplate` gives it), escaped so
 * that quotes, backslashes and new lines in a value cannot break the JSON.
 */
function insideString(placeholder: string, vars: TemplateVariables): string {
	return JSON.stringify(renderTemplate(placeholder, vars)).slice(1, -1);
}

/**
 * Outside string literals: the value as a JSON literal. A conversation variable keeps its type
 * (`{"valor": {{var.valor}}}` sends a number, an object as an object); the other placeholders are
 * strings; a variable that does not exist becomes `null`. An unknown placeholder stays as typed, so
 * the JSON is invalid and the card says which text to fix.
 */
function outsideString(placeholder: string, name: string, vars: TemplateVariables): string {
	const rendered = renderTemplate(placeholder, vars);
	const isVariable = name.startsWith(CONVERSATION_PREFIX);
	if (rendered === placeholder) return isVariable ? 'null' : placeholder;
	if (!isVariable) return JSON.stringify(rendered);
	try {
		const lookup = readPath(vars.conversation ?? {}, name.slice(CONVERSATION_PREFIX.length));
		return lookup.found && lookup.value !== undefined ? JSON.stringify(lookup.value) : 'null';
	} catch {
		return JSON.stringify(rendered);
	}
}

/**
 * Replaces the message placeholders of a JSON text JSON-safely: inside string literals values are
 * escaped, outside them they are inserted as JSON literals. The result still has to be parsed.
 */
export function renderJsonTemplate(text: string, vars: TemplateVariables): string {
	let output = '';
	let inString = false;
	let position = 0;
	while (position < text.length) {
		const placeholder = text.startsWith('{{', position) ? PLACEHOLDER.exec(text.slice(position)) : null;
		if (placeholder) {
			output += inString ? insideString(placeholder[0], vars) : outsideString(placeholder[0], placeholder[1], vars);
			position += placeholder[0].length;
			continue;
		}
		const character = text[position];
		if (inString && character === '\\') {
			output += text.slice(position, position + 2);
			position += 2;
			continue;
		}
		if (character === '"') inString = !inString;
		output += character;
		position++;
	}
	return output;
}
