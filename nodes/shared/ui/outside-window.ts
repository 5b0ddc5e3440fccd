import type { INodeProperties } from 'n8n-workflow';

/** Name of the output a card takes when WhatsApp's 24-hour window is closed (runtime/whatsapp-window.ts). */
export const OUTSIDE_WINDOW_OUTPUT = 'Fora da janela de 24h';

/** The card parameter that adds the "Fora da janela de 24h" output (Enviar Mensagem, Enviar Pergunta). */
export const outsideWindowOutputProperty: INodeProperties = {
	displayName: 'Saída "Fora da janela de 24h"',
	name: 'outsideWindowOutput',
	type: 'boolean',
	default: false,
	description:
		'WhatsApp: quando já passaram 24 horas desde a última mensagem do cliente e o gatilho não tem "Modelo fora da janela de 24h", o card sai por esta saída (sem enviar nada) em vez de parar com erro',
};
