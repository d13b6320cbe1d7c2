import sharp from 'sharp';
import { PhotoModel } from '../../backend/src/modules/cases';
import { useTestApp } from '../support/app';
import { buildArea, caseAt, type Area } from '../support/case-factories';

async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Make: 'PhoneCo', Model: 'Patrol-1' }, IFD3: { GPSLatitudeRef: 'N' } } })
    .toBuffer();
}

describe('case photos', () => {
  const t = useTestApp({ PHOTO_MAX_BYTES: String(200 * 1024) });
  let a: Area;
  let caseId: string;
  beforeAll(async () => {
    a = await buildArea(t);
    caseId = await caseAt(t, a, 'in_progress');
  });
  const upload = (auth: string, id: string, bytes: Buffer, name = 'photo.jpg') =>
    t.http().post(`/api/v1/cases/${id}/photos`).set('Authorization', auth).attach('photo', bytes, name);

  test('a JPEG is stored without its metadata, with a thumbnail, and listed on the case and its timeline', async () => {
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(a.inspectors[0]!.auth, caseId, original);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ contentType: 'image/jpeg', width: 64, height: 48, url: `/api/v1/photos/${res.body.data.id}` });
    const full = await t.http().get(res.body.data.url).set('Authorization', a.dispatcher.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    const thumb = await t.http().get(res.body.data.thumbUrl).set('Authorization', a.inspectors[0]!.auth);
    expect(thumb.status).toBe(200);
    const c = (await t.http().get(`/api/v1/cases/${caseId}`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(c.photos.map((p: { id: string }) => p.id)).toContain(res.body.data.id);
    const tl = (await t.http().get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(tl[tl.length - 1]).toMatchObject({ action: 'photo_added', attachments: [res.body.data.id] });
  });

  test('PNG and WebP are accepted, checked by content rather than by name', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#00ff00' } }).png().toBuffer();
    const webp = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#0000ff' } }).webp().toBuffer();
    expect((await upload(a.inspectors[0]!.auth, caseId, png, 'looks-like.jpg')).body.data.contentType).toBe('image/png');
    expect((await upload(a.inspectors[0]!.auth, caseId, webp, 'x.bin')).body.data.contentType).toBe('image/webp');
  });

  test('other types → 415, a corrupt image → 400, too large → 413, no file → 400; nothing is left behind', async () => {
    const before = await PhotoModel.countDocuments({ caseId });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');
    const asJpg = await upload(a.inspectors[0]!.auth, caseId, gif, 'photo.jpg');
    expect(asJpg.status).toBe(415);
    expect(asJpg.body.error.code).toBe('UNSUPPORTED_PHOTO_TYPE');
    const script = await upload(a.inspectors[0]!.auth, caseId, Buffer.from('<script>alert(1)</script>'), 'x.png');
    expect(script.status).toBe(415);
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]);
    expect((await upload(a.inspectors[0]!.auth, caseId, corrupt)).status).toBe(400);
    const big = Buffer.concat([await jpegWithExif(), Buffer.alloc(300 * 1024, 1)]);
    const tooBig = await upload(a.inspectors[0]!.auth, caseId, big);
    expect(tooBig.status).toBe(413);
    const none = await t.http().post(`/api/v1/cases/${caseId}/photos`).set('Authorization', a.inspectors[0]!.auth).field('note', 'x');
    expect(none.status).toBe(400);
    const json = await t.http().post(`/api/v1/cases/${caseId}/photos`).set('Authorization', a.inspectors[0]!.auth).send({ photo: 'x' });
    expect(json.status).toBe(415);
    expect(await PhotoModel.countDocuments({ caseId })).toBe(before);
  });

  test('photos are served only to users who may see the case', async () => {
    const res = await upload(a.inspectors[0]!.auth, caseId, await jpegWithExif());
    const id = res.body.data.id;
    expect((await t.http().get(`/api/v1/photos/${id}`).set('Authorization', a.inspectors[1]!.auth)).status).toBe(404);
    expect((await t.http().get(`/api/v1/photos/${id}/thumb`).set('Authorization', a.admin.auth)).status).toBe(404);
    expect((await t.http().get(`/api/v1/photos/${id}`)).status).toBe(401);
    expect((await t.http().get(`/api/v1/photos/${id}`).set('Authorization', a.legal.auth)).status).toBe(200);
    expect((await upload(a.inspectors[1]!.auth, caseId, await jpegWithExif())).status).toBe(404);
    expect((await upload(a.legal.auth, caseId, await jpegWithExif())).status).toBe(403);
  });
});
