// Bosun's "Finished work" in Cockpit: finished tasks and plans (Camunda 7 Community Edition's
// Cockpit shows running instances only) and the timeline of each. A plain ES module in Cockpit's
// frontend plugin format (7.14+): Cockpit imports it from
// /camunda/api/cockpit/plugin/bosun-finished-work/static/app/plugin.js and renders each entry at
// its plugin point. The data comes from dev.bosun.cockpit.FinishedWorkResource, behind Cockpit's
// login. Every text from the server is set as textContent, never as HTML.

const ROUTE = '/bosun-finished-work';
const STATUSES = ['merged', 'abandoned', 'cancelled', 'done', 'failed'];
const FILTERS = [
  ['id', 'Task or plan id', 'text'],
  ['title', 'Title', 'text'],
  ['member', 'Member', 'text'],
  ['status', 'Status', 'status'],
  ['from', 'Ended from', 'date'],
  ['to', 'Ended to', 'date'],
];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

async function getJson(api, path) {
  const response = await fetch(
    `${api.cockpitApi}/plugin/bosun-finished-work/${encodeURIComponent(api.engine)}${path}`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } },
  );
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) {
    throw new Error(body.error || `HTTP ${response.status}`);
  }
  return body;
}

function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function lasted(startIso, endIso) {
  if (!startIso || !endIso) {
    return '';
  }
  const millis = new Date(endIso) - new Date(startIso);
  return millis < 1000 ? `${millis} ms` : `${(millis / 1000).toFixed(1)} s`;
}

/** The filter's values from the route's query (#/bosun-finished-work?status=merged). */
function queryOfHash() {
  const hash = window.location.hash;
  const question = hash.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : hash.substring(question + 1));
}

function filterForm(values, onSubmit) {
  const form = element('form', 'bosun-filter form-inline');
  for (const [name, label, type] of FILTERS) {
    const group = element('label', 'bosun-filter-field');
    group.appendChild(element('span', null, label));
    let input;
    if (type === 'status') {
      input = element('select', 'form-control');
      input.appendChild(element('option', null, 'any')).value = '';
      for (const status of STATUSES) {
        input.appendChild(element('option', null, status)).value = status;
      }
    } else {
      input = element('input', 'form-control');
      input.type = type;
    }
    input.name = name;
    input.value = values.get(name) || '';
    group.appendChild(input);
    form.appendChild(group);
  }
  const submit = element('button', 'btn btn-primary', 'Filter');
  submit.type = 'submit';
  form.appendChild(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name] of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) {
        query.set(name, value);
      }
    }
    onSubmit(query);
  });
  return form;
}

function instanceTable(instances) {
  const table = element('table', 'table table-striped bosun-instances');
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  for (const column of ['Kind', 'Id', 'Title', 'Member', 'Status', 'Started', 'Ended']) {
    head.appendChild(element('th', null, column));
  }
  const body = table.appendChild(element('tbody'));
  for (const instance of instances) {
    const row = body.appendChild(element('tr', 'bosun-instance'));
    row.dataset.id = instance.id;
    row.dataset.status = instance.status;
    row.appendChild(element('td', null, instance.kind));
    const link = element('a', 'bosun-open', instance.id);
    link.href = `#${ROUTE}/${encodeURIComponent(instance.processInstanceId)}`;
    row.appendChild(element('td')).appendChild(link);
    row.appendChild(element('td', null, instance.title));
    row.appendChild(element('td', null, instance.member || ''));
    row.appendChild(element('td', `bosun-status bosun-status-${instance.status}`, instance.status));
    row.appendChild(element('td', null, when(instance.startedAt)));
    row.appendChild(element('td', null, when(instance.endedAt)));
  }
  return table;
}

async function renderList(node, api) {
  const page = node.appendChild(element('section', 'bosun-finished-work'));
  page.appendChild(element('h1', null, 'Finished work'));
  page.appendChild(element('p', 'text-muted',
    'Tasks and plans that ended (merged, abandoned, cancelled, done, failed); open one for its timeline.'));
  const values = queryOfHash();
  page.appendChild(filterForm(values, (query) => {
    window.location.hash = `#${ROUTE}${query.toString() ? '?' + query : ''}`;
  }));
  const results = page.appendChild(element('div', 'bosun-results', 'Loading…'));
  try {
    const { instances } = await getJson(api, `/instances?${values}`);
    results.textContent = '';
    if (instances.length === 0) {
      results.appendChild(element('p', 'bosun-empty', 'No finished task or plan matches.'));
    } else {
      results.appendChild(instanceTable(instances));
    }
  } catch (e) {
    results.textContent = '';
    results.appendChild(element('div', 'alert alert-danger bosun-error', e.message));
  }
}

function entryDetails(details) {
  const list = element('dl', 'bosun-details');
  for (const [label, value] of Object.entries(details || {})) {
    list.appendChild(element('dt', null, label));
    list.appendChild(element('dd', `bosun-detail-${label}`, value));
  }
  return list;
}

async function renderTimeline(node, api) {
  const page = node.appendChild(element('section', 'bosun-finished-work bosun-timeline-page'));
  const back = page.appendChild(element('a', 'bosun-back', '← Finished work'));
  back.href = `#${ROUTE}`;
  const processInstanceId = decodeURIComponent(window.location.hash.split('?')[0].split('/')[2] || '');
  const content = page.appendChild(element('div', null, 'Loading…'));
  try {
    const { instance, entries } = await getJson(api, `/instances/${encodeURIComponent(processInstanceId)}/timeline`);
    content.textContent = '';
    content.appendChild(element('h1', 'bosun-timeline-title', `${instance.kind} ${instance.id}: ${instance.title}`));
    const summary = content.appendChild(element('p', 'bosun-summary'));
    summary.appendChild(element('span', `bosun-status bosun-status-${instance.status}`, instance.status));
    summary.appendChild(document.createTextNode(
      ` · ${instance.member ? 'member ' + instance.member + ' · ' : ''}${when(instance.startedAt)} → ${when(instance.endedAt)}`));
    const table = content.appendChild(element('table', 'table bosun-timeline'));
    const head = table.appendChild(element('thead')).appendChild(element('tr'));
    for (const column of ['When', 'Kind', 'What', 'Took', 'Details']) {
      head.appendChild(element('th', null, column));
    }
    const body = table.appendChild(element('tbody'));
    for (const entry of entries) {
      const row = body.appendChild(element('tr', `bosun-entry bosun-entry-${entry.kind}`));
      row.appendChild(element('td', 'bosun-when', when(entry.at)));
      row.appendChild(element('td')).appendChild(element('span', `bosun-kind bosun-kind-${entry.kind}`, entry.kind));
      row.appendChild(element('td', 'bosun-entry-title', entry.title));
      row.appendChild(element('td', null, lasted(entry.at, entry.end)));
      row.appendChild(element('td')).appendChild(entryDetails(entry.details));
    }
  } catch (e) {
    content.textContent = '';
    content.appendChild(element('div', 'alert alert-danger bosun-error', e.message));
  }
}

export default [
  {
    id: 'bosun-finished-work-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    checkActive: (path) => path.indexOf(`#${ROUTE}`) > -1,
    render: (node) => {
      const link = element('a', 'bosun-navigation', 'Finished work');
      link.href = `#${ROUTE}`;
      node.appendChild(link);
    },
  },
  {
    id: 'bosun-finished-work-list',
    pluginPoint: 'cockpit.route',
    properties: { path: ROUTE },
    render: (node, { api }) => {
      renderList(node, api);
    },
  },
  {
    id: 'bosun-finished-work-timeline',
    pluginPoint: 'cockpit.route',
    properties: { path: `${ROUTE}/:processInstanceId` },
    render: (node, { api }) => {
      renderTimeline(node, api);
    },
  },
];
