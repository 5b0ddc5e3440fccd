/**
 * The Painel do Atendente page: one self-contained HTML document (inline CSS and the client script
 * compiled from client/*.ts; no external resource) served by the Painel de Atendimento webhook at its
 * path, e.g. `/webhook/painel`. The document holds no agent or customer data: the client asks
 * `GET ?r=sessao` and shows the login screen or the desk (the HTTP contract is in
 * docs/arquitetura.md, "Painel do Atendente").
 *
 * Security model (as the web chat page):
 * - the title is HTML-escaped; the base path is JSON-encoded in a non-executable
 *   `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and U+2029 escaped;
 * - the executable `<script>` and the `<style>` are constant, allowed by SHA-256 hash in the
 *   Content-Security-Policy (same headers for every response, no nonce);
 * - the client builds the DOM with createElement/textContent only and loads files only from the
 *   page's own origin (or blob: previews of an upload);
 * - unlike the web chat, the desk must not be framed: `frame-ancestors 'none'` in the header (a
 *   `<meta>` CSP cannot carry it, so the meta copy leaves it out) and `X-Frame-Options: DENY`.
 */

import { jsonForScript } from '../shared/channels/webchat/page';
import { cspHashSource, escapeHtml } from '../shared/text/html';
import { painelClientScript } from './painel-client-script';

/** Options of {@link painelPage}. */
export interface PainelPageOptions {
	/** Page title, e.g. `Painel`. Plain text (escaped); empty → `Painel`. */
	titulo: string;
	/** Path of the webhook that serves the page and its API, e.g. `/webhook/painel`. */
	basePath: string;
}

const BASE_PATH_PATTERN = /^\/[A-Za-z0-9._~\-/]*$/;

const STYLE = `
:root{--primary:#1d4ed8;--primary-dark:#1e3a8a;--on-primary:#fff;--bg:#eef1f5;--panel:#fff;--text:#111827;--muted:#4b5563;--border:#d1d5db;--danger:#b42318;--ok:#067647;--warn-bg:#fffaeb;--warn:#93370d;--sel:#e0e7ff;--bot:#f3f4f6;--agent:#dbeafe}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body{margin:0;padding:0;height:100%}
body{background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--primary);outline-offset:2px}
.btn{border:1px solid var(--border);background:#fff;color:var(--text);border-radius:6px;padding:6px 12px;min-height:34px;white-space:nowrap}
.btn:hover:not(:disabled){background:#f3f4f6}
.btn:disabled{opacity:.55;cursor:default}
.btn.primario{background:var(--primary);border-color:var(--primary);color:var(--on-primary);font-weight:600}
.btn.primario:hover:not(:disabled){background:var(--primary-dark)}
.btn.primario:focus-visible{outline-color:var(--text)}
.btn.perigo{color:var(--danger);border-color:var(--danger)}
.btn.pequeno{padding:3px 8px;min-height:28px;font-size:13px}
input[type=text],input[type=password],input[type=search],input[type=number],select,textarea{border:1px solid #9ca3af;border-radius:6px;padding:7px 9px;background:#fff;min-height:36px;max-width:100%}
label{font-weight:600}
.campo{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}
.campo label{font-size:13px}
.erro{color:var(--danger);font-size:13px;margin:4px 0}
.erro:empty{display:none}
.sucesso{color:var(--ok);font-size:13px}
.sucesso:empty{display:none}
.muted{color:var(--muted)}
.login{min-height:100vh;min-height:100dvh;display:flex;align-items:center;justify-content:center;padding:16px}
.cartao{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:22px;width:100%;max-width:360px;box-shadow:0 6px 24px rgba(0,0,0,.07)}
.cartao h1{font-size:20px;margin:0 0 4px}
.cartao p{margin:0 0 16px}
.cartao .btn{width:100%}
.app{display:flex;flex-direction:column;height:100vh;height:100dvh}
.topo{display:flex;align-items:center;gap:8px;flex-wrap:wrap;padding:6px 12px;background:var(--primary-dark);color:#fff;flex:0 0 auto}
.topo h1{font-size:16px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40vw}
.topo .quem{font-size:13px;opacity:.9;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.topo .espaco{flex:1 1 auto}
.topo .btn{background:transparent;color:#fff;border-color:rgba(255,255,255,.55);min-height:30px;padding:3px 10px;font-size:13px}
.topo .btn:hover:not(:disabled){background:rgba(255,255,255,.12)}
.topo .btn[aria-pressed=true],.topo .btn[aria-pressed=true]:hover:not(:disabled){background:#fff;color:var(--primary-dark)}
.topo :focus-visible{outline-color:#fff}
.chave{display:inline-flex;align-items:center;gap:6px;font-size:13px;font-weight:600;cursor:pointer}
.chave input{width:16px;height:16px;margin:0}
.faixa{flex:0 0 auto;padding:6px 12px;font-size:13px;background:var(--warn-bg);color:var(--warn);border-bottom:1px solid #fedf89}
.faixa.erro-faixa{background:#fef3f2;color:var(--danger);border-color:#fecdca}
.colunas{flex:1 1 auto;min-height:0;display:grid;grid-template-columns:minmax(260px,340px) minmax(0,1fr) minmax(260px,320px)}
.col{min-height:0;min-width:0;display:flex;flex-direction:column;background:var(--panel);border-right:1px solid var(--border)}
.col:last-child{border-right:0}
.col-conversa{background:var(--bg)}
.abas{display:flex;border-bottom:1px solid var(--border);flex:0 0 auto}
.aba{flex:1 1 0;border:0;border-bottom:3px solid transparent;background:none;padding:8px 2px 6px;font-size:13px;color:var(--muted);display:flex;flex-direction:column;align-items:center;gap:2px;min-width:0}
.aba[aria-selected=true]{color:var(--primary);border-bottom-color:var(--primary);font-weight:700}
.aba .contagem{display:flex;gap:4px;align-items:center;min-height:20px}
.aba .num{font-size:12px}
.badge{display:inline-block;min-width:20px;padding:0 6px;border-radius:999px;background:var(--danger);color:#fff;font-size:12px;font-weight:700;text-align:center;line-height:20px}
.badge:empty{display:none}
.filtros{display:flex;gap:6px;padding:8px;flex:0 0 auto;flex-wrap:wrap}
.filtros input{flex:1 1 100%;min-width:0}
.filtros select{flex:1 1 100%;min-width:0}
.lista{list-style:none;margin:0;padding:0;overflow-y:auto;flex:1 1 auto}
.lista li{border-bottom:1px solid #eceef1}
.linha{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:2px 8px;width:100%;text-align:left;border:0;background:#fff;padding:9px 10px;border-left:4px solid transparent}
.linha:hover{background:#f9fafb}
.linha[aria-current=true]{background:var(--sel);border-left-color:var(--primary)}
.linha .nome{font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.linha .trecho{grid-column:1/2;color:var(--muted);font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.linha .info{grid-column:1/3;display:flex;gap:6px;flex-wrap:wrap;font-size:12px;color:var(--muted);align-items:center}
.linha .espera{font-size:12px;color:var(--warn);font-weight:600;white-space:nowrap;text-align:right}
.canal{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;font-weight:700;line-height:18px;border:1px solid currentColor}
.canal-whatsapp{color:#05603a}
.canal-webchat{color:#1d4ed8}
.canal-telegram{color:#0b5a8a}
.canal-messenger{color:#0645ad}
.canal-instagram{color:#a0136b}
#janela-meta{margin:8px 10px}
.etiqueta{display:inline-block;padding:0 6px;border-radius:999px;background:#eef2ff;color:#3730a3;font-size:12px;line-height:20px}
.vazio{padding:18px;color:var(--muted);text-align:center}
.conversa{display:flex;flex-direction:column;min-height:0;flex:1 1 auto}
.conversa-topo{background:var(--panel);border-bottom:1px solid var(--border);padding:8px 10px;display:flex;flex-direction:column;gap:6px;flex:0 0 auto}
.conversa-titulo{display:flex;align-items:center;gap:8px;min-width:0}
.conversa-titulo h2{font-size:16px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0;flex:1 1 auto}
.acoes{display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.voltar{display:none}
.ver-cliente{display:none}
.historico{flex:1 1 auto;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.msg{display:flex;gap:6px;align-items:flex-start;max-width:80%}
.msg.cliente{align-self:flex-start}
.msg.bot,.msg.atendente{align-self:flex-end;flex-direction:row-reverse}
.msg .bolha{padding:7px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;min-width:0;border:1px solid var(--border)}
.msg.cliente .bolha{background:#fff;border-top-left-radius:3px}
.msg.bot .bolha{background:var(--bot);border-top-right-radius:3px}
.msg.atendente .bolha{background:var(--agent);border-color:#bfdbfe;border-top-right-radius:3px}
.msg .autor{display:block;font-size:12px;font-weight:700;color:var(--muted)}
.msg .meta{display:block;font-size:11px;color:var(--muted);margin-top:3px;text-align:right}
.msg .falhou{color:var(--danger);font-weight:700}
.msg .lida{color:var(--primary)}
.msg input[type=checkbox]{margin-top:10px;width:18px;height:18px}
.msg.selecionada .bolha{outline:2px solid var(--primary)}
.arquivo-img{display:block;max-width:240px;max-height:240px;border-radius:8px;background:#e5e7eb}
.msg audio{display:block;max-width:260px}
.sistema{align-self:center;font-size:12px;color:var(--muted);background:#e5e7eb;border-radius:999px;padding:2px 10px;text-align:center;max-width:95%}
.historico.sem-transferencias .transferencia{display:none}
.barra-selecao{display:flex;gap:8px;align-items:center;padding:6px 10px;background:var(--sel);flex-wrap:wrap}
.resposta{background:var(--panel);border-top:1px solid var(--border);padding:8px 10px;flex:0 0 auto;position:relative}
#template-form{max-height:60%;overflow-y:auto}
.resposta.arrastando{outline:3px dashed var(--primary);outline-offset:-6px}
.resposta-linha{display:flex;gap:6px;align-items:flex-end}
.resposta textarea{flex:1 1 auto;min-width:0;resize:none;min-height:42px;max-height:160px}
.anexo{display:flex;gap:6px;align-items:center;font-size:13px;margin-bottom:6px}
.rapidas{position:absolute;left:10px;right:10px;bottom:100%;max-height:220px;overflow-y:auto;background:#fff;border:1px solid var(--border);border-radius:8px;box-shadow:0 -4px 16px rgba(0,0,0,.12);margin:0;padding:4px 0;list-style:none}
.rapidas li{padding:6px 10px;cursor:pointer}
.rapidas li[aria-selected=true]{background:var(--sel)}
.rapidas .atalho{font-weight:700;margin-right:6px}
.dica{font-size:12px;color:var(--muted);margin-top:4px}
.janela{background:var(--warn-bg);color:var(--warn);border:1px solid #fedf89;border-radius:6px;padding:8px;margin-bottom:8px;font-size:13px}
.previa{white-space:pre-wrap;background:#fff;border:1px dashed var(--border);border-radius:8px;padding:8px;margin:6px 0;overflow-wrap:anywhere}
.vars{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:6px}
.cliente-painel{overflow-y:auto;padding:10px 12px}
.cliente-painel h2{font-size:15px;margin:4px 0 8px}
.cliente-painel h3{font-size:13px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.cliente-painel dl{margin:0;display:grid;grid-template-columns:auto minmax(0,1fr);gap:3px 10px;font-size:13px}
.cliente-painel dt{color:var(--muted)}
.cliente-painel dd{margin:0;overflow-wrap:anywhere}
.cliente-painel ul{margin:0;padding-left:18px;font-size:13px}
.situacao-ativo{color:var(--ok);font-weight:700}
.situacao-outro{color:var(--danger);font-weight:700}
.supervisao{flex:1 1 auto;overflow:auto;padding:12px;background:var(--bg);display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:12px;align-content:start}
.supervisao section{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:10px 12px;overflow-x:auto;min-width:0}
#metricas-periodo{max-width:240px}
.supervisao td:first-child{white-space:normal;overflow-wrap:anywhere;min-width:120px}
.supervisao h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef1;white-space:nowrap}
th{color:var(--muted);font-weight:700}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:8px}
.card{border:1px solid var(--border);border-radius:8px;padding:8px 12px;min-width:150px}
.card strong{display:block;font-size:20px}
.status-online{color:var(--ok);font-weight:700}
.status-ausente{color:var(--muted)}
dialog{border:1px solid var(--border);border-radius:10px;padding:18px;width:min(440px,calc(100vw - 24px));max-height:calc(100dvh - 24px);overflow:auto;color:var(--text)}
dialog::backdrop{background:rgba(17,24,39,.45)}
dialog h2{margin:0 0 12px;font-size:17px}
.botoes{display:flex;gap:8px;justify-content:flex-end;margin-top:8px;flex-wrap:wrap}
.aviso{position:fixed;left:12px;bottom:12px;pointer-events:none;background:#111827;color:#fff;padding:8px 14px;border-radius:8px;font-size:13px;max-width:calc(100vw - 24px);z-index:10}
.aviso:empty{display:none}
@media (max-width:1099px){
.colunas{grid-template-columns:minmax(240px,300px) minmax(0,1fr)}
.colunas:not([data-vista=cliente]) .col-cliente{display:none}
.colunas[data-vista=cliente] .col-conversa{display:none}
.ver-cliente{display:inline-block}
.col-cliente .voltar{display:inline-block}
}
@media (max-width:700px){
.colunas{grid-template-columns:minmax(0,1fr)}
.colunas:not([data-vista=lista]) .col-filas{display:none}
.colunas:not([data-vista=conversa]) .col-conversa{display:none}
.voltar{display:inline-block}
.topo .quem{display:none}
.topo h1{max-width:30vw}
.msg{max-width:94%}
.col{border-right:0}
.acoes{flex-wrap:nowrap;overflow-x:auto;padding-bottom:2px}
.dica{display:none}
.topo{gap:6px;padding:4px 8px}
}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important}}
`;

const STYLE_HASH = cspHashSource(STYLE);

let scriptHash: string | undefined;
function clientScriptHash(): string {
	scriptHash ??= cspHashSource(painelClientScript());
	return scriptHash;
}

/**
 * The desk's Content-Security-Policy: nothing by default; the page's own script and style by hash;
 * API calls, files and media only from the page's origin (plus `data:`/`blob:` previews of an upload);
 * never framed. `forMeta` leaves out `frame-ancestors`, which browsers ignore (with a console error)
 * in a `<meta>` policy.
 */
export function painelPageCsp(forMeta = false): string {
	return [
		"default-src 'none'",
		`script-src ${clientScriptHash()}`,
		`style-src ${STYLE_HASH}`,
		"connect-src 'self'",
		"img-src 'self' data: blob:",
		"media-src 'self' blob:",
		"base-uri 'none'",
		"form-action 'none'",
		"object-src 'none'",
		...(forMeta ? [] : ["frame-ancestors 'none'"]),
	].join('; ');
}

/** HTTP headers for the page returned by {@link painelPage} (identical for every response). */
export function painelPageHeaders(): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': painelPageCsp(),
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Referrer-Policy': 'no-referrer',
		'Cache-Control': 'no-cache',
	};
}

function cleanTitle(value: unknown): string {
	if (typeof value !== 'string') return '';
	return value.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(0, 80);
}

const TABS = [
	['novas', 'Novas'],
	['minhas', 'Minhas'],
	['pendentes', 'Pendentes'],
	['encerradas', 'Encerradas'],
] as const;

function tabsHtml(): string {
	return TABS.map(
		([id, label], i) =>
			`<button type="button" role="tab" class="aba" id="aba-${id}" data-fila="${id}" aria-selected="${i === 0}" aria-controls="lista-conversas" tabindex="${i === 0 ? 0 : -1}"><span>${label}</span><span class="contagem"><span class="num" id="num-${id}">0</span><span class="badge" id="nao-lidas-${id}"></span></span></button>`,
	).join('');
}

/**
 * The complete desk document. Stable hooks for tests and the client: `#tela-login`, `#tela-painel`,
 * `#lista-conversas` (rows `.linha[data-id]`), `#historico` (the `aria-live` thread), `#resposta-texto`,
 * `#template-form`, `#reconectando`, `#tela-supervisao`.
 *
 * @throws TypeError when `basePath` is not an absolute path of URL-safe characters.
 */
export function painelPage(options: PainelPageOptions): string {
	const basePath = typeof options.basePath === 'string' ? options.basePath.trim() : '';
	if (!BASE_PATH_PATTERN.test(basePath)) throw new TypeError('painelPage: basePath deve ser um caminho absoluto, como /webhook/painel');
	const titulo = cleanTitle(options.titulo) || 'Painel';
	const t = escapeHtml(titulo);
	return `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(painelPageCsp(true))}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${t}</title>
<style>${STYLE}</style>
<script type="application/json" id="painel-config">${jsonForScript({ basePath, titulo })}</script>
</head>
<body>
<div id="carregando" class="vazio" role="status">Carregando…</div>

<main id="tela-login" class="login" hidden>
<form id="login-form" class="cartao" novalidate>
<h1>${t}</h1>
<p class="muted">Entre com seu login de atendente.</p>
<div class="campo"><label for="login-usuario">Login</label><input type="text" id="login-usuario" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required></div>
<div class="campo"><label for="login-senha">Senha</label><input type="password" id="login-senha" name="senha" autocomplete="current-password" required></div>
<p id="login-erro" class="erro" role="alert"></p>
<button type="submit" id="login-entrar" class="btn primario">Entrar</button>
</form>
</main>

<div id="tela-painel" class="app" hidden>
<header class="topo">
<h1>${t}</h1>
<span class="quem" id="quem"></span>
<span class="espaco"></span>
<label class="chave"><input type="checkbox" id="presenca" role="switch"><span id="presenca-texto">Online</span></label>
<label class="chave"><input type="checkbox" id="som"><span>Som</span></label>
<button type="button" class="btn" id="btn-notificacoes" hidden>Ativar notificações</button>
<button type="button" class="btn" id="btn-supervisao" aria-pressed="false" hidden>Supervisão</button>
<button type="button" class="btn" id="btn-senha">Alterar senha</button>
<button type="button" class="btn" id="btn-sair">Sair</button>
</header>
<div id="reconectando" class="faixa" role="status" hidden>Reconectando… as novidades aparecem assim que a conexão voltar.</div>

<div id="colunas" class="colunas" data-vista="lista">
<nav class="col col-filas" aria-label="Filas de conversas">
<div class="abas" role="tablist" aria-label="Filas">${tabsHtml()}</div>
<div class="filtros">
<label for="busca" class="sr-only">Buscar por nome, telefone, protocolo ou texto</label>
<input type="search" id="busca" placeholder="Buscar nome, telefone, protocolo…" autocomplete="off">
<label for="filtro-equipe" class="sr-only">Filtrar por equipe</label>
<select id="filtro-equipe"><option value="">Todas as equipes</option></select>
</div>
<ul id="lista-conversas" class="lista" role="tabpanel" aria-labelledby="aba-novas"></ul>
</nav>

<section class="col col-conversa" aria-label="Conversa">
<p id="conversa-vazia" class="vazio">Selecione uma conversa na lista. Dica: Alt+↑/↓ muda de conversa e / vai para a resposta.</p>
<div id="conversa" class="conversa" hidden>
<div class="conversa-topo">
<div class="conversa-titulo">
<button type="button" class="btn pequeno voltar" id="voltar-lista">← Filas</button>
<h2 id="conversa-nome"></h2>
<button type="button" class="btn pequeno ver-cliente" id="ver-cliente">Cliente</button>
</div>
<div class="muted" id="conversa-info"></div>
<div class="acoes" id="acoes">
<button type="button" class="btn primario" id="btn-assumir" hidden>Assumir</button>
<button type="button" class="btn" id="btn-encaminhar">Encaminhar</button>
<button type="button" class="btn" id="btn-pendente">Pendente</button>
<button type="button" class="btn" id="btn-resolver">Resolver</button>
<button type="button" class="btn" id="btn-devolver">Devolver ao bot</button>
<button type="button" class="btn" id="btn-chamado" hidden>Abrir chamado</button>
<label class="chave"><input type="checkbox" id="mostrar-transferencias" checked><span>Mostrar transferências</span></label>
</div>
</div>
<div id="historico" class="historico" role="log" aria-live="polite" aria-relevant="additions" aria-label="Mensagens da conversa" tabindex="0"></div>
<div id="barra-selecao" class="barra-selecao" hidden>
<span id="selecao-texto">Marque as mensagens do chamado.</span>
<button type="button" class="btn primario pequeno" id="selecao-continuar">Continuar</button>
<button type="button" class="btn pequeno" id="selecao-cancelar">Cancelar</button>
</div>
<form id="resposta" class="resposta" novalidate>
<div id="anexo" class="anexo" hidden><span id="anexo-nome"></span><button type="button" class="btn pequeno" id="anexo-remover">Remover anexo</button></div>
<ul id="rapidas" class="rapidas" role="listbox" aria-label="Respostas rápidas" hidden></ul>
<div class="resposta-linha">
<button type="button" class="btn" id="btn-anexar" aria-label="Anexar arquivo" title="Anexar arquivo (ou arraste o arquivo para a conversa)">Anexar</button>
<input type="file" id="arquivo" class="sr-only" tabindex="-1" aria-hidden="true">
<label for="resposta-texto" class="sr-only">Resposta ao cliente</label>
<textarea id="resposta-texto" rows="2" placeholder="Escreva a resposta… (/ para respostas rápidas)" aria-describedby="resposta-dica resposta-erro" aria-autocomplete="list" aria-controls="rapidas"></textarea>
<button type="submit" class="btn primario" id="btn-enviar">Enviar</button>
</div>
<p class="dica" id="resposta-dica">Enter envia · Shift+Enter nova linha · arraste um arquivo para anexar</p>
<p class="erro" id="resposta-erro" role="alert"></p>
</form>
<p id="conversa-encerrada" class="resposta muted" hidden>Conversa encerrada: não é possível responder por aqui.</p>
<p class="janela" id="janela-meta" role="status" hidden></p>
<form id="template-form" class="resposta" novalidate hidden>
<p class="janela" id="janela-texto">A janela de 24 h do WhatsApp está fechada: só é possível enviar um modelo aprovado.</p>
<div class="campo"><label for="template-nome">Modelo</label><select id="template-nome"></select></div>
<div class="vars" id="template-vars"></div>
<p class="muted" id="template-previa-rotulo">Prévia</p>
<div class="previa" id="template-previa" aria-labelledby="template-previa-rotulo" aria-live="polite"></div>
<p class="erro" id="template-erro" role="alert"></p>
<div class="botoes"><button type="submit" class="btn primario" id="btn-template">Enviar modelo</button></div>
</form>
</div>
</section>

<aside class="col col-cliente" aria-label="Dados do cliente">
<div class="cliente-painel" id="cliente-painel">
<button type="button" class="btn pequeno voltar" id="voltar-conversa">← Conversa</button>
<div id="cliente-dados"><p class="vazio">Os dados do cliente aparecem aqui.</p></div>
</div>
</aside>
</div>

<div id="tela-supervisao" class="supervisao" hidden>
<section aria-labelledby="sup-agentes-titulo"><h2 id="sup-agentes-titulo">Atendentes</h2><div id="sup-agentes"></div></section>
<section aria-labelledby="sup-equipes-titulo"><h2 id="sup-equipes-titulo">Equipes</h2><div id="sup-equipes"></div></section>
<section aria-labelledby="sup-conversas-titulo"><h2 id="sup-conversas-titulo">Conversas em andamento</h2><div id="sup-conversas"></div></section>
<section aria-labelledby="sup-metricas-titulo"><h2 id="sup-metricas-titulo">Métricas</h2>
<div class="campo"><label for="metricas-periodo">Período</label><select id="metricas-periodo"><option value="hoje">Hoje</option><option value="7">Últimos 7 dias</option><option value="30">Últimos 30 dias</option></select></div>
<div id="metricas"></div></section>
</div>
</div>

<dialog id="dlg-encaminhar" aria-labelledby="dlg-encaminhar-titulo">
<form id="encaminhar-form" novalidate>
<h2 id="dlg-encaminhar-titulo">Encaminhar conversa</h2>
<div class="campo"><label for="encaminhar-equipe">Equipe</label><select id="encaminhar-equipe"></select></div>
<div class="campo"><label for="encaminhar-atendente">Atendente</label><select id="encaminhar-atendente"></select></div>
<p class="erro" id="encaminhar-erro" role="alert"></p>
<div class="botoes"><button type="button" class="btn" data-fechar>Cancelar</button><button type="submit" class="btn primario">Encaminhar</button></div>
</form>
</dialog>

<dialog id="dlg-chamado" aria-labelledby="dlg-chamado-titulo">
<form id="chamado-form" novalidate>
<h2 id="dlg-chamado-titulo">Abrir chamado</h2>
<p class="muted" id="chamado-resumo"></p>
<div class="campo"><label class="chave"><input type="checkbox" id="chamado-vincular"> Vincular a chamado existente</label></div>
<div id="chamado-novo">
<div class="campo"><label for="chamado-departamento">Departamento</label><select id="chamado-departamento"></select></div>
<div class="campo"><label for="chamado-assunto">Assunto</label><input type="text" id="chamado-assunto" maxlength="200"></div>
</div>
<div class="campo" id="chamado-existente-campo" hidden><label for="chamado-existente">Número do chamado</label><input type="text" id="chamado-existente" inputmode="numeric" maxlength="40"></div>
<p class="erro" id="chamado-erro" role="alert"></p>
<div class="botoes"><button type="button" class="btn" data-fechar>Cancelar</button><button type="submit" class="btn primario" id="chamado-enviar">Abrir chamado</button></div>
</form>
</dialog>

<dialog id="dlg-senha" aria-labelledby="dlg-senha-titulo">
<form id="senha-form" novalidate>
<h2 id="dlg-senha-titulo">Alterar senha</h2>
<div class="campo"><label for="senha-atual">Senha atual</label><input type="password" id="senha-atual" autocomplete="current-password"></div>
<div class="campo"><label for="senha-nova">Nova senha (mínimo 8 caracteres)</label><input type="password" id="senha-nova" autocomplete="new-password" minlength="8"></div>
<div class="campo"><label for="senha-confirmar">Confirme a nova senha</label><input type="password" id="senha-confirmar" autocomplete="new-password" minlength="8"></div>
<p class="erro" id="senha-erro" role="alert"></p>
<p class="sucesso" id="senha-ok" role="status"></p>
<div class="botoes"><button type="button" class="btn" data-fechar>Fechar</button><button type="submit" class="btn primario" id="senha-salvar">Salvar</button></div>
</form>
</dialog>

<div id="aviso" class="aviso" role="status" aria-live="polite"></div>
<noscript><p class="vazio">Ative o JavaScript para usar o painel.</p></noscript>
<script>${painelClientScript()}</script>
</body>
</html>
`;
}
