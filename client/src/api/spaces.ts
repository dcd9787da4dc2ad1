import {
  bookingEnvelopeSchema,
  bookingSchema,
  pageOf,
  spaceCalendarSchema,
  spaceEnvelopeSchema,
  spaceListSchema,
  type CreateBookingBody,
  type CreateSpaceBody,
  type UpdateSpaceBody,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

/** A base's shared spaces (its staff see archived ones too). */
export async function fetchBaseSpaces(baseId: string, client: HttpClient = api) {
  return (await client.get(`/api/bases/${baseId}/spaces`, { schema: spaceListSchema })).items;
}

export async function fetchSpace(id: string, client: HttpClient = api) {
  return (await client.get(`/api/spaces/${id}`, { schema: spaceEnvelopeSchema })).space;
}

export async function createSpace(baseId: string, body: CreateSpaceBody, client: HttpClient = api) {
  return (await client.post(`/api/bases/${baseId}/spaces`, body, { schema: spaceEnvelopeSchema })).space;
}

export async function updateSpace(id: string, body: UpdateSpaceBody, client: HttpClient = api) {
  return (await client.patch(`/api/spaces/${id}`, body, { schema: spaceEnvelopeSchema })).space;
}

/** The booked time of a space between two instants (and the events holding it). */
export function fetchSpaceCalendar(id: string, from: Date, to: Date, client: HttpClient = api) {
  return client.get(`/api/spaces/${id}/bookings`, {
    query: { from: from.toISOString(), to: to.toISOString() },
    schema: spaceCalendarSchema,
  });
}

export async function bookSpace(id: string, body: CreateBookingBody, client: HttpClient = api) {
  return (await client.post(`/api/spaces/${id}/bookings`, body, { schema: bookingEnvelopeSchema })).booking;
}

export async function cancelBooking(id: string, client: HttpClient = api) {
  return (await client.post(`/api/bookings/${id}/cancel`, undefined, { schema: bookingEnvelopeSchema }))
    .booking;
}

export async function markNoShow(id: string, client: HttpClient = api) {
  return (await client.post(`/api/bookings/${id}/no-show`, undefined, { schema: bookingEnvelopeSchema }))
    .booking;
}

export function fetchMyBookings(
  query: { page?: number; upcoming?: 'true' | 'false' } = {},
  client: HttpClient = api,
) {
  return client.get('/api/bookings/mine', {
    query: { pageSize: 50, ...query },
    schema: pageOf(bookingSchema),
  });
}
