// The server's HTTP API: bearer token, JSON in and out, problems turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get code() { return String(this.problem.type || "").split("/").pop(); }
}

export const session = { token: null, onUnauthorized: null, onLocked: null };

let keyCounter = 0;

export async function api(path, { method = "GET", body, headers = {}, idempotent = false } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (session.token) init.headers.Authorization = "Bearer " + session.token;
  if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  // A retried write (a flaky room network) must not create a second incident or dispatch.
  if (idempotent) init.headers["Idempotency-Key"] = `${Date.now().toString(36)}-${(keyCounter++).toString(36)}-${Math.random().toString(36).slice(2)}`;
  let response;
  try { response = await fetch(path, init); } catch (error) { throw new ApiError(0, { title: "network" }); }
  const text = response.status === 204 ? "" : await response.text();
  let json = null;
  if (text) { try { json = JSON.parse(text); } catch { json = null; } }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401 && error.code === "session-locked") session.onLocked?.();
    else if (response.status === 401 && session.token && !path.startsWith("/v1/auth/")) session.onUnauthorized?.();
    throw error;
  }
  return json;
}

/** The translation key for an error, by what the server said. */
export function errorKey(error) {
  if (!(error instanceof ApiError)) return "error.generic";
  if (error.status === 0) return "error.network";
  if (error.status === 403) return "error.forbidden";
  if (error.status === 409) return "error.conflict";
  if (error.status === 428) return "error.purposeRequired";
  if (error.status === 400 || error.status === 422) return "error.invalid";
  return "error.generic";
}
