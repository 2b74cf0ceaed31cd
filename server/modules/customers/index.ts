export { customersRouter } from './router';
export { insertCustomer, toCustomer } from './repo';
export { archiveCustomer, createCustomer, getCustomer, patchCustomer, updateCustomer } from './service';
export { nameSortKey } from './sort-key';
export { asEmailPrefix, toFtsQuery } from './search';
export { customerNames } from './names';
