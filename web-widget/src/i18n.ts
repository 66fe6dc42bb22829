// The widget's own words, in English and Chinese, and what the staff pages share of them: the language type, the
// browser's choice, the tiers' Chinese names. Customer and bot text is never translated here.
export type Lang = "en" | "zh";

/** A complaint's tier in Chinese, on the customer's ticket card and on the staff pages alike. */
export const TIER_ZH: Record<string, string> = { ordinary: "普通", urgent: "紧急", major: "重大" };

const EN = {
  open: "Chat with us",
  close: "Close chat",
  title: "Help",
  greeting: "Hello! I'm Teller, the bank's assistant. Ask me about cards, payments, transfers or your account, or tell me what went wrong.",
  placeholder: "Type your message…",
  send: "Send",
  person: "Talk to a person",
  personText: "I'd like to talk to a person",
  typing: "Teller is typing…",
  sending: "Sending…",
  sent: "Sent",
  queued: "Waiting for the network; it will be sent once you're back online",
  failed: "Not sent.",
  retry: "Retry",
  offline: "You're offline. Messages you write are kept and sent when the connection is back.",
  reconnecting: "Reconnecting…",
  online: "Connected",
  largeText: "Large text",
  language: "中文",
  languageLabel: "切换到中文",
  readMore: "Read the article",
  ticket: "Complaint",
  ticketPromise: (tier: string, due: string) => `${tier} complaint: we will resolve it by ${due}.`,
  ticketStatus: "Status",
  tiers: { ordinary: "Ordinary", urgent: "Urgent", major: "Major" } as Record<string, string>,
  statuses: {
    new: "received", assigned: "with an agent", in_progress: "being worked on", waiting_on_customer: "waiting for you",
    resolved: "resolved", closed: "closed",
  } as Record<string, string>,
  fundSafety: "Sent straight to our risk team",
  npsQuestion: "How likely are you to recommend us to a friend? 0 = not at all, 10 = extremely",
  npsThanks: "Thank you!",
  you: "You",
  bot: "Teller",
  agent: "Agent",
  system: "Notice",
  log: "Conversation",
  tooLong: (n: number) => `That message is too long (${n} characters); the limit is 2,000. Please send it in parts.`,
  newMessage: (who: string, text: string) => `${who}: ${text}`,
  serverDown: "Teller can't be reached right now. Your messages are kept and will be sent when it's back.",
};

type Words = typeof EN;

const ZH: Words = {
  open: "在线咨询",
  close: "关闭对话",
  title: "帮助",
  greeting: "您好！我是银行的智能助手 Teller。银行卡、支付、转账、账户的问题都可以问我，遇到问题也可以直接告诉我。",
  placeholder: "请输入消息…",
  send: "发送",
  person: "转人工",
  personText: "转人工",
  typing: "Teller 正在输入…",
  sending: "发送中…",
  sent: "已发送",
  queued: "等待网络，恢复后会自动发送",
  failed: "未发送。",
  retry: "重试",
  offline: "网络已断开。您写的消息会保留，连接恢复后自动发送。",
  reconnecting: "正在重新连接…",
  online: "已连接",
  largeText: "大字模式",
  language: "English",
  languageLabel: "Switch to English",
  readMore: "查看文章",
  ticket: "投诉",
  ticketPromise: (tier: string, due: string) => `${tier}投诉：我们会在 ${due} 前处理完毕。`,
  ticketStatus: "状态",
  tiers: TIER_ZH,
  statuses: {
    new: "已受理", assigned: "已分配客服", in_progress: "处理中", waiting_on_customer: "等待您的回复", resolved: "已解决", closed: "已结案",
  },
  fundSafety: "已直接转交风险团队",
  npsQuestion: "您有多大可能向朋友推荐我们？0 = 完全不会，10 = 非常愿意",
  npsThanks: "谢谢！",
  you: "您",
  bot: "Teller",
  agent: "客服",
  system: "提示",
  log: "对话记录",
  tooLong: (n: number) => `消息太长（${n} 个字符），上限是 2000。请分几条发送。`,
  newMessage: (who: string, text: string) => `${who}：${text}`,
  serverDown: "暂时连接不上 Teller。您的消息会保留，恢复后自动发送。",
};

export function words(lang: Lang): Words {
  return lang === "zh" ? ZH : EN;
}

/** The browser's language when it is Chinese, otherwise English. */
export function browserLang(): Lang {
  const all = [...(navigator.languages || []), navigator.language || ""];
  return all.find((l) => /^(zh|en)/i.test(l))?.toLowerCase().startsWith("zh") ? "zh" : "en";
}
