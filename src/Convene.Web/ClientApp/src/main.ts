import './styles.css';
import { ApiError, loadSession, signIn, signOut, whenUnauthorized } from './api';
import { announce, h, icon, toast } from './dom';
import { DiaryView } from './diary';
import { Directory } from './directory';
import { FollowUpDialog } from './dialog';
import { Notifications } from './notifications';
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

function showApp(me: Associate): void {
  const directory = new Directory();
  const dialog = new FollowUpDialog(me, directory, () => diary.refresh());
  const diary = new DiaryView(me, directory, dialog);
  const notifications = new Notifications(dialog, () => diary.refresh());
  dialog.onChanged = () => {
    diary.refresh();
    void notifications.refresh();
  };

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

  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'C'), h('span', { class: 'hide-sm' }, 'Convene')),
    diary.toolbar,
    h('div', { class: 'topbar-right' },
      notifications.bell,
      h('span', { class: 'whoami hide-sm', id: 'whoami' }, me.name),
      signOutButton));
  root.replaceChildren(header, h('main', { class: 'content', id: 'main' }, diary.element), notifications.panel, dialog.element);
  diary.render();
  notifications.start();
  announce(`Signed in as ${me.name}`);

  whenUnauthorized(() => {
    notifications.stop();
    showSignIn('Your session has ended. Please sign in again.');
  });
  void directory.load().catch(e => toast(`The directory could not be loaded: ${(e as Error).message}`, 'error'));
}

void boot();
