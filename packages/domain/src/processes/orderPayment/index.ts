export * from './orderPayment';
export * from './walletSteps';
