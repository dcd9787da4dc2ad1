import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'organization.created': ActorInfo & { organizationId: string };
    /** `changed`: the fields sent; `reverify`: the verified facts among them, which sent it back to review. */
    'organization.updated': ActorInfo & {
      organizationId: string;
      changed: string[];
      reverify?: ('name' | 'creditCode' | 'grade')[];
    };
    'organization.verificationDecided': ActorInfo & {
      organizationId: string;
      decision: 'verified' | 'rejected';
      reason?: string;
    };
    'organization.memberJoined': ActorInfo & { organizationId: string; userId: string };
  }
}
