import { describe, expect, it } from 'vitest';
import { prefixRange, searchKeys } from './keys';

describe('searchKeys', () => {
  it('reads an invoice number in any of the ways people type it', () => {
    expect(searchKeys('INV-000471').numbers).toEqual(prefixRange('INV-000471'));
    expect(searchKeys('inv47').numbers).toEqual({ from: 'INV-47', to: 'INV-48' });
    expect(searchKeys('471').numbers).toEqual({ from: 'INV-000471', to: 'INV-000471\u0001' });
    expect(searchKeys('Ada').numbers).toBeNull();
  });

  it('takes four digits as a card’s last four as well as an invoice number', () => {
    const keys = searchKeys(' 4242 ');
    expect(keys.last4).toBe('4242');
    expect(keys.numbers?.from).toBe('INV-004242');
    expect(keys.text).toBeNull();
  });

  it('takes an id or a Stripe reference as typed, and never as words', () => {
    const keys = searchKeys('cus_01JD8R5ZP7Q9M2V3X4Y5Z6A7B8');
    expect(keys.id).toBe('cus_01JD8R5ZP7Q9M2V3X4Y5Z6A7B8');
    expect(keys.text).toBeNull();
    expect(searchKeys('pi_3NxYz0AbCdEf').id).toBe('pi_3NxYz0AbCdEf');
  });

  it('takes an email-shaped query as a lower-cased prefix range', () => {
    expect(searchKeys('Ada.L@Exa').email).toEqual({ from: 'ada.l@exa', to: 'ada.l@exb' });
    expect(searchKeys('ada.l@exa').text).toBeNull();
  });

  it('takes anything else as words in a name', () => {
    expect(searchKeys('ada lov')).toMatchObject({ text: 'ada lov', id: null, email: null, last4: null });
  });
});
