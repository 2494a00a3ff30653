import { createRequire } from 'node:module';
import type { CountryCode, MetadataJson, NumberType } from 'libphonenumber-js/max';

// The parser's own numbering plans, the very module `libphonenumber-js/max` loads (a JSON module,
// which this package's TypeScript setup does not import). Read by position, in metadata format 4.
const metadata = createRequire(__filename)('libphonenumber-js/metadata.max.json') as MetadataJson;
const READABLE_METADATA = metadata.version === 4;
const CALLING_CODE = 0;
const IDD_PREFIX = 1;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const TYPES = 11;
const plans = metadata.countries as Readonly<Record<string, readonly unknown[]>>;
const nonGeographicPlans = metadata.nonGeographic as Readonly<Record<string, readonly unknown[]>>;
const countriesByCallingCode = metadata.country_calling_codes as Readonly<Record<string, readonly string[]>>;

/** A plan's calling code and the prefixes the parser strips: international (`00`, `810`) and national (`0`, `8`). */
export interface PrefixRules {
  readonly callingCode: string;
  readonly internationalPrefix: RegExp | undefined;
  readonly nationalPrefix: RegExp | undefined;
}

const startPattern = (source: unknown): RegExp | undefined =>
  typeof source === 'string' && source !== '' ? new RegExp(`^(?:${source})`) : undefined;

const rulesOf = (plan: readonly unknown[] | undefined): PrefixRules | undefined => {
  const callingCode = plan?.[CALLING_CODE];
  if (!READABLE_METADATA || plan === undefined || typeof callingCode !== 'string') return undefined;
  return {
    callingCode,
    internationalPrefix: startPattern(plan[IDD_PREFIX]),
    // As the parser does: the plan's parsing pattern when it has one, else the prefix itself.
    nationalPrefix: startPattern(plan[NATIONAL_PREFIX_FOR_PARSING] || plan[NATIONAL_PREFIX]),
  };
};

const isOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

const rulesByCountry = new Map<string, PrefixRules | undefined>();
/** The prefix rules of a country's plan. */
export const countryRules = (country: string): PrefixRules | undefined => {
  if (!rulesByCountry.has(country))
    rulesByCountry.set(country, rulesOf(isOwn(plans, country) ? plans[country] : undefined));
  return rulesByCountry.get(country);
};

// The plan the parser selects for a calling code: its main country's, or the non-geographic one
// (+800, +882, …). The parser skips an entry naming one three-letter "country" (old metadata's `001`).
const geographic = (callingCode: string): readonly string[] | undefined => {
  const countries = isOwn(countriesByCallingCode, callingCode)
    ? countriesByCallingCode[callingCode]
    : undefined;
  return countries === undefined || (countries.length === 1 && countries[0]?.length === 3)
    ? undefined
    : countries;
};
const nonGeographicPlan = (callingCode: string): readonly unknown[] | undefined =>
  isOwn(nonGeographicPlans, callingCode) ? nonGeographicPlans[callingCode] : undefined;
const callingCodePlan = (callingCode: string): readonly unknown[] | undefined => {
  const main = geographic(callingCode)?.[0];
  return main === undefined ? nonGeographicPlan(callingCode) : plans[main];
};

/** Whether the parser takes these digits for a calling code. */
export const isCallingCode = (digits: string): boolean =>
  geographic(digits) !== undefined || nonGeographicPlan(digits) !== undefined;

const rulesByCallingCode = new Map<string, PrefixRules | undefined>();
/** A calling code's prefix rules: its main plan's national rules. */
export const callingCodeRules = (callingCode: string): PrefixRules | undefined => {
  if (!rulesByCallingCode.has(callingCode))
    rulesByCallingCode.set(callingCode, rulesOf(callingCodePlan(callingCode)));
  return rulesByCallingCode.get(callingCode);
};

/** One number type of a plan: its pattern matched whole, tried only for the lengths it allows. */
interface TypeRule {
  /** Whether the pattern is the empty text: a mobile pattern dropped as the fixed-line one's duplicate. */
  readonly empty: boolean;
  /** Whether there is a pattern at all (absent parts are stored as 0). */
  readonly usable: boolean;
  readonly whole: RegExp;
  readonly lengths: readonly number[] | undefined;
}

/** A plan's national number pattern and type rules, compiled once (the parser compiles each per call). */
interface TypedPlan {
  readonly national: RegExp;
  readonly fixedLine: TypeRule | undefined;
  readonly mobile: TypeRule | undefined;
  /** Every type but fixed line, in the order the parser tries them. */
  readonly others: readonly (readonly [NonNullable<NumberType>, TypeRule | undefined])[];
}

// Positions in a plan's type list, and the order in which the parser tries the non-fixed types.
const TYPE_POSITIONS = {
  FIXED_LINE: 0,
  MOBILE: 1,
  TOLL_FREE: 2,
  PREMIUM_RATE: 3,
  PERSONAL_NUMBER: 4,
  VOICEMAIL: 5,
  UAN: 6,
  PAGER: 7,
  VOIP: 8,
  SHARED_COST: 9,
} as const;
const OTHER_TYPES = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

const whole = (pattern: unknown) => new RegExp(`^(?:${String(pattern)})$`);

const typeRule = (
  types: readonly unknown[] | undefined,
  position: number,
  planLengths: unknown,
): TypeRule | undefined => {
  const entry = types?.[position];
  // An absent type is stored as 0; a present one as [pattern, lengths?].
  if (!Array.isArray(entry)) return undefined;
  const pattern: unknown = entry[0];
  const lengths = (entry[1] || planLengths) as readonly number[] | undefined;
  return {
    empty: pattern === '',
    usable: Boolean(pattern),
    whole: whole(pattern),
    lengths: lengths || undefined,
  };
};

const typedPlanOf = (plan: readonly unknown[]): TypedPlan => {
  const listed = plan[TYPES];
  // A plan without types (none in today's metadata) classifies nothing, as the parser's `type()`.
  const types = Array.isArray(listed) && listed.length > 0 ? (listed as readonly unknown[]) : undefined;
  const lengths = plan[POSSIBLE_LENGTHS];
  return {
    national: whole(plan[NATIONAL_NUMBER_PATTERN]),
    fixedLine: typeRule(types, TYPE_POSITIONS.FIXED_LINE, lengths),
    mobile: typeRule(types, TYPE_POSITIONS.MOBILE, lengths),
    others: OTHER_TYPES.map((type) => [type, typeRule(types, TYPE_POSITIONS[type], lengths)] as const),
  };
};

const typedPlans = new Map<string, TypedPlan | undefined>();
const typedPlan = (countryOrCallingCode: string): TypedPlan | undefined => {
  let typed = typedPlans.get(countryOrCallingCode);
  if (typed === undefined && !typedPlans.has(countryOrCallingCode)) {
    const plan = /^\d+$/.test(countryOrCallingCode)
      ? callingCodePlan(countryOrCallingCode)
      : isOwn(plans, countryOrCallingCode)
        ? plans[countryOrCallingCode]
        : undefined;
    typed = READABLE_METADATA && plan !== undefined ? typedPlanOf(plan) : undefined;
    typedPlans.set(countryOrCallingCode, typed);
  }
  return typed;
};

const isOfType = (rule: TypeRule | undefined, nationalNumber: string): boolean =>
  rule !== undefined &&
  rule.usable &&
  (rule.lengths === undefined || rule.lengths.includes(nationalNumber.length)) &&
  rule.whole.test(nationalNumber);

/**
 * The type libphonenumber's `getType()` gives a national number in the plan of a country (or of a
 * calling code, for non-geographic numbers): the same steps over the same max metadata, with each
 * pattern compiled once. `undefined` means "not a valid number", and also "metadata this code
 * cannot read" (`knowsPlans` is then false and callers ask the parser).
 */
export const numberType = (
  countryOrCallingCode: string,
  nationalNumber: string,
): NonNullable<NumberType> | undefined => {
  const plan = typedPlan(countryOrCallingCode);
  if (plan === undefined || !plan.national.test(nationalNumber)) return undefined;
  if (isOfType(plan.fixedLine, nationalNumber)) {
    const { mobile } = plan;
    // A mobile pattern left out (or emptied) as a duplicate of the fixed-line one: both at once.
    if (mobile === undefined || mobile.empty || isOfType(mobile, nationalNumber))
      return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const [type, rule] of plan.others) if (isOfType(rule, nationalNumber)) return type;
  return undefined;
};

/** Whether this code reads the metadata the parser uses (format 4); else callers must ask the parser. */
export const knowsPlans = READABLE_METADATA;

/** A country's calling code when it is that code's only country (`48` is PL's alone; `7` is RU's and KZ's). */
const soleCallingCode = (country: CountryCode): string | undefined => {
  const rules = countryRules(country);
  if (rules === undefined) return undefined;
  const countries = geographic(rules.callingCode);
  return countries?.length === 1 && countries[0] === country ? rules.callingCode : undefined;
};

/** The only country of a calling code, when it has exactly one (and is not non-geographic). */
const soleCountry = (callingCode: string): CountryCode | undefined => {
  const countries = geographic(callingCode);
  return countries?.length === 1 ? (countries[0] as CountryCode) : undefined;
};

/** A calling code that belongs to one country alone, with that country and its prefix rules. */
export interface SoleCountryPlan {
  readonly callingCode: string;
  readonly country: CountryCode;
  readonly rules: PrefixRules;
}

// Which plan the digits after `+` select depends on their first three digits only: answered once per three.
const byLeadingDigits = new Map<string, SoleCountryPlan | null>();
const leadingPlanOf = (leading: string): SoleCountryPlan | null => {
  for (let length = 1; length <= leading.length; length++) {
    const callingCode = leading.slice(0, length);
    // The parser takes the shortest calling code the digits start with.
    if (!isCallingCode(callingCode)) continue;
    const country = soleCountry(callingCode);
    const rules = callingCodeRules(callingCode);
    return country === undefined || rules === undefined ? null : { callingCode, country, rules };
  }
  return null;
};

/**
 * The plan the parser selects for international digits (after `+`, at least three), when its
 * calling code is one country's alone; undefined for a shared or non-geographic code or none.
 */
export const internationalPlan = (digits: string): SoleCountryPlan | undefined => {
  const leading = digits.slice(0, 3);
  let plan = byLeadingDigits.get(leading);
  if (plan === undefined) byLeadingDigits.set(leading, (plan = leadingPlanOf(leading)));
  return plan ?? undefined;
};

const byCountry = new Map<string, SoleCountryPlan | null>();
/** A shop country's plan when its calling code is its alone (PL's 48, not RU's 7). */
export const nationalPlan = (country: CountryCode): SoleCountryPlan | undefined => {
  let plan = byCountry.get(country);
  if (plan === undefined) {
    const callingCode = soleCallingCode(country);
    const rules = countryRules(country);
    plan = callingCode === undefined || rules === undefined ? null : { callingCode, country, rules };
    if (byCountry.size < 10_000) byCountry.set(country, plan);
  }
  return plan ?? undefined;
};

/** Whether the parser knows this default country (an unknown one refuses every number). */
export const isKnownCountry = (country: string): boolean => isOwn(plans, country);
