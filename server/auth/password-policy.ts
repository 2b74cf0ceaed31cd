// The policy lives in shared/ so the console can show and pre-check it; the server enforces it.
export {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RULES,
  passwordProblem,
} from '../../shared/auth/password-policy';
