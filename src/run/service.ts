// The service a run talks to and the credential it signs in with, resolved once and shareable:
// runs given the same one use one credential source, so a token command runs once per token
// lifetime for all of them (a batch of a thousand files), not once per run.
import { TranscribeError } from '../errors.js';
import type { Provider } from '../realtime/endpoint.js';
import { resolveEndpoint, type EndpointOptions, type ResolvedEndpoint } from '../realtime/endpoint.js';

/** The service a run talks to, as it may be shown. */
export interface RunEndpoint {
  /** The service: given as `provider`, or told from the endpoint and the environment. */
  readonly provider: Provider;
  /** The Azure deployment, or the OpenAI model. */
  readonly transcriptionModel: string;
  /** The URL with no secret in it. */
  readonly displayUrl: string;
  /**
   * Every secret the run has used (a live list: tokens fetched later are added), for masking text
   * you log yourself. Never print it.
   */
  readonly secrets: readonly string[];
  /** One line to show when the endpoint as given was read differently (a pasted portal URL); it names options in backticks. */
  readonly notice: string | undefined;
  /** The HTTP proxy the WebSocket goes through, with no credential in it, and where it was set (`proxy` or a variable). */
  readonly proxy: { readonly displayUrl: string; readonly source: string } | undefined;
}

// Types only: a RunEndpoint (say a run's `endpoint`) is not a service, which only resolveService makes.
declare const resolved: unique symbol;

/**
 * An endpoint and its credential from {@link resolveService}, for the `service` option of
 * transcribe(). Its `secrets` grow with every token any run sharing it obtains.
 */
export interface ResolvedService extends RunEndpoint {
  readonly [resolved]: true;
}

// What a service holds beyond what it shows (the URL with its secrets, the credential source):
// kept here, so that a ResolvedService stays a plain value to its holder.
const internals = new WeakMap<ResolvedService, ResolvedEndpoint>();

/**
 * Resolves the service and the credential from the options and `env` (default process.env) as
 * transcribe() does, once. Pass it as `service` to every run that talks to the same service: they
 * share one token source (a token command runs again only when its token is due), and the
 * endpoint and credential options of those runs are not read. Throws a TranscribeError
 * (CONFIG_MISSING, CONFIG_INVALID) for a configuration that cannot work, before any I/O.
 */
export function resolveService(options: EndpointOptions & { env?: NodeJS.ProcessEnv | undefined }): ResolvedService {
  return serviceOf(resolveEndpoint(options, options.env ?? process.env));
}

/** Wraps a resolved endpoint (tests inject its clock and command runner through resolveEndpoint). */
export function serviceOf(endpoint: ResolvedEndpoint): ResolvedService {
  const shown: RunEndpoint = {
    provider: endpoint.provider,
    transcriptionModel: endpoint.transcriptionModel,
    displayUrl: endpoint.displayUrl,
    secrets: endpoint.secrets,
    notice: endpoint.notice,
    proxy: endpoint.proxy && { displayUrl: endpoint.proxy.displayUrl, source: endpoint.proxy.source },
  };
  const service = Object.freeze(shown) as ResolvedService;
  internals.set(service, endpoint);
  return service;
}

/** The endpoint behind a service made by {@link resolveService}. */
export function endpointOf(service: ResolvedService): ResolvedEndpoint {
  const endpoint = internals.get(service);
  if (endpoint === undefined) {
    throw new TranscribeError('CONFIG_INVALID', '`service` was not made by resolveService()', {
      hint: 'pass what resolveService(options) returned, or leave `service` unset and pass the endpoint options',
      option: 'service',
    });
  }
  return endpoint;
}
