/**
 * The labelled search set: queries as residents and organizations type them, and for each the listings of the
 * labelled matching set (its offers and needs) that should be on the first page. Judged the way an operator would:
 * a listing whose title says what was asked, in the place asked, belongs on the first page; one that merely
 * mentions a word does not. Generated listings are never named: among them, some are as good, so a case asks that
 * the named listings reach the first page, not that nothing else does.
 *
 * Two corrections were made after the first run, before any change to ranking: q01 named an expired offer (s66,
 * rightly never shown), and q05 named a community bathing point and a bath van, neither of which comes to the
 * home as 上门 asks.
 */
export interface SearchCase {
  id: string;
  q: string;
  /** Ids of the labelled set's offers (s, t, v, f, g…) and needs (n…) that belong on the first page. */
  relevant: string[];
}

export const searchCases: readonly SearchCase[] = [
  // Place and help: the title says the help, the listing is in the district asked.
  { id: 'q01', q: '徐汇 助餐', relevant: ['s01', 's02', 'f10'] },
  { id: 'q02', q: '静安 会议室', relevant: ['v02'] },
  { id: 'q03', q: '闵行 会议室', relevant: ['v25', 'v26', 'n27'] },
  { id: 'q04', q: '浦东 社区睦邻节', relevant: ['f22', 'n15'] },
  // A phrase that names one kind of help.
  { id: 'q05', q: '上门助浴', relevant: ['s15', 'n10'] },
  { id: 'q06', q: '认知症 喘息服务', relevant: ['s06'] },
  { id: 'q07', q: '暑托班', relevant: ['s13', 's25', 'n11'] },
  { id: 'q08', q: '无障碍改造', relevant: ['s32', 's34', 'n05'] },
  { id: 'q09', q: '适老化改造', relevant: ['s33', 's35'] },
  { id: 'q10', q: '劳动争议 法律咨询', relevant: ['s37'] },
  { id: 'q11', q: '陪诊 志愿者', relevant: ['t15', 't17'] },
  { id: 'q12', q: '手语志愿者', relevant: ['t16'] },
  { id: 'q13', q: '等级评估辅导', relevant: ['s56', 'n23', 's57'] },
  { id: 'q14', q: '代理记账', relevant: ['s52', 'n21'] },
  { id: 'q15', q: '心理援助热线', relevant: ['s30', 'f20', 'n37'] },
  { id: 'q16', q: '轮椅', relevant: ['g09', 'g16', 'n33', 'n05'] },
  { id: 'q17', q: '应急救护培训', relevant: ['s43', 'f14', 'n28'] },
  { id: 'q18', q: '长者食堂', relevant: ['s02', 'v32'] },
  { id: 'q19', q: '反家暴 律师', relevant: ['t38', 'n39'] },
  { id: 'q20', q: '孤独症儿童 陪伴', relevant: ['n29'] },
  { id: 'q21', q: '湿地', relevant: ['t39', 'n20'] },
  // Pinyin, as typed without a Chinese keyboard.
  { id: 'q22', q: 'shouyu zhiyuanzhe', relevant: ['t16'] },
  { id: 'q23', q: 'chuanxi fuwu', relevant: ['s06'] },
  { id: 'q24', q: 'daili jizhang', relevant: ['s52', 'n21'] },
];
