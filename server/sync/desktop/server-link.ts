import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { SignedIn } from '../../auth';
import { CLIENT_HEADER } from '../../trpc/context';
import type { FieldErrors } from '../../../shared/errors';
import type { DesktopRoutesRouter } from '../desktop-routes';
import { DomainError } from '../../lib/errors';
import type { PullPage } from '../pull';
import type { MutationOutcome, PushedMutation } from '../push';
import type { SecretStore } from './secret-store';

/** The refresh token's name in the SecretStore. */
export const REFRESH_TOKEN_SECRET = 'sync-refresh-token';

/** The server could not be reached at all (no answer): the desktop is offline, nothing was refused. */
export class ServerUnreachable extends Error {
  override readonly name = 'ServerUnreachable';
}

// Refresh a little before the access token runs out, so a request never carries a dead one.
const EXPIRY_MARGIN_MS = 30_000;

type Client = ReturnType<typeof createTRPCClient<DesktopRoutesRouter>>;

/**
 * Turns what the tRPC client threw into what the desktop acts on: no HTTP answer means
 * offline; an answer keeps the server's own message, code and field errors, as a DomainError.
 */
export function fromClientError(error: unknown): Error {
  if (!(error instanceof TRPCClientError)) return error instanceof Error ? error : new Error(String(error));
  const data = (error as TRPCClientError<DesktopRoutesRouter>).data as
    { httpStatus?: number; domainCode?: string; fieldErrors?: FieldErrors } | undefined;
  if (!data?.httpStatus) return new ServerUnreachable(`The server did not answer: ${error.message}`);
  const code = data.domainCode && data.domainCode !== 'INTERNAL' ? data.domainCode : null;
  return code
    ? new DomainError(code as DomainError['code'], error.message, data.fieldErrors)
    : new Error(error.message);
}

/**
 * A desktop's line to its hosted server: signs in, keeps the access token fresh with the
 * refresh token (rotated by every refresh, so each new one is stored at once), and pulls
 * and pushes as the signed-in user.
 */
/** A server that takes longer than this to say it is alive is taken as gone. */
const HEARTBEAT_TIMEOUT_MS = 5_000;

export class ServerLink {
  private access: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly client: Client;
  private clientId: string;

  constructor(
    readonly serverUrl: string,
    private readonly options: {
      clientId: string;
      secrets: SecretStore;
      now: () => number;
      fetch?: typeof fetch;
    },
  ) {
    this.clientId = options.clientId;
    this.client = createTRPCClient<DesktopRoutesRouter>({
      links: [
        httpLink({
          url: `${serverUrl.replace(/\/+$/, '')}/trpc`,
          fetch: options.fetch,
          headers: () => ({
            [CLIENT_HEADER]: `desktop:${this.clientId}`,
            ...(this.access ? { authorization: `Bearer ${this.access.token}` } : {}),
          }),
        }),
      ],
    });
  }

  /** The replica's client id, once it is known (signing in comes before opening the replica). */
  useClientId(clientId: string): void {
    this.clientId = clientId;
  }

  async login(email: string, password: string): Promise<SignedIn['user']> {
    const signedIn = await this.call(() => this.client.auth.login.mutate({ email, password }));
    await this.keep(signedIn);
    return signedIn.user;
  }

  /** Accepts an invitation (making the account, or joining with an existing one) and is signed in. */
  async acceptInvitation(input: {
    token: string;
    name: string;
    password: string;
  }): Promise<SignedIn['user']> {
    const signedIn = await this.call(() => this.client.auth.acceptInvitation.mutate(input));
    await this.keep(signedIn);
    return signedIn.user;
  }

  pull(input: { cursor: number; limit: number; withTotal: boolean }): Promise<PullPage> {
    return this.authorized(() => this.client.sync.pull.query(input));
  }

  async push(mutations: PushedMutation[]): Promise<MutationOutcome[]> {
    const answer = await this.authorized(() =>
      this.client.sync.push.mutate({ clientId: this.clientId, mutations }),
    );
    return answer.results as MutationOutcome[];
  }

  /** Whether the server answers at all (its /healthz), for the connection's once-a-second heartbeat. */
  async alive(): Promise<boolean> {
    try {
      const answer = await (this.options.fetch ?? fetch)(`${this.serverUrl.replace(/\/+$/, '')}/healthz`, {
        signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS),
      });
      // Any answer but a gateway's "the app is down" (5xx) is the server: a proxy that does not
      // pass /healthz on (404) must not make a healthy connection flap.
      return answer.status < 500;
    } catch {
      return false;
    }
  }

  /** Ends the server session (best effort: offline, the refresh token is forgotten all the same). */
  async logout(): Promise<void> {
    try {
      await this.authorized(() => this.client.auth.logout.mutate());
    } catch {
      // Signing out locally must not depend on the server being there.
    } finally {
      this.access = null;
      await this.options.secrets.remove(REFRESH_TOKEN_SECRET);
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw fromClientError(error);
    }
  }

  private async authorized<T>(request: () => Promise<T>): Promise<T> {
    if (!this.access || this.access.expiresAt - EXPIRY_MARGIN_MS <= this.options.now()) await this.refresh();
    try {
      return await this.call(request);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'UNAUTHENTICATED')) throw error;
      // The access token was refused (revoked, or the server restarted with a new key): once more, fresh.
      this.access = null;
      await this.refresh();
      return this.call(request);
    }
  }

  /** One refresh at a time: a rotated refresh token works once, so a second concurrent use would fail. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const refreshToken = await this.options.secrets.read(REFRESH_TOKEN_SECRET);
        if (!refreshToken) throw new DomainError('UNAUTHENTICATED', 'Sign in to the server again');
        await this.keep(await this.call(() => this.client.auth.refresh.mutate({ refreshToken })));
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async keep(signedIn: SignedIn): Promise<void> {
    await this.options.secrets.write(REFRESH_TOKEN_SECRET, signedIn.refreshToken);
    this.access = { token: signedIn.accessToken, expiresAt: signedIn.accessExpiresAt };
  }
}
