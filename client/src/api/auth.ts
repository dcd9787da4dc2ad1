import {
  sessionUserEnvelopeSchema,
  userEnvelopeSchema,
  type RegisterBody,
  type UpdateSelfBody,
  type User,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

/** The signed-in account, or null when nobody is signed in (the API answers `{ user: null }`). */
export async function fetchMe(client: HttpClient = api): Promise<User | null> {
  return (await client.get('/api/auth/me', { schema: sessionUserEnvelopeSchema })).user;
}

/** Changes one's own name or language. */
export async function updateSelf(body: UpdateSelfBody, client: HttpClient = api): Promise<User> {
  return (await client.patch('/api/auth/me', body, { schema: userEnvelopeSchema })).user;
}

export async function signIn(email: string, password: string, client: HttpClient = api): Promise<User> {
  return (await client.post('/api/auth/login', { email, password }, { schema: userEnvelopeSchema })).user;
}

export async function registerAccount(body: RegisterBody, client: HttpClient = api): Promise<User> {
  return (await client.post('/api/auth/register', body, { schema: userEnvelopeSchema })).user;
}

export async function signOut(client: HttpClient = api): Promise<void> {
  await client.post('/api/auth/logout');
}

/** Asks for a reset link by email; the answer is the same whether the account exists or not. */
export async function requestPasswordReset(email: string, client: HttpClient = api): Promise<void> {
  await client.post('/api/auth/password-reset', { email });
}

/** Sets a new password with the token of a reset link. */
export async function confirmPasswordReset(
  token: string,
  newPassword: string,
  client: HttpClient = api,
): Promise<void> {
  await client.post('/api/auth/password-reset/confirm', { token, newPassword });
}

/** Changes the password; every other session of the account ends. */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
  client: HttpClient = api,
): Promise<void> {
  await client.post('/api/auth/password', { currentPassword, newPassword });
  // The session was renewed: the next change needs the new session's token.
  client.resetCsrfToken();
}
