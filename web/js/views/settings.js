// Settings: language, account, GST (owners), business (and switching between businesses), sign out.

import { post } from '../api.js';
import { languageSwitch, t } from '../i18n.js';
import { formatMobile } from '../phone.js';
import { busy, describeError, h, icon, pageHeader, toast } from '../ui.js';
import { gstCard } from './gst.js';
import { initial, switchBusiness } from './owner.js';

function row(label, value) {
  return h('div', { class: 'kv__row' }, h('dt', {}, label), h('dd', {}, value));
}

export function settings(ctx) {
  const { session } = ctx;
  const user = session.user || {};
  const memberships = session.memberships || [];
  const currentTenant = session.tenant ? session.tenant.id : null;

  const sections = [
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'lang-title' },
      h('div', { class: 'card__head' }, h('h2', { class: 'card__title', id: 'lang-title' }, t('lang.label')), languageSwitch()),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'account-title' },
      h('h2', { class: 'card__title', id: 'account-title' }, t('settings.account')),
      h(
        'dl',
        { class: 'kv' },
        row(t('settings.name'), user.name || t('settings.no_name')),
        row(t('settings.phone'), formatMobile(user.phone)),
        row(t('settings.role'), t(`role.${session.role}`)),
        session.tenant ? row(t('settings.business'), session.tenant.business_name) : null,
      ),
    ),
  ];

  if (session.role === 'BUSINESS_OWNER' && session.tenant) {
    sections.push(
      h(
        'a',
        { class: 'card card--link', href: '#/payments', id: 'payments-link' },
        h('h2', { class: 'card__title' }, t('payments.link')),
        h('p', { class: 'field__hint' }, t('payments.link_body')),
      ),
    );
    sections.push(gstCard(ctx));
  }

  if (memberships.length > 1) {
    const alert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
    sections.push(
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'switch-title' },
        h('h2', { class: 'card__title', id: 'switch-title' }, t('settings.switch')),
        alert,
        h(
          'ul',
          { class: 'choice-list' },
          memberships.map((m) => {
            const isCurrent = m.tenant_id === currentTenant;
            return h(
              'li',
              {},
              h(
                'button',
                {
                  class: 'choice',
                  type: 'button',
                  'aria-current': isCurrent ? 'true' : false,
                  disabled: isCurrent,
                  onclick: (event) => switchBusiness(ctx, m, event.currentTarget, alert),
                },
                h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(m.business_name)),
                h(
                  'span',
                  { class: 'choice__main' },
                  h('span', { class: 'choice__title' }, m.business_name),
                  h('span', { class: 'choice__meta' }, t(`role.${m.role}`), isCurrent ? ` · ${t('settings.current')}` : ''),
                ),
              ),
            );
          }),
        ),
      ),
    );
  }

  const signOut = h('button', { class: 'btn btn--secondary btn--block', type: 'button' }, icon('logout'), t('settings.signout'));
  signOut.addEventListener('click', async () => {
    const restore = busy(signOut, t('settings.signing_out'));
    try {
      await post('/api/auth/logout', {}, { redirectOn401: false });
    } catch (err) {
      // A 401 means the session is already over; anything else leaves the user signed in.
      if (!(err && err.status === 401)) {
        restore();
        toast(describeError(err));
        return;
      }
    }
    location.replace('/login.html');
  });
  sections.push(h('div', { class: 'card' }, signOut));

  return h('div', {}, pageHeader({ kicker: session.tenant ? session.tenant.business_name : '', title: t('settings.title') }), sections);
}
