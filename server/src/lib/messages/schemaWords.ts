/**
 * Chinese words for the English messages the shared schemas give their refinements, formats and credit-code
 * checks (a test finds every such message in `shared/src` and fails when one has no entry here).
 */
export const schemaWordsZh: Record<string, string> = {
  required: '必填',
  'must be an email address': '须为电子邮箱地址',
  'must be a phone number': '须为电话号码',
  'must be an id of 24 hex characters': '编号须为 24 位十六进制字符',
  'must be an ISO 8601 date-time': '须为 ISO 8601 格式的日期时间',
  'must be a date (YYYY-MM-DD) or an ISO 8601 date-time': '须为日期（YYYY-MM-DD）或 ISO 8601 格式的日期时间',
  'must be HH:MM': '须为“时:分”（HH:MM）',
  'must be after from': '须晚于开始时间',
  'must not be blank': '不能为空白',
  'must be letters, digits, - or _': '只能包含字母、数字、- 或 _',
  'letters, digits, - and _, starting with a letter': '只能包含字母、数字、- 和 _，并以字母开头',
  'must be a 9-digit street code of Shanghai': '须为上海市 9 位街道代码',
  'is not an official street or town code of Shanghai': '不是上海市的街道或乡镇代码',
  'the street is not in that district': '该街道不在所选区内',
  'choose at least one domain': '请至少选择一个领域',
  'nothing to change': '没有要修改的内容',
  'the end is before the start': '结束时间早于开始时间',
  'max must not be below min': '最大值不能小于最小值',
  'the sub-kind does not belong to that kind': '该细类不属于所选类别',
  'only offers set eligibility rules': '只有资源可以设置申请条件',
  'may not be below minMinutes': '不能小于最短时长',
  'may not exceed maxAdvanceDays': '不能超过最多提前预约的天数',
  'say what was delivered': '请说明提供了什么',
  'give after or before, not both': 'after 与 before 只能给一个',
  'give words or at least one filter': '请输入关键词或至少选择一个筛选条件',
  'each offer once': '每项资源只能选一次',
  'a registered organization needs its unified social credit code': '已登记的机构须填写统一社会信用代码',
  'a rejection needs a reason': '不通过须说明理由',
  'an operator needs a base': '运营方账号须指定基地',
  'a reviewer is named twice': '同一位评审人出现了两次',
  'two criteria share a key': '两项评审标准的 key 相同',
  'the quorum is larger than the panel': '法定评审份数多于评审组人数',
  'must be 18 characters': '须为 18 位',
  'the check character does not match': '校验码不符',
  'at least 2 characters': '至少 2 个字符',
  'at least 8 characters': '至少 8 个字符',
  'at most 50 characters': '最多 50 个字符',
  'at most 80 characters': '最多 80 个字符',
  'at most 128 characters': '最多 128 个字符',
  'at most 200 characters': '最多 200 个字符',
  'at most 2000 characters': '最多 2000 个字符',
  'at most 4000 characters': '最多 4000 个字符',
};

/** The credit-code check's messages that carry what was found, as patterns. */
const creditCodePatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^contains a character not used in credit codes: (.*)$/, (m) => `含有信用代码不使用的字符：${m[1]}`],
  [/^unknown registration authority: (.*)$/, (m) => `登记管理部门代码 ${m[1]} 无效`],
  [
    /^organization type (.*) is not issued by authority (.*)$/,
    (m) => `机构类别 ${m[1]} 不属于登记管理部门 ${m[2]}`,
  ],
  [
    /^characters 3-8 must be an administrative region code: (.*)$/,
    (m) => `第 3 至 8 位须为行政区划代码：${m[1]}`,
  ],
];
const CREDIT_CODE = 'invalid unified social credit code: ';

/** The Chinese words for a schema's English message, if it is one of the shared schemas'. */
export function schemaWordInZh(message: string): string | undefined {
  if (schemaWordsZh[message]) return schemaWordsZh[message];
  if (!message.startsWith(CREDIT_CODE)) return undefined;
  const inner = message.slice(CREDIT_CODE.length);
  let said = schemaWordsZh[inner];
  for (const [pattern, words] of creditCodePatterns) {
    const m = inner.match(pattern);
    if (m) said = words(m);
  }
  return `统一社会信用代码无效${said ? `：${said}` : ''}`;
}
