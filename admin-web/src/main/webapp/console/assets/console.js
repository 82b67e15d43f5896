// LibertyMail admin console: a page per resource of the admin REST API (/api/v1), drawn with
// plain DOM calls (no framework, no build step). Texts from the server are always set as text,
// never as markup. Changes carry the session's CSRF token (X-CSRF-Token).
// The pages show what the API answers; its errors appear next to the field they name.
'use strict';
(function () {
  var content = document.getElementById('content');
  var csrf = null;
  var refreshTimer = null;

  // ---- the API ---------------------------------------------------------------------------

  function ApiError(status, problem) {
    this.status = status;
    this.detail = problem.detail || problem.title || ('HTTP ' + status);
    this.field = problem.field || null;
  }

  function api(method, path, body, headers) {
    var h = { 'Accept': 'application/json', 'X-Requested-With': 'LibertyMailConsole' };
    if (method !== 'GET') {
      h['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
    }
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch('/api/v1' + path, {
      method: method, headers: h, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { // the session ended: sign in again
        window.location.href = 'login.html';
        throw new ApiError(401, { detail: 'Your session has ended; sign in again.' });
      }
      return r.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = { detail: text }; }
        }
        if (!r.ok) {
          if (r.status === 412) {
            data = { detail: 'Someone changed this meanwhile; reload the page and try again.' };
          }
          throw new ApiError(r.status, data || {});
        }
        return { data: data, etag: r.headers.get('ETag'), total: Number(r.headers.get('X-Total-Count') || 0) };
      });
    });
  }

  function enc(s) {
    return encodeURIComponent(s);
  }

  // ---- building the page -------------------------------------------------------------------

  function h(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) {
        return;
      }
      if (k.indexOf('on') === 0) {
        e.addEventListener(k.substring(2), v);
      } else if (k === 'class') {
        e.className = v;
      } else if (k === 'checked' || k === 'value' || k === 'selected') {
        e[k] = v;
      } else {
        e.setAttribute(k, v === true ? '' : v);
      }
    });
    for (var i = 2; i < arguments.length; i++) {
      append(e, arguments[i]);
    }
    return e;
  }

  function append(e, c) {
    if (c === null || c === undefined || c === false) {
      return;
    }
    if (Array.isArray(c)) {
      c.forEach(function (x) { append(e, x); });
    } else {
      e.append(c instanceof Node ? c : String(c));
    }
  }

  function page(title) {
    content.replaceChildren(h('h1', null, title));
    for (var i = 1; i < arguments.length; i++) {
      append(content, arguments[i]);
    }
  }

  function badge(state) {
    return h('span', { class: 'badge ' + state, 'data-state': state }, state);
  }

  function table(id, headers, rows, empty) {
    if (!rows.length) {
      return h('p', { class: 'muted', id: id + '-empty' }, empty || 'None.');
    }
    return h('div', { class: 'table-wrap' }, h('table', { id: id },
      h('thead', null, h('tr', null, headers.map(function (t) {
        return h('th', { scope: 'col', class: /^(Messages|Bytes|Sessions|Size|Status|Latency|Commands)/.test(t) ? 'num' : null }, t);
      }))),
      h('tbody', null, rows)));
  }

  function bytes(n) {
    if (n === null || n === undefined) {
      return 'unlimited';
    }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function when(rfc3339) {
    if (!rfc3339) {
      return '';
    }
    var d = new Date(rfc3339);
    return h('time', { datetime: rfc3339, title: rfc3339 }, d.toLocaleString());
  }

  var fieldIds = 0;

  /** A labelled input; opts: type, value, required, options (a select), placeholder, hint, checked. */
  function field(label, name, opts) {
    opts = opts || {};
    var id = 'f-' + name.replace(/[^A-Za-z0-9]/g, '-') + '-' + (++fieldIds);
    var control;
    if (opts.options) {
      control = h('select', { id: id, name: name }, opts.options.map(function (o) {
        var value = Array.isArray(o) ? o[0] : o;
        return h('option', { value: value, selected: String(opts.value) === String(value) }, Array.isArray(o) ? o[1] : o);
      }));
    } else if (opts.type === 'textarea') {
      control = h('textarea', { id: id, name: name, rows: opts.rows || 3, placeholder: opts.placeholder });
      control.value = opts.value || '';
    } else {
      control = h('input', {
        id: id, name: name, type: opts.type || 'text', value: opts.type === 'checkbox' ? null : (opts.value === undefined ? null : String(opts.value)),
        checked: opts.type === 'checkbox' ? !!opts.checked : null, required: !!opts.required,
        placeholder: opts.placeholder, autocomplete: opts.autocomplete || 'off', min: opts.min
      });
    }
    var error = h('p', { class: 'field-error', id: id + '-error', 'data-error-for': name, hidden: true });
    control.setAttribute('aria-describedby', id + '-error' + (opts.hint ? ' ' + id + '-hint' : ''));
    if (opts.type === 'checkbox') {
      return h('div', { class: 'field check' }, control, h('label', { for: id }, label), error);
    }
    return h('div', { class: 'field' }, h('label', { for: id }, label), control,
      opts.hint ? h('span', { class: 'hint', id: id + '-hint' }, opts.hint) : null, error);
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (e) { e.hidden = true; e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    var general = form.querySelector('.form-error');
    if (general) {
      general.hidden = true;
    }
  }

  /** Shows an API error next to the field it names, else above the form's buttons. */
  function showError(form, err) {
    var detail = err instanceof ApiError ? err.detail : String(err);
    var name = err.field;
    var target = name ? form.querySelector('[data-error-for="' + CSS.escape(name) + '"]') : null;
    if (!target && name && name.indexOf('.') > 0) { // "protocols.imap" is shown at "protocols"
      target = form.querySelector('[data-error-for="' + CSS.escape(name.split('.')[0]) + '"]');
    }
    if (target) {
      target.textContent = detail;
      target.hidden = false;
      var control = form.elements[target.getAttribute('data-error-for')];
      if (control && control.setAttribute) {
        control.setAttribute('aria-invalid', 'true');
        control.focus();
      }
      return;
    }
    var general = form.querySelector('.form-error');
    if (!general) {
      general = h('p', { class: 'form-error', role: 'alert' });
      form.prepend(general);
    }
    general.textContent = detail + (name ? ' (' + name + ')' : '');
    general.hidden = false;
  }

  /** Runs an action for a form, with its buttons disabled meanwhile and its error shown. */
  function submit(form, action) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors(form);
      var buttons = form.querySelectorAll('button');
      buttons.forEach(function (b) { b.disabled = true; });
      Promise.resolve().then(function () { return action(form); }).catch(function (err) {
        showError(form, err);
      }).finally(function () {
        buttons.forEach(function (b) { b.disabled = false; });
      });
    });
    return form;
  }

  function value(form, name) {
    var v = form.elements[name].value.trim();
    return v === '' ? null : v;
  }

  function number(form, name) {
    var v = value(form, name);
    return v === null ? null : Number(v);
  }

  function list(form, name) {
    var v = value(form, name);
    return v === null ? [] : v.split(/[\s,]+/).filter(function (x) { return x; });
  }

  function confirmAction(text) {
    var dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    return new Promise(function (resolve) {
      dialog.returnValue = '';
      dialog.addEventListener('close', function () { resolve(dialog.returnValue === 'ok'); }, { once: true });
      dialog.showModal();
    });
  }

  /** A button that asks first, then runs the action and shows its error beside itself. */
  function dangerButton(label, question, action, id) {
    var error = h('span', { class: 'field-error', role: 'alert' });
    var button = h('button', {
      type: 'button', class: 'danger small', id: id, onclick: function () {
        error.textContent = '';
        confirmAction(question).then(function (ok) {
          if (ok) {
            return action();
          }
        }).catch(function (err) { error.textContent = err.detail || String(err); });
      }
    }, label);
    return h('span', null, button, ' ', error);
  }

  function failed(err) {
    content.append(h('p', { class: 'form-error', role: 'alert' }, err.detail || String(err)));
  }

  // ---- pages -------------------------------------------------------------------------------

  var pages = {};

  pages.dashboard = function () {
    return api('GET', '/dashboard').then(function (r) {
      var d = r.data;
      var v = d.verification;
      var rows = d.services.map(function (s) {
        return h('tr', { id: 'service-' + s.protocol },
          h('th', { scope: 'row' }, s.protocol.toUpperCase()),
          h('td', null, badge(s.state)),
          h('td', { class: 'num' }, s.sessions),
          h('td', null, s.endpoints.map(function (e) {
            return h('div', { class: 'endpoint', 'data-endpoint': e.name }, h('strong', null, e.name), ' ', badge(e.state), ' ',
              h('span', { class: 'muted' }, e.bindings.map(function (b) {
                return b.bindAddress + ':' + b.port + (b.tls !== 'none' ? ' (' + b.tls + ')' : '') + (b.error ? ' — ' + b.error : '');
              }).join(', ')));
          })));
      });
      page('Dashboard',
        h('div', { class: 'cards' },
          card('Sessions now', d.sessions, 'dash-sessions'),
          card('Messages received, last hour', d.messagesLastHour, 'dash-messages-hour'),
          card('Storage used', bytes(d.storage.bytes), 'dash-storage'),
          card('Messages stored', d.storage.messages, 'dash-messages'),
          card('Mailboxes', d.storage.mailboxes, 'dash-mailboxes'),
          card('Domains', d.storage.domains, 'dash-domains'),
          card('Outbound waiting', (d.queue.queued || 0) + (d.queue.deferred || 0) + (d.queue.inflight || 0), 'dash-queue'),
          card('Outbound failed', d.queue.failed || 0, 'dash-queue-failed')),
        h('section', { class: 'panel' }, h('h2', null, 'Services and receive connectors'),
          table('services', ['Service', 'State', 'Sessions', 'Endpoints and bindings'], rows)),
        h('section', { class: 'panel', id: 'dash-verification' }, h('h2', null, 'Last verification'),
          v ? h('p', null, badge(v.outcome), ' ', when(v.startedAt), ' · ', v.checks.length, ' checks in ', v.durationMs, ' ms · ',
            h('a', { href: '#/verify' }, 'details'))
            : h('p', null, 'Not run yet. ', h('a', { href: '#/verify' }, 'Verify the configuration'))),
        h('p', { class: 'hint' }, 'Refreshed every 10 seconds. Messages received count this server\'s SMTP deliveries.'));
    });
  };

  function card(label, value, id) {
    return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value', id: id }, value));
  }

  pages.domains = function () {
    return api('GET', '/domains?limit=1000').then(function (r) {
      var form = submit(h('form', { class: 'inline', id: 'domain-form' },
        field('Domain name', 'name', { required: true, placeholder: 'example.com' }),
        field('Quota (bytes, empty: none)', 'quotaBytes', { type: 'number', min: 0 }),
        field('Quota (messages, empty: none)', 'quotaMessages', { type: 'number', min: 0 }),
        h('button', { type: 'submit', id: 'domain-create' }, 'Add domain')), function (f) {
        return api('POST', '/domains', { name: value(f, 'name'), quotaBytes: number(f, 'quotaBytes'), quotaMessages: number(f, 'quotaMessages') })
          .then(pages.domains);
      });
      page('Domains', h('section', { class: 'panel' }, h('h2', null, 'Add an accepted domain'), form),
        table('domains', ['Domain', 'Created', 'Quota (bytes)', 'Quota (messages)', ''], r.data.map(function (d) {
          return h('tr', { 'data-domain': d.name }, h('th', { scope: 'row' }, d.name), h('td', null, when(d.createdAt)),
            h('td', null, d.quotaBytes == null ? 'none' : bytes(d.quotaBytes)), h('td', null, d.quotaMessages == null ? 'none' : d.quotaMessages),
            h('td', null, dangerButton('Delete', 'Delete the domain ' + d.name + '? Only a domain without mailboxes can be deleted.',
              function () { return api('DELETE', '/domains/' + enc(d.name)).then(pages.domains); })));
        }), 'No domain yet: add the domains this server accepts mail for.'));
    });
  };

  var mailboxQuery = { domain: '', search: '', offset: 0 };

  pages.mailboxes = function (address) {
    if (address) {
      return mailboxPage(address);
    }
    var q = '?offset=' + mailboxQuery.offset + '&limit=50' + (mailboxQuery.domain ? '&domain=' + enc(mailboxQuery.domain) : '')
      + (mailboxQuery.search ? '&search=' + enc(mailboxQuery.search) : '');
    return Promise.all([api('GET', '/mailboxes' + q), api('GET', '/domains?limit=1000')]).then(function (rs) {
      var r = rs[0];
      var domains = rs[1].data.map(function (d) { return d.name; });
      var filter = submit(h('form', { class: 'toolbar', id: 'mailbox-filter', role: 'search' },
        field('Domain', 'domain', { options: [['', 'All domains']].concat(domains), value: mailboxQuery.domain }),
        field('Address contains', 'search', { value: mailboxQuery.search }),
        h('button', { type: 'submit', class: 'secondary' }, 'Filter')), function (f) {
        mailboxQuery = { domain: f.elements.domain.value, search: f.elements.search.value.trim(), offset: 0 };
        return pages.mailboxes();
      });
      var create = submit(h('form', { class: 'inline', id: 'mailbox-form' },
        field('Address', 'address', { required: true, placeholder: 'user@' + (domains[0] || 'example.com') }),
        field('Password', 'password', { type: 'password', required: true, autocomplete: 'new-password' }),
        field('Quota (bytes, empty: the domain\'s)', 'quotaBytes', { type: 'number', min: 0 }),
        h('button', { type: 'submit', id: 'mailbox-create' }, 'Add mailbox')), function (f) {
        return api('POST', '/mailboxes', { address: value(f, 'address'), password: f.elements.password.value, quotaBytes: number(f, 'quotaBytes') })
          .then(function (r) { window.location.hash = '#/mailboxes/' + enc(r.data.address); });
      });
      var pager = h('div', { class: 'pager' },
        h('span', null, r.total ? (mailboxQuery.offset + 1) + '–' + (mailboxQuery.offset + r.data.length) + ' of ' + r.total : ''),
        mailboxQuery.offset > 0 ? h('button', { type: 'button', class: 'secondary small', onclick: function () {
          mailboxQuery.offset = Math.max(0, mailboxQuery.offset - 50); pages.mailboxes();
        } }, 'Previous') : null,
        mailboxQuery.offset + r.data.length < r.total ? h('button', { type: 'button', class: 'secondary small', onclick: function () {
          mailboxQuery.offset += 50; pages.mailboxes();
        } }, 'Next') : null);
      page('Mailboxes', h('section', { class: 'panel' }, h('h2', null, 'Add a mailbox'), create), filter,
        table('mailboxes', ['Address', 'Created', 'Enabled', 'POP3', 'IMAP', 'SMTP'], r.data.map(function (m) {
          var a = m.access || { enabled: true, protocols: { pop3: true, imap: true, smtp: true } };
          return h('tr', { 'data-mailbox': m.address }, h('th', { scope: 'row' }, h('a', { href: '#/mailboxes/' + enc(m.address) }, m.address)),
            h('td', null, when(m.createdAt)), h('td', null, yes(a.enabled)), h('td', null, yes(a.protocols.pop3)),
            h('td', null, yes(a.protocols.imap)), h('td', null, yes(a.protocols.smtp)));
        }), 'No mailbox matches.'), pager);
    });
  };

  function yes(b) {
    return b ? 'yes' : h('strong', null, 'no');
  }

  function mailboxPage(address) {
    return Promise.all([api('GET', '/mailboxes/' + enc(address)), api('GET', '/mailboxes/' + enc(address) + '/client-settings')
      .catch(function () { return { data: null }; }), api('GET', '/mailboxes/' + enc(address) + '/aliases')]).then(function (rs) {
      var m = rs[0].data;
      var a = m.access;
      var access = submit(h('form', { id: 'access-form' },
        field('Mailbox enabled', 'enabled', { type: 'checkbox', checked: a.enabled }),
        field('POP3', 'pop3', { type: 'checkbox', checked: a.protocols.pop3 }),
        field('IMAP4', 'imap', { type: 'checkbox', checked: a.protocols.imap }),
        field('SMTP submission', 'smtp', { type: 'checkbox', checked: a.protocols.smtp }),
        h('p', { class: 'field-error', 'data-error-for': 'protocols', hidden: true }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'access-save' }, 'Save access'))), function (f) {
        return api('PATCH', '/mailboxes/' + enc(address), {
          enabled: f.elements.enabled.checked,
          protocols: { pop3: f.elements.pop3.checked, imap: f.elements.imap.checked, smtp: f.elements.smtp.checked }
        }).then(function () { return mailboxPage(address); });
      });
      var reset = h('div', { id: 'password-reset' }, dangerButton('Reset password', 'Give ' + address + ' a new generated password? '
        + 'Its open sessions end.', function () {
        return api('POST', '/mailboxes/' + enc(address) + '/password-reset').then(function (r) {
          reset.replaceChildren(h('p', null, 'New password (shown once): ', h('span', { class: 'secret', id: 'new-password' }, r.data.password)));
        });
      }, 'reset-password'));
      var settings = rs[1].data;
      var addAlias = submit(h('form', { class: 'inline', id: 'alias-form' },
        field('New alias', 'alias', { required: true, placeholder: 'sales@' + m.domain }),
        h('button', { type: 'submit', id: 'alias-add' }, 'Add alias')), function (f) {
        return api('PUT', '/mailboxes/' + enc(address) + '/aliases/' + enc(value(f, 'alias'))).then(function () { return mailboxPage(address); });
      });
      var aliases = h('section', { class: 'panel' }, h('h2', null, 'Aliases'),
        h('p', { class: 'hint' }, 'More addresses whose mail arrives in this mailbox\'s INBOX.'),
        table('aliases', ['Alias', ''], rs[2].data.map(function (alias) {
          return h('tr', { 'data-alias': alias }, h('th', { scope: 'row' }, alias), h('td', null,
            dangerButton('Remove', 'Remove the alias ' + alias + '? Mail to it will be refused.', function () {
              return api('DELETE', '/mailboxes/' + enc(address) + '/aliases/' + enc(alias)).then(function () { return mailboxPage(address); });
            })));
        }), 'No alias.'), addAlias);
      page(address,
        h('p', null, h('a', { href: '#/mailboxes' }, '← Mailboxes')),
        h('div', { class: 'cards' },
          card('Messages', m.usage ? m.usage.messages : 0, 'mailbox-messages'),
          card('Size', bytes(m.usage ? m.usage.bytes : 0), 'mailbox-bytes'),
          card('Quota', m.quota && m.quota.bytes != null ? bytes(m.quota.bytes) : 'unlimited', 'mailbox-quota')),
        h('section', { class: 'panel' }, h('h2', null, 'Access'), access),
        aliases,
        h('section', { class: 'panel' }, h('h2', null, 'Folders'),
          table('folders', ['Folder', 'Messages', 'Bytes', 'Hidden from IMAP'], (m.folders || []).map(function (fo) {
            return h('tr', null, h('th', { scope: 'row' }, fo.name), h('td', { class: 'num' }, fo.messages),
              h('td', { class: 'num' }, bytes(fo.bytes)), h('td', null, fo.hidden ? 'yes' : ''));
          }))),
        settings ? h('section', { class: 'panel' }, h('h2', null, 'Client settings'), clientSettings(settings)) : null,
        h('section', { class: 'panel' }, h('h2', null, 'Password and removal'), reset,
          h('p', null, dangerButton('Delete mailbox', 'Delete ' + address + ' and all its mail? This cannot be undone.', function () {
            return api('DELETE', '/mailboxes/' + enc(address)).then(function () { window.location.hash = '#/mailboxes'; });
          }, 'delete-mailbox'))));
    });
  }

  /** The client settings as a table: one row per protocol and encryption. */
  function clientSettings(s) {
    var rows = [];
    Object.keys(s).forEach(function (k) {
      var v = s[k];
      if (Array.isArray(v)) {
        v.forEach(function (e) {
          rows.push(h('tr', null, h('th', { scope: 'row' }, k), h('td', null, Object.keys(e).map(function (x) { return x + ': ' + e[x]; }).join(' · '))));
        });
      } else if (v && typeof v === 'object') {
        rows.push(h('tr', null, h('th', { scope: 'row' }, k), h('td', null, Object.keys(v).map(function (x) { return x + ': ' + v[x]; }).join(' · '))));
      } else {
        rows.push(h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)));
      }
    });
    return table('client-settings', ['Setting', 'Value'], rows);
  }

  pages['public-folders'] = function () {
    return api('GET', '/public-folders?limit=1000').then(function (r) {
      var form = submit(h('form', { id: 'public-folder-form' },
        field('Folder name', 'name', { required: true, placeholder: 'Sales/2026' }),
        field('Permissions, one per line: grantee and right', 'permissions', {
          type: 'textarea', placeholder: 'anyone read\n@example.com read-write\nboss@example.com lrswite',
          hint: 'Grantee: a mailbox, @domain or anyone. Right: read, read-write or RFC 4314 letters.'
        }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'public-folder-create' }, 'Create public folder'))), function (f) {
        var permissions = {};
        (f.elements.permissions.value || '').split('\n').forEach(function (line) {
          var parts = line.trim().split(/\s+/);
          if (parts[0]) {
            permissions[parts[0]] = parts[1] || 'read';
          }
        });
        return api('POST', '/public-folders', { name: value(f, 'name'), permissions: permissions }).then(pages['public-folders']);
      });
      page('Public folders', h('section', { class: 'panel' }, h('h2', null, 'Create a public folder'), form),
        table('public-folders', ['Folder', 'Messages', 'Bytes', 'Permissions', ''], r.data.map(function (p) {
          return h('tr', { 'data-folder': p.name }, h('th', { scope: 'row' }, p.name), h('td', { class: 'num' }, p.messages),
            h('td', { class: 'num' }, bytes(p.bytes)),
            h('td', null, Object.keys(p.permissions || {}).map(function (g) { return g + ' ' + p.permissions[g]; }).join(', ')),
            h('td', null, dangerButton('Delete', 'Delete the public folder ' + p.name + ' and its messages?', function () {
              return api('DELETE', '/public-folders/' + p.name.split('/').map(enc).join('/')).then(pages['public-folders']);
            })));
        }), 'No public folder yet.'));
    });
  };

  var AUTH = ['None', 'Tls', 'BasicAuth', 'BasicAuthRequireTls'];
  var GROUPS = ['AnonymousUsers', 'MailboxUsers'];

  pages['receive-connectors'] = function () {
    return api('GET', '/receive-connectors').then(function (r) {
      var form = submit(h('form', { id: 'connector-form' },
        h('div', { class: 'toolbar' },
          field('Name', 'name', { required: true }),
          field('Bindings (address:port, comma separated)', 'bindings', { required: true, placeholder: '0.0.0.0:2526' }),
          field('Remote IP ranges served', 'remoteIpRanges', { placeholder: '0.0.0.0/0, ::/0', hint: 'An address, a CIDR block or first-last; empty: all' })),
        h('div', { class: 'toolbar' },
          field('FQDN (empty: the host name)', 'fqdn'),
          field('Banner (empty: generated)', 'banner'),
          field('Max message size (bytes, 0: the server\'s)', 'maxMessageSize', { type: 'number', min: 0, value: 0 })),
        h('fieldset', null, h('legend', null, 'Authentication'), AUTH.map(function (m) {
          return field(m, 'auth-' + m, { type: 'checkbox', checked: m === 'Tls' });
        }), h('p', { class: 'field-error', 'data-error-for': 'authMechanisms', hidden: true })),
        h('fieldset', null, h('legend', null, 'Permission groups'), GROUPS.map(function (g) {
          return field(g, 'group-' + g, { type: 'checkbox', checked: g === 'AnonymousUsers' });
        }), h('p', { class: 'field-error', 'data-error-for': 'permissionGroups', hidden: true })),
        field('Implicit TLS (TLS from the first byte, as on 465)', 'implicitTls', { type: 'checkbox' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'connector-create' }, 'Create receive connector'))), function (f) {
        var ranges = list(f, 'remoteIpRanges');
        return api('POST', '/receive-connectors', {
          name: value(f, 'name'), bindings: list(f, 'bindings'), remoteIpRanges: ranges.length ? ranges : ['0.0.0.0/0', '::/0'],
          fqdn: value(f, 'fqdn'), banner: value(f, 'banner'), maxMessageSize: number(f, 'maxMessageSize') || 0,
          authMechanisms: AUTH.filter(function (m) { return f.elements['auth-' + m].checked; }),
          permissionGroups: GROUPS.filter(function (g) { return f.elements['group-' + g].checked; }),
          implicitTls: f.elements.implicitTls.checked
        }).then(pages['receive-connectors']);
      });
      page('Receive connectors',
        table('connectors', ['Name', 'State', 'Bindings', 'Remote ranges', 'Authentication', 'Groups', ''], r.data.map(function (c) {
          return h('tr', { 'data-connector': c.name }, h('th', { scope: 'row' }, c.name), h('td', null, badge(c.enabled ? 'enabled' : 'disabled')),
            h('td', null, c.bindings.join(', ') + (c.implicitTls ? ' (implicit TLS)' : '')), h('td', null, c.remoteIpRanges.join(', ')),
            h('td', null, c.authMechanisms.join(', ')), h('td', null, c.permissionGroups.join(', ')),
            h('td', null, h('button', { type: 'button', class: 'secondary small', onclick: function () {
              api('PATCH', '/receive-connectors/' + enc(c.name), { enabled: !c.enabled }).then(pages['receive-connectors']).catch(failed);
            } }, c.enabled ? 'Disable' : 'Enable'), ' ',
            dangerButton('Delete', 'Delete the receive connector ' + c.name + '? Its bindings close at once.', function () {
              return api('DELETE', '/receive-connectors/' + enc(c.name)).then(pages['receive-connectors']);
            })));
        }), 'No receive connector: nobody can send mail to this server.'),
        h('section', { class: 'panel' }, h('h2', null, 'New receive connector'), form));
    });
  };

  var TLS_MODES = ['Opportunistic', 'Required', 'None'];

  pages['send-connectors'] = function () {
    return api('GET', '/send-connectors').then(function (r) {
      var form = submit(h('form', { id: 'send-connector-form' },
        h('div', { class: 'toolbar' },
          field('Name', 'name', { required: true }),
          field('Address spaces (comma separated)', 'addressSpaces', { required: true, placeholder: '*, example.com, *.example.org' }),
          field('Smart hosts (empty: MX lookup)', 'smartHosts', { placeholder: 'relay.example.net:587' })),
        h('div', { class: 'toolbar' },
          field('Port', 'port', { type: 'number', min: 1, value: 25 }),
          field('TLS', 'tls', { options: TLS_MODES, value: 'Opportunistic' }),
          field('Verify the certificate', 'verifyCertificate', { type: 'checkbox' })),
        h('div', { class: 'toolbar' },
          field('Smart host user', 'authUser', { autocomplete: 'off' }),
          field('Smart host password', 'authPassword', { type: 'password', autocomplete: 'new-password' }),
          field('Max message size (bytes, 0: none)', 'maxMessageSize', { type: 'number', min: 0, value: 0 })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'send-connector-create' }, 'Create send connector'))), function (f) {
        return api('POST', '/send-connectors', {
          name: value(f, 'name'), addressSpaces: list(f, 'addressSpaces'), smartHosts: list(f, 'smartHosts'),
          port: number(f, 'port') || 25, tls: f.elements.tls.value, verifyCertificate: f.elements.verifyCertificate.checked,
          authUser: value(f, 'authUser'), authPassword: f.elements.authPassword.value || null,
          maxMessageSize: number(f, 'maxMessageSize') || 0
        }).then(pages['send-connectors']);
      });
      page('Send connectors',
        h('p', { class: 'hint' }, 'Mail for other domains leaves through the enabled connector whose address space matches most '
          + 'specifically; a domain no connector covers cannot be sent to.'),
        table('send-connectors', ['Name', 'State', 'Address spaces', 'Route', 'TLS', ''], r.data.map(function (c) {
          return h('tr', { 'data-connector': c.name }, h('th', { scope: 'row' }, c.name), h('td', null, badge(c.enabled ? 'enabled' : 'disabled')),
            h('td', null, c.addressSpaces.join(', ')),
            h('td', null, c.smartHosts.length ? c.smartHosts.join(', ') + (c.authUser ? ' (as ' + c.authUser + ')' : '') : 'MX lookup, port ' + c.port),
            h('td', null, c.tls + (c.verifyCertificate ? ', verified' : '')),
            h('td', null, h('button', { type: 'button', class: 'secondary small', onclick: function () {
              api('PATCH', '/send-connectors/' + enc(c.name), { enabled: !c.enabled }).then(pages['send-connectors']).catch(failed);
            } }, c.enabled ? 'Disable' : 'Enable'), ' ',
            dangerButton('Delete', 'Delete the send connector ' + c.name + '? Mail for its domains waits in the queue until '
              + 'another connector covers them.', function () {
              return api('DELETE', '/send-connectors/' + enc(c.name)).then(pages['send-connectors']);
            })));
        }), 'No send connector: mail can be sent to hosted domains only.'),
        h('section', { class: 'panel' }, h('h2', null, 'New send connector'), form));
    });
  };

  var queueQuery = { state: '', destination: '', search: '' };

  pages.queue = function () {
    var q = '/queue?limit=200';
    ['state', 'destination', 'search'].forEach(function (k) {
      if (queueQuery[k]) {
        q += '&' + k + '=' + enc(queueQuery[k]);
      }
    });
    return Promise.all([api('GET', q), api('GET', '/queue/destinations')]).then(function (rs) {
      var filter = submit(h('form', { class: 'toolbar', id: 'queue-filter' },
        field('State', 'state', { options: [['', 'All'], 'queued', 'inflight', 'deferred', 'delivered', 'failed'], value: queueQuery.state }),
        field('Destination', 'destination', { value: queueQuery.destination }),
        field('Sender or recipient contains', 'search', { value: queueQuery.search }),
        h('button', { type: 'submit', class: 'secondary' }, 'Filter')), function (f) {
        queueQuery = { state: f.elements.state.value, destination: f.elements.destination.value.trim(), search: f.elements.search.value.trim() };
        return pages.queue();
      });
      var destinations = table('destinations', ['Destination', 'Waiting', 'In flight', 'Failed', ''], rs[1].data.map(function (d) {
        return h('tr', { 'data-destination': d.domain }, h('th', { scope: 'row' }, d.domain, d.suspended ? ' ' : '',
          d.suspended ? badge('disabled') : null), h('td', { class: 'num' }, d.waiting), h('td', { class: 'num' }, d.inFlight),
          h('td', { class: 'num' }, d.failed),
          h('td', null, h('button', { type: 'button', class: 'secondary small', onclick: function () {
            api(d.suspended ? 'DELETE' : 'PUT', '/queue/destinations/' + enc(d.domain) + '/suspended').then(pages.queue).catch(failed);
          } }, d.suspended ? 'Resume' : 'Suspend')));
      }), 'Nothing waits for any destination.');
      page('Outbound queue', h('section', { class: 'panel' }, h('h2', null, 'Destinations'), destinations), filter,
        table('queue', ['Sender', 'Recipient', 'State', 'Attempts', 'Next attempt', 'Last error', ''], rs[0].data.map(function (e) {
          var waiting = e.state === 'QUEUED' || e.state === 'DEFERRED';
          return h('tr', { 'data-entry': e.id }, h('td', null, e.sender || '<>', e.report ? ' (report)' : ''), h('td', null, e.recipient),
            h('td', null, e.state.toLowerCase()), h('td', { class: 'num' }, e.attempts), h('td', null, when(e.nextAttemptAt)),
            h('td', null, e.lastError || ''),
            h('td', null, waiting ? h('button', { type: 'button', class: 'secondary small', onclick: function () {
              api('POST', '/queue/' + e.messageId + '/retry').then(pages.queue).catch(failed);
            } }, 'Retry now') : null, ' ', waiting ? dangerButton('Bounce', 'Give up on this message now and tell its sender?', function () {
              return api('POST', '/queue/' + e.messageId + '/bounce').then(pages.queue);
            }) : null, ' ', dangerButton('Delete', 'Delete this message from the queue without telling its sender?', function () {
              return api('DELETE', '/queue/' + e.messageId).then(pages.queue);
            })));
        }), 'The queue is empty.'), h('p', { class: 'hint' }, rs[0].total + ' recipients in all; the newest 200 shown.'));
    });
  };

  var LOGIN_TYPES = ['SecureLogin', 'PlainTextLogin', 'PlainTextAuthentication'];
  var FORMATS = ['BestBodyFormat', 'TextOnly', 'HtmlOnly', 'HtmlAndTextAlternative', 'TextEnrichedOnly', 'TextEnrichedAndTextAlternative'];

  pages.protocols = function () {
    return Promise.all(['smtp', 'pop3', 'imap'].map(function (p) { return api('GET', '/protocols/' + p); })).then(function (rs) {
      page('Protocols', rs.map(function (r) { return protocolPanel(r.data); }));
    });
  };

  function protocolPanel(p) {
    var name = p.protocol;
    var toggle = submit(h('form', { class: 'inline', id: name + '-switch' },
      h('p', null, name.toUpperCase() + ' is ', badge(p.enabled ? (p.bound ? 'up' : 'down') : 'disabled'), ' · ', p.sessions, ' sessions'),
      h('button', { type: 'submit', id: name + '-toggle', class: p.enabled ? 'danger' : null }, p.enabled ? 'Disable ' + name.toUpperCase() : 'Enable ' + name.toUpperCase())),
    function () {
      var go = p.enabled ? confirmAction('Disable ' + name.toUpperCase() + '? Its listeners close and its sessions end.') : Promise.resolve(true);
      return go.then(function (ok) {
        if (ok) {
          return api('PATCH', '/protocols/' + name, { enabled: !p.enabled }).then(pages.protocols);
        }
      });
    });
    var panel = h('section', { class: 'panel', id: 'protocol-' + name }, h('h2', null, name.toUpperCase()), toggle);
    if (!p.settings) {
      panel.append(h('p', { class: 'hint' }, 'SMTP listens through its ', h('a', { href: '#/receive-connectors' }, 'receive connectors'), '.'));
      return panel;
    }
    var s = p.settings;
    var form = submit(h('form', { id: name + '-settings' },
      h('div', { class: 'toolbar' },
        field('Plain and STARTTLS bindings', 'bindings', { value: s.bindings.join(', ') }),
        field('Implicit TLS bindings', 'tlsBindings', { value: s.tlsBindings.join(', ') }),
        field('Login type', 'loginType', { options: LOGIN_TYPES, value: s.loginType })),
      h('div', { class: 'toolbar' },
        field('Banner', 'banner', { value: s.banner || '' }),
        field('Max connections', 'maxConnections', { type: 'number', min: 0, value: s.maxConnections }),
        field('Per source IP', 'maxConnectionsPerIp', { type: 'number', min: 0, value: s.maxConnectionsPerIp }),
        field('Per user', 'maxConnectionsPerUser', { type: 'number', min: 0, value: s.maxConnectionsPerUser })),
      h('div', { class: 'toolbar' },
        field('Pre-authenticated timeout (s)', 'preAuthenticatedTimeout', { type: 'number', min: 0, value: s.preAuthenticatedTimeout }),
        field('Authenticated timeout (s)', 'authenticatedTimeout', { type: 'number', min: 0, value: s.authenticatedTimeout }),
        field('Max command size', 'maxCommandSize', { type: 'number', min: 0, value: s.maxCommandSize }),
        field('Message retrieval format', 'messageRetrievalMimeFormat', { options: FORMATS, value: s.messageRetrievalMimeFormat })),
      h('div', { class: 'toolbar' },
        field('External connection settings (host:port:encryption)', 'externalConnectionSettings', { value: s.externalConnectionSettings.join(', ') }),
        field('Protocol logging', 'protocolLogging', { type: 'checkbox', checked: s.protocolLogging })),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: name + '-save' }, 'Save ' + name.toUpperCase() + ' settings'))), function (f) {
      var changes = {
        bindings: list(f, 'bindings'), tlsBindings: list(f, 'tlsBindings'), loginType: f.elements.loginType.value,
        banner: value(f, 'banner'), messageRetrievalMimeFormat: f.elements.messageRetrievalMimeFormat.value,
        externalConnectionSettings: list(f, 'externalConnectionSettings'), protocolLogging: f.elements.protocolLogging.checked
      };
      ['maxConnections', 'maxConnectionsPerIp', 'maxConnectionsPerUser', 'preAuthenticatedTimeout', 'authenticatedTimeout', 'maxCommandSize']
        .forEach(function (k) { changes[k] = number(f, k); });
      return api('PATCH', '/protocols/' + name, changes).then(pages.protocols);
    });
    panel.append(form);
    return panel;
  }

  var sessionQuery = { protocol: '', account: '' };

  pages.sessions = function () {
    var q = '/sessions?limit=1000' + (sessionQuery.protocol ? '&protocol=' + sessionQuery.protocol : '')
      + (sessionQuery.account ? '&account=' + enc(sessionQuery.account) : '');
    return api('GET', q).then(function (r) {
      var filter = submit(h('form', { class: 'toolbar', id: 'session-filter' },
        field('Protocol', 'protocol', { options: [['', 'All']].concat(['smtp', 'pop3', 'imap']), value: sessionQuery.protocol }),
        field('Account', 'account', { value: sessionQuery.account }),
        h('button', { type: 'submit', class: 'secondary' }, 'Filter')), function (f) {
        sessionQuery = { protocol: f.elements.protocol.value, account: f.elements.account.value.trim() };
        return pages.sessions();
      });
      page('Sessions', filter, table('sessions', ['Protocol', 'Endpoint', 'Account', 'Remote', 'TLS', 'Started', 'Commands', ''], r.data.map(function (s) {
        return h('tr', { 'data-session': s.id }, h('td', null, s.protocol.toUpperCase()), h('td', null, s.endpoint), h('td', null, s.account || ''),
          h('td', null, s.remote), h('td', null, s.tls ? 'yes' : 'no'), h('td', null, when(s.startedAt)), h('td', { class: 'num' }, s.commands),
          h('td', null, dangerButton('Disconnect', 'Disconnect this ' + s.protocol.toUpperCase() + ' session from ' + s.remote + '?', function () {
            return api('DELETE', '/sessions/' + enc(s.id)).then(pages.sessions);
          })));
      }), 'No open session.'), h('p', null, h('button', { type: 'button', class: 'secondary', onclick: function () { pages.sessions(); } }, 'Refresh')));
    });
  };

  var logQuery = { protocol: 'smtp', session: '', connector: '', remote: '', contains: '', limit: 200 };

  pages.logs = function () {
    var q = '/protocols/' + logQuery.protocol + '/log?limit=' + logQuery.limit;
    ['session', 'connector', 'remote', 'contains'].forEach(function (k) {
      if (logQuery[k]) {
        q += '&' + k + '=' + enc(logQuery[k]);
      }
    });
    return api('GET', q).then(function (r) {
      var form = submit(h('form', { class: 'toolbar', id: 'log-filter' },
        field('Protocol', 'protocol', { options: ['smtp', 'pop3', 'imap'], value: logQuery.protocol }),
        field('Session', 'session', { value: logQuery.session }),
        field('Connector or binding', 'connector', { value: logQuery.connector }),
        field('Client address contains', 'remote', { value: logQuery.remote }),
        field('Text contains', 'contains', { value: logQuery.contains }),
        field('Lines', 'limit', { type: 'number', min: 1, value: logQuery.limit }),
        h('button', { type: 'submit', class: 'secondary' }, 'Show')), function (f) {
        logQuery = {
          protocol: f.elements.protocol.value, session: f.elements.session.value.trim(), connector: f.elements.connector.value.trim(),
          remote: f.elements.remote.value.trim(), contains: f.elements.contains.value.trim(), limit: number(f, 'limit') || 200
        };
        return pages.logs();
      });
      var text = r.data.map(function (e) {
        return new Date(e.timeMillis).toISOString() + ' ' + (e.connector || '') + ' ' + e.session + ' ' + e.remote + ' ' + e.event
          + (e.data ? ' ' + e.data : '');
      }).join('\n');
      page('Protocol logs', form, r.data.length ? h('pre', { class: 'log', id: 'log-lines' }, text)
        : h('p', { class: 'muted', id: 'log-lines' }, 'No lines. Protocol logging is switched on per receive connector and per service.'));
    });
  };

  pages.verify = function () {
    return api('GET', '/verification?limit=10').then(function (r) {
      var run = submit(h('form', { id: 'verify-form' },
        h('p', null, 'Checks the configuration, then sends a message through every enabled SMTP binding and reads it back over POP3 and IMAP ',
          'with a dedicated test mailbox (plain, STARTTLS and implicit TLS).'),
        h('button', { type: 'submit', id: 'verify-run' }, 'Verify now')), function (f) {
        f.querySelector('button').textContent = 'Verifying…';
        return api('POST', '/verification').then(pages.verify);
      });
      var latest = r.data[0];
      page('Verify configuration', h('section', { class: 'panel' }, run),
        latest ? h('section', { class: 'panel', id: 'verify-latest' }, h('h2', null, 'Latest run: ', badge(latest.outcome)),
          h('p', null, when(latest.startedAt), ' · ', latest.durationMs, ' ms'),
          table('checks', ['Check', 'Kind', 'Result', 'Latency (ms)', 'Detail'], latest.checks.map(function (c) {
            return h('tr', null, h('th', { scope: 'row' }, c.name), h('td', null, c.kind), h('td', null, badge(c.result)),
              h('td', { class: 'num' }, c.latencyMs), h('td', null, c.detail || ''));
          }))) : h('p', { class: 'muted' }, 'No run yet.'),
        r.data.length > 1 ? h('section', { class: 'panel' }, h('h2', null, 'History'),
          table('verify-history', ['Started', 'Outcome', 'Duration (ms)'], r.data.map(function (v) {
            return h('tr', null, h('td', null, when(v.startedAt)), h('td', null, badge(v.outcome)), h('td', { class: 'num' }, v.durationMs));
          }))) : null);
    });
  };

  var auditQuery = { actor: '', target: '' };

  pages.audit = function () {
    var q = '/audit?limit=100' + (auditQuery.actor ? '&actor=' + enc(auditQuery.actor) : '') + (auditQuery.target ? '&target=' + enc(auditQuery.target) : '');
    return api('GET', q).then(function (r) {
      var form = submit(h('form', { class: 'toolbar', id: 'audit-filter' },
        field('Administrator', 'actor', { value: auditQuery.actor }),
        field('Path contains', 'target', { value: auditQuery.target }),
        h('button', { type: 'submit', class: 'secondary' }, 'Filter')), function (f) {
        auditQuery = { actor: f.elements.actor.value.trim(), target: f.elements.target.value.trim() };
        return pages.audit();
      });
      page('Audit log', form, table('audit', ['When', 'Who', 'Change', 'Status', 'Request'], r.data.map(function (e) {
        return h('tr', null, h('td', null, when(e.at)), h('td', null, e.actor), h('td', null, e.method + ' ' + e.target),
          h('td', { class: 'num' }, e.status), h('td', null, h('code', null, e.request ? JSON.stringify(e.request) : '')));
      }), 'No change recorded.'), h('p', { class: 'hint' }, r.total + ' changes in all; the newest 100 shown.'));
    });
  };

  // ---- navigation --------------------------------------------------------------------------

  function route() {
    if (refreshTimer) {
      clearInterval(refreshTimer);
      refreshTimer = null;
    }
    var parts = (window.location.hash.replace(/^#\/?/, '') || 'dashboard').split('/');
    var name = pages[parts[0]] ? parts[0] : 'dashboard';
    var arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : undefined;
    document.querySelectorAll('nav.side a').forEach(function (a) {
      if (a.getAttribute('data-page') === name) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    document.title = (document.querySelector('nav.side a[data-page="' + name + '"]').textContent) + ' · LibertyMail admin';
    content.setAttribute('aria-busy', 'true');
    pages[name](arg).catch(function (err) {
      page('Error');
      failed(err);
    }).finally(function () {
      content.removeAttribute('aria-busy');
    });
    if (name === 'dashboard') {
      refreshTimer = setInterval(function () {
        if (!document.querySelector('dialog[open]')) {
          pages.dashboard().catch(function () {});
        }
      }, 10000);
    }
  }

  fetch('session', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
    if (!r.ok || (r.headers.get('Content-Type') || '').indexOf('json') < 0) {
      window.location.href = 'login.html';
      return null;
    }
    return r.json();
  }).then(function (s) {
    if (!s) {
      return;
    }
    csrf = s.csrfToken;
    document.getElementById('logout-csrf').value = csrf;
    document.getElementById('who').textContent = s.admin;
    window.addEventListener('hashchange', function () {
      route();
      content.focus();
    });
    route();
  });
})();
