import type { Side } from '@app/shared';
import type { MatchNames } from '../matching/read.js';

export type MatchNoticeType =
  'match.proposed' | 'match.accepted' | 'match.overdue' | 'match.evidenceAttached';

/** The wording when the match's listings cannot be named (a listing deleted since). */
const plainWording: Record<MatchNoticeType, string> = {
  'match.proposed': '您收到了一个新的匹配提议',
  'match.accepted': '您的匹配提议已被接受',
  'match.overdue': '有一个匹配已逾期，请尽快处理',
  'match.evidenceAttached': '对方为匹配上传了新的证明材料',
};

const sideWord: Record<Side, string> = { need: '需求', offer: '资源' };
const other = (side: Side): Side => (side === 'need' ? 'offer' : 'need');

export interface MatchNotice {
  title: string;
  body?: string;
  /** What a client needs to word it in another language (`notifications.named.<type>` in the client). */
  data: Record<string, string>;
}

/**
 * A match notification in zh-CN, naming the listing concerned and the other side's organization. `side` is the
 * recipient's side of the match; staff (told of a late answer) have none and see both listings named.
 */
export function matchNotice(
  type: MatchNoticeType,
  matchId: string,
  names: MatchNames | undefined,
  side: Side | undefined,
): MatchNotice {
  if (!names) return { title: plainWording[type], data: { matchId } };
  if (type === 'match.overdue' || !side) {
    const [need, offer] = [names.need.listingTitle, names.offer.listingTitle];
    return {
      title: `“${need}”与“${offer}”的匹配提议已超过答复期限，请尽快处理`,
      data: { matchId, listingTitle: need, otherListingTitle: offer },
    };
  }
  const mine = names[side];
  const theirs = names[other(side)];
  const data = {
    matchId,
    listingTitle: mine.listingTitle,
    otherListingTitle: theirs.listingTitle,
    counterpart: theirs.party,
  };
  switch (type) {
    case 'match.proposed':
      return {
        title: `${theirs.party} 就您的“${mine.listingTitle}”发起了匹配提议`,
        body: `对方的${sideWord[other(side)]}：${theirs.listingTitle}`,
        data,
      };
    case 'match.accepted':
      return {
        title: `${theirs.party} 接受了您对“${theirs.listingTitle}”的匹配提议`,
        body: `您的${sideWord[side]}：${mine.listingTitle}`,
        data,
      };
    case 'match.evidenceAttached':
      return { title: `${theirs.party} 为“${mine.listingTitle}”的匹配上传了新的证明材料`, data };
  }
}
