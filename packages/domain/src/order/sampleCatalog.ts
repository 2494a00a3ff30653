import { inMemoryCatalog, type Catalog, type CatalogItem } from './catalog';

/** A gaming café's menu in euro cents: drinks, snacks, play time and a bundle. */
export const sampleCatalogItems: readonly CatalogItem[] = [
  {
    productId: 'cola',
    name: 'Cola 0.5 l',
    kind: 'product',
    category: 'drinks',
    price: 250,
    pointsPrice: 25,
    customerOrderable: true,
  },
  {
    productId: 'chips',
    name: 'Chips',
    kind: 'product',
    category: 'snacks',
    price: 199,
    customerOrderable: true,
  },
  {
    productId: 'play-3h',
    name: '3 hours of play',
    kind: 'time_package',
    category: 'play-time',
    price: 900,
    pointsPrice: 90,
    customerOrderable: true,
  },
  {
    productId: 'gamer-combo',
    name: 'Gamer combo (cola + chips)',
    kind: 'composite',
    category: 'combos',
    price: 399,
    customerOrderable: true,
    components: [
      { productId: 'cola', quantity: 1 },
      { productId: 'chips', quantity: 1 },
    ],
  },
  {
    productId: 'energy',
    name: 'Energy drink',
    kind: 'product',
    category: 'drinks',
    price: 300,
    customerOrderable: false,
  },
];

/** The sample menu as a catalogue for one tenant. */
export const sampleCatalog = (tenantId: string): Catalog =>
  inMemoryCatalog({ [tenantId]: sampleCatalogItems });
