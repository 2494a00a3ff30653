import * as E from 'fp-ts/Either';
import type { ValidationError } from '../kernel/errors';
import type { Brand } from './brand';
import { storedValueCodec } from './codec';
import { refuse, refuseNotText, shown } from './refusal';

/** An email address: trimmed, domain lower-cased; the local part keeps its case, which mail servers may honour. */
export type Email = Brand<string, 'Email'>;

// RFC 5321 limits: 64 for the local part, 254 for the whole path.
const MAX_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// Dot-atom characters plus any letter or digit, so internationalised addresses (EAI) pass.
const LOCAL_PART = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const NUMERIC = /^\d+$/;

/** Why a trimmed address is not an email, or undefined when it is one. */
const problem = (address: string, local: string, domain: string): string | undefined => {
  if (local === '') return 'nothing comes before the @';
  if (domain === '') return 'nothing comes after the @';
  if (local.includes('@')) return 'it has more than one @';
  if (/\s/u.test(address)) return 'it contains a space';
  if (local.length > MAX_LOCAL_LENGTH)
    return `the part before the @ is longer than ${MAX_LOCAL_LENGTH} characters`;
  if (!LOCAL_PART.test(local)) return 'the part before the @ has characters or dots an address cannot have';
  const labels = domain.split('.');
  if (labels.length < 2) return `"${domain}" is not a full domain (like example.com)`;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return `"${domain}" is not a valid domain`;
  // A numeric last label means an IP address or a typo such as "gmail.c0m".
  if (NUMERIC.test(labels[labels.length - 1] ?? ''))
    return `"${domain}" does not end with a real top-level domain`;
  return undefined;
};

/** Reads a typed email address with a reasonable syntax check (not full RFC 5322: no quoted parts or IP literals). */
export const parseEmail = (
  input: unknown,
  options: { readonly field?: string } = {},
): E.Either<ValidationError, Email> => {
  const field = options.field ?? 'email';
  if (typeof input !== 'string') return refuseNotText('email', 'email address', field, input);
  const trimmed = input.trim().normalize('NFC');
  if (trimmed === '') return refuse('email.empty', 'No email address was typed.', field, input);
  if (trimmed.length > MAX_LENGTH)
    return refuse(
      'email.too_long',
      `${shown(input)} is too long for an email address (at most ${MAX_LENGTH} characters).`,
      field,
      input,
    );
  const at = trimmed.lastIndexOf('@');
  if (at < 0)
    return refuse('email.invalid', `${shown(input)} is not an email address: it has no @.`, field, input);
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  const reason = problem(trimmed, local, domain);
  return reason === undefined
    ? E.right(`${local}@${domain}` as Email)
    : refuse('email.invalid', `${shown(input)} is not an email address: ${reason}.`, field, input, {
        reason,
      });
};

// Stored addresses are checked for shape only, so a later, stricter syntax check never breaks old events.
const STORED_SHAPE = /^[^\s@]+@[^\s@A-Z]+$/u;

/** io-ts codec for a stored email address: text, one @, no spaces, a lower-case domain. */
export const EmailCodec = storedValueCodec<Email, string>('Email', (u) =>
  typeof u === 'string' && STORED_SHAPE.test(u)
    ? E.right(u as Email)
    : E.left('an email is stored as local@domain with a lower-case domain and no spaces'),
);
