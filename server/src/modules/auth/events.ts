import type { Locale, Role } from '@app/shared';

/** Who did it and from where: the common part of security events. */
export interface ActorInfo {
  actorId?: string;
  ip?: string;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'auth.registered': ActorInfo & { userId: string; role: Role };
    'auth.loggedIn': ActorInfo & { userId: string };
    'auth.loginFailed': ActorInfo & { userId?: string; locked: boolean };
    'auth.loggedOut': ActorInfo & { userId: string };
    'auth.passwordChanged': ActorInfo & { userId: string; via?: 'reset' };
    /**
     * A reset link to mail (the notifications module words and queues it). The link carries the token: the event
     * is never stored nor audited.
     */
    'auth.passwordResetRequested': {
      userId: string;
      email: string;
      link: string;
      locale: Locale;
      minutesValid: number;
    };
    'user.staffCreated': ActorInfo & { userId: string; role: Role; baseId?: string };
  }
}
