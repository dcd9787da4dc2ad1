import {
  createListingBodySchema,
  createOrganizationBodySchema,
  type CreateListingBody,
  type CreateOrganizationBody,
  type ImportResult,
  type ImportType,
} from '@app/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { issuesToDetails } from '../../lib/messages/issues.js';
import type { LocalizedText, Message } from '../../lib/messages/index.js';
import { baseRunBy } from '../bases/runBy.js';
import { listingService } from '../listings/service.js';
import { importOrganization, organizationsByCreditCode, takenCreditCodes } from '../organizations/imports.js';
import { organizationPolicy } from '../organizations/policy.js';
import type { UserRecord } from '../users/model.js';
import { columns } from './columns.js';
import type { SheetRow } from './sheet.js';

/** A rejected row as the service states it: its reason is worded in the reader's language when presented. */
export interface Rejection {
  row: number;
  field: string;
  message: Message;
}
/** What an import did, before it is presented. */
export type ImportReport = Omit<ImportResult, 'rejected'> & { rejected: Rejection[] };
/** A row that passed every check, with the write that imports it whole. */
interface GoodRow {
  row: number;
  write: () => Promise<unknown>;
}

/** The column a schema issue is about: `amount.max` is the `amountMax` column. */
const fieldOf = (path: PropertyKey[]) => {
  const [head, next] = path.map(String);
  if (head === 'amount' && next) return `amount${next[0]!.toUpperCase()}${next.slice(1)}`;
  return head ?? 'row';
};

/** The cells of a row as the API body the shared schema checks. */
function bodyOf(type: ImportType, row: SheetRow): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const c of columns[type]) {
    const text = row.cells[c.key];
    if (text !== undefined) body[c.key] = c.read ? c.read(text) : text;
  }
  if (type === 'listings') {
    const { amountMin, amountMax, organizationCreditCode: _code, ...rest } = body;
    return {
      ...rest,
      ...(amountMin !== undefined || amountMax !== undefined
        ? {
            amount: {
              ...(amountMin !== undefined ? { min: amountMin } : {}),
              ...(amountMax !== undefined ? { max: amountMax } : {}),
            },
          }
        : {}),
    };
  }
  return body;
}

/** A schema issue in both languages, worded as the API's error details word it. */
const wordsOf = (issue: z.core.$ZodIssue, input: unknown): LocalizedText => ({
  'zh-CN': issuesToDetails([issue], 'zh-CN', input)[0]!.message,
  en: issuesToDetails([issue], 'en', input)[0]!.message,
});

/** One rejection per bad row: the first problem's column, and every problem in the message. */
function rejectionOf(row: number, issues: z.core.$ZodIssue[], input: unknown): Rejection {
  const [first, ...others] = issues;
  const field = fieldOf(first!.path);
  if (!others.length) return { row, field, message: wordsOf(first!, input) };
  const also = others.map((i) => ({ field: fieldOf(i.path), words: wordsOf(i, input) }));
  const more: LocalizedText = {
    'zh-CN': also.map((a) => `${a.field}：${a.words['zh-CN']}`).join('；'),
    en: also.map((a) => `${a.field}: ${a.words.en}`).join('; '),
  };
  return {
    row,
    field,
    message: { key: 'import.rowProblems', params: { first: wordsOf(first!, input), others: more } },
  };
}

/**
 * Imports a sheet's rows: each checked with the API's own schema and the same rules (credit codes unique, a listing's
 * organization one the importer looks after), then each good row written whole through its module's service, one
 * transaction per row; a row the database refuses at write time (a race on a credit code) is reported like any bad
 * row. `dryRun` checks everything and writes nothing.
 */
export async function runImport(
  ctx: AppContext,
  actor: UserRecord,
  type: ImportType,
  rows: SheetRow[],
  dryRun: boolean,
): Promise<ImportReport> {
  const rejected: Rejection[] = [];
  const good =
    type === 'organizations'
      ? await checkOrganizations(ctx, actor, rows, rejected)
      : await checkListings(ctx, actor, rows, rejected);
  let imported = 0;
  if (!dryRun) {
    for (const g of good) {
      try {
        await g.write();
        imported++;
      } catch (err) {
        // A rule checked again at write time (a credit code taken meanwhile) says why; anything else is logged.
        if (!(err instanceof AppError)) ctx.logger.warn({ err, row: g.row }, 'an import row was not written');
        rejected.push({
          row: g.row,
          field: 'row',
          message: err instanceof AppError ? err.text : 'import.notImported',
        });
      }
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { imported: dryRun ? good.length : imported, rejected, dryRun, rows: rows.length };
}

async function checkOrganizations(
  ctx: AppContext,
  actor: UserRecord,
  rows: SheetRow[],
  rejected: Rejection[],
) {
  const parsed: { row: number; body: CreateOrganizationBody }[] = [];
  for (const row of rows) {
    const input = bodyOf('organizations', row);
    const result = createOrganizationBodySchema.safeParse(input);
    if (result.success) parsed.push({ row: row.row, body: result.data });
    else rejected.push(rejectionOf(row.row, result.error.issues, input));
  }
  const taken = await takenCreditCodes(parsed.flatMap((p) => (p.body.creditCode ? [p.body.creditCode] : [])));
  const base = await baseRunBy(actor);
  const seen = new Set<string>();
  const good: GoodRow[] = [];
  for (const { row, body } of parsed) {
    // An operator brings in organizations of its base's own area (属地), the ones it will look after.
    if (!organizationPolicy.oversees(actor, base, body)) {
      rejected.push({ row, field: 'district', message: 'import.outsideBaseArea' });
      continue;
    }
    const code = body.creditCode;
    if (code && (taken.has(code) || seen.has(code))) {
      rejected.push({
        row,
        field: 'creditCode',
        message: taken.has(code) ? 'import.creditCodeTaken' : 'import.creditCodeTwice',
      });
      continue;
    }
    if (code) seen.add(code);
    good.push({ row, write: () => importOrganization(ctx, actor, body) });
  }
  return good;
}

async function checkListings(ctx: AppContext, actor: UserRecord, rows: SheetRow[], rejected: Rejection[]) {
  const parsed: { row: number; body: CreateListingBody; code: string }[] = [];
  for (const row of rows) {
    const input = bodyOf('listings', row);
    const result = createListingBodySchema.safeParse(input);
    const code = row.cells.organizationCreditCode?.toUpperCase();
    if (!result.success) rejected.push(rejectionOf(row.row, result.error.issues, input));
    else if (!code)
      rejected.push({ row: row.row, field: 'organizationCreditCode', message: 'field.required' });
    else parsed.push({ row: row.row, body: result.data, code });
  }
  const orgs = await organizationsByCreditCode([...new Set(parsed.map((p) => p.code))]);
  const base = await baseRunBy(actor);
  const listings = listingService(ctx);
  const good: GoodRow[] = [];
  for (const { row, body, code } of parsed) {
    const org = orgs.get(code);
    if (!org)
      rejected.push({
        row,
        field: 'organizationCreditCode',
        message: 'import.noSuchOrganization',
      });
    else if (!organizationPolicy.oversees(actor, base, org))
      rejected.push({
        row,
        field: 'organizationCreditCode',
        message: 'import.notLookedAfter',
      });
    else good.push({ row, write: () => listings.createForOrganization(actor, body, org._id) });
  }
  return good;
}
