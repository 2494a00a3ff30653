export * from './reservationDecider';
export * from './reservationEvents';
export * from './reservationKey';
export * from './reservations';
