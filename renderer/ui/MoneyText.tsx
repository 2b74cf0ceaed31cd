import { Text, type TextProps } from '@mantine/core';
import { formatMoney, money } from '../../shared/money';

/**
 * An amount as the console shows money everywhere: from integer minor units, in the
 * currency's own conventions, in tabular figures so columns of amounts line up.
 */
export function MoneyText({ amount, currency, ...props }: { amount: number; currency: string } & TextProps) {
  return (
    <Text
      component="span"
      ff="var(--mantine-font-family)"
      style={{ fontVariantNumeric: 'tabular-nums' }}
      {...props}
    >
      {formatMoney(money(amount, currency))}
    </Text>
  );
}
