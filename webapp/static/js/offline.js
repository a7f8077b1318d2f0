// Lokaal Signaal on a poor connection (docs/offline.md): drafts kept on this device while
// typing, a signal given offline kept in a queue and sent once the connection returns. Each
// account has its own drafts and queue. Without this script every form works as before.
(() => {
  const d = document, ls = localStorage, ss = sessionStorage, on = () => navigator.onLine;
  // Who the page was made for. Offline the page may be the kept shell of an earlier visit: then
  // the last account seen online counts. A new account on this device drops the kept shells.
  let who = d.body.dataset.who;
  if (on()) {
    if (ls.lsWho && ls.lsWho !== who && self.caches) {
      caches.keys().then(ks => ks.forEach(k => k.startsWith('ls-pages') && caches.delete(k)));
    }
    ls.lsWho = who;
  } else who = ls.lsWho || who;

  // Drafts: every field but the tokens, per account, page and form.
  const key = f => 'lsDraft:' + who + ':' + location.pathname + ':' + f.getAttribute('action');
  const fields = f => [...f.elements].filter(e => e.name && !/^(csrf_token|submission_token)$/.test(e.name) && !/^(submit|button|hidden)$/.test(e.type));
  const save = f => {
    const kept = {};
    fields(f).forEach(e => {
      if (e.type === 'checkbox') (kept[e.name] = kept[e.name] || []).push(...(e.checked ? [e.value] : []));
      else kept[e.name] = e.value;
    });
    ls[key(f)] = JSON.stringify(kept);
  };
  const restore = f => {
    const kept = JSON.parse(ls[key(f)] || 'null');
    if (!kept) return;
    const ticked = new Set(fields(f).filter(e => e.checked).map(e => e.name));
    fields(f).forEach(e => {
      const v = kept[e.name];
      if (v === undefined) return;
      if (e.type === 'checkbox') { if (!ticked.has(e.name)) e.checked = v.includes(e.value); }
      else if (!e.value) e.value = v;
    });
  };
  const drafts = () => d.querySelectorAll('form[data-draft]').forEach(restore);
  // The server says a form went through: the confirmation page, or a success message.
  if (ss.lsSent && d.querySelector('[data-draft-done],.flash-success')) ls.removeItem(ss.lsSent);
  ss.removeItem('lsSent');
  drafts();
  d.addEventListener('input', e => { const f = e.target.form; if (f && f.matches('[data-draft]')) save(f); });
  // Offline the live search of similar signals has nothing to ask: no request at all.
  d.addEventListener('htmx:beforeRequest', e => on() || e.preventDefault());
  // Before the swap: the form that asked is still in the page then.
  d.addEventListener('htmx:beforeSwap', e => {
    const f = e.detail.requestConfig.elt;
    if (f.matches && f.matches('form[data-draft]') && e.detail.xhr.status < 300) ls.removeItem(key(f));
  });

  // The queue, in IndexedDB: what the form holds, the account, its own submission token.
  const db = () => new Promise((ok, ko) => {
    const r = indexedDB.open('lokaal-signaal', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('queue', {keyPath: 'token'});
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const store = (mode, act) => db().then(b => new Promise((ok, ko) => {
    const t = b.transaction('queue', mode), r = act(t.objectStore('queue'));
    t.oncomplete = () => ok(r.result);
    t.onerror = () => ko(t.error);
  }));
  const queued = () => store('readonly', s => s.getAll());
  const mine = () => queued().then(all => all.filter(i => i.who === who).sort((a, b) => a.at - b.at));
  const token = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24)))).replace(/\+/g, '-').replace(/\//g, '_');
  const form = () => d.querySelector('form[data-queue]');
  // Not f.action: the form's buttons are named "action".
  const act = f => new URL(f.getAttribute('action'), location.href).href;
  let box, busy = false, sending = false;
  const sent = [];
  const el = (tag, text, attrs) => Object.assign(d.createElement(tag), {textContent: text || ''}, attrs);
  const show = () => {
    const f = form();
    if (!f) return;
    if (!box) box = el('div', '', {className: 'panel', id: 'wachtrij'});
    box.setAttribute('role', 'status');
    return mine().then(items => queued().then(all => {
      box.replaceChildren();
      sent.forEach(s => {
        const p = box.appendChild(el('p', 'Je signaal “' + s.title + '” is ontvangen. Je referentienummer is ', {className: 'flash flash-success'}));
        p.append(el('strong', s.ref, {className: 'ref-kept'}));
        if (s.link) p.append('. Je persoonlijke link om het op te volgen (we tonen hem maar één keer): ', el('a', s.link, {href: s.link}));
      });
      items.filter(i => i.place === act(f)).forEach(i => box.append(el('p', '“' + i.title + '”: Bewaard op dit toestel, we versturen het zodra er verbinding is.', {className: 'flash flash-info waiting'})));
      if (who === 'anon' && all.some(i => i.who !== 'anon' && i.place === act(f))) {
        const p = box.appendChild(el('p', 'Op dit toestel wachten signalen van een account. ', {className: 'flash flash-info'}));
        p.append(el('a', 'Meld je aan om ze te versturen', {href: '/login?next=' + encodeURIComponent(location.pathname)}), '.');
      }
      if (box.childElementCount) f.before(box); else box.remove();
    }));
  };
  const say = text => show().then(() => { box.prepend(el('p', text, {className: 'flash flash-error'})); form().before(box); });

  d.addEventListener('submit', e => {
    const f = e.target;
    if (f.matches('form[data-draft]') && !e.defaultPrevented) ss.lsSent = key(f);
    if (f.matches('form[action$="/logout"]')) {
      e.preventDefault();
      mine().then(items => (!items.length || confirm((items.length > 1 ? 'Er wachten nog ' + items.length + ' signalen op dit toestel. Afmelden? Ze blijven' : 'Er wacht nog een signaal op dit toestel. Afmelden? Het blijft') + ' bewaard tot je je opnieuw aanmeldt.')) && f.submit(), () => f.submit());
      return;
    }
    if (!f.matches('form[data-queue]') || on()) return;
    e.preventDefault();
    delete ss.lsSent;
    if (busy) return;
    const b = e.submitter;
    if (!b || b.value !== 'submit') return say('Zonder verbinding kan je niet zoeken. Je signaal indienen kan wel.');
    const data = new FormData(f);
    if (!data.get('title') || !data.get('description')) return say('Vul een titel en een beschrijving in.');
    data.delete('csrf_token');
    data.set('action', 'submit');
    data.set('submission_token', token());
    busy = true;
    const item = {token: data.get('submission_token'), who, at: Date.now(), place: act(f), title: data.get('title'), fields: [...data]};
    store('readwrite', s => s.put(item)).then(() => {
      ls.removeItem(key(f));
      f.reset();
      navigator.serviceWorker && navigator.serviceWorker.ready.then(r => r.sync && r.sync.register('ls-send')).catch(() => {});
    }).finally(() => { busy = false; show(); });
  });

  const read = async answer => new DOMParser().parseFromString(await answer.text(), 'text/html');
  const send = async () => {
    const f = form();
    if (sending || !f || !on()) return;
    sending = true;
    try {
      for (const item of (await mine()).filter(i => i.place === act(f))) {
        // A fresh page tells who is signed in now and gives this session's form token.
        const page = await read(await fetch(item.place, {cache: 'no-store'}));
        if (page.body.dataset.who !== item.who) {
          who = ls.lsWho = page.body.dataset.who;
          break;
        }
        const data = new FormData();
        item.fields.forEach(([k, v]) => data.append(k, v));
        data.set('csrf_token', page.querySelector('[name=csrf_token]').value);
        const answer = await fetch(item.place, {method: 'POST', body: data});
        if (answer.status >= 500) break;
        const result = await read(answer), ref = result.querySelector('.ref');
        await store('readwrite', s => s.delete(item.token));
        if (ref) {
          const link = result.querySelector('#opvolglink');
          sent.push({title: item.title, ref: ref.textContent, link: link && link.href});
          continue;
        }
        // The server asks something (the review step, a missing field): the kept signal opens
        // in the form, with what the server found, and is a draft again.
        const main = result.querySelector('main');
        d.querySelector('main').replaceWith(main);
        d.body.setAttribute('data-hx-headers', result.body.getAttribute('data-hx-headers'));
        if (self.htmx) htmx.process(main);
        box = null;
        save(form());
        break;
      }
    } catch (err) { /* still no connection: the queue waits */ }
    sending = false;
    show();
  };

  if (form()) {
    show();
    send();
    addEventListener('online', send);
    if (navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener('message', e => {
        if (e.data === 'send') send();
        if (e.data === 'ready') d.body.dataset.offline = 'ready';
      });
      navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready)
        .then(r => on() && r.active.postMessage(location.pathname)).catch(() => {});
    }
  }
})();
