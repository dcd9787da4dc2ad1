/**
 * A written rule for whether a generated listing answers a labelled need, since no operator judged the 100,000
 * generated listings. It was fixed before the figures it gives were looked at, and it reads the listings' fields
 * and title words, never the scorer: a generated offer counts as relevant (grade 1, never 2) when
 *
 * 1. it gives what was asked: the need's own sub-kind, or the sub-kind of an offer the operator judged relevant
 *    for this need;
 * 2. it serves the same people: it shares one of the need's service domains, where domains say whom the help
 *    reaches (community services, volunteers, money, goods); help to an organization (registration, bookkeeping,
 *    training, an office, a meeting room, a mentor, a professional) serves whatever the organization works on;
 * 3. it is where the help is needed when that matters: for venues, volunteers and community services (help that
 *    happens on the spot), the same district;
 * 4. it covers what is asked: a grant's upper amount reaches the sum asked, a capacity reaches the number asked
 *    (an offer that names neither is given the benefit of the doubt);
 * 5. for the broad sub-kinds (community service, pro-bono work), which cover anything from meals to day care, it
 *    also names the same help: its title holds one of the telling words of the need's title, or a synonym.
 *
 * Eligibility is not judged here: only eligible offers are ranked at all.
 *
 * Revised once, after reading the first run's top fives and before any change to ranking: rule 2 first asked a
 * shared domain of every offer, and so judged 社会组织代理记账 not relevant to a need for 代理记账 because the
 * generator had given the two different domains.
 */
import type { Listing } from '@app/shared';
import { BROAD_SUBKINDS } from '../../server/src/modules/matching/kindFit.js';
import { placeBoundness } from '../../server/src/modules/matching/place.js';
import { synonymsOf } from '../../server/src/lib/text/synonyms.js';
import { queryTokens } from '../../server/src/lib/text/tokenizer.js';
import type { LabelledNeed, LabelledSet } from './labelled-set.js';

/** Words any title uses to say "I ask" or "I give" rather than what. */
const FRAME = /^(急需|需要|需求|寻求|寻找|招募|提供|免费|服务|项目|活动|社区|支持|帮助|公益)$/;

/** Sub-kinds whose domains say whom the help reaches (beyond these, help to organizations). */
const FOR_PEOPLE = new Set(['community-service', 'volunteer', 'equipment', 'supplies']);
const forPeople = (l: Pick<Listing, 'kind' | 'subkind'>) =>
  l.kind === 'funding' || FOR_PEOPLE.has(l.subkind ?? '');

/** Builds the judge for one need, from the need and the offers the operator judged relevant for it. */
export function generatedJudge(need: LabelledNeed, set: LabelledSet): (offer: Listing) => boolean {
  const n = need.listing;
  const accepted = new Set([
    n.subkind,
    ...set.offers.filter((o) => need.relevant.has(o.id)).map((o) => o.subkind),
  ]);
  const telling = queryTokens(n.title)
    .filter((w) => w.length > 1 && !FRAME.test(w))
    .flatMap((w) => [w, ...synonymsOf(w)]);
  const local = placeBoundness(n) >= 0.9;
  const asked = n.amount?.max ?? n.amount?.min;
  return (offer) => {
    if (!accepted.has(offer.subkind)) return false;
    if (forPeople(n) && !offer.domains.some((d) => n.domains.includes(d))) return false;
    if (local && offer.district !== n.district) return false;
    if (asked !== undefined && offer.amount?.max !== undefined && offer.amount.max < asked) return false;
    if (n.capacity !== undefined && offer.capacity !== undefined && offer.capacity < n.capacity) return false;
    if (offer.subkind && BROAD_SUBKINDS.has(offer.subkind))
      return telling.some((w) => offer.title.includes(w));
    return true;
  };
}
