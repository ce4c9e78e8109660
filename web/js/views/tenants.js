// Platform admin: every tenant on the platform (GET /api/admin/tenants).

import { get } from '../api.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { emptyState, h, pageHeader } from '../ui.js';
import { initial } from './owner.js';

export async function tenants() {
  const answer = await get('/api/admin/tenants');
  const list = answer && Array.isArray(answer.tenants) ? answer.tenants : [];
  const header = pageHeader({
    title: t('tenants.title'),
    lead: list.length === 1 ? t('tenants.count_one') : list.length ? t('tenants.count', { n: formatNumber(list.length) }) : t('tenants.lead'),
  });
  if (list.length === 0) {
    return h('div', {}, header, emptyState({ iconName: 'building', title: t('tenants.empty_title'), body: t('tenants.empty_body') }));
  }
  return h(
    'div',
    {},
    header,
    h(
      'ul',
      { class: 'list', 'aria-label': t('tenants.title') },
      list.map((tenant) =>
        h(
          'li',
          { class: 'list__item' },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(tenant.business_name)),
          h(
            'div',
            { class: 'list__main' },
            h('div', { class: 'list__title' }, tenant.business_name),
            h('div', { class: 'list__meta' }, [tenant.owner_phone_masked, tenant.created_at ? formatDate(tenant.created_at) : ''].filter(Boolean).join(' · ')),
          ),
          tenant.plan ? h('span', { class: 'badge badge--brand' }, tenant.plan) : null,
        ),
      ),
    ),
  );
}
