import type { ActorInfo } from '../auth/events.js';

/** The application and its applicant: what notification subscribers need. */
export interface ApplicationFact {
  applicationId: string;
  baseId: string;
  organizationId: string;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'application.submitted': ActorInfo & ApplicationFact;
    'application.panelFormed': ActorInfo & ApplicationFact & { reviewerIds: string[]; quorum: number };
    'application.reviewed': ActorInfo & ApplicationFact & { recused: boolean };
    'application.decided': ActorInfo &
      ApplicationFact & {
        outcome: 'admitted' | 'rejected';
        reason: string;
        tally: { counted: number; recused: number; meanScore: number | null };
      };
    'application.withdrawn': ActorInfo & ApplicationFact;
  }
}
export {};
