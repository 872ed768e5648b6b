// A tiny element builder. Text always goes in as text nodes, never as HTML: a title like
// <img src=x onerror=alert(1)> stays text everywhere.

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** Inline SVG icons (Phosphor-like outlines), built with DOM calls so the CSP needs no data: URLs. */
export function icon(name: 'bell' | 'eye' | 'check' | 'x' | 'warning' | 'plus' | 'signout' | 'lock' | 'repeat'): SVGSVGElement {
  const paths: Record<string, string[]> = {
    bell: ['M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9', 'M10.3 21a1.94 1.94 0 0 0 3.4 0'],
    eye: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z', 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z'],
    check: ['M20 6 9 17l-5-5'],
    x: ['M18 6 6 18', 'M6 6l12 12'],
    warning: ['M12 3 2 21h20L12 3Z', 'M12 10v5', 'M12 18h.01'],
    plus: ['M12 5v14', 'M5 12h14'],
    signout: ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5-5-5', 'M21 12H9'],
    lock: ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4'],
    repeat: ['M17 2l4 4-4 4', 'M3 11v-1a4 4 0 0 1 4-4h14', 'M7 22l-4-4 4-4', 'M21 13v1a4 4 0 0 1-4 4H3'],
  };
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of paths[name]) {
    const p = document.createElementNS(svgNs, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

/** Announces a message to screen readers through the page's ARIA live region. */
export function announce(message: string): void {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  // a fresh text node after clearing makes repeated messages heard again
  window.setTimeout(() => (live.textContent = message), 30);
}

let toastTimer = 0;

/** A short message at the bottom of the screen (role=alert for errors, status otherwise). */
export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  document.querySelector('.toast')?.remove();
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  document.body.append(el);
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4000);
}

// Dates and times are shown in the browser's locale (Intl) and in the signed-in associate's time zone, which
// setDisplayZone sets after sign-in (until then, and for an unknown zone, the browser's own).
let zone: string | undefined;
let dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
let timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
let dayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
let dayShort = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });

export function setDisplayZone(timeZone: string | undefined): void {
  zone = timeZone;
  dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone });
  dayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone });
  dayShort = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone });
}

/** The zone dates are shown in (undefined: the browser's). */
export function displayZone(): string | undefined {
  return zone;
}

/** "Tue 7 Jan, 09:00–10:00" in the browser's locale and the associate's time zone. */
export function formatRange(start: Date, end: Date): string {
  const sameDay = dayOnly.format(start) === dayOnly.format(end);
  return `${dateTime.format(start)}–${sameDay ? timeOnly.format(end) : dateTime.format(end)}`;
}

export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

export function formatTime(d: Date): string {
  return timeOnly.format(d);
}

export function formatDay(d: Date, short = false): string {
  return (short ? dayShort : dayOnly).format(d);
}

/** The IANA zone a new series keeps its wall-clock time in: the associate's, else the browser's. */
export function seriesZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
