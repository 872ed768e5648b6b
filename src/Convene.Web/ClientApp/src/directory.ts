import { get } from './api';
import type { Associate, Candidate, Contact, Person } from './types';

/** Associates, resources and contact persons, loaded once per session for the pickers. */
export class Directory {
  associates: Associate[] = [];
  persons: Array<Person & { contactName: string }> = [];
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.loading ??= (async () => {
      const [associates, contacts] = await Promise.all([get<Associate[]>('/associates'), get<Contact[]>('/contacts')]);
      this.associates = associates.filter(a => a.active);
      const persons = await Promise.all(contacts.map(c => get<Person[]>(`/contacts/${c.id}/persons`).then(ps => ps.map(p => ({ ...p, contactName: c.name })))));
      this.persons = persons.flat().filter(p => p.active);
    })();
    this.loading.catch(() => (this.loading = null));
    return this.loading;
  }

  candidates(excludeAssociateId: number): Candidate[] {
    const people: Candidate[] = this.associates
      .filter(a => a.id !== excludeAssociateId)
      .map(a =>
        a.kind === 'Resource'
          ? { key: `a${a.id}`, kind: 'Resource', associateId: a.id, name: a.name, detail: a.isLocation ? 'Room' : 'Resource' }
          : { key: `a${a.id}`, kind: 'Associate', associateId: a.id, name: a.name, detail: a.userName ?? 'Colleague' },
      );
    const external: Candidate[] = this.persons.map(p => ({ key: `p${p.id}`, kind: 'Person', personId: p.id, name: p.name, detail: p.contactName }));
    return [...people, ...external];
  }
}
