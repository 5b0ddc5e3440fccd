import { listTemplateVariables } from '../text/template';

/** Description shown under message fields: the variables an author can type. */
export const variablesHint =
	'Variáveis (digite no texto, sem modo expressão): ' +
	listTemplateVariables()
		.map((variable) => `${variable.placeholder} = ${variable.label}`)
		.join('; ') +
	'.';
