import type { Session } from './types';

/** A failed API call with the problem details (RFC 9457) the server answered with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export interface ApiResult<T> {
  body: T;
  etag: string | null;
}

/** Calls the API with the session cookie; every state-changing request carries the CSRF header token. */
export async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET' && method !== 'HEAD') {
    (init.headers as Record<string, string>)['X-CSRF-TOKEN'] = csrfToken;
  }
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    let code = `http.${response.status}`;
    let message = response.statusText || `The server answered ${response.status}.`;
    try {
      const problem = await response.json();
      code = problem.code ?? code;
      message = problem.detail ?? problem.title ?? message;
    } catch {
      // not problem+json: keep the status text
    }
    if (response.status === 401 && !path.startsWith('/auth/session')) {
      onUnauthorized();
    }
    throw new ApiError(response.status, code, message);
  }
  const text = response.status === 204 ? '' : await response.text();
  return { body: (text ? JSON.parse(text) : undefined) as T, etag: response.headers.get('ETag') };
}

export async function get<T>(path: string): Promise<T> {
  return (await call<T>('GET', path)).body;
}

export async function post<T>(path: string, body?: unknown): Promise<T> {
  return (await call<T>('POST', path, body)).body;
}

export async function loadSession(): Promise<Session> {
  const session = await get<Session>('/auth/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(userName: string, password: string): Promise<Session> {
  const session = await post<Session>('/auth/session', { userName, password });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await call('DELETE', '/auth/session');
}
