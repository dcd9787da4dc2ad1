import type { SearchDocument } from '../port.js';

/** A listing as the fixtures write it: open and unverified unless said, created `hour` hours after a fixed day. */
export type Fixture = Omit<SearchDocument, 'status' | 'verified' | 'createdAt'> &
  Partial<Pick<SearchDocument, 'status' | 'verified'>> & { hour: number };

export const XUHUI = '310104';
export const PUDONG = '310115';
export const JINGAN = '310106';
export const MINHANG = '310112';
export const YANGPU = '310110';
