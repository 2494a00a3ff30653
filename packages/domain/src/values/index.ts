// Value objects: each parses what a person typed into one canonical form, or refuses it with a ValidationError.
export type { Brand } from './brand';
export * from './address';
export * from './cardNumber';
export * from './country';
export * from './currency';
export * from './email';
export * from './gender';
export * from './locale';
export * from './money';
export * from './personName';
export * from './phoneNumber';
export * from './points';
export * from './taxId';
