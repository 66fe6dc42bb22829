// The staff pages' words in Chinese, keyed by their English (the English is in the HTML, marked data-i18n). The
// language is the one chosen with the page's switch, otherwise the browser's (as for the widget).
import { browserLang, type Lang, TIER_ZH } from "../src/i18n";

const ZH: Record<string, string> = {
  ...TIER_ZH,
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
  "new": "新建", "assigned": "已分配", "in_progress": "处理中", "waiting_on_customer": "等待客户", "resolved": "已解决", "closed": "已关闭",
  "service": "服务", "product": "产品", "operation": "操作", "policy": "政策", "fund safety": "资金安全", "Summary": "摘要",
  "connecting…": "连接中…", "live": "实时", "reconnecting": "重新连接中", "offline": "离线", "Mean sentiment": "平均情绪",
  "Complaints": "投诉",
};

const KEY = "teller.lang";

function chosen(): Lang {
  try {
    const kept = localStorage.getItem(KEY);
    if (kept === "zh" || kept === "en") return kept;
  } catch {
    /* storage blocked: the browser's language */
  }
  return browserLang();
}

export const lang: Lang = chosen();

/** The page's word in the page's language (English words without a translation stay English). */
export const t = (text: string): string => (lang === "zh" && ZH[text]) || text;

/** Translates every element marked data-i18n (its text) or data-i18n-placeholder, and adds the language switch. */
export function translatePage(): void {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll<HTMLElement>("[data-i18n]")) e.textContent = t(e.dataset.i18n ?? "");
  for (const e of document.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder ?? "");
  for (const o of document.querySelectorAll<HTMLOptionElement>("option[data-i18n-option]")) o.textContent = t(o.value || "all");
  const header = document.querySelector("header");
  if (header && !document.getElementById("lang")) {
    const b = document.createElement("button");
    b.id = "lang";
    b.className = "secondary";
    b.lang = lang === "zh" ? "en" : "zh";
    b.textContent = lang === "zh" ? "English" : "中文";
    b.onclick = () => {
      try {
        localStorage.setItem(KEY, lang === "zh" ? "en" : "zh");
      } catch {
        /* blocked: nothing to remember it in */
      }
      location.reload();
    };
    header.append(b);
  }
}
