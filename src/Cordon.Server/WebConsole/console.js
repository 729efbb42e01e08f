// The console works without this script; with it, times show in the viewer's own zone, deadlines count down, and
// regions marked data-live redraw themselves when the organisation's event stream says something changed.
(() => {
  'use strict';
  const language = document.documentElement.lang || undefined;

  function localTimes(root) {
    const format = new Intl.DateTimeFormat(language, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    });
    for (const time of root.querySelectorAll('time[data-local]')) {
      const at = Date.parse(time.dateTime);
      if (!Number.isNaN(at)) {
        time.textContent = format.format(at);
        time.title = time.dateTime;
      }
    }
  }

  function countdowns() {
    const now = Date.now();
    for (const time of document.querySelectorAll('time[data-countdown]')) {
      const due = Date.parse(time.dateTime);
      if (Number.isNaN(due)) {
        continue;
      }
      const over = due < now;
      const seconds = Math.floor(Math.abs(due - now) / 1000);
      const days = Math.floor(seconds / 86400);
      const hours = Math.floor((seconds % 86400) / 3600);
      const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
      const rest = String(seconds % 60).padStart(2, '0');
      const span = (days > 0 ? days + 'd ' : '') + hours + ':' + minutes + ':' + rest;
      time.textContent = (over ? time.dataset.over : time.dataset.left).replace('{0}', span);
      time.closest('tr')?.classList.toggle('overdue', over);
    }
  }

  localTimes(document);
  countdowns();
  setInterval(countdowns, 1000);

  // A form with data-progress is sent in the background; the server answers with JSON lines while it works.
  const number = (value) => Number(value).toLocaleString(language);
  const fill = (template, ...values) => template.replace(/\{(\d)(?::F1)?\}/g, (_, k) => values[Number(k)]);
  for (const form of document.querySelectorAll('form[data-progress]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const panel = document.getElementById(form.dataset.progressPanel);
      const bar = panel.querySelector('progress');
      const status = panel.querySelector('[role=status]');
      const failure = panel.querySelector('[role=alert]');
      const table = panel.querySelector('table');
      const rows = table.querySelector('tbody');
      panel.hidden = false;
      failure.hidden = true;
      table.hidden = true;
      rows.replaceChildren();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      const request = new XMLHttpRequest();
      request.open('POST', form.dataset.progress);
      request.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          bar.max = e.total;
          bar.value = e.loaded;
          status.textContent = fill(panel.dataset.uploading, Math.floor(100 * e.loaded / e.total));
        }
      };
      let read = 0;
      const failed = () => {
        failure.textContent = fill(panel.dataset.failed, request.status);
        failure.hidden = false;
      };
      const consume = () => {
        // Only the import's JSON lines: a sign-in page (session ended) or an error page is not read as progress.
        if (!(request.getResponseHeader('Content-Type') || '').startsWith('application/x-ndjson')) {
          return;
        }
        const text = request.responseText;
        const end = text.lastIndexOf('\n');
        if (end < read) {
          return;
        }
        for (const line of text.slice(read, end).split('\n').filter((l) => l.length > 0)) {
          let message;
          try {
            message = JSON.parse(line);
          } catch {
            continue;
          }
          if (message.error) {
            failure.textContent = message.error;
            failure.hidden = false;
          } else if (message.done) {
            const d = message.done;
            bar.value = bar.max;
            status.textContent = fill(panel.dataset.done, number(d.rows), number(d.created), number(d.updated), number(d.rejected),
              d.seconds.toLocaleString(language, { maximumFractionDigits: 1 }));
          } else {
            bar.max = Math.max(1, message.total);
            bar.value = message.bytes;
            status.textContent = fill(panel.dataset.reading, number(message.rows), number(message.rejected));
            for (const refused of message.refused) {
              const row = rows.insertRow();
              row.insertCell().textContent = refused.line;
              row.insertCell().textContent = refused.reason;
              table.hidden = false;
            }
          }
        }
        read = end + 1;
      };
      request.onprogress = consume;
      request.onloadend = () => {
        try {
          consume();
          if (request.status !== 200 || !(request.getResponseHeader('Content-Type') || '').startsWith('application/x-ndjson')) {
            failed();
          }
        } finally {
          button.disabled = false;
        }
      };
      request.send(new FormData(form));
    });
  }

  const regions = [...document.querySelectorAll('[data-live]')];
  if (regions.length === 0 || !('EventSource' in window)) {
    return;
  }
  const wanted = (message) => regions.some((region) => region.dataset.live.split(' ').some((prefix) => message.type.startsWith(prefix))
    && (!region.dataset.liveId || JSON.stringify(message.data).includes(region.dataset.liveId)));

  // A region where someone is typing is left alone until they leave it, then redrawn.
  const typing = (region) => region.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')
    || [...region.querySelectorAll('input:not([type=hidden]), textarea')].some((field) => field.value !== field.defaultValue);
  let timer = null;
  async function redraw() {
    timer = null;
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok || response.redirected) {
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const region of regions) {
      if (typing(region)) {
        region.addEventListener('focusout', () => {
          if (timer === null) {
            timer = setTimeout(redraw, 150);
          }
        }, { once: true });
        continue;
      }
      const replacement = fresh.getElementById(region.id);
      if (!replacement) {
        continue;
      }
      const known = new Set([...region.querySelectorAll('[data-row]')].map((row) => row.dataset.row));
      region.innerHTML = replacement.innerHTML;
      for (const row of region.querySelectorAll('[data-row]')) {
        if (!known.has(row.dataset.row)) {
          row.classList.add('fresh');
        }
      }
      localTimes(region);
    }
    countdowns();
    const status = document.getElementById('live-status');
    if (status) {
      status.textContent = status.dataset.updated.replace('{0}', new Date().toLocaleTimeString(language));
    }
  }

  // The stream starts when it opens: whatever changed between the page's drawing and then is fetched once.
  const source = new EventSource('/console/events');
  let opened = false;
  source.onopen = () => {
    if (opened && timer === null) {
      timer = setTimeout(redraw, 150);
    }
    opened = true;
  };
  source.onmessage = (event) => {
    try {
      if (wanted(JSON.parse(event.data)) && timer === null) {
        timer = setTimeout(redraw, 150);
      }
    } catch {
      // Not an event this page understands.
    }
  };
  window.addEventListener('pagehide', () => source.close());
})();
