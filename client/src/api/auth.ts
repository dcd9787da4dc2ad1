import { userEnvelopeSchema, type RegisterBody, type User } from '@app/shared';
import { ApiError, api, type HttpClient } from './http.js';

/** The signed-in account, or null when nobody is signed in (the API answers 401). */
export async function fetchMe(client: HttpClient = api): Promise<User | null> {
  try {
    return (await client.get('/api/auth/me', { schema: userEnvelopeSchema })).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
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
