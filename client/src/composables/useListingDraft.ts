import { computed, inject, reactive, ref, type InjectionKey } from 'vue';
import {
  createListingBodySchema,
  type Domain,
  type Kind,
  type Listing,
  type OrgType,
  type Side,
  type Subkind,
  type UpdateListingBody,
} from '@app/shared';
import { useFieldErrors } from './useFieldErrors.js';

/** The guided steps of posting, each with the body fields it fills (validation paths of the shared schema). */
export const LISTING_STEPS = [
  { key: 'kind', fields: ['side', 'kind', 'subkind'] },
  { key: 'domains', fields: ['domains'] },
  { key: 'place', fields: ['district', 'street'] },
  { key: 'quantity', fields: ['amount', 'capacity', 'startsAt', 'endsAt', 'eligibility'] },
  { key: 'text', fields: ['title', 'description'] },
] as const;
export type ListingStepKey = (typeof LISTING_STEPS)[number]['key'];

/** Shanghai is UTC+8 all year: a chosen day starts and ends there. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const dayEnd = (day: string) => `${day}T23:59:59+08:00`;

export interface ListingDraft {
  side: Side;
  kind: Kind | '';
  subkind?: Subkind;
  domains: Domain[];
  district: string;
  street?: string;
  amountMin?: number;
  amountMax?: number;
  capacity?: number;
  /** Days as `YYYY-MM-DD` from a date input. */
  startsOn: string;
  endsOn: string;
  title: string;
  description: string;
  eligibility: { orgTypes: OrgType[]; registeredOnly: boolean; minGrade?: number; districts: string[] };
}

/** The body the API takes, built from the draft: empty inputs are left out, days become times in Shanghai. */
export function draftToBody(d: ListingDraft): Record<string, unknown> {
  const amount =
    d.amountMin !== undefined || d.amountMax !== undefined
      ? {
          ...(d.amountMin !== undefined ? { min: d.amountMin } : {}),
          ...(d.amountMax !== undefined ? { max: d.amountMax } : {}),
        }
      : undefined;
  const e = d.eligibility;
  const eligibility =
    d.side === 'offer' && (e.orgTypes.length || e.registeredOnly || e.minGrade || e.districts.length)
      ? {
          ...(e.orgTypes.length ? { orgTypes: e.orgTypes } : {}),
          ...(e.registeredOnly ? { registeredOnly: true } : {}),
          ...(e.minGrade ? { minGrade: e.minGrade } : {}),
          ...(e.districts.length ? { districts: e.districts } : {}),
        }
      : undefined;
  return {
    side: d.side,
    kind: d.kind,
    ...(d.subkind ? { subkind: d.subkind } : {}),
    title: d.title,
    description: d.description,
    domains: d.domains,
    district: d.district,
    ...(d.street ? { street: d.street } : {}),
    ...(amount ? { amount } : {}),
    ...(d.capacity !== undefined ? { capacity: d.capacity } : {}),
    ...(d.startsOn ? { startsAt: dayStart(d.startsOn) } : {}),
    ...(d.endsOn ? { endsAt: dayEnd(d.endsOn) } : {}),
    ...(eligibility ? { eligibility } : {}),
  };
}

/** The day in Shanghai of a stored time, as a date input shows it. */
const shanghaiDay = (iso?: string | null) =>
  iso ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '';

/** A posted listing as a draft, for editing it. */
export function listingToDraft(l: Listing): ListingDraft {
  return {
    side: l.side,
    kind: l.kind,
    ...(l.subkind ? { subkind: l.subkind as Subkind } : {}),
    domains: [...(l.domains as Domain[])],
    district: l.district,
    ...(l.street ? { street: l.street } : {}),
    ...(l.amount?.min !== undefined ? { amountMin: l.amount.min } : {}),
    ...(l.amount?.max !== undefined ? { amountMax: l.amount.max } : {}),
    ...(l.capacity !== undefined && l.capacity !== null ? { capacity: l.capacity } : {}),
    startsOn: shanghaiDay(l.startsAt),
    endsOn: shanghaiDay(l.endsAt),
    title: l.title,
    description: l.description,
    eligibility: {
      orgTypes: [...((l.eligibility?.orgTypes ?? []) as OrgType[])],
      registeredOnly: Boolean(l.eligibility?.registeredOnly),
      ...(l.eligibility?.minGrade ? { minGrade: l.eligibility.minGrade } : {}),
      districts: [...(l.eligibility?.districts ?? [])],
    },
  };
}

/** The change the API takes for an edit: side and kind stay, a field left empty is cleared (null). */
export function draftToUpdate(d: ListingDraft): UpdateListingBody {
  const { side: _side, kind: _kind, ...body } = draftToBody(d) as Record<string, unknown>;
  return {
    subkind: null,
    street: null,
    amount: null,
    capacity: null,
    startsAt: null,
    endsAt: null,
    ...(d.side === 'offer' ? { eligibility: null } : {}),
    ...body,
  } as UpdateListingBody;
}

/**
 * A listing being posted step by step, checked by the shared schema on every change; given a posted listing, the
 * draft starts from it and the first step (side and kind, fixed once posted) is skipped.
 */
export function useListingDraft(sides: readonly Side[], editing?: Listing) {
  const draft = reactive<ListingDraft>(
    editing
      ? listingToDraft(editing)
      : {
          side: sides[0] ?? 'need',
          kind: '',
          domains: [],
          district: '',
          startsOn: '',
          endsOn: '',
          title: '',
          description: '',
          eligibility: { orgTypes: [], registeredOnly: false, districts: [] },
        },
  );
  const fields = useFieldErrors(createListingBodySchema, () => draftToBody(draft));
  const firstStep = editing ? 1 : 0;
  const stepIndex = ref(firstStep);
  const step = computed(() => LISTING_STEPS[stepIndex.value]!);
  const isLast = computed(() => stepIndex.value === LISTING_STEPS.length - 1);
  const stepValid = (i: number) => !fields.hasProblemIn(LISTING_STEPS[i]!.fields);

  /** Moves on when this step is right; otherwise shows what is wrong in it. Returns whether it moved. */
  function next(): boolean {
    fields.touchAll(step.value.fields);
    if (!stepValid(stepIndex.value)) return false;
    if (!isLast.value) stepIndex.value += 1;
    return true;
  }

  function back(): void {
    if (stepIndex.value > firstStep) stepIndex.value -= 1;
  }

  /** Jumps to a step already reached (from the summary), never past the first step with a problem. */
  function goTo(i: number): void {
    const firstWrong = LISTING_STEPS.findIndex((_, j) => !stepValid(j));
    stepIndex.value = Math.max(firstStep, Math.min(i, firstWrong < 0 ? i : firstWrong));
  }

  return { draft, fields, stepIndex, step, isLast, stepValid, next, back, goTo, firstStep };
}

export type ListingDraftState = ReturnType<typeof useListingDraft>;
/** The wizard provides its draft to the step components under this key. */
export const LISTING_DRAFT_KEY: InjectionKey<ListingDraftState> = Symbol('listing-draft');

/** The draft of the wizard this step belongs to. */
export function useInjectedDraft(): ListingDraftState {
  const state = inject(LISTING_DRAFT_KEY);
  if (!state) throw new Error('a listing step must sit inside ListingWizard');
  return state;
}
