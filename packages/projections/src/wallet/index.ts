export * from './movement';
export * from './walletViews';
