/** The words each service domain contributes to titles, descriptions and organization names. */
import type { Domain } from '@app/shared';
import { childWelfare, disability, elderly, mentalHealth, minorProtection } from './priorityDomains.js';
import {
  communityGovernance,
  cultureSports,
  education,
  emergency,
  employment,
  environment,
  health,
  legalAid,
  socialAssistance,
  volunteering,
  womenFamily,
} from './otherDomains.js';

export interface DomainWords {
  /** The people served, with the synonyms people actually write. */
  readonly who: readonly string[];
  /** What is done for them: services, activities, project contents. */
  readonly services: readonly string[];
  /** What a volunteer does. */
  readonly tasks: readonly string[];
  readonly equipment: readonly string[];
  readonly supplies: readonly string[];
  /** What a venue is used for. */
  readonly uses: readonly string[];
  /** Professionals who fit the domain (pro-bono, staff, mentors). */
  readonly professions: readonly string[];
  /** Training and mentoring topics specific to the domain. */
  readonly topics: readonly string[];
  /** Project names, used in 「」 quotes. */
  readonly projects: readonly string[];
  /** A sentence (without final punctuation) on the situation behind a need. */
  readonly situations: readonly string[];
  /** Words organizations of this domain put in their names. */
  readonly brands: readonly string[];
}

export const domainWords: Readonly<Record<Domain, DomainWords>> = {
  elderly,
  disability,
  'child-welfare': childWelfare,
  'minor-protection': minorProtection,
  'mental-health': mentalHealth,
  'community-governance': communityGovernance,
  'social-assistance': socialAssistance,
  volunteering,
  education,
  health,
  environment,
  'culture-sports': cultureSports,
  'legal-aid': legalAid,
  employment,
  'women-family': womenFamily,
  emergency,
};
