import type { zxcvbn } from '@zxcvbn-ts/core';
import { ValidationProblem } from '../errors.js';

/**
 * Passwords are judged by zxcvbn-ts, a maintained strength estimator: it knows the most common
 * passwords, words, names, keyboard walks, repeats and dates, and is told the user's own name and
 * e-mail, so that a password built from them counts as weak. Its dictionaries take some MiB, so
 * they are loaded on the first password set, not at start.
 */

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
const MIN_SCORE = 3;

type Estimator = typeof zxcvbn;
let estimator: Promise<Estimator> | undefined;

async function loadEstimator(): Promise<Estimator> {
  const [core, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  core.zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    translations: en.translations,
  });
  return core.zxcvbn;
}

/** What a password may be made of that is the user's own: the e-mail, its parts, the name's words. */
function ownWords(email: string, displayName: string): string[] {
  const [local = '', domain = ''] = email.split('@');
  const parts = `${local} ${displayName} ${domain}`.split(/[^\p{L}\p{N}]+/u);
  const joined = [local, displayName].map((text) => text.replace(/[^\p{L}\p{N}]+/gu, ''));
  const words = [email, local, domain, displayName, ...joined, ...parts];
  return [...new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length >= 3))];
}

/** The password without the user's own words (longest first), or null when it holds none. */
function withoutOwnWords(password: string, words: string[]): string | null {
  let rest = password.toLowerCase();
  for (const word of [...words].sort((a, b) => b.length - a.length))
    rest = rest.split(word).join('');
  return rest.length < password.length ? rest : null;
}

/** Why the password is too weak for this user, or null when it is strong enough. */
export async function passwordWeakness(
  password: string,
  user: { email: string; displayName: string },
): Promise<string | null> {
  estimator ??= loadEstimator();
  const zxcvbn = await estimator;
  const words = ownWords(user.email, user.displayName);
  // zxcvbn's run time grows with the length; a long password is strong for its length alone.
  const candidate = password.slice(0, 100);
  const result = zxcvbn(candidate, words);
  const rest = withoutOwnWords(candidate, words);
  const weak = result.score < MIN_SCORE;
  const usesOwnWords = result.sequence.some(
    (match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs',
  );
  // Weak for its own words, or weak once they are taken out (zxcvbn misses some joined forms).
  if ((weak && usesOwnWords) || (rest !== null && zxcvbn(rest).score < MIN_SCORE))
    return 'is built from your name or e-mail address; choose another';
  if (!weak) return null;
  const hint = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
  return `is too easy to guess${hint}; use a longer phrase of uncommon words`;
}

/** A 400 naming the password field when the password is too weak for this user. */
export async function assertStrongPassword(
  password: string,
  user: { email: string; displayName: string },
): Promise<void> {
  const weakness = await passwordWeakness(password, user);
  if (weakness) {
    throw new ValidationProblem('The password is too weak.', [
      { path: 'body.password', message: weakness },
    ]);
  }
}
