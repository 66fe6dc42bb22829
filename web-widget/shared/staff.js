// What the staff pages share: HTTP with the session's CSRF token, the live feed, and safe rendering.
// Customer text is only ever placed with textContent, never as HTML.
"use strict";

const Staff = (() => {
  let csrf = null;

  // English and Chinese: the browser's language unless the page's switch chose one.
  const ZH = {
    "Agent console": "坐席工作台", "Supervisor dashboard": "主管看板", "Presence": "状态", "online": "在线", "away": "离开",
    "Dashboard": "看板", "Console": "工作台", "Log out": "退出", "Queue": "队列", "Tier": "等级", "all": "全部",
    "Complaint": "投诉", "Status": "状态", "Owner": "负责人", "Next deadline": "下一期限", "Category": "类别",
    "No open complaints.": "没有待处理的投诉。", "Conversation": "对话", "Reply to the customer": "回复客户", "Send": "发送",
    "Why this tier": "定级原因", "Remediation guide": "补救指引", "Articles that may help": "可能有用的文章",
    "Internal notes": "内部备注", "A note for colleagues (the customer never sees it)": "给同事的备注（客户看不到）",
    "Add note": "添加备注", "Actions": "操作", "Claim": "认领", "Transfer": "转交", "Waiting for…": "等待什么…",
    "Wait for customer": "等待客户", "Resume": "继续", "What was done for the customer": "为客户做了什么", "Resolve": "解决",
    "Use in reply": "用于回复", "Unclaimed": "未认领", "clock stopped": "计时暂停", "late": "已超时", "in": "还剩",
    "Open complaints": "未结投诉", "Breaches": "超时", "At risk": "有风险", "Unassigned": "未分配", "Self-service rate": "自助解决率",
    "NPS": "净推荐值", "SLA compliance per tier": "各等级时效达成", "Hot spots: this week against last": "热点：本周与上周",
    "This week": "本周", "Last week": "上周", "Change": "变化", "Latest breaches": "最新超时", "Target": "目标", "Fired": "时间",
    "Load": "负载", "Agent": "坐席", "Open / capacity": "处理中 / 容量", "Who holds each open complaint": "每件投诉由谁处理",
    "Team": "团队", "Person": "人员", "Since": "起始", "Sentiment by day": "每日情绪", "Complaints per day (30 days)": "每日投诉（30 天）",
    "Self-service by intent (where articles are missing)": "按意图的自助率（缺文章之处）", "Intent": "意图",
    "Conversations": "对话数", "Settled by the bot": "机器人解决", "Voice of the customer": "客户之声", "Show": "显示",
    "Transcripts": "对话记录", "Search words in any language": "搜索任意语言的词", "Search": "搜索", "Nothing found.": "没有找到。",
    "Resolution deadlines met and missed per day": "每日处理期限达成与超时", "What customers said": "客户说了什么", "What was done": "做了什么", "nothing resolved yet": "尚未解决", "unassigned": "未分配",
    "Customer's sentiment, message by message": "客户情绪（逐条消息）", "intent": "意图", "sentiment": "情绪",
    "customer": "客户", "bot": "机器人", "agent": "坐席", "system": "系统", "Canned answers": "常用回复",
    "Filter, e.g. card arrival": "筛选，如：卡片寄送", "Insert": "插入", "Articles and policy clauses that may help": "可能有用的文章与政策条款",
    "Resolution deadlines per day and tier": "每日各等级处理期限", "met": "达成", "missed": "超时", "at risk": "有风险",
    "ordinary": "普通", "urgent": "紧急", "major": "重大",
    "new": "新建", "assigned": "已分配", "in_progress": "处理中", "waiting_on_customer": "等待客户", "resolved": "已解决", "closed": "已关闭",
    "service": "服务", "product": "产品", "operation": "操作", "policy": "政策", "fund safety": "资金安全", "Summary": "摘要",
  };
  const lang = localStorage.getItem("teller.lang") || (navigator.language || "en").slice(0, 2);
  const t = (text) => (lang === "zh" && ZH[text]) || text;

  /** Translates every element with data-i18n (its text) or data-i18n-placeholder, and adds the language switch. */
  function translate() {
    document.documentElement.lang = lang === "zh" ? "zh" : "en";
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
    for (const o of document.querySelectorAll("option[data-i18n-option]")) o.textContent = t(o.value || "all");
    const header = document.querySelector("header");
    if (header && !document.getElementById("lang")) {
      const b = document.createElement("button");
      b.id = "lang";
      b.className = "secondary";
      b.textContent = lang === "zh" ? "English" : "中文";
      b.onclick = () => { localStorage.setItem("teller.lang", lang === "zh" ? "en" : "zh"); location.reload(); };
      header.append(b);
    }
  }

  async function token() {
    if (!csrf) {
      const r = await fetch("/api/v1/staff/csrf", { credentials: "same-origin" });
      if (r.status === 401) { location.href = "/login"; throw new Error("logged out"); }
      csrf = await r.json();
    }
    return csrf;
  }

  async function api(path, options = {}) {
    const headers = { "Accept": "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.method && options.method !== "GET") {
      const t = await token();
      headers[t.headerName] = t.token;
    }
    const r = await fetch(path, {
      credentials: "same-origin",
      method: options.method || "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (r.status === 401) { location.href = "/login"; throw new Error("logged out"); }
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error((data && (data.detail || data.title)) || ("HTTP " + r.status));
    return data;
  }

  /** An element with text (never HTML) and attributes. */
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") e.textContent = v == null ? "" : String(v);
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return e;
  }

  /** Calls onFrame for every frame of /ws/staff, reconnecting with backoff. */
  function live(onFrame, onState) {
    let delay = 500;
    function connect() {
      const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/staff");
      ws.onopen = () => { delay = 500; onState && onState("live"); };
      ws.onmessage = (m) => { try { onFrame(JSON.parse(m.data)); } catch (e) { console.warn(e); } };
      ws.onclose = () => { onState && onState("reconnecting"); setTimeout(connect, delay); delay = Math.min(delay * 2, 15000); };
    }
    connect();
  }

  /** "in 1 h 5 min", "5 min late". */
  function until(iso, now = Date.now()) {
    if (!iso) return { text: t("clock stopped"), late: false };
    const ms = Date.parse(iso) - now;
    const m = Math.round(Math.abs(ms) / 60000);
    const s = m >= 60 ? Math.floor(m / 60) + " h " + (m % 60) + " min" : (m > 0 ? m + " min" : Math.round(Math.abs(ms) / 1000) + " s");
    return ms >= 0 ? { text: t("in") + " " + s, late: false } : { text: s + " " + t("late"), late: true };
  }

  /** A function that runs fn once, 250 ms after the last of a burst of calls (a burst of live frames). */
  function settle(fn) {
    let timer = null;
    return () => { clearTimeout(timer); timer = setTimeout(fn, 250); };
  }

  document.addEventListener("DOMContentLoaded", translate);
  if (document.readyState !== "loading") translate();

  return { api, el, live, until, settle, t, lang };
})();
