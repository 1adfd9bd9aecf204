// Browser test of storyline's web page in Debian's headless Chromium.
// Usage: node browser.test.mjs BASE_URL SCREENSHOT_DIR
// The server must hold the index of examples/newsroom.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const failures = [];
page.on("pageerror", (e) => failures.push(e.message));

try {
  // The story list, largest first, then a search.
  await page.goto(`${base}/#/?order=largest`);
  await page.waitForSelector("#stories .story-link");
  const titles = await page.locator("#stories .story-link").allTextContents();
  assert.ok(titles.length >= 6, `expected the newsroom's stories, got ${titles.length}`);
  await page.screenshot({ path: `${shots}/stories.png`, fullPage: true });
  await page.fill("#search", "Keldar");
  await page.press("#search", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("#stories .story-row").length === 1);
  assert.match(await page.locator("#stories .story-link").textContent(), /Keldar/);

  // Navigate to a story by clicking it.
  await page.fill("#search", "Harbour Bridge");
  await page.click("#search-go");
  await page.waitForFunction(() => document.querySelectorAll("#stories .story-row").length === 1);
  await page.click("#stories .story-link");
  await page.waitForSelector("#story-title");
  assert.equal(await page.locator("#articles .article-row").count(), 3);
  const original = await page.locator("#articles .article-row", { hasText: "likely original" }).textContent();
  assert.match(original, /bridge-wire/);
  const relations = await page.locator("#relations .relation-row").allTextContents();
  assert.ok(relations.some((r) => r.includes("near-copy")), `relations: ${relations}`);
  assert.ok(relations.some((r) => r.includes("rewrite")), `relations: ${relations}`);
  const storyText = await page.locator("main").innerText();
  assert.ok(!/\b(null|undefined)\b/.test(storyText), `stray placeholder on the story page: ${storyText}`);
  assert.match(storyText, /3 articles\s+likely original: bridge-wire/);
  await page.screenshot({ path: `${shots}/story.png`, fullPage: true });

  // Open the rewrite pair's side-by-side view.
  await page.locator("#relations .relation-row", { hasText: "rewrite" })
    .filter({ hasText: "bridge-wire" }).locator(".compare-link").click();
  await page.waitForSelector("#compare .cell");
  assert.match(await page.locator("#relation").textContent(), /rewrite/);
  const aligned = await page.locator("#compare .cell.aligned").count();
  const added = await page.locator("#compare .cell.added").count();
  assert.ok(aligned >= 2, `aligned cells: ${aligned}`);
  assert.ok(added >= 1, `cells marked as additions: ${added}`);
  // Highlights must actually be drawn: a coloured background, and the
  // addition marker before an added sentence.
  const colours = await page.$$eval("#compare .cell.aligned, #compare .cell.added",
    (cells) => cells.map((c) => getComputedStyle(c).backgroundColor));
  assert.ok(colours.every((c) => c !== "rgba(0, 0, 0, 0)" && c !== "rgb(255, 255, 255)"), `colours: ${colours}`);
  const marker = await page.$eval("#compare .cell.added", (c) => getComputedStyle(c, "::before").content);
  assert.equal(marker, '"+ "');
  const compareText = await page.locator("main").innerText();
  assert.ok(!/\b(null|undefined)\b/.test(compareText), "stray placeholder on the compare page");
  await page.screenshot({ path: `${shots}/compare.png`, fullPage: true });
  assert.deepEqual(failures, [], "no script errors on the page");
  console.log(`browser test passed: ${titles.length} stories, ${aligned} aligned and ${added} added cells; screenshots in ${shots}`);
} finally {
  await browser.close();
}
