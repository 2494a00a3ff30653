export * from './cachedKeyStore';
export * from './customerExport';
export * from './erased';
export * from './forgetCustomer';
export * from './keyStore';
export * from './personalDataSchema';
export * from './personalDataStore';
export * from './privacyFacade';
