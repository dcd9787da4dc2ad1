import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'organization.created': ActorInfo & { organizationId: string };
    'organization.updated': ActorInfo & { organizationId: string };
    'organization.verificationDecided': ActorInfo & {
      organizationId: string;
      decision: 'verified' | 'rejected';
      reason?: string;
    };
    'organization.memberJoined': ActorInfo & { organizationId: string; userId: string };
  }
}
