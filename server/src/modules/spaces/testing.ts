/* Test fixtures for spaces and events: a base with its operator, organizations, a space open every day. */
import {
  addShanghaiDays,
  shanghaiDate,
  shanghaiInstant,
  startOfShanghaiWeek,
  type CreateSpaceBody,
} from '@app/shared';
import type { TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, signedIn } from '../../../test/factories.js';
import { ResidencyModel } from '../residencies/model.js';

/** Every day 08:00–22:00, residents two weeks ahead, others three days. */
export const roomBody = (over: Partial<CreateSpaceBody> = {}): CreateSpaceBody => ({
  name: '二楼会议室',
  type: 'meeting-room',
  capacity: 12,
  facilities: ['投影仪', '白板'],
  accessible: true,
  openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '22:00' })),
  rules: { maxAdvanceDays: 14, othersAdvanceDays: 3 },
  ...over,
});

/** An ISO instant of a Shanghai date `days` after today, at a clock time. */
export const at = (days: number, clock: string, now = new Date()) =>
  shanghaiInstant(shanghaiDate(addShanghaiDays(now, days)), clock).toISOString();

/** An instant in the Shanghai ISO week `weeks` after this one, on ISO weekday `weekday`, at a clock time. */
export const inWeek = (weeks: number, weekday: number, clock: string) =>
  shanghaiInstant(
    shanghaiDate(addShanghaiDays(startOfShanghaiWeek(new Date()), weeks * 7 + weekday - 1)),
    clock,
  ).toISOString();

export async function buildBaseScene(server: TestServer) {
  const base = await buildBase({ name: `徐汇区社会组织培育基地` });
  const operator = await signedIn(server, { role: 'operator', baseId: base._id });
  const member = async (name: string, resident: boolean) => {
    const account = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(account.user, { name });
    if (resident)
      await ResidencyModel.create({
        baseId: base._id,
        organizationId: org._id,
        status: 'incubating',
        admittedAt: new Date(),
      });
    return { ...account, user: { ...account.user, organizationId: org._id }, org };
  };
  const resident = await member('徐汇乐龄社工服务中心', true);
  const outsider = await member('静安青少年发展中心', false);
  return { base, operator, resident, outsider, member };
}
