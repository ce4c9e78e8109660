// Sections with nothing to show yet, or whose features the product does not offer yet: an honest
// empty state (marked "coming soon" where the feature is not there), not placeholder text.

import { t } from '../i18n.js';
import { emptyState, h, pageHeader } from '../ui.js';

const SECTIONS = {
  products: { title: 'nav.products', icon: 'box', empty: 'products', soon: true },
  orders: { title: 'nav.orders', icon: 'receipt', empty: 'orders' },
  deliveries: { title: 'nav.deliveries', icon: 'pin', empty: 'deliveries' },
  cash: { title: 'nav.cash', icon: 'rupee', empty: 'cash' },
  'my-orders': { title: 'nav.my_orders', icon: 'bag', empty: 'my_orders' },
};

/** A view function for the section `name`. */
export function emptySection(name) {
  const section = SECTIONS[name];
  return (ctx) => {
    const business = ctx.session.tenant ? ctx.session.tenant.business_name : '';
    const extra = [];
    if (name === 'my-orders' && (ctx.session.memberships || []).length === 0) {
      // A signed-in shopper may still be a shop owner who has not named the business yet.
      extra.push(
        h('p', { class: 'auth__note' }, t('welcome.sell_question'), ' ',
          h('a', { href: '#/welcome' }, t('welcome.sell_link'))),
      );
    }
    return h(
      'div',
      {},
      pageHeader({ kicker: business, title: t(section.title) }),
      emptyState({
        iconName: section.icon,
        title: t(`empty.${section.empty}_title`),
        body: t(`empty.${section.empty}_body`, { business: business || 'WebDPro' }),
        badge: section.soon ? t('empty.soon') : null,
      }),
      extra,
    );
  };
}
