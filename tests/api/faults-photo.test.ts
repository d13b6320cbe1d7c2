import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import sharp from 'sharp';
import { CaseEventModel, CaseModel, PhotoModel } from '../../backend/src/modules/cases';
import { createCategory } from '../../backend/src/modules/catalogue';
import { useTestApp, type TestApp } from '../support/app';
import { loginAs, uniq } from '../support/factories';
import { buildZoneWithCells } from '../support/geo-factories';

async function reportedCase(t: TestApp): Promise<{ auth: string; id: string }> {
  const area = await buildZoneWithCells(t, { cols: 1 });
  const category = await createCategory({
    code: uniq('photo-'),
    name: { zh: '占道经营', en: 'Street vending' },
    domain: 'city_appearance',
    defaultTier: 'grid',
    deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
    urgentDeadlines: null,
    legalBasis: '《城市市容和环境卫生管理条例》',
    coAgencies: [],
    penaltyCapable: false,
    active: true,
  });
  const { auth } = await loginAs(t, 'dispatcher');
  const res = await t
    .http()
    .post('/api/v1/incidents')
    .set('Authorization', auth)
    .send({ location: { type: 'Point', coordinates: area.cells[0]!.centre }, category: category.code, description: '占道摆摊', source: 'hotline' });
  expect(res.status).toBe(201);
  return { auth, id: res.body.data.id };
}

const jpeg = () => sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();

/** The upload failed cleanly: no photo document, no timeline event, the case as it was. */
async function expectNothingStored(caseId: string, seqBefore: number): Promise<void> {
  expect(await PhotoModel.countDocuments({ caseId: new mongoose.Types.ObjectId(caseId) })).toBe(0);
  expect(await CaseEventModel.countDocuments({ caseId: new mongoose.Types.ObjectId(caseId), action: 'photo_added' })).toBe(0);
  const kase = await CaseModel.findById(caseId).lean();
  expect(kase!.seq).toBe(seqBefore);
  expect(kase!.photoIds).toEqual([]);
}

// A tmpfs of 64 KiB filled to the last byte: the disk is full for the photo store (root mounts it).
const fullDir = mkdtempSync(path.join(os.tmpdir(), 'ge-full-'));

describe('faults: photo store on a full disk', () => {
  const t = useTestApp({ PHOTO_STORE: 'dir', PHOTO_DIR: fullDir });
  beforeAll(() => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', fullDir]);
    try {
      writeFileSync(path.join(fullDir, 'filler'), Buffer.alloc(1024 * 1024));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
  });
  afterAll(() => {
    execFileSync('umount', [fullDir]);
  });

  test('507 STORAGE_FULL in the error shape; no photo, no event, no file left behind', async () => {
    const { auth, id } = await reportedCase(t);
    const seq = (await CaseModel.findById(id).lean())!.seq;
    const res = await t.http().post(`/api/v1/cases/${id}/photos`).set('Authorization', auth).attach('photo', await jpeg(), { filename: 'a.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(507);
    expect(res.body.error).toMatchObject({ code: 'STORAGE_FULL', message: expect.stringContaining('full') });
    expect(res.headers['retry-after']).toBe('60');
    await expectNothingStored(id, seq);
    // No photo bytes are left in the store (the open of a file that then cannot be written may leave it empty).
    const leftovers = readdirSync(fullDir).filter((f) => f !== 'filler');
    expect(leftovers.map((f) => statSync(path.join(fullDir, f)).size).filter((size) => size > 0)).toEqual([]);
  }, 30000);
});

// A photo directory that cannot exist (its parent is a file): an unusable store.
const brokenParent = mkdtempSync(path.join(os.tmpdir(), 'ge-broken-'));
writeFileSync(path.join(brokenParent, 'not-a-dir'), 'x');

describe('faults: photo store directory unusable', () => {
  const t = useTestApp({ PHOTO_STORE: 'dir', PHOTO_DIR: path.join(brokenParent, 'not-a-dir', 'photos') });

  test('503 STORAGE_UNAVAILABLE with Retry-After; nothing stored', async () => {
    const { auth, id } = await reportedCase(t);
    const seq = (await CaseModel.findById(id).lean())!.seq;
    const res = await t.http().post(`/api/v1/cases/${id}/photos`).set('Authorization', auth).attach('photo', await jpeg(), { filename: 'a.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(res.headers['retry-after']).toBe('60');
    await expectNothingStored(id, seq);
  }, 30000);
});
