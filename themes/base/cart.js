// WebDPro storefront cart: kept in localStorage, no framework. Every value read from the page or
// from storage is written back with textContent / attributes only, never as markup.
(function () {
  'use strict';
  var body = document.body;
  var KEY = 'webdpro:cart:' + (body.getAttribute('data-store') || 'store');
  var money = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function load() {
    try { var c = JSON.parse(localStorage.getItem(KEY)); return c && typeof c === 'object' ? c : {}; } catch (e) { return {}; }
  }
  function save(c) { try { localStorage.setItem(KEY, JSON.stringify(c)); } catch (e) { /* private mode */ } }
  function ids(c) { return Object.keys(c).filter(function (k) { return c[k] && c[k].q > 0; }); }
  function total(c) { return ids(c).reduce(function (s, k) { return s + c[k].p * c[k].q; }, 0); }
  function count(c) { return ids(c).reduce(function (s, k) { return s + c[k].q; }, 0); }
  function rupees(p) { return money.format(p / 100); }

  function paintCount(c) {
    $$('[data-cart-count]').forEach(function (el) {
      var n = count(c);
      el.textContent = String(n);
      el.hidden = n === 0;
    });
  }

  function add(btn) {
    var id = btn.getAttribute('data-add');
    var price = parseInt(btn.getAttribute('data-price'), 10);
    if (!id || !(price >= 0)) { return; }
    var c = load();
    var line = c[id] || { n: btn.getAttribute('data-name'), p: price, u: btn.getAttribute('data-unit'), i: btn.getAttribute('data-img'), q: 0 };
    line.q = Math.min(line.q + 1, 99);
    line.p = price;
    c[id] = line;
    save(c);
    paintCount(c);
    btn.classList.add('done');
    if (!btn.getAttribute('data-label')) { btn.setAttribute('data-label', btn.textContent); }
    btn.textContent = (body.getAttribute('data-added') || '✓') + ' (' + line.q + ')';
  }

  function paintCart(c) {
    var list = $('[data-cart-lines]');
    var tpl = $('#line-tpl');
    if (!list || !tpl) { return; }
    list.textContent = '';
    ids(c).forEach(function (id) {
      var l = c[id];
      var li = tpl.content.firstElementChild.cloneNode(true);
      var img = $('img', li);
      if (typeof l.i === 'string' && /^(https:\/\/|[a-z0-9])[A-Za-z0-9\/._~:?=&%-]*$/.test(l.i)) { img.src = l.i; } else { img.remove(); }
      $('.lname', li).textContent = l.n;
      $('.lprice', li).textContent = rupees(l.p) + ' / ' + l.u;
      $('.qn', li).textContent = String(l.q);
      $$('[data-q]', li).forEach(function (b) {
        b.addEventListener('click', function () {
          var cc = load();
          if (!cc[id]) { return; }
          cc[id].q = Math.max(0, Math.min(99, cc[id].q + parseInt(b.getAttribute('data-q'), 10)));
          if (cc[id].q === 0) { delete cc[id]; }
          save(cc);
          refresh();
        });
      });
      list.appendChild(li);
    });
  }

  function paintSummary(c) {
    var list = $('[data-sum-lines]');
    if (!list) { return; }
    list.textContent = '';
    ids(c).forEach(function (id) {
      var li = document.createElement('li');
      var name = document.createElement('span');
      var amount = document.createElement('span');
      name.textContent = c[id].q + ' × ' + c[id].n;
      amount.textContent = rupees(c[id].p * c[id].q);
      li.appendChild(name);
      li.appendChild(amount);
      list.appendChild(li);
    });
  }

  function refresh() {
    var c = load();
    var empty = ids(c).length === 0;
    paintCount(c);
    paintCart(c);
    paintSummary(c);
    var subtotal = total(c);
    var fee = 0;
    // The store's delivery charge, as the server will compute it (orders/totals.cpp); the order's
    // own totals, from the server, are what the customer pays.
    $$('[data-cart-delivery]').forEach(function (el) {
      var base = Number(el.getAttribute('data-fee')) || 0;
      var freeAbove = Number(el.getAttribute('data-free-above')) || 0;
      fee = freeAbove > 0 && subtotal >= freeAbove ? 0 : base;
      el.textContent = fee === 0 ? el.getAttribute('data-free') : rupees(fee);
    });
    $$('[data-cart-subtotal]').forEach(function (el) { el.textContent = rupees(subtotal); });
    $$('[data-cart-total]').forEach(function (el) { el.textContent = rupees(subtotal + fee); });
    $$('[data-cart-empty]').forEach(function (el) { el.hidden = !empty; });
    $$('[data-cart-totals]').forEach(function (el) { el.hidden = empty; });
  }

  // The GSTIN rules the server applies (orders/gstin.cpp), so a typo is caught on the phone before
  // the order is sent; the server still checks and stays the judge.
  var GST_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  var GST_SHAPE = /^(0[1-9]|[12][0-9]|3[0-8]|97|99)[A-Z]{5}(?!0000)[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
  function gstinCheckCharacter(first14) {
    var sum = 0;
    for (var i = 0; i < 14; i++) {
      var product = GST_ALPHABET.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2);
      sum += Math.floor(product / 36) + product % 36;
    }
    return GST_ALPHABET.charAt((36 - sum % 36) % 36);
  }
  /** '' when `v` (upper case, no spaces) is a well-formed GSTIN, else the attribute naming its message. */
  function gstinProblem(v) {
    if (!GST_SHAPE.test(v)) { return 'data-msg-gstin'; }
    return gstinCheckCharacter(v.slice(0, 14)) === v.charAt(14) ? '' : 'data-msg-gstin-check';
  }

  function checkField(form, input) {
    var msg = '';
    var v = input.value.trim();
    if (input.name === 'gstin') {
      var problem = v ? gstinProblem(v.toUpperCase()) : '';
      msg = problem ? form.getAttribute(problem) : '';
    }
    else if (!v) { msg = form.getAttribute('data-msg-required'); }
    else if (input.name === 'phone' && !/^[6-9][0-9]{9}$/.test(v)) { msg = form.getAttribute('data-msg-phone'); }
    else if (input.name === 'pincode' && !/^[1-9][0-9]{5}$/.test(v)) { msg = form.getAttribute('data-msg-pincode'); }
    var err = document.getElementById('e-' + input.name);
    if (err) { err.textContent = msg; }
    input.setAttribute('aria-invalid', msg ? 'true' : 'false');
    return !msg;
  }

  function idempotencyKey() {
    var k = sessionStorage.getItem(KEY + ':key');
    if (!k) {
      k = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
      sessionStorage.setItem(KEY + ':key', k);
    }
    return k;
  }

  /** Shows the server's verdict on a field next to it, in the page's language; true if one was shown. */
  function showServerFields(form, error) {
    var shown = false;
    ((error && error.fields) || []).forEach(function (f) {
      var name = String(f.field || '').replace(/^customer\./, '');
      var input = form.elements[name];
      if (!input || !input.name || input.type === 'radio') { return; }
      var box = input.closest('details');
      if (box) { box.open = true; }
      if (checkField(form, input)) {
        // The phone found nothing wrong: say what the server said rather than nothing.
        var err = document.getElementById('e-' + name);
        if (err) { err.textContent = String(f.message || ''); }
        input.setAttribute('aria-invalid', 'true');
      }
      if (!shown) { input.focus(); }
      shown = true;
    });
    return shown;
  }

  // "Use my location": the phone's position goes with the order, so the tracking map has the
  // customer's place and the ETA a destination. Optional; nothing is sent unless tapped.
  var located = null;
  function locate(form) {
    var box = $('[data-locate]', form);
    if (!box || !navigator.geolocation) { return; }
    box.hidden = false;
    var state = $('[data-locate-state]', box);
    var button = $('[data-locate-btn]', box);
    button.addEventListener('click', function () {
      button.disabled = true;
      state.textContent = box.getAttribute('data-msg-asking');
      navigator.geolocation.getCurrentPosition(function (p) {
        located = { lat: p.coords.latitude, lng: p.coords.longitude };
        state.textContent = box.getAttribute('data-msg-got').split('{metres}').join(String(Math.round(p.coords.accuracy || 0)));
        button.disabled = false;
      }, function () {
        state.textContent = box.getAttribute('data-msg-failed');
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  function checkout(form) {
    form.noValidate = true;
    locate(form);
    var fields = $$('input[name=name],input[name=phone],textarea[name=address],input[name=pincode],input[name=gstin]', form);
    fields.forEach(function (f) {
      f.addEventListener('blur', function () { checkField(form, f); });
      // A flagged field is re-checked as it is corrected, so its message is gone before the buyer
      // taps "Place order": cleared on blur instead, the text above the button would shrink under
      // the finger and the tap would miss.
      f.addEventListener('input', function () { if (f.getAttribute('aria-invalid') === 'true') { checkField(form, f); } });
    });
    var gstin = form.elements.gstin;
    if (gstin) {
      gstin.addEventListener('input', function () {
        var at = gstin.selectionStart;
        var upper = gstin.value.toUpperCase().replace(/\s+/g, '');
        if (upper !== gstin.value) { gstin.value = upper; try { gstin.setSelectionRange(at, at); } catch (e) { /* not focusable */ } }
      });
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var formError = $('[data-form-error]', form);
      var ok = fields.map(function (f) { return checkField(form, f); }).every(Boolean);
      var c = load();
      if (!ok) {
        var bad = $('[aria-invalid=true]', form);
        if (bad) { var box = bad.closest('details'); if (box) { box.open = true; } bad.focus(); }
        return;
      }
      if (ids(c).length === 0) { formError.textContent = form.getAttribute('data-msg-empty'); return; }
      var button = $('button[type=submit]', form);
      button.disabled = true;
      formError.textContent = form.getAttribute('data-msg-placing');
      var data = new FormData(form);
      var order = {
        items: ids(c).map(function (id) { return { product_id: id, quantity: c[id].q }; }),
        customer: {
          name: data.get('name').trim(), phone: '+91' + data.get('phone').trim(),
          address: data.get('address').trim(), pincode: data.get('pincode').trim()
        },
        payment_method: data.get('payment_method')
      };
      var buyerGstin = String(data.get('gstin') || '').trim().toUpperCase();
      if (buyerGstin) { order.customer.gstin = buyerGstin; }
      if (located) { order.customer.location = located; }
      fetch(form.getAttribute('action'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey() },
        body: JSON.stringify(order)
      }).then(function (r) {
        if (r.ok) { return r.json(); }
        return r.json().catch(function () { return {}; }).then(function (body) {
          var failure = new Error(String(r.status));
          failure.body = body;
          throw failure;
        });
      }).then(function (res) {
        save({});
        sessionStorage.removeItem(KEY + ':key');
        var id = res.order_id || (res.order && res.order.id) || '';
        // The tracking token lets the order page show the order's payment (UPI: pay now).
        var token = /[?&]t=([^&]+)/.exec(res.tracking_url || '');
        location.href = form.getAttribute('data-done') + '?id=' + encodeURIComponent(id) +
          (token ? '&t=' + token[1] : '') + '&new=1';
      }).catch(function (failure) {
        button.disabled = false;
        var invalid = failure && failure.body && showServerFields(form, failure.body.error);
        // Refused input stored nothing, so the corrected order may go with a fresh key.
        if (invalid) { sessionStorage.removeItem(KEY + ':key'); }
        formError.textContent = invalid ? '' : form.getAttribute('data-msg-failed');
      });
    });
  }

  // The order's short reference, as the shop's own list and its messages show it: "#TSH5DC".
  function shortRef(id) {
    return '#' + String(id).slice(-6).toUpperCase();
  }

  // The banner of a just-placed order: "reserved, pay now" while the payment is awaited, its
  // first words (the thanks) again once it is paid.
  var thanksText = null;
  function orderBanner(state, reserved) {
    var thanks = $('[data-order-placed] strong');
    if (!thanks) { return; }
    if (thanksText === null) { thanksText = thanks.textContent; }
    if (state === 'open') { thanks.textContent = reserved; }
    if (state === 'paid') { thanks.textContent = thanksText; }
  }

  function order() {
    var q = new URLSearchParams(location.search);
    var id = q.get('id');
    if (!id) { return; }
    var input = document.getElementById('o-id');
    if (input) { input.value = shortRef(id); }
    if (q.get('new') === '1') {
      $('[data-order-placed]').hidden = false;
      $('[data-order-id]').textContent = shortRef(id);
    }
    var token = q.get('t');
    if (token) {
      upi(id, token);
      razorpay(id, token);
      track(id, token);
    }
  }

  // Razorpay Standard Checkout: the server creates the Razorpay order from the order's own total;
  // Checkout's answer goes back to the server, which checks its signature before the order is paid.
  function razorpay(id, token) {
    var box = $('[data-rzp]');
    if (!box) { return; }
    var base = 'api/orders/' + encodeURIComponent(id) + '/razorpay';
    var query = '?t=' + encodeURIComponent(token);
    var button = $('[data-rzp-pay]', box);
    var state = $('[data-rzp-state]', box);
    var info = null;
    function say(name) {
      state.hidden = !name;
      state.textContent = name ? box.getAttribute('data-msg-' + name) || '' : '';
    }
    function paint(answer) {
      info = answer;
      box.hidden = false;
      $('[data-rzp-amount]', box).textContent = rupees(answer.amount_paise);
      var open = answer.state === 'AWAITING_PAYMENT';
      button.hidden = !open;
      button.disabled = false;
      say({ PAID: 'paid', CANCELLED: 'cancelled' }[answer.state] || '');
      orderBanner(open ? 'open' : (answer.state === 'PAID' ? 'paid' : ''), box.getAttribute('data-msg-reserved'));
    }
    function post(path, body) {
      return fetch(path + query, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (b) { return { ok: r.ok, status: r.status, body: b }; });
        });
    }
    function start() {
      return post(base).then(function (res) {
        if (res.ok) { paint(res.body); return; }
        if (res.status === 404) { return; }  // not a Razorpay order
        box.hidden = false;
        button.hidden = false;
        button.disabled = false;
        say('unavailable');
      });
    }
    var loading = null;
    function loadScript(src) {
      if (window.Razorpay) { return Promise.resolve(); }
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var s = document.createElement('script');
          s.src = src;
          s.onload = resolve;
          s.onerror = function () { loading = null; reject(new Error('script')); };
          document.head.appendChild(s);
        });
      }
      return loading;
    }
    function verify(answer) {
      say('checking');
      post(base + '/verify', {
        razorpay_payment_id: answer.razorpay_payment_id,
        razorpay_order_id: answer.razorpay_order_id,
        razorpay_signature: answer.razorpay_signature
      }).then(function (res) {
        if (res.ok) { paint(res.body); } else { button.disabled = false; say('failed'); }
      }).catch(function () { button.disabled = false; say('failed'); });
    }
    button.addEventListener('click', function () {
      if (!info || !info.razorpay_order_id) { start(); return; }
      button.disabled = true;
      loadScript(info.script_url).then(function () {
        var checkout = new window.Razorpay({
          key: info.key_id,
          order_id: info.razorpay_order_id,
          amount: info.amount_paise,
          currency: info.currency,
          name: info.name,
          handler: verify,
          modal: { ondismiss: function () { button.disabled = false; } }
        });
        checkout.on('payment.failed', function () { button.disabled = false; say('failed'); });
        checkout.open();
      }).catch(function () { button.disabled = false; say('unavailable'); });
    });
    start().catch(function () { /* offline: the page still tracks the order */ });
  }

  // Where the order is: the steps done, the payment, who brings it, the code the customer tells
  // the rider and, while it is out for delivery, the rider on a map with an ETA. Live over
  // server-sent events; asked every 15 seconds instead where they do not get through.
  function track(id, token) {
    var steps = $('[data-steps]');
    var status = $('[data-order-status]');
    var codeBox = $('[data-delivery-code]');
    var payment = $('[data-payment]');
    var live = $('[data-live]');
    if (!steps || !status) { return; }
    // Hidden until there is an order to show (without JavaScript the server's own status stands).
    steps.hidden = false;
    var base = 'api/orders/' + encodeURIComponent(id);
    var query = '?t=' + encodeURIComponent(token);
    var reached = { PLACED: 0, PENDING_PAYMENT: 0, CONFIRMED: 1, PACKED: 2, OUT_FOR_DELIVERY: 3, DELIVERED: 4 };
    var msg = function (el, name, values) {
      var text = el.getAttribute('data-msg-' + name) || '';
      Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
      return text;
    };
    function paintPayment(info) {
      if (!payment) { return; }
      var name = info.payment_status === 'PAID' ? 'paid'
        : info.payment_status === 'REFUNDED' ? 'refunded'
        : info.payment_method === 'COD' ? 'cod' : 'unpaid';
      payment.hidden = info.status === 'CANCELLED';
      payment.textContent = msg(payment, name);
    }
    function paint(info) {
      var step = info.status === 'CANCELLED' ? -1 : (reached[info.status] || 0);
      Array.prototype.forEach.call(steps.children, function (li, i) {
        li.classList.toggle('done', i <= Math.max(step, 0) && (step >= 0 || i === 0));
      });
      var d = info.delivery;
      var name = d && d.rider && d.rider.first_name;
      var text = '';
      if (info.status === 'CANCELLED') {
        text = msg(status, 'cancelled');
      } else if (info.status === 'DELIVERED') {
        text = msg(status, 'delivered');
      } else if (info.status === 'OUT_FOR_DELIVERY' && name) {
        text = msg(status, 'out', { name: name });
      } else if (name && d.state === 'ASSIGNED') {
        text = msg(status, 'rider', { name: name });
      } else if (step >= 1) {
        text = msg(status, 'confirmed');
      }
      if (text) { status.textContent = text; }
      if (codeBox) {
        var code = d && d.code;
        codeBox.hidden = !code;
        codeBox.textContent = code ? msg(codeBox, 'code', { code: code }) : '';
      }
      paintPayment(info);
      if (live) { paintLive(info); }
      return info.status !== 'DELIVERED' && info.status !== 'CANCELLED';
    }
    // A cancelled order the customer had paid: where the money going back to them stands.
    var refundBox = $('[data-refund]');
    var emptyAnswers = 0;
    function refunds() {
      if (!refundBox) { return; }
      var refundsUrl = 'api/orders/' + encodeURIComponent(id) + '/refunds?t=' + encodeURIComponent(token);
      fetch(refundsUrl).then(function (r) { return r.ok ? r.json() : null; }).then(function (answer) {
        var list = (answer && answer.refunds) || [];
        var lines = list.map(function (r) {
          var name = r.owed_by_owner ? 'owed' : (r.provider === 'UPI' ? 'returned' : r.state.toLowerCase());
          return msg(refundBox, name, { amount: rupees(r.amount_paise) });
        });
        refundBox.hidden = lines.length === 0;
        refundBox.textContent = lines.join(' ');
        // A refund is made a moment after the cancellation, and one still on its way is asked about again.
        if (list.length === 0 && emptyAnswers++ < 3) {
          setTimeout(refunds, 3000);
        } else if (list.some(function (r) { return r.state === 'REQUESTED' && !r.owed_by_owner; })) {
          setTimeout(refunds, 20000);
        }
      }).catch(function () { /* offline: the order's status still shows */ });
    }
    function paintLive(info) {
      var d = info.delivery;
      var out = info.status === 'OUT_FOR_DELIVERY' && d && d.state === 'PICKED_UP';
      live.hidden = !out;
      if (!out) { return; }
      var eta = $('[data-eta]', live);
      if (typeof d.eta_s === 'number') {
        var minutes = Math.max(1, Math.round(d.eta_s / 60));
        eta.textContent = d.eta_s < 60 ? msg(live, 'eta-near') : msg(live, 'eta', { minutes: String(minutes) });
        eta.setAttribute('data-eta-s', String(d.eta_s));
      } else {
        eta.textContent = msg(live, 'no-eta');
        eta.removeAttribute('data-eta-s');
      }
      var call = $('[data-call]', live);
      var phone = d.rider && d.rider.phone;
      call.hidden = !phone;
      if (phone) {
        call.href = 'tel:' + phone;
        if (!call.getAttribute('data-label')) { call.setAttribute('data-label', call.textContent); }
        call.textContent = call.getAttribute('data-label').split('{name}').join(d.rider.first_name || '');
      }
      var updated = $('[data-updated]', live);
      if (d.position && d.position.at) {
        var at = new Date(d.position.at);
        updated.textContent = msg(live, 'updated', { time: at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
      }
      drawMap($('[data-map]', live), info);
    }
    // The map without any tile server: the shop, the rider, the customer's place and the ride on
    // an SVG in metres around their middle, with a scale bar.
    function drawMap(box, info) {
      var NS = 'http://www.w3.org/2000/svg';
      var d = info.delivery;
      var pts = [];
      var track = (d.track || []).map(function (p) { return { lat: p[0], lng: p[1] }; });
      track.forEach(function (p) { pts.push(p); });
      if (info.store) { pts.push(info.store); }
      if (info.destination) { pts.push(info.destination); }
      if (d.position) { pts.push(d.position); }
      if (!pts.length) { box.hidden = true; return; }
      box.hidden = false;
      var lat0 = pts.reduce(function (s, p) { return s + p.lat; }, 0) / pts.length;
      var k = Math.cos(lat0 * Math.PI / 180);
      var M = 111195;  // metres per degree of latitude
      var xy = function (p) { return { x: p.lng * k * M, y: -p.lat * M }; };
      var all = pts.map(xy);
      var minX = Math.min.apply(null, all.map(function (p) { return p.x; }));
      var maxX = Math.max.apply(null, all.map(function (p) { return p.x; }));
      var minY = Math.min.apply(null, all.map(function (p) { return p.y; }));
      var maxY = Math.max.apply(null, all.map(function (p) { return p.y; }));
      var W = 300, H = 200, pad = 24;
      var span = Math.max((maxX - minX) / (W - 2 * pad), (maxY - minY) / (H - 2 * pad), 200 / (W - 2 * pad));
      var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
      var at = function (p) {
        var q = xy(p);
        return { x: W / 2 + (q.x - cx) / span, y: H / 2 + (q.y - cy) / span };
      };
      var svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
      svg.setAttribute('aria-hidden', 'true');
      var el = function (name, attrs, title) {
        var node = document.createElementNS(NS, name);
        Object.keys(attrs).forEach(function (a) { node.setAttribute(a, String(attrs[a])); });
        if (title) { var t = document.createElementNS(NS, 'title'); t.textContent = title; node.appendChild(t); }
        svg.appendChild(node);
        return node;
      };
      // A faint grid and a scale bar of a round number of metres.
      var steps = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];
      var bar = steps.filter(function (m) { return m / span <= W / 3; }).pop() || 50;
      for (var gx = (W / 2) % (bar / span); gx < W; gx += bar / span) { el('line', { x1: gx, y1: 0, x2: gx, y2: H, stroke: '#dde6dd', 'stroke-width': 1 }); }
      for (var gy = (H / 2) % (bar / span); gy < H; gy += bar / span) { el('line', { x1: 0, y1: gy, x2: W, y2: gy, stroke: '#dde6dd', 'stroke-width': 1 }); }
      el('line', { x1: 10, y1: H - 10, x2: 10 + bar / span, y2: H - 10, stroke: '#333', 'stroke-width': 2 });
      var label = el('text', { x: 10, y: H - 14, 'font-size': 10, fill: '#333' });
      label.textContent = bar >= 1000 ? (bar / 1000) + ' km' : bar + ' m';
      if (track.length > 1) {
        el('polyline', {
          points: track.map(function (p) { var q = at(p); return q.x.toFixed(1) + ',' + q.y.toFixed(1); }).join(' '),
          fill: 'none', stroke: '#d0342c', 'stroke-width': 3, 'stroke-linejoin': 'round', 'stroke-linecap': 'round', opacity: 0.6
        });
      }
      if (info.store) { var s = at(info.store); el('rect', { x: s.x - 7, y: s.y - 7, width: 14, height: 14, rx: 2, fill: '#6b4f2a', stroke: '#fff', 'stroke-width': 2, 'data-pin': 'store' }, live.getAttribute('data-msg-store')); }
      if (info.destination) { var h = at(info.destination); el('circle', { cx: h.x, cy: h.y, r: 8, fill: '#1f6feb', stroke: '#fff', 'stroke-width': 2, 'data-pin': 'home' }, live.getAttribute('data-msg-home')); }
      if (d.position) {
        var r = at(d.position);
        el('circle', { cx: r.x, cy: r.y, r: 9, fill: '#d0342c', stroke: '#fff', 'stroke-width': 3, 'data-pin': 'rider', 'data-x': r.x.toFixed(1), 'data-y': r.y.toFixed(1) }, live.getAttribute('data-msg-rider'));
      }
      box.textContent = '';
      box.appendChild(svg);
    }
    var timer = null;
    function poll() {
      fetch(base + '/tracking' + query).then(function (r) { return r.ok ? r.json() : null; }).then(function (info) {
        if (!info || paint(info)) {
          timer = setTimeout(poll, 15000);
        } else if (info.status === 'CANCELLED') {
          refunds();
        }
      }).catch(function () { timer = setTimeout(poll, 15000); });
    }
    if (!window.EventSource) { poll(); return; }
    var source = new EventSource(base + '/events' + query);
    var heard = false;
    source.addEventListener('tracking', function (e) {
      heard = true;
      var info = null;
      try { info = JSON.parse(e.data); } catch (err) { return; }
      if (!paint(info)) {
        source.close();
        if (info.status === 'CANCELLED') { refunds(); }
      }
    });
    source.addEventListener('error', function () {
      // Refused (too many screens, gone) or never connected: ask every 15 seconds instead. A
      // dropped stream that had worked reconnects by itself.
      if (source.readyState === EventSource.CLOSED || !heard) {
        source.close();
        if (timer === null) { poll(); }
      }
    });
  }

  // UPI straight to the shop: the upi:// link (phones) or its QR code (larger screens), then the
  // customer sends the 12-digit UTR their app shows, and the shop confirms the payment.
  function upi(id, token) {
    var box = $('[data-upi]');
    if (!box) { return; }
    var base = 'api/orders/' + encodeURIComponent(id) + '/upi';
    var query = '?t=' + encodeURIComponent(token);
    var msg = function (name, values) {
      var text = box.getAttribute('data-msg-' + name) || '';
      Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
      return text;
    };
    function paint(info) {
      box.hidden = false;
      $('[data-upi-amount]', box).textContent = rupees(info.amount_paise);
      var open = info.state === 'AWAITING_PAYMENT' || info.state === 'REJECTED';
      $('[data-upi-pay]', box).hidden = !open;
      if (open && info.link) {
        $('[data-upi-link]', box).href = info.link;
        var qr = $('[data-upi-qr]', box);
        var img = $('img', qr) || qr.insertBefore(document.createElement('img'), qr.firstChild);
        img.alt = qr.getAttribute('data-alt');
        img.width = 240;
        img.height = 240;
        img.src = base + '/qr.svg' + query;
        $('[data-upi-payee]', box).textContent = info.payee_name || '';
        $('[data-upi-vpa]', box).textContent = info.vpa || '';
      }
      var expires = $('[data-upi-expires]', box);
      expires.hidden = !(open && info.expires_at);
      if (open && info.expires_at) {
        var at = new Date(info.expires_at);
        expires.textContent = msg('expires', { time: at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
      }
      var state = $('[data-upi-state]', box);
      var text = { REJECTED: 'rejected', WAITING_FOR_SHOP: 'waiting', PAID: 'paid', CANCELLED: 'cancelled' }[info.state];
      state.hidden = !text;
      state.textContent = text ? msg(text, { utr: info.utr || '' }) : '';
      orderBanner(open ? 'open' : (info.state === 'PAID' ? 'paid' : ''), msg('reserved'));
    }
    fetch(base + query).then(function (r) { return r.ok ? r.json() : null; }).then(function (info) {
      if (info) { paint(info); }
    }).catch(function () { /* not a UPI order, or offline: the page still tracks the order */ });
    var form = $('[data-upi-form]', box);
    var field = $('#u-utr', box);
    var error = $('#e-utr', box);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var utr = field.value.replace(/\s+/g, '');
      if (!/^[0-9]{12}$/.test(utr)) {
        error.textContent = box.getAttribute('data-msg-utr');
        field.setAttribute('aria-invalid', 'true');
        field.focus();
        return;
      }
      error.textContent = '';
      field.removeAttribute('aria-invalid');
      var button = $('button[type=submit]', form);
      button.disabled = true;
      fetch(base + query, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ utr: utr }) })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, body: body }; });
        }).then(function (res) {
          button.disabled = false;
          if (res.ok) { paint(res.body); return; }
          var err = res.body && res.body.error;
          error.textContent = (err && err.message) || box.getAttribute('data-msg-failed');
        }).catch(function () {
          button.disabled = false;
          error.textContent = box.getAttribute('data-msg-failed');
        });
    });
  }

  document.addEventListener('click', function (e) {
    var btn = e.target.closest ? e.target.closest('[data-add]') : null;
    if (btn && !btn.disabled) { add(btn); }
  });
  window.addEventListener('storage', function (e) { if (e.key === KEY) { refresh(); } });
  refresh();
  var form = document.getElementById('checkout');
  if (form) { checkout(form); }
  if ($('[data-order-placed]')) { order(); }
})();
