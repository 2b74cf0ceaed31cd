import { z } from 'zod';

/** Inputs of the auth procedures, shared so the Connect page validates the same way. */

const email = z.string().trim().max(320, 'Use at most 320 characters').email('Enter an email address');
// A password is checked as typed (no trimming); the policy for new ones is on the server.
const password = z.string().min(1, 'Enter your password').max(1024, 'Use at most 1024 characters');
const opaqueToken = z.string().trim().min(1, 'The token is missing').max(200, 'The token is too long');

export const loginInput = z.strictObject({ email, password });

export const refreshInput = z.strictObject({ refreshToken: opaqueToken });

export const changePasswordInput = z.strictObject({
  currentPassword: password,
  newPassword: z.string().min(1, 'Enter a new password').max(1024, 'Use at most 1024 characters'),
});

export const acceptInvitationInput = z.strictObject({
  token: opaqueToken,
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Use at most 200 characters'),
  password: z.string().min(1, 'Choose a password').max(1024, 'Use at most 1024 characters'),
});
