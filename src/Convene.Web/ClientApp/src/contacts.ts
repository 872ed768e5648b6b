import { ApiError, get } from './api';
import type { FollowUpDialog } from './dialog';
import { displayZone, formatRange, h, icon } from './dom';
import { describeProblem, wallTime, zonedInstant } from './logic';
import type { Activity, Contact, Person } from './types';

/**
 * The contact card: find a company, see its persons and its Activities — the meetings with the company or its
 * persons, which is where an external person's meetings show (they have no diary). The server applies privacy:
 * a private meeting the viewer does not take part in arrives as busy time without a title.
 */
export class ContactsScreen {
  readonly element: HTMLElement;
  private readonly search = h('input', { id: 'contact-search', type: 'search', autocomplete: 'off', placeholder: 'Company name' });
  private readonly list = h('ul', { class: 'contact-list', id: 'contact-list', 'aria-label': 'Companies' });
  private readonly card = h('article', { class: 'contact-card', id: 'contact-card', 'aria-live': 'polite' });
  private contacts: Contact[] = [];
  private current: Contact | null = null;
  private loaded = false;

  constructor(private readonly dialog: FollowUpDialog) {
    this.search.addEventListener('input', () => this.renderList());
    this.card.append(h('p', { class: 'muted' }, 'Pick a company to see its persons and activities.'));
    this.element = h('section', { class: 'contacts', 'aria-label': 'Contacts', id: 'contacts' },
      h('div', { class: 'contact-finder card' }, h('label', { for: 'contact-search' }, 'Find a company'), this.search, this.list),
      this.card);
  }

  async show(contactId?: number): Promise<void> {
    if (!this.loaded) {
      try {
        this.contacts = (await get<Contact[]>('/contacts')).filter(c => c.active);
        this.loaded = true;
      } catch (e) {
        this.card.replaceChildren(h('p', { class: 'gv-status error', role: 'alert' }, `The companies could not be loaded. ${this.problem(e)}`));
        return;
      }
      this.renderList();
    }
    const chosen = this.contacts.find(c => c.id === contactId) ?? this.current;
    if (chosen) await this.open(chosen);
  }

  /** Reloads the open card (a live 'diary' event: an activity may have changed). */
  async refresh(): Promise<void> {
    if (this.current) await this.open(this.current, true);
  }

  private renderList(): void {
    const words = this.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = this.contacts.filter(c => words.every(w => c.name.toLowerCase().includes(w)));
    this.list.replaceChildren(...(hits.length === 0
      ? [h('li', { class: 'muted' }, 'No company matches.')]
      : hits.map(c => {
        const b = h('button', { type: 'button', class: 'link contact-link', 'aria-current': c.id === this.current?.id ? 'true' : null }, c.name);
        b.addEventListener('click', () => void this.open(c));
        return h('li', {}, b);
      })));
  }

  private async open(contact: Contact, background = false): Promise<void> {
    this.current = contact;
    this.renderList();
    history.replaceState(null, '', `#tab=contacts&contact=${contact.id}`);
    if (!background) {
      this.card.setAttribute('aria-busy', 'true');
      this.card.replaceChildren(h('h2', { id: 'contact-name' }, contact.name), h('p', { class: 'muted' }, 'Loading…'));
    }
    try {
      const [persons, activities] = await Promise.all([
        get<Person[]>(`/contacts/${contact.id}/persons`),
        get<Activity[]>(`/contacts/${contact.id}/activities`),
      ]);
      if (this.current !== contact) return;
      this.render(contact, persons.filter(p => p.active), activities);
    } catch (e) {
      this.card.replaceChildren(h('h2', { id: 'contact-name' }, contact.name),
        h('p', { class: 'gv-status error', role: 'alert' }, `The contact card could not be loaded. ${this.problem(e)}`));
    } finally {
      this.card.setAttribute('aria-busy', 'false');
    }
  }

  private render(contact: Contact, persons: Person[], activities: Activity[]): void {
    const people = h('ul', { class: 'person-list', id: 'contact-persons' }, ...(persons.length === 0
      ? [h('li', { class: 'muted' }, 'No persons registered.')]
      : persons.map(p => {
        const invite = h('button', { type: 'button', class: 'btn btn-small', 'data-person-id': String(p.id) }, icon('plus'), ` New follow-up with ${p.name}`);
        invite.addEventListener('click', () => this.dialog.openNew(this.nextHour(), invite,
          [{ key: `p${p.id}`, kind: 'Person', personId: p.id, name: p.name, detail: contact.name }]));
        return h('li', { 'data-person-id': String(p.id) }, h('span', { class: 'att-name' }, p.name), p.email ? h('span', { class: 'muted' }, p.email) : null, invite);
      })));
    const sorted = [...activities].sort((a, b) => b.start.localeCompare(a.start));
    const rows = sorted.map(a => {
      const title = a.busyOnly
        ? h('span', { class: 'muted' }, 'Busy (private)')
        : (() => {
          const b = h('button', { type: 'button', class: 'link note-title' }, a.title ?? '');
          b.addEventListener('click', () => void this.dialog.open(a.appointmentId, b));
          return b;
        })();
      return h('tr', { 'data-appointment-id': String(a.appointmentId), 'data-busy-only': String(a.busyOnly) },
        h('td', {}, h('time', { datetime: a.start }, formatRange(new Date(a.start), new Date(a.end)))),
        h('td', {}, title, a.location && !a.busyOnly ? h('span', { class: 'muted' }, ` · ${a.location}`) : null),
        h('td', {}, a.ownerName),
        h('td', {}, a.persons.map(p => p.name).join(', ')));
    });
    const table = h('table', { class: 'attendees activities', id: 'contact-activities' },
      h('caption', { class: 'sr-only' }, `Activities with ${contact.name}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Meeting'), h('th', { scope: 'col' }, 'Organiser'), h('th', { scope: 'col' }, 'With'))),
      h('tbody', {}, ...(rows.length === 0 ? [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No activities yet.'))] : rows)));
    this.card.replaceChildren(
      h('h2', { id: 'contact-name' }, contact.name),
      h('h3', {}, 'Persons'), people,
      h('h3', {}, 'Activities'), table);
  }

  private nextHour(): { start: Date; end: Date } {
    const zone = displayZone();
    const n = wallTime(new Date(), zone);
    const start = zonedInstant(n.year, n.month, n.day, n.hour + 1, 0, zone);
    return { start, end: new Date(start.getTime() + 3600000) };
  }

  private problem(e: unknown): string {
    return e instanceof ApiError ? describeProblem(e.status, e.message, 'load') : String(e);
  }
}
