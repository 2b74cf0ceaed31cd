import { openDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { createSandboxGateway } from '../sandbox/sandbox-gateway';
import { describeGatewayContract } from './gateway-contract.test-kit';

describeGatewayContract('sandbox', {
  open() {
    const database = openDatabase({ path: ':memory:' });
    const gateway = createSandboxGateway({
      db: database.db,
      tenantId: 'ten_contract',
      clock: new ManualClock(Date.now()),
    });
    return Promise.resolve({ gateway, close: () => database.close() });
  },
  cards: {
    visa: '4242 4242 4242 4242',
    declinedAtAttach: '4000 0000 0000 0002',
    declinesWhenCharged: {
      card_declined: '4000 0000 0000 0341',
      insufficient_funds: '4000 0000 0000 9995',
      expired_card: '4000 0000 0000 0069',
      incorrect_cvc: '4000 0000 0000 0127',
      processing_error: '4000 0000 0000 0119',
      lost_card: '4000 0000 0000 9987',
      stolen_card: '4000 0000 0000 9979',
      fraudulent: '4100 0000 0000 0019',
    },
    authenticationRequired: '4000 0027 6000 3184',
  },
});
