// The widget's CSS, inside its Shadow DOM. The host element resets everything it could inherit from the page
// (all: initial, with !important so that a page's `* { all: unset }` loses), and sizes are in px, never rem, so
// a page's root font size cannot reach in either.
export const css = (color: string, side: "left" | "right") => `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  ${side}: 20px !important;
  bottom: 20px !important;
  z-index: 2147483000 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: none !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  contain: layout style !important;
}
* { box-sizing: border-box; }
.root {
  --teller: ${color};
  --ink: #1b1d21; --muted: #5b6170; --line: #d5d9e0; --bg: #ffffff; --soft: #f2f4f7; --fs: 15px;
  font: normal 400 var(--fs)/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--ink); text-align: left; direction: ltr; letter-spacing: normal; word-spacing: normal;
  text-transform: none; text-shadow: none; white-space: normal;
}
.root.large { --fs: 20px; --ink: #000; --muted: #1f1f1f; --line: #000; --soft: #fff; --teller: #0b2e8a; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #ffbf00; outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; padding: 0; margin: -1px; }
.launcher {
  display: flex; align-items: center; gap: 8px; height: 56px; padding: 0 20px 0 16px; border: 0; border-radius: 28px;
  background: var(--teller); color: #fff; font-weight: 600; box-shadow: 0 4px 16px rgba(0,0,0,.25);
}
.launcher svg { width: 26px; height: 26px; fill: currentColor; }
.launcher img, .head img { width: 28px; height: 28px; border-radius: 50%; object-fit: cover; background: #fff; }
.panel {
  display: flex; flex-direction: column; width: 380px; height: 600px; max-height: calc(100vh - 40px); max-width: calc(100vw - 24px);
  background: var(--bg); border: 1px solid var(--line); border-radius: 14px; overflow: hidden; box-shadow: 0 8px 32px rgba(0,0,0,.25);
}
.root.large .panel { width: 460px; border-width: 2px; }
.head { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--teller); color: #fff; }
.head h2 { flex: 1; margin: 0; font-size: calc(var(--fs) + 1px); font-weight: 600; }
.head button { background: transparent; border: 1px solid rgba(255,255,255,.6); color: #fff; border-radius: 6px; padding: 3px 8px; font-size: calc(var(--fs) - 2px); }
.head button[aria-pressed="true"] { background: #fff; color: var(--teller); }
.status { padding: 4px 12px; font-size: calc(var(--fs) - 2px); background: #fff4d6; color: #5c3b00; border-bottom: 1px solid var(--line); }
.status[hidden] { display: none; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: var(--soft); }
.msg { max-width: 85%; display: flex; flex-direction: column; gap: 2px; }
.msg .bubble { padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
.msg.customer { align-self: flex-end; }
.msg.customer .bubble { background: var(--teller); color: #fff; border-bottom-right-radius: 4px; }
.msg.bot .bubble, .msg.agent .bubble { background: var(--bg); border: 1px solid var(--line); border-bottom-left-radius: 4px; }
.msg.agent .bubble { border-left: 4px solid #1e7a46; }
.msg.system { align-self: center; max-width: 95%; }
.msg.system .bubble { background: #fff4d6; color: #4d3300; font-size: calc(var(--fs) - 1px); text-align: center; }
.root.large .msg .bubble { border: 2px solid #000; }
.root.large .msg.customer .bubble { background: #0b2e8a; }
.meta { font-size: calc(var(--fs) - 3px); color: var(--muted); }
.msg.customer .meta { text-align: right; }
.meta .failed { color: #b3261e; font-weight: 600; }
.meta button { border: 0; background: none; color: var(--teller); text-decoration: underline; padding: 0 2px; font-size: inherit; }
.article-title { display: block; font-weight: 600; margin-bottom: 4px; }
.more { margin-top: 6px; border: 0; background: none; padding: 0; color: var(--teller); text-decoration: underline; }
.article-body { margin-top: 6px; padding-top: 6px; border-top: 1px solid var(--line); font-size: calc(var(--fs) - 1px); }
.article-body p { margin: 0 0 6px; } .article-body ul { margin: 0 0 6px; padding-left: 18px; }
.card { margin-top: 4px; padding: 8px 11px; border-radius: 10px; border: 1px solid var(--line); background: var(--bg); }
.card.ticket { border-left: 5px solid #1e7a46; }
.card.ticket.urgent { border-left-color: #c77700; } .card.ticket.major { border-left-color: #b3261e; }
.card b { display: block; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px 0; background: var(--bg); }
.bar[hidden] { display: none; }
.chip { border: 1px solid var(--teller); color: var(--teller); background: var(--bg); border-radius: 16px; padding: 4px 12px; }
.root.large .chip { border-width: 2px; }
.nps { display: flex; flex-wrap: wrap; gap: 4px; width: 100%; }
.nps p { width: 100%; margin: 0 0 4px; font-size: calc(var(--fs) - 1px); }
.nps button { min-width: 34px; padding: 4px 0; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
.typing { padding: 2px 12px; font-size: calc(var(--fs) - 2px); color: var(--muted); background: var(--soft); min-height: 20px; }
.compose { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--line); background: var(--bg); }
.compose textarea { flex: 1; resize: none; height: 44px; max-height: 120px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
.root.large .compose textarea { border: 2px solid #000; height: 56px; }
.compose button { border: 0; border-radius: 10px; padding: 0 16px; background: var(--teller); color: #fff; font-weight: 600; }
.person { border: 0; background: none; color: var(--teller); text-decoration: underline; padding: 0 12px 8px; text-align: left; background: var(--bg); }
.error { color: #b3261e; padding: 0 12px 6px; font-size: calc(var(--fs) - 2px); background: var(--bg); }
.error:empty { display: none; }
[hidden] { display: none !important; }
`;
