// Decides a Bosun escalation in Camunda Tasklist the way a person does, in a real headless
// Chromium driven by playwright-core: log in, open the escalation, claim it, choose a decision,
// complete. Run by TasklistBrowserTest; prints one JSON line with what it saw.
// Environment: PLAYWRIGHT (folder holding node_modules/playwright-core), CHROMIUM, URL, PASSWORD,
// TASK_TITLE, DECISION (retry | abandon | merge), GUIDANCE, SCREENSHOT.
const { chromium } = require(process.env.PLAYWRIGHT + '/node_modules/playwright-core');

const report = {};
(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    // The old default password must not open Tasklist (a context of its own: no shared session).
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(process.env.URL + '/camunda/app/tasklist/default/');
    report.defaultPasswordRefused = !(await logIn(stranger, 'admin'));

    // Camunda makes a user wait a few seconds after a failed login (the one above): try again
    // until it lets the right password in, within a minute.
    const page = await (await browser.newContext()).newPage();
    const deadline = Date.now() + 60000;
    do {
      await page.goto(process.env.URL + '/camunda/app/tasklist/default/');
      report.loggedIn = await logIn(page, process.env.PASSWORD);
    } while (!report.loggedIn && Date.now() < deadline);
    if (!report.loggedIn) {
      return;
    }
    const task = page.locator('.task', { hasText: process.env.TASK_TITLE }).first();
    await task.waitFor({ timeout: 60000 });
    await task.click();
    await page.locator('button.claim').click();
    const decision = page.locator('label.fjs-form-field-label', { hasText: new RegExp('^' + cap(process.env.DECISION)) });
    await decision.waitFor({ timeout: 60000 });
    await decision.locator('input[type=radio]').check();
    if (process.env.GUIDANCE) {
      await page.locator('textarea[id$="Field_Guidance"]').fill(process.env.GUIDANCE);
    }
    if (process.env.REASON) {
      await page.locator('textarea[id$="Field_Reason"]').fill(process.env.REASON);
    }
    const complete = page.locator('button[ng-click="complete()"]');
    await complete.click({ timeout: 60000 });
    // Tasklist removes the completed task from its list.
    await page.locator('.task', { hasText: process.env.TASK_TITLE }).first().waitFor({ state: 'detached', timeout: 60000 });
    report.completed = true;
    if (process.env.SCREENSHOT) {
      await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    }
  } catch (e) {
    report.error = String(e).split('\n')[0];
  } finally {
    await browser.close();
    console.log(JSON.stringify(report));
  }
})();

/** True when the login form gave way to Tasklist. */
async function logIn(page, password) {
  await page.fill('input[ng-model="username"]', 'admin');
  await page.fill('input[ng-model="password"]', password);
  await page.click('button[type="submit"]');
  try {
    await page.locator('input[ng-model="username"]').waitFor({ state: 'detached', timeout: 15000 });
    return true;
  } catch (e) {
    return false;
  }
}

function cap(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
