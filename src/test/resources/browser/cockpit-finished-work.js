// Audits finished work in Camunda Cockpit the way a person does, in a real headless Chromium
// driven by playwright-core: log in, open Bosun's "Finished work" page, find a merged task and an
// abandoned one, filter by status, open each timeline. Run by FinishedWorkBrowserTest; prints one
// JSON line with what it saw, and saves screenshots into SHOTS.
// Environment: PLAYWRIGHT (folder holding node_modules/playwright-core), CHROMIUM, URL, PASSWORD,
// MERGED_ID, ABANDONED_ID, SHOTS.
const { chromium } = require(process.env.PLAYWRIGHT + '/node_modules/playwright-core');

const report = {};
(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    // Without a login the plugin's data is refused (a context of its own: no session).
    const stranger = await browser.newContext();
    const refused = await stranger.request.get(
      process.env.URL + '/camunda/api/cockpit/plugin/bosun-finished-work/default/instances');
    report.unauthenticatedStatus = refused.status();
    report.unauthenticatedBody = (await refused.text()).slice(0, 300);

    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (e) => { report.pageErrors = (report.pageErrors || []).concat(String(e).split('\n')[0]); });
    // Cockpit's first load on a busy machine may time out loading its modules: try again, within two minutes.
    const deadline = Date.now() + 120000;
    do {
      await page.goto(process.env.URL + '/camunda/app/cockpit/default/');
      report.loggedIn = await logIn(page, process.env.PASSWORD);
    } while (!report.loggedIn && Date.now() < deadline);
    if (!report.loggedIn) {
      return;
    }
    // The plugin's own entry in Cockpit's header.
    await page.locator('a.bosun-navigation').click({ timeout: 60000 });
    const merged = page.locator(`tr.bosun-instance[data-id="${process.env.MERGED_ID}"]`);
    const abandoned = page.locator(`tr.bosun-instance[data-id="${process.env.ABANDONED_ID}"]`);
    await merged.waitFor({ timeout: 60000 });
    await abandoned.waitFor({ timeout: 60000 });
    report.listed = await rows(page);
    await page.screenshot({ path: process.env.SHOTS + '/cockpit-finished-work.png' });

    await page.locator('select[name="status"]').selectOption('abandoned');
    await page.locator('form.bosun-filter button[type="submit"]').click();
    await page.waitForFunction(() => window.location.hash.includes('status=abandoned'));
    await merged.waitFor({ state: 'detached', timeout: 60000 });
    await abandoned.waitFor({ timeout: 60000 });
    report.filteredByStatus = await rows(page);

    // A bad filter value is refused with a message naming it (the session's own request, logged in).
    report.badDay = await page.evaluate(async () => {
      const response = await fetch('/camunda/api/cockpit/plugin/bosun-finished-work/default/instances?from=02.12.2026',
        { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return { status: response.status, body: await response.json() };
    });

    report.mergedTimeline = await timeline(page, process.env.MERGED_ID, 'cockpit-timeline-merged.png');
    report.abandonedTimeline = await timeline(page, process.env.ABANDONED_ID, 'cockpit-timeline.png');
  } catch (e) {
    report.error = String(e).split('\n')[0];
  } finally {
    await browser.close();
    console.log(JSON.stringify(report));
  }
})();

/** True when the login form gave way to Cockpit. */
async function logIn(page, password) {
  try {
    await page.fill('input[ng-model="username"]', 'admin', { timeout: 30000 });
    await page.fill('input[ng-model="password"]', password);
    await page.click('button[type="submit"]');
    await page.locator('input[ng-model="username"]').waitFor({ state: 'detached', timeout: 15000 });
    return true;
  } catch (e) {
    return false;
  }
}

async function rows(page) {
  return page.locator('tr.bosun-instance').evaluateAll((trs) =>
    trs.map((tr) => ({ id: tr.dataset.id, status: tr.dataset.status, text: tr.innerText })));
}

/** Opens the timeline of task `id` from the unfiltered list: its entries as shown, and a screenshot of all of it. */
async function timeline(page, id, screenshot) {
  await page.goto(process.env.URL + '/camunda/app/cockpit/default/#/bosun-finished-work');
  await page.locator(`tr.bosun-instance[data-id="${id}"] a.bosun-open`).click({ timeout: 60000 });
  await page.locator('tr.bosun-entry').first().waitFor({ timeout: 60000 });
  const shown = {
    title: await page.locator('.bosun-timeline-title').innerText(),
    entries: await page.locator('tr.bosun-entry').evaluateAll((trs) => trs.map((tr) => {
      const details = {};
      const terms = tr.querySelectorAll('dt');
      tr.querySelectorAll('dd').forEach((dd, i) => { details[terms[i].textContent] = dd.textContent; });
      return {
        kind: tr.querySelector('.bosun-kind').textContent,
        title: tr.querySelector('.bosun-entry-title').textContent,
        details,
      };
    })),
  };
  // Cockpit scrolls inside its own frame: a viewport as tall as the page shows every entry.
  const height = await page.evaluate(() => document.querySelector('.bosun-finished-work').scrollHeight + 200);
  await page.setViewportSize({ width: 1400, height: Math.max(900, Math.min(height, 6000)) });
  await page.screenshot({ path: process.env.SHOTS + '/' + screenshot });
  await page.setViewportSize({ width: 1400, height: 900 });
  return shown;
}
