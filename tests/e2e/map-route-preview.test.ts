import { ApiClient } from './support/api';
import { DESKTOP, newPerson } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 4's map: on the dispatcher's map console a click on the map (not on a case marker) shows
 * what the router says for that point — grid cell, village, zone, team, tier, the responsible
 * inspectors — or "out of grid → bureau dispatch queue"; with the map focused, Enter does the same
 * for the map's centre. The popup agrees with GET /routing/locate for the same point.
 */
interface Locate {
  grid: { code: string } | null;
  village: { name: { zh: string; en: string } } | null;
  zone: { code: string } | null;
  team: { code: string } | null;
  tier: string | null;
  inspectors: { displayName: string }[];
  outOfGrid: boolean;
}

const story = useBrowserStory({ demoCases: 0 });
let api: ApiClient;
const people = story.people;

beforeAll(async () => {
  api = await ApiClient.login(story.server.baseUrl, 'dispatcher');
}, 240_000);

test('a click on the map shows the router’s answer for that point, in a cell and out of grid', async () => {
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(dispatcher);
  const { page } = dispatcher;
  await dispatcher.login('dispatcher');
  await page.goto('/map');
  await page.getByTestId('map-console').waitFor();
  const map = page.locator('.console-map .leaflet-container');
  await map.waitFor();
  // Wait for the cells to be drawn (the view fits the zones once they load).
  await page.locator('.console-map .leaflet-overlay-pane canvas, .console-map .leaflet-overlay-pane path').first().waitFor();
  await dispatcher.settle();
  const box = (await map.boundingBox())!;

  const preview = page.getByTestId('route-preview');
  const answerShown = async () => {
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="route-preview"]');
      return s && s.getAttribute('data-state') !== 'loading';
    });
    const lng = Number(await preview.getAttribute('data-lng'));
    const lat = Number(await preview.getAttribute('data-lat'));
    return (await api.get<{ data: Locate }>('/routing/locate', { lng, lat })).data;
  };

  // In the old town: the middle of the map.
  await map.click({ position: { x: box.width / 2 + 7, y: box.height / 2 + 5 } });
  const inCell = await answerShown();
  expect(inCell.outOfGrid).toBe(false);
  expect(await preview.getAttribute('data-state')).toBe('in');
  expect(await page.getByTestId('route-preview-grid').textContent()).toContain(inCell.grid!.code);
  expect(await page.getByTestId('route-preview-village').textContent()).toBe(inCell.village!.name.zh);
  expect(await page.getByTestId('route-preview-zone').textContent()).toContain(inCell.zone!.code);
  expect(await page.getByTestId('route-preview-team').textContent()).toContain(inCell.team!.code);
  expect(await page.getByTestId('route-preview-tier').textContent()).toBe('取决于事项');
  const names = inCell.inspectors.map((i) => i.displayName);
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(await page.getByTestId('route-preview-inspectors').textContent()).toContain(n);
  await dispatcher.shot('map-route-preview', 'zh-CN');

  // With a category chosen in the filter bar, the tier is the category's.
  await page.getByTestId('map-filters').getByLabel('事项', { exact: true }).selectOption('street-vending');
  await map.click({ position: { x: box.width / 2 - 9, y: box.height / 2 + 3 } });
  expect((await answerShown()).outOfGrid).toBe(false);
  await page.waitForFunction(() => document.querySelector('[data-testid="route-preview-tier"]')?.textContent === '网格');
  expect(await page.getByTestId('route-preview-point').textContent()).toContain('占道经营');

  // Out of grid: a corner of the map after zooming out (keyboard: focus the map, press "-").
  await map.focus();
  await page.keyboard.press('Minus');
  await page.keyboard.press('Minus');
  await dispatcher.settle();
  await map.click({ position: { x: box.width - 15, y: 60 } });
  const outside = await answerShown();
  expect(outside.outOfGrid).toBe(true);
  expect(await preview.getAttribute('data-state')).toBe('out');
  expect(await page.getByTestId('route-preview-out').textContent()).toContain('局指挥中心派遣队列');
  await dispatcher.shot('map-route-preview-out-of-grid', 'zh-CN');

  // Keyboard: Enter on the focused map previews its centre; English strings after a switch.
  await dispatcher.switchLanguage('en');
  await map.focus();
  await page.keyboard.press('Enter');
  const centre = await answerShown();
  // (The out-of-grid popup panned the map, so the centre may lie in a cell or outside: the popup agrees with the API either way.)
  expect(await preview.getAttribute('data-state')).toBe(centre.outOfGrid ? 'out' : 'in');
  if (centre.outOfGrid) expect(await page.getByTestId('route-preview-out').textContent()).toContain('bureau dispatch queue');
  else {
    expect(await preview.textContent()).toContain('Responsible inspectors');
    expect(await page.getByTestId('route-preview-village').textContent()).toBe(centre.village!.name.en);
  }
  // A fresh view (fitted to the town again), in English: the middle of the map.
  await page.reload();
  await page.locator('.console-map .leaflet-overlay-pane canvas, .console-map .leaflet-overlay-pane path').first().waitFor();
  await dispatcher.settle();
  await map.click({ position: { x: box.width / 2 + 7, y: box.height / 2 + 5 } });
  const again = await answerShown();
  expect(again.outOfGrid).toBe(false);
  expect(await page.getByTestId('route-preview-village').textContent()).toBe(again.village!.name.en);
  expect(await page.getByTestId('route-preview-point').textContent()).toMatch(/^lng \d/);
  await dispatcher.shot('map-route-preview', 'en');
}, 180_000);
