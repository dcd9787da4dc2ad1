import {
  attendanceResultSchema,
  baseEventEnvelopeSchema,
  baseEventSchema,
  mySignUpSchema,
  pageOf,
  registrationEnvelopeSchema,
  registrationListSchema,
  type BaseEventKind,
  type CreateBaseEventBody,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

export interface EventQuery {
  baseId?: string;
  kind?: BaseEventKind;
  page?: number;
  pageSize?: number;
}

/** Events, upcoming first. */
export function fetchEvents(query: EventQuery = {}, client: HttpClient = api) {
  return client.get('/api/events', { query: { ...query }, schema: pageOf(baseEventSchema) });
}

export async function fetchEvent(id: string, client: HttpClient = api) {
  return (await client.get(`/api/events/${id}`, { schema: baseEventEnvelopeSchema })).event;
}

export async function createEvent(baseId: string, body: CreateBaseEventBody, client: HttpClient = api) {
  return (await client.post(`/api/bases/${baseId}/events`, body, { schema: baseEventEnvelopeSchema })).event;
}

export async function cancelEvent(id: string, client: HttpClient = api) {
  return (await client.post(`/api/events/${id}/cancel`, undefined, { schema: baseEventEnvelopeSchema }))
    .event;
}

export async function signUp(id: string, client: HttpClient = api) {
  return (
    await client.post(`/api/events/${id}/registrations`, undefined, { schema: registrationEnvelopeSchema })
  ).registration;
}

export async function withdrawSignUp(id: string, client: HttpClient = api) {
  return (
    await client.post(`/api/events/${id}/registrations/cancel`, undefined, {
      schema: registrationEnvelopeSchema,
    })
  ).registration;
}

export async function fetchRegistrations(id: string, client: HttpClient = api) {
  return (await client.get(`/api/events/${id}/registrations`, { schema: registrationListSchema })).items;
}

export function takeAttendance(id: string, userIds: string[], present: boolean, client: HttpClient = api) {
  return client.post(
    `/api/events/${id}/attendance`,
    { userIds, present },
    { schema: attendanceResultSchema },
  );
}

export function fetchMySignUps(client: HttpClient = api) {
  return client.get('/api/registrations/mine', { query: { pageSize: 50 }, schema: pageOf(mySignUpSchema) });
}
