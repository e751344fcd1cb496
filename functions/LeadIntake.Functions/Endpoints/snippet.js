/* LeadIntake form snippet: <script src="https://APP/api/snippet.js" defer></script>
 * turns every <form data-leadintake="form-id"> into a progressive form: render token, honeypot, first-touch
 * attribution, fetch() with an idempotency key, the server's field errors inline, and a plain form post when fetch fails.
 * Script tag options: data-endpoint (the app's base URL; default the origin of this script), data-first-touch-days (90).
 * Form options: data-success-message; an empty [data-leadintake-consent] element is filled with the form's consent text.
 * Everything the server sends is inserted with textContent, never as HTML. */
(() => {
  'use strict';
  const script = document.currentScript;
  const base = ((script && script.dataset.endpoint) || (script ? new URL(script.src, location.href).origin : location.origin)).replace(/\/+$/, '');
  const firstTouchDays = Number((script && script.dataset.firstTouchDays) || 90) || 90;
  const DAY = 86400000, RENEW_AFTER = 12 * 3600000;
  const STORAGE_KEY = 'leadintake:first-touch';
  const TRACKING = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid'];
  const DEFAULT_SUCCESS = "Thank you! We'll be in touch soon.";
  const DEFAULT_FAILURE = 'Something went wrong. Please try again in a moment.';
  let uniqueId = 0;

  // First touch: the visit that brought the person, kept until it expires; later visits never overwrite it.
  const firstTouch = (() => {
    const now = Date.now();
    try {
      const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      if (stored && typeof stored.at === 'number' && now - stored.at < firstTouchDays * DAY) return stored;
    } catch { /* storage blocked or garbage: start again */ }
    const params = new URLSearchParams(location.search);
    const touch = { landingPage: location.href, referrer: document.referrer || '', at: now };
    for (const name of TRACKING) if (params.get(name)) touch[name] = params.get(name);
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(touch)); } catch { /* private mode: this visit only */ }
    return touch;
  })();

  const fold = (name) => name.replace(/[_-]/g, '').toLowerCase();
  const isHttpUrl = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);
  const newKey = () => (crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));
  const make = (tag, props) => Object.assign(document.createElement(tag), props);

  // The named control of the form (the first one when several share the name).
  const control = (form, name) => {
    const found = form.elements.namedItem(name);
    return found instanceof RadioNodeList ? found[0] : found;
  };

  // A hidden field, reusing one the page already has (the server may have rendered it).
  const hidden = (form, name) => control(form, name) || form.appendChild(make('input', { type: 'hidden', name }));

  // Sets a field unless the form already has one with a value under any spelling the server reads as the same name.
  const fillIn = (form, names, value) => {
    if (!value) return;
    const wanted = names.map(fold);
    for (const element of form.elements) {
      if (element.name && wanted.includes(fold(element.name)) && element.value) return;
    }
    hidden(form, names[0]).value = value;
  };

  function enhance(form) {
    const formId = form.dataset.leadintake;
    const endpoint = `${base}/api/leads?form=${encodeURIComponent(formId)}`;
    const state = { token: null, tokenAt: 0, thankYouUrl: null, loading: null, busy: false, cleanups: [] };
    const keyField = hidden(form, '_idempotency_key');
    if (!keyField.value) keyField.value = newKey();

    // Honeypot: invisible to people and screen readers, out of the tab order; a bot that fills it is answered like success.
    if (!control(form, '_hp')) {
      const trap = make('div');
      trap.setAttribute('aria-hidden', 'true');
      trap.style.cssText = 'position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden';
      const label = make('label', { textContent: 'Leave this field empty ' });
      label.append(make('input', { type: 'text', name: '_hp', tabIndex: -1, autocomplete: 'off', value: '' }));
      trap.append(label);
      form.appendChild(trap);
    }

    const loadToken = (renew) => {
      if (state.loading) return state.loading;
      const url = `${base}/api/forms/${encodeURIComponent(formId)}/token${renew ? `?renew=${encodeURIComponent(renew)}` : ''}`;
      state.loading = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store' })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          if (!data || !data.token) return;
          state.token = data.token;
          state.tokenAt = Date.now();
          hidden(form, '_token').value = data.token;
          if (isHttpUrl(data.thankYouUrl)) state.thankYouUrl = data.thankYouUrl;
          const consent = form.querySelector('[data-leadintake-consent]');
          if (consent && !consent.textContent.trim() && data.consentText) {
            consent.textContent = data.consentText;
            if (isHttpUrl(data.consentUrl))
              consent.append(' ', make('a', { href: data.consentUrl, textContent: 'Privacy notice', target: '_blank', rel: 'noopener' }));
          }
        })
        .catch(() => { /* no token (offline, or origin not allowed): the submission still goes, the server decides */ })
        .finally(() => { state.loading = null; });
      return state.loading;
    };
    const existing = control(form, '_token');
    if (existing && existing.value) { state.token = existing.value; state.tokenAt = Date.now(); }
    loadToken(null);
    // A page left open for long gets its token renewed (same render time) when the visitor comes back to the form.
    form.addEventListener('focusin', () => {
      if (!state.token || Date.now() - state.tokenAt > RENEW_AFTER) loadToken(state.token);
    });

    const clearErrors = () => { state.cleanups.forEach((undo) => undo()); state.cleanups = []; };

    const showSummary = (messages) => {
      const box = make('div', { className: 'leadintake-errors', tabIndex: -1 });
      box.setAttribute('role', 'alert');
      for (const text of messages) box.append(make('p', { textContent: text }));
      form.prepend(box);
      state.cleanups.push(() => box.remove());
      return box;
    };

    const showFieldError = (element, messages) => {
      if (!element.id) element.id = `leadintake-field-${++uniqueId}`;
      const note = make('span', { className: 'leadintake-error', id: `${element.id}-error`, textContent: messages.join(' ') });
      const describedBy = element.getAttribute('aria-describedby');
      element.insertAdjacentElement('afterend', note);
      element.setAttribute('aria-invalid', 'true');
      element.setAttribute('aria-describedby', describedBy ? `${describedBy} ${note.id}` : note.id);
      state.cleanups.push(() => {
        note.remove();
        element.removeAttribute('aria-invalid');
        if (describedBy) element.setAttribute('aria-describedby', describedBy); else element.removeAttribute('aria-describedby');
      });
    };

    const showProblem = (problem) => {
      const errors = problem && typeof problem.errors === 'object' && problem.errors ? problem.errors : null;
      if (!errors) {
        showSummary([(problem && (problem.detail || problem.title)) || DEFAULT_FAILURE]).focus();
        return;
      }
      const general = [];
      let first = null;
      for (const [name, value] of Object.entries(errors)) {
        const messages = (Array.isArray(value) ? value : [value]).map(String);
        const element = name === '_form' ? null : control(form, name);
        if (element && element.type !== 'hidden') {
          showFieldError(element, messages);
          first = first || element;
        } else {
          general.push(...messages);
        }
      }
      const summary = general.length ? showSummary(general) : null;
      (summary || first)?.focus();
    };

    const succeed = (message) => {
      keyField.value = newKey();
      form.dispatchEvent(new CustomEvent('leadintake:success', { bubbles: true }));
      if (state.thankYouUrl) { location.assign(state.thankYouUrl); return; }
      const done = make('div', { className: 'leadintake-success', tabIndex: -1, textContent: message });
      done.setAttribute('role', 'status');
      form.replaceWith(done);
      done.focus();
    };

    // The browser's own post: the server validates, stores and answers with a redirect or an HTML page.
    const plainPost = () => {
      form.setAttribute('action', endpoint);
      form.setAttribute('method', 'post');
      HTMLFormElement.prototype.submit.call(form);
    };

    const setBusy = (busy) => {
      state.busy = busy;
      if (busy) form.setAttribute('aria-busy', 'true'); else form.removeAttribute('aria-busy');
      form.querySelectorAll('button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]')
        .forEach((button) => { button.disabled = busy; });
    };
    // Back from the page a plain post led to, the browser may restore this one as it was: busy. Let the visitor retry.
    window.addEventListener('pageshow', (event) => { if (event.persisted && state.busy) setBusy(false); });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (state.busy) return;
      setBusy(true);
      clearErrors();

      for (const name of TRACKING) fillIn(form, [name], firstTouch[name]);
      fillIn(form, ['pageUrl', 'page_url'], location.href);
      fillIn(form, ['referrer', 'pageReferrer'], firstTouch.referrer || document.referrer);
      fillIn(form, ['formId', 'form_id'], formId);
      if (state.loading) await state.loading;

      let response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          body: new URLSearchParams(new FormData(form)),
          headers: { Accept: 'application/json', 'Idempotency-Key': keyField.value },
          credentials: 'omit',
        });
      } catch {
        plainPost();   // network or CORS failure: the plain post still reaches the server (every hidden field is in place)
        return;
      }
      if (response.status === 202) {
        succeed(form.dataset.successMessage || DEFAULT_SUCCESS);   // stays busy: the form is gone or the page is leaving
        return;
      }
      const problem = await response.json().catch(() => null);
      if (response.status === 400) showProblem(problem);
      else showSummary([(problem && (problem.detail || problem.title)) || DEFAULT_FAILURE]).focus();
      form.dispatchEvent(new CustomEvent('leadintake:error', { bubbles: true, detail: { status: response.status } }));
      setBusy(false);
    });
  }

  const start = () => document.querySelectorAll('form[data-leadintake]').forEach((form) => {
    if (form.dataset.leadintake && !form.leadIntakeEnhanced) { form.leadIntakeEnhanced = true; enhance(form); }
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
