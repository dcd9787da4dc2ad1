import type { Base } from '@app/shared';
import { countForBases } from './counts.js';
import type { BaseRecord } from './model.js';

/** Bases as the API shows them, with their residents, spaces and upcoming events counted (see counts.ts). */
export async function presentBases(records: BaseRecord[]): Promise<Base[]> {
  const ids = records.map((b) => String(b._id));
  const counts = await countForBases(ids);
  return records.map((b) => {
    const id = String(b._id);
    return {
      id,
      name: b.name,
      level: b.level,
      district: b.district,
      ...(b.street ? { street: b.street } : {}),
      address: b.address ?? '',
      description: b.description ?? '',
      domains: (b.domains ?? []) as Base['domains'],
      ...(b.operatorOrganization ? { operatorOrganization: b.operatorOrganization } : {}),
      residentCount: counts.get(id)?.residentCount ?? 0,
      spaceCount: counts.get(id)?.spaceCount ?? 0,
      upcomingEventCount: counts.get(id)?.upcomingEventCount ?? 0,
      createdAt: b.createdAt.toISOString(),
    };
  });
}

export async function presentBase(record: BaseRecord): Promise<Base> {
  return (await presentBases([record]))[0]!;
}
