import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, MAX_EVIDENCE_FILES, MAX_UPLOAD_BYTES } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, login, signedIn } from '../../../test/factories.js';
import { mealsNeedBody, mealsOfferBody } from '../../../test/matchingFactories.js';
import { MatchModel } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

/** A real 1×1 PNG and a small PDF, judged by their content as uploads are. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function account(role: 'resident' | 'organization', orgName?: string) {
  const user = await buildUser({ role });
  if (orgName) await buildOrganization(user, { name: orgName });
  const client = server.client();
  await login(client, user.email);
  return { user, client };
}

const need = mealsNeedBody();
const offer = mealsOfferBody();

/** A resident's need and an organization's offer, matched and (unless told otherwise) accepted. */
async function matchOf(stage: 'proposed' | 'accepted' = 'accepted') {
  const resident = await account('resident');
  const provider = await account('organization', '长者助餐社');
  const needId = (await resident.client.post('/api/listings', need)).body.listing.id;
  const offerId = (await provider.client.post('/api/listings', offer)).body.listing.id;
  const proposed = await resident.client.post('/api/matches', { needId, offerId });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const id = proposed.body.match.id as string;
  if (stage === 'accepted')
    expect((await provider.client.post(`/api/matches/${id}/accept`)).status).toBe(200);
  return { resident, provider, id };
}

function upload(
  client: TestClient,
  matchId: string,
  data: Buffer,
  filename: string,
  contentType: string,
  fields: Record<string, string> = {},
) {
  return client.csrfToken().then((token) => {
    const req = client.agent.post(`/api/matches/${matchId}/evidence-files`).set('X-CSRF-Token', token);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('file', data, { filename, contentType });
  });
}

/** How many files storage holds. */
async function storedFiles(): Promise<number> {
  const root = path.join(server.ctx.config.DATA_DIR, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

const expectErrorBody = (body: unknown, code: string) => {
  const parsed = errorBodySchema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  expect(parsed.data!.error.code).toBe(code);
};

describe('evidence files of a match', () => {
  it('lets a side attach a PNG and a PDF that the other side downloads byte for byte', async () => {
    const { resident, provider, id } = await matchOf();
    const seen: { fileId: string; actorId?: string }[] = [];
    const off = server.ctx.events.on('match.evidenceAttached', (e) => void seen.push(e));

    const photo = await upload(provider.client, id, PNG, '送餐现场 3月.png', 'image/png');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const receipt = await upload(provider.client, id, PDF, '签收单.pdf', 'application/pdf');
    expect(receipt.status).toBe(201);
    off();
    const files = receipt.body.match.evidenceFiles;
    expect(files).toHaveLength(2);
    expect(files[0]).toMatchObject({
      filename: '送餐现场 3月.png',
      contentType: 'image/png',
      size: PNG.length,
      uploadedBy: String(provider.user._id),
      side: 'offer',
    });
    expect(files[1]).toMatchObject({
      filename: '签收单.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    expect(Date.parse(files[1].uploadedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(receipt.body)).not.toContain('storageKey');
    expect(seen.map((e) => e.fileId)).toEqual(files.map((f: { id: string }) => f.id));
    expect(seen[0]!.actorId).toBe(String(provider.user._id));

    // The other side sees them on the match, and downloads each as it was sent.
    const listed = (await resident.client.get(`/api/matches/${id}`)).body.match.evidenceFiles;
    expect(listed.map((f: { id: string }) => f.id)).toEqual(files.map((f: { id: string }) => f.id));
    for (const [file, bytes] of [
      [files[0], PNG],
      [files[1], PDF],
    ] as const) {
      const res = await resident.client.download(`/api/matches/${id}/evidence-files/${file.id}`);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['content-type']).toBe(file.contentType);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      );
    }

    // Completing keeps them; the other side may still add one it forgot, until a review is written.
    const completed = await provider.client.post(`/api/matches/${id}/complete`, {
      evidence: { summary: '三月共送餐 24 次' },
    });
    expect(completed.body.match).toMatchObject({ status: 'completed', evidenceFiles: files });
    expect((await upload(resident.client, id, PNG, 'photo.png', 'image/png')).status).toBe(201);
    expect((await resident.client.post(`/api/matches/${id}/review`, { rating: 5 })).status).toBe(200);
    const late = await upload(provider.client, id, PNG, 'late.png', 'image/png');
    expect(late.status).toBe(409);
    expectErrorBody(late.body, 'conflict');
    const after = (await provider.client.get(`/api/matches/${id}`)).body.match.evidenceFiles;
    expect(after.map((f: { side: string }) => f.side)).toEqual(['offer', 'offer', 'need']);
  });

  it('is neither listed, attached nor downloaded by anyone but the two sides, whatever id they guess', async () => {
    const { provider, id } = await matchOf();
    const file = (await upload(provider.client, id, PDF, '签收单.pdf', 'application/pdf')).body.match
      .evidenceFiles[0];
    const other = await matchOf();
    const otherFile = (await upload(other.provider.client, other.id, PNG, 'x.png', 'image/png')).body.match
      .evidenceFiles[0];
    const url = `/api/matches/${id}/evidence-files/${file.id}`;

    const stranger = await account('resident');
    const thirdOrganization = await account('organization', '另一家服务社');
    const operator = await signedIn(server, { role: 'operator' });
    const before = await storedFiles();
    for (const outsider of [stranger, thirdOrganization, operator]) {
      expect((await outsider.client.get(`/api/matches/${id}`)).status).toBe(404);
      const res = await outsider.client.get(url);
      expect(res.status).toBe(404);
      expectErrorBody(res.body, 'not_found');
      const attempt = await upload(outsider.client, id, PNG, 'x.png', 'image/png');
      expect(attempt.status).toBe(404);
      expectErrorBody(attempt.body, 'not_found');
    }
    const anonymous = server.client();
    expect((await anonymous.get(url)).status).toBe(401);
    expect((await upload(anonymous, id, PNG, 'x.png', 'image/png')).status).toBe(401);

    // A side cannot reach another match's file through its own match, nor a file id that does not exist.
    expect((await provider.client.get(`/api/matches/${id}/evidence-files/${otherFile.id}`)).status).toBe(404);
    expect((await provider.client.get(`/api/matches/${id}/evidence-files/${'0'.repeat(24)}`)).status).toBe(
      404,
    );
    expect((await provider.client.get(`/api/matches/${id}/evidence-files/not-an-id`)).status).toBe(400);
    expect(await storedFiles()).toBe(before);
    expect((await MatchModel.findById(id).lean())!.evidenceFiles).toHaveLength(1);
  });

  it('refuses a file that is not a photo or PDF, or too large, with the error body, storing nothing', async () => {
    const { resident, id } = await matchOf();
    const before = await storedFiles();
    const html = await upload(
      resident.client,
      id,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'photo.png',
      'image/png',
    );
    expect(html.status).toBe(400);
    expectErrorBody(html.body, 'validation_failed');
    expect(html.body.error.details[0]).toMatchObject({ path: 'file', code: 'file_type' });
    const svg = await upload(
      resident.client,
      id,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'chart.svg',
      'image/svg+xml',
    );
    expect(svg.status).toBe(400);
    expectErrorBody(svg.body, 'validation_failed');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const huge = await upload(resident.client, id, big, 'big.png', 'image/png');
    expect(huge.status).toBe(413);
    expectErrorBody(huge.body, 'payload_too_large');
    const extraField = await upload(resident.client, id, PNG, 'x.png', 'image/png', { side: 'offer' });
    expect(extraField.status).toBe(400);
    expectErrorBody(extraField.body, 'validation_failed');
    expect(await storedFiles()).toBe(before);
    expect((await MatchModel.findById(id).lean())!.evidenceFiles).toEqual([]);
  });

  it('refuses uploads to a proposed or declined match, and beyond the most a match keeps', async () => {
    const proposed = await matchOf('proposed');
    const before = await storedFiles();
    const early = await upload(proposed.provider.client, proposed.id, PNG, 'x.png', 'image/png');
    expect(early.status).toBe(409);
    expectErrorBody(early.body, 'conflict');
    expect(
      (await proposed.provider.client.post(`/api/matches/${proposed.id}/decline`, { reason: '名额已满' }))
        .status,
    ).toBe(200);
    expect((await upload(proposed.resident.client, proposed.id, PNG, 'x.png', 'image/png')).status).toBe(409);
    expect(await storedFiles()).toBe(before);

    const { resident, provider, id } = await matchOf();
    const empty = await storedFiles();
    for (let i = 0; i < MAX_EVIDENCE_FILES - 1; i++)
      expect((await upload(resident.client, id, PNG, `照片${i + 1}.png`, 'image/png')).status).toBe(201);
    // Both sides race for the last place: one gets it, and the loser's file is not left in storage.
    const race = await Promise.all([
      upload(resident.client, id, PNG, 'last.png', 'image/png'),
      upload(provider.client, id, PDF, 'last.pdf', 'application/pdf'),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await storedFiles()).toBe(empty + MAX_EVIDENCE_FILES);
    const extra = await upload(resident.client, id, PNG, 'one-more.png', 'image/png');
    expect(extra.status).toBe(409);
    expect(await storedFiles()).toBe(empty + MAX_EVIDENCE_FILES);
    expect((await MatchModel.findById(id).lean())!.evidenceFiles).toHaveLength(MAX_EVIDENCE_FILES);
  });
});
