import type { ActorInfo } from '../auth/events.js';

/** What a residency event says: enough for subscribers (notifications, stats) not to load the record. */
export interface ResidencyFact {
  residencyId: string;
  baseId: string;
  organizationId: string;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** Admission opened it (emitted by the admissions module with the decision). */
    'residency.started': ActorInfo & ResidencyFact & { applicationId: string };
    'residency.graduated': ActorInfo & ResidencyFact & { reason: string };
    'residency.exited': ActorInfo & ResidencyFact & { reason: string };
  }
}
export {};
