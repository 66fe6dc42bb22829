// The staff APIs over HTTP with the session's cookie and, for changes, its CSRF token; a lost session goes to the
// login page.

interface Csrf {
  headerName: string;
  token: string;
}

let csrf: Promise<Csrf> | null = null;

function toLogin(): never {
  location.href = "/login";
  throw new Error("logged out");
}

/** The session's CSRF token (fetched once). */
export function csrfToken(): Promise<Csrf> {
  csrf ??= fetch("/api/v1/staff/csrf", { credentials: "same-origin" }).then((r) => {
    if (r.status === 401) toLogin();
    return r.json() as Promise<Csrf>;
  });
  csrf.catch(() => (csrf = null));
  return csrf;
}

export interface Call {
  method?: "GET" | "POST";
  body?: unknown;
}

/** The JSON answer of a staff API; a refusal throws with the problem's detail (what the page shows). */
export async function api<T>(path: string, options: Call = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const method = options.method ?? "GET";
  if (method !== "GET") {
    const token = await csrfToken();
    headers[token.headerName] = token.token;
  }
  const r = await fetch(path, {
    credentials: "same-origin",
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (r.status === 401) toLogin();
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error((data && (data.detail || data.title)) || "HTTP " + r.status);
  return data as T;
}
