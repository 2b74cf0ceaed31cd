export { customersRouter } from './router';
export { insertCustomer, toCustomer } from './repo';
export { setDefaultPaymentMethod, setGatewayCustomerRef, setTestClock } from './billing-columns';
export { archiveCustomer, createCustomer, getCustomer, patchCustomer, updateCustomer } from './service';
export { nameSortKey } from './sort-key';
export { prepareCustomerInsert } from './bulk-insert';
export { asEmailPrefix, toFtsQuery } from './search';
export { customerEmailStartsWith, customerWordsMatch } from './text-search';
export {
  customerSearchMatch,
  fewMatchesCap,
  inMatchedCustomers,
  listSourceFor,
  matchedCustomers,
  type MatchedCustomers,
} from './matched-customers';
export { customerNames } from './names';
