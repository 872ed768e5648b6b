import './styles.css';
import { ApiError, loadSession, signIn, signOut, whenUnauthorized } from './api';
import { announce, h, icon, setDisplayZone, toast } from './dom';
import { DiaryView } from './diary';
import { Directory } from './directory';
import { FollowUpDialog } from './dialog';
import { Notifications } from './notifications';
import { ContactsScreen } from './contacts';
import { GroupViewScreen } from './groupview';
import { isKnownZone } from './logic';
import type { Associate } from './types';

const root = document.getElementById('app')!;

async function boot(): Promise<void> {
  try {
    const session = await loadSession();
    if (session.associate) {
      showApp(session.associate);
    } else {
      showSignIn();
    }
  } catch (e) {
    root.replaceChildren(h('main', { class: 'fatal' }, h('h1', {}, 'Convene'), h('p', { role: 'alert' }, `The diary could not start: ${(e as Error).message}`)));
  } finally {
    root.removeAttribute('aria-busy');
  }
}

function showSignIn(message?: string): void {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' }, message ?? '');
  const button = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in');
  const form = h('form', { class: 'signin-card', 'aria-labelledby': 'signin-title', novalidate: true },
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'C'), 'Convene'),
    h('h1', { id: 'signin-title' }, 'Sign in to your diary'),
    h('label', { for: 'username' }, 'User name'), user,
    h('label', { for: 'password' }, 'Password'), password,
    error, button);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!user.value.trim() || !password.value) {
      error.textContent = 'Enter your user name and password.';
      (user.value.trim() ? password : user).focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const session = await signIn(user.value.trim(), password.value);
      showApp(session.associate!);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'The user name or password is wrong.' : (e as Error).message;
      password.select();
      password.focus();
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });
  root.replaceChildren(h('main', { class: 'signin' }, form));
  user.focus();
}

type Tab = 'diary' | 'group' | 'contacts';

function showApp(me: Associate): void {
  // Dates and times in the associate's own time zone (Associate.timeZone, IANA), in the browser's locale.
  const zone = isKnownZone(me.timeZone) ? me.timeZone : undefined;
  setDisplayZone(zone);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const hash = new URLSearchParams(location.hash.slice(1));
  const directory = new Directory();
  const dialog = new FollowUpDialog(me, directory, () => refreshShown());
  const diary = new DiaryView(me, directory, dialog);
  const group = new GroupViewScreen(me, directory, dialog, hash.get('date') ?? undefined);
  const contacts = new ContactsScreen(dialog);
  let tab: Tab = 'diary';
  let initialContact = Number(hash.get('contact'));
  const refreshShown = () => {
    switch (tab) {
      case 'diary':
        diary.refresh();
        break;
      case 'group':
        void group.refresh();
        break;
      case 'contacts':
        void contacts.refresh();
        break;
    }
  };
  const notifications = new Notifications(dialog, refreshShown);
  dialog.onChanged = () => {
    refreshShown();
    void notifications.refresh();
  };

  const main = h('main', { class: 'content', id: 'main' });
  const tabs: Record<Tab, HTMLButtonElement> = {
    diary: h('button', { type: 'button', class: 'tab', id: 'tab-diary' }, 'Diary'),
    group: h('button', { type: 'button', class: 'tab', id: 'tab-group' }, 'Group view'),
    contacts: h('button', { type: 'button', class: 'tab', id: 'tab-contacts' }, 'Contacts'),
  };
  const show = (next: Tab) => {
    tab = next;
    for (const [name, button] of Object.entries(tabs)) {
      if (name === next) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    diary.toolbar.hidden = next !== 'diary';
    switch (next) {
      case 'diary':
        main.replaceChildren(diary.element);
        diary.shown();
        break;
      case 'group':
        main.replaceChildren(group.element);
        void group.show();
        break;
      case 'contacts': {
        main.replaceChildren(contacts.element);
        // the address bar's contact, once (the diary may have rewritten the hash since)
        const contact = initialContact;
        initialContact = 0;
        void contacts.show(Number.isInteger(contact) && contact > 0 ? contact : undefined);
        break;
      }
    }
  };
  for (const [name, button] of Object.entries(tabs)) button.addEventListener('click', () => show(name as Tab));

  const signOutButton = h('button', { type: 'button', class: 'btn btn-ghost', title: 'Sign out' }, icon('signout'), h('span', { class: 'hide-sm' }, 'Sign out'));
  signOutButton.addEventListener('click', async () => {
    try {
      await signOut();
    } finally {
      notifications.stop();
      await loadSession().catch(() => undefined);
      showSignIn();
    }
  });

  const zoneNote = zone && zone !== browserZone
    ? h('span', { class: 'zone-note hide-sm', id: 'zone-note', title: `This device is set to ${browserZone}` }, `Times in ${zone}`)
    : null;
  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'C'), h('span', { class: 'hide-sm' }, 'Convene')),
    h('nav', { class: 'tabs', 'aria-label': 'Sections' }, tabs.diary, tabs.group, tabs.contacts),
    diary.toolbar,
    h('div', { class: 'topbar-right' },
      zoneNote,
      notifications.bell,
      h('span', { class: 'whoami hide-sm', id: 'whoami' }, me.name),
      signOutButton));
  root.replaceChildren(header, main, notifications.panel, dialog.element);
  const first = hash.get('tab');
  main.replaceChildren(diary.element);
  diary.render();
  show(first === 'group' || first === 'contacts' ? first : 'diary');
  notifications.start();
  announce(`Signed in as ${me.name}`);

  whenUnauthorized(() => {
    notifications.stop();
    showSignIn('Your session has ended. Please sign in again.');
  });
  void directory.load().catch(e => toast(`The directory could not be loaded: ${(e as Error).message}`, 'error'));
}

void boot();
