/** The demo password of every seeded account (backend/src/seed/demo-users.ts). */
export const DEMO_PASSWORD = 'Demo#2026';

export interface ApiUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
}

/**
 * A small client for the API under test, used to arrange (find a demo cell, a user) and to check
 * outcomes the page cannot show (exactly one case created). Not a substitute for the browser.
 */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly user: ApiUser,
  ) {}

  static async login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: ApiUser };
    return new ApiClient(baseUrl, body.accessToken, body.user);
  }

  async get<T = unknown>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const url = `${this.baseUrl}/api/v1${path}${qs.size ? `?${qs}` : ''}`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}
