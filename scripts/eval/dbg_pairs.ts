import { rankCandidates } from '../../server/src/modules/matching/rank.js';
import { relevanceTo } from '../../server/src/modules/matching/textMatch.js';
import { loadLabelledSet } from './labelled-set.js';
const set = loadLabelledSet();
const want = process.argv.slice(2).map((a) => a.split(':'));
for (const [nid, ...oids] of want) {
  const need = set.needs.find((n) => n.listing.id === nid)!;
  const r = rankCandidates(need.listing, set.offers, { now: set.asOf, subjectOrg: need.org, organizationOf: set.organizationOf, recordOf: set.recordOf, relevanceOf: relevanceTo(need.listing) }, { limit: 200 });
  r.matches.forEach((m, i) => {
    if (!oids.includes(m.listing.id) && i >= 7) return;
    const g = need.relevant.get(m.listing.id) ?? 0;
    console.log(nid, i + 1, m.listing.id, g, m.score, m.label, m.reasons.map((x) => `${x.factor}=${x.points}`).join(' '), m.listing.title);
  });
}
