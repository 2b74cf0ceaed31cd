import { Button, Tooltip, type ButtonProps } from '@mantine/core';
import type { MouseEventHandler } from 'react';

interface GuardedButtonProps extends ButtonProps {
  onClick: MouseEventHandler<HTMLButtonElement>;
  /** Why the action is unavailable; the button stays focusable so the reason can be read. */
  blockedReason: string | null;
}

/**
 * A button that, when blocked, explains why in a tooltip instead of going silently grey.
 * A truly disabled button gets no hover or focus, so it could not show the tooltip.
 */
export function GuardedButton({ blockedReason, onClick, ...props }: GuardedButtonProps) {
  if (!blockedReason) return <Button {...props} onClick={onClick} />;
  return (
    <Tooltip label={blockedReason} multiline w={240}>
      <Button {...props} data-disabled aria-disabled onClick={(event) => event.preventDefault()} />
    </Tooltip>
  );
}
