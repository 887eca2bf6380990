// proxy-from-env 2 ships no types: the one function used here.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from the *_PROXY variables ('' when none, or when NO_PROXY matches). */
  export function getProxyForUrl(url: string | URL): string;
}
