import * as fc from 'fast-check';
import { isStreamOfTenant, parseStreamName, streamName } from './streamName';

const piece = fc.stringMatching(/^[a-z0-9_.-]{0,6}$/);

// How a stream name was split before heads were remembered: every name judged on its own.
const referenceParse = (name: string) => {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const head = name.slice(0, dot);
  const dash = head.lastIndexOf('-');
  if (dash < 0) return undefined;
  const category = head.slice(0, dash);
  const tenantId = head.slice(dash + 1);
  const id = name.slice(dot + 1);
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(category) &&
    /^[A-Za-z0-9_]{1,64}$/.test(tenantId) &&
    id.length > 0
    ? { category, tenantId, id }
    : undefined;
};

describe('parseStreamName', () => {
  it('splits any name as judging each name on its own did, however often its head was seen', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, tenant, piece)), fc.array(fc.string()), (made, raw) => {
        const names = [...made.map(([a, t, b]) => `${a}-${t}.${b}`), ...raw];
        for (const name of [...names, ...names]) expect(parseStreamName(name)).toEqual(referenceParse(name));
      }),
      { numRuns: 2000 },
    );
  });
});
const tenant = fc.constantFrom('shop1', 'shop2', 'shop-1', 'a.b', '', 'SHOP_1');

describe('isStreamOfTenant answers as parseStreamName does', () => {
  it('for any name and tenant, first asked or asked again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(piece, tenant, piece)),
        fc.array(fc.tuple(fc.string(), tenant)),
        (made, raw) => {
          const asked = [
            ...made.map(([a, t, b]): [string, string] => [`${a}-${t}.${b}`, t]),
            ...raw,
            ...made.map(([a, t, b]): [string, string] => [`${a}-${t}.${b}`, 'shop1']),
          ];
          for (const [name, t] of [...asked, ...asked])
            expect(isStreamOfTenant(name, t)).toBe(parseStreamName(name)?.tenantId === t);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("seals a tenant from another's streams, even after its own were checked", () => {
    const mine = streamName('wallet', 'shop1', 'w1');
    expect(isStreamOfTenant(mine, 'shop1')).toBe(true);
    expect(isStreamOfTenant(mine, 'shop2')).toBe(false);
    expect(isStreamOfTenant(streamName('wallet', 'shop2', 'w1'), 'shop1')).toBe(false);
    expect(isStreamOfTenant('wallet-shop1.', 'shop1')).toBe(false);
  });
});
