// Riders (delivery agents) of the owner's shop: list, invite, remove — GET/POST/DELETE /api/agents.

import { ApiError, del, get, post } from '../api.js';
import { formatDate, lang, t } from '../i18n.js';
import { formatMobile, normalizeMobile } from '../phone.js';
import { busy, confirmDialog, describeError, emptyState, field, h, pageHeader, setFieldError, toast } from '../ui.js';
import { initial } from './owner.js';

export async function riders(ctx) {
  const answer = await get('/api/agents');
  const agents = (answer && Array.isArray(answer.agents) ? answer.agents : []).slice();
  const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';

  const listSlot = h('div', { id: 'riders-list' });
  const dialog = confirmDialog();

  function drawList() {
    if (agents.length === 0) {
      listSlot.replaceChildren(
        emptyState({ iconName: 'scooter', title: t('riders.empty_title'), body: t('riders.empty_body') }),
      );
      return;
    }
    listSlot.replaceChildren(
      h(
        'ul',
        { class: 'list', 'aria-label': t('riders.list_title') },
        agents.map((agent) => {
          const name = agent.name || t('riders.no_name');
          const added = agent.created_at ? t('riders.added_on', { date: formatDate(agent.created_at) }) : '';
          return h(
            'li',
            { class: 'list__item', dataset: { userId: agent.user_id } },
            h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(name)),
            h(
              'div',
              { class: 'list__main' },
              h('div', { class: 'list__title' }, name),
              h('div', { class: 'list__meta' }, formatMobile(agent.phone)),
              added ? h('div', { class: 'list__meta' }, added) : null,
            ),
            h(
              'button',
              {
                class: 'btn btn--secondary',
                type: 'button',
                'aria-label': t('riders.remove_label', { name }),
                onclick: () => remove(agent, name),
              },
              t('riders.remove'),
            ),
          );
        }),
      ),
    );
  }

  async function remove(agent, name) {
    const confirmed = await dialog.ask({
      title: t('riders.remove_title', { name }),
      body: t('riders.remove_body', { name }),
      confirm: t('riders.remove'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await del(`/api/agents/${encodeURIComponent(agent.user_id)}`);
    } catch (err) {
      // Already gone elsewhere counts as removed; anything else is reported.
      if (!(err instanceof ApiError && err.status === 404)) {
        toast(describeError(err));
        return;
      }
    }
    const index = agents.findIndex((a) => a.user_id === agent.user_id);
    if (index >= 0) {
      agents.splice(index, 1);
    }
    drawList();
    toast(t('riders.removed', { name }));
    document.getElementById('page-title').focus();
  }

  // Invite form
  const nameInput = h('input', { class: 'input', name: 'name', type: 'text', autocomplete: 'off', maxlength: '60', required: true });
  const phoneInput = h('input', {
    class: 'input',
    name: 'phone',
    type: 'tel',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '16',
    placeholder: '98123 45678',
    required: true,
  });
  const nameField = field({ id: 'rider-name', label: t('riders.name'), input: nameInput });
  const phoneField = field({ id: 'rider-phone', label: t('riders.phone'), input: phoneInput, prefix: '+91' });
  const alert = h('div', { class: 'alert alert--error auth__alert', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn', type: 'submit' }, t('riders.invite'));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'invite-title' },
    h('h2', { class: 'card__title', id: 'invite-title' }, t('riders.invite_title')),
    alert,
    nameField.field,
    phoneField.field,
    h('div', { class: 'form-actions' }, submit),
  );
  for (const f of [nameField, phoneField]) {
    f.input.addEventListener('input', () => setFieldError(f.input, f.error, ''));
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const name = nameInput.value.trim().replace(/\s+/g, ' ');
    const phone = normalizeMobile(phoneInput.value);
    setFieldError(nameInput, nameField.error, name ? '' : t('riders.name_required'));
    setFieldError(phoneInput, phoneField.error, phone ? '' : t(phoneInput.value.trim() ? 'err.phone_invalid' : 'err.phone_required'));
    if (!name || !phone) {
      (name ? phoneInput : nameInput).focus();
      return;
    }
    const restore = busy(submit, t('riders.inviting'));
    try {
      const created = await post('/api/agents', { phone, name });
      const agent = (created && created.agent) || { user_id: '', phone, name };
      agents.push(agent);
      form.reset();
      drawList();
      toast(t('riders.invited', { name: agent.name || name, phone: formatMobile(agent.phone || phone) }));
    } catch (err) {
      if (err instanceof ApiError && (err.hasField('phone') || err.hasField('name'))) {
        const message = (f) => (lang() === 'en' && err.fieldMessage(f)) || (f === 'phone' ? t('err.phone_invalid') : t('riders.name_required'));
        if (err.hasField('name')) {
          setFieldError(nameInput, nameField.error, message('name'));
        }
        if (err.hasField('phone')) {
          setFieldError(phoneInput, phoneField.error, message('phone'));
        }
        (err.hasField('name') ? nameInput : phoneInput).focus();
      } else if (err instanceof ApiError && err.status === 409 && lang() !== 'en') {
        // The server's English message says which conflict it is; say the same in Hindi.
        setFieldError(phoneInput, phoneField.error, t(/owner/i.test(err.message) ? 'riders.is_owner' : 'riders.already'));
        phoneInput.focus();
      } else if (err instanceof ApiError && err.status === 409) {
        setFieldError(phoneInput, phoneField.error, err.message);
        phoneInput.focus();
      } else {
        alert.textContent = describeError(err);
        alert.hidden = false;
      }
    } finally {
      restore();
    }
  });

  drawList();
  return h(
    'div',
    {},
    pageHeader({ kicker: business, title: t('riders.title'), lead: t('riders.lead') }),
    h('p', { class: 'row' },
      h('a', { class: 'btn btn--secondary', href: '#/live', id: 'live-link' }, t('live.title')),
      h('a', { class: 'btn btn--secondary', href: '#/cash-ledger', id: 'ledger-link' }, t('ledger.title'))),
    form,
    h('h2', { class: 'section-title' }, t('riders.list_title')),
    listSlot,
    dialog.element,
  );
}
