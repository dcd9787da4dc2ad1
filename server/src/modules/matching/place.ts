/**
 * Place: same street beats same district beats a neighbouring district beats the other end of the city.
 *
 * How much place matters depends on what changes hands. A venue or a home visit happens where the need is; a
 * pro-bono accountant or a trainer can travel or work online; money goes anywhere. So the nearness (0..1) is
 * weighed by how place-bound the pair is: score = 1 - boundness × (1 - nearness).
 */
import { districtCentre, distanceKm, type Listing, type Locale } from '@app/shared';
import type { FactorResult } from './factors.js';
import { districtName, say, streetName } from './phrases.js';

type Placed = Pick<Listing, 'kind' | 'subkind' | 'district' | 'street' | 'location'>;

/** How much being near matters for a listing of this sub-kind or kind (0 = not at all, 1 = decisive). */
const BOUNDNESS: Record<string, number> = {
  venue: 1,
  volunteer: 0.9,
  'community-service': 0.9,
  staff: 0.6,
  goods: 0.5,
  'pro-bono': 0.5,
  mentor: 0.3,
  service: 0.3,
  talent: 0.6,
  funding: 0.1,
};

export function placeBoundness(listing: Pick<Listing, 'kind' | 'subkind'>): number {
  return BOUNDNESS[listing.subkind ?? ''] ?? BOUNDNESS[listing.kind] ?? 0.5;
}

/** Nearness points along the distance between two different districts' centres (km → 0..1). */
const DISTANCE_CURVE: readonly (readonly [number, number])[] = [
  [0, 0.55],
  [5, 0.55],
  [15, 0.35],
  [30, 0.15],
  [50, 0],
];
/** Two districts whose centres are this close are called neighbours in the sentence. */
const NEIGHBOUR_KM = 12;
const SAME_STREET = 1;
const SAME_DISTRICT = 0.75;
/** Two exact locations this close count as the same street. */
const SAME_STREET_KM = 1.5;

function alongCurve(km: number): number {
  for (let i = 1; i < DISTANCE_CURVE.length; i++) {
    const [x1, y1] = DISTANCE_CURVE[i]!;
    const [x0, y0] = DISTANCE_CURVE[i - 1]!;
    if (km <= x1) return y0 + ((y1 - y0) * (km - x0)) / (x1 - x0);
  }
  return 0;
}

/** Nearness of the two listings (0..1) and the words for it. */
function nearness(
  need: Placed,
  offer: Placed,
  locale: Locale,
  explain: boolean,
): { near: number; detail: string } {
  const there = explain ? districtName(offer.district, locale) : '';
  if (need.location && offer.location) {
    const km = distanceKm(need.location, offer.location);
    if (km <= SAME_STREET_KM) {
      return {
        near: SAME_STREET,
        detail: say(locale, `相距不到${SAME_STREET_KM}公里`, `Less than ${SAME_STREET_KM} km apart`),
      };
    }
    const near =
      need.district === offer.district ? Math.max(alongCurve(km), SAME_DISTRICT - km / 100) : alongCurve(km);
    if (!explain) return { near, detail: '' };
    return {
      near,
      detail: say(
        locale,
        `相距约${Math.round(km)}公里（${there}）`,
        `About ${Math.round(km)} km apart (${there})`,
      ),
    };
  }
  if (need.street && need.street === offer.street) {
    if (!explain) return { near: SAME_STREET, detail: '' };
    const street = `${there}${locale === 'en' ? ', ' : ''}${streetName(offer.street, locale)}`;
    return { near: SAME_STREET, detail: say(locale, `同在${street}`, `Both in ${street}`) };
  }
  if (need.district === offer.district) {
    return { near: SAME_DISTRICT, detail: say(locale, `同在${there}`, `Both in ${there}`) };
  }
  const a = districtCentre(need.district);
  const b = districtCentre(offer.district);
  if (!a || !b) return { near: 0, detail: say(locale, `位于${there}`, `In ${there}`) };
  const km = distanceKm(a, b);
  if (!explain) return { near: alongCurve(km), detail: '' };
  const here = districtName(need.district, locale);
  const detail =
    km <= NEIGHBOUR_KM
      ? say(
          locale,
          `${here}与${there}相邻（相距约${Math.round(km)}公里）`,
          `${here} and ${there} are neighbours (about ${Math.round(km)} km)`,
        )
      : say(locale, `相距约${Math.round(km)}公里（${there}）`, `About ${Math.round(km)} km away (${there})`);
  return { near: alongCurve(km), detail };
}

/** The place factor for a need and the offer that would answer it. */
export function placeFactor(need: Placed, offer: Placed, locale: Locale, explain = true): FactorResult {
  const { near, detail } = nearness(need, offer, locale, explain);
  const bound = Math.max(placeBoundness(need), placeBoundness(offer));
  const fraction = 1 - bound * (1 - near);
  if (explain && bound <= 0.3 && near < SAME_DISTRICT) {
    return {
      fraction,
      detail: detail + say(locale, '；此类资源受地点限制小', '; this kind of help travels well'),
    };
  }
  return { fraction, detail };
}
