import { computed, inject, reactive, ref, type InjectionKey } from 'vue';
import {
  createListingBodySchema,
  type Domain,
  type Kind,
  type OrgType,
  type Side,
  type Subkind,
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

/** A listing being posted step by step, checked by the shared schema on every change. */
export function useListingDraft(sides: readonly Side[]) {
  const draft = reactive<ListingDraft>({
    side: sides[0] ?? 'need',
    kind: '',
    domains: [],
    district: '',
    startsOn: '',
    endsOn: '',
    title: '',
    description: '',
    eligibility: { orgTypes: [], registeredOnly: false, districts: [] },
  });
  const fields = useFieldErrors(createListingBodySchema, () => draftToBody(draft));
  const stepIndex = ref(0);
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
    if (stepIndex.value > 0) stepIndex.value -= 1;
  }

  /** Jumps to a step already reached (from the summary), never past the first step with a problem. */
  function goTo(i: number): void {
    const firstWrong = LISTING_STEPS.findIndex((_, j) => !stepValid(j));
    stepIndex.value = Math.min(i, firstWrong < 0 ? i : firstWrong);
  }

  return { draft, fields, stepIndex, step, isLast, stepValid, next, back, goTo };
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
