import { el } from '../../dashboard/src/dom.ts';
import type { Session } from './session.ts';

/** The sign-in choices: the operator's issuer, and locally the development people or a pasted token. */
export function signInPanel(session: Session, onSignedIn: () => void): HTMLElement {
  const panel = el('section', { class: 'panel sign-in', 'aria-labelledby': 'sign-in-heading' });
  panel.append(el('h2', { id: 'sign-in-heading' }, 'Sign in'));
  if (session.canUseOidc) {
    const button = el('button', { type: 'button', class: 'primary' }, 'Sign in with your organisation');
    button.addEventListener('click', () => void session.signInWithOidc());
    panel.append(el('p', {}, 'Use your council or CEG work account.'), button);
  }
  const people = session.config.devPeople ?? [];
  if (people.length > 0) {
    panel.append(
      el('p', {}, 'This is a local run: sign in as one of the development people.'),
      el(
        'ul',
        { class: 'choices' },
        ...people.map((person) => {
          const button = el('button', { type: 'button' }, person.label);
          button.addEventListener('click', () => {
            session.useDevelopmentToken(person.token);
            onSignedIn();
          });
          return el('li', {}, button, el('span', { class: 'muted' }, ` ${person.email}`));
        }),
      ),
    );
  }
  if (!session.canUseOidc) {
    const form = el('form', { class: 'paste-token' });
    const input = el('textarea', { id: 'token', name: 'token', rows: '3', required: true });
    form.append(
      el('label', { for: 'token' }, 'Or paste a token (npm start writes them to .local/tokens.env)'),
      input,
      el('button', { type: 'submit' }, 'Use this token'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      session.useDevelopmentToken(input.value);
      onSignedIn();
    });
    panel.append(form);
  }
  return panel;
}
