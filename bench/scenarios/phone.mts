import { parsePhone, parsePhoneQuery } from '@tillstream/domain';
import type { Scenario } from '../harness.mjs';
import { measure } from '../harness.mjs';

// What cashiers type: national and international forms, spaces, dashes, brackets, a few mistakes.
const typed = [
  '601 234 567',
  '+48 601-234-567',
  '8 916 123-45-67',
  '+7 (916) 123 45 67',
  '06 12345678',
  '+31 6 1234 5678',
  '+44 7700 900123',
  '0048601234567',
  '12',
  'not a phone',
] as const;

/** Phone normalisation throughput with the values context's `parsePhone` (libphonenumber-js max). */
export const phone: Scenario = {
  name: 'phone',
  title: 'Phone normalisation (values: parsePhone, parsePhoneQuery)',
  run: async (mode) => {
    let n = 0;
    const parse = await measure(
      mode,
      'phone',
      'parsePhone, shop default country PL (mix incl. 20% refusals)',
      'numbers/s',
      () => parsePhone(typed[n++ % typed.length], { defaultCountry: 'PL' }),
    );
    n = 0;
    const query = await measure(mode, 'phone', 'parsePhoneQuery (search box input)', 'queries/s', () =>
      parsePhoneQuery(typed[n++ % typed.length] as string, 'PL'),
    );
    return { cases: [parse, query] };
  },
};
