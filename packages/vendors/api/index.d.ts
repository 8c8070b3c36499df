// API report of @vendor-token/vendors: 7 values, 8 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export type ApitureAuth = 'basic_and_post' | 'basic' | 'post' | 'private_key_jwt';

export interface ApitureOptions {
    clientId: string;
    clientSecret?: string;
    issuer?: string;
    scopes: readonly string[];
    auth?: ApitureAuth;
    privateKey?: ClientCredentialsOptions['privateKey'];
    kid?: string;
    alg?: string;
}

export interface BridgeftOptions {
    clientId: string;
    clientSecret: string;
    baseUrl?: string;
    allowedFirmIds?: readonly (number | string)[];
}

export interface BridgeftParams extends TokenParams {
    firmIds?: readonly (number | string)[];
}

export interface BridgeftTokenClaims {
    app: {
        application_id: number;
        application_name: string;
        client_id: string;
        firm_ids: number[] | null;
        organization_id: number;
    };
    aud: string[];
    exp: number;
    iat: number;
    iss: string;
    sub: string;
}

export interface ModelPortfoliosOptions {
    clientId: string;
    clientSecret: string;
    baseUrl: string;
    apiVersion?: string;
}

export declare const WEALTHCOM_ISSUER = "https://auth.wealth.com/oidc";

export interface WealthcomBasicOptions {
    username: string;
    password: string;
}

export interface WealthcomUserOptions {
    clientId: string;
    clientSecret?: string;
    issuer?: string;
    redirectUri: string;
    scopes: readonly string[];
    onTokens?: (user: string, tokens: StoredToken) => void | Promise<void>;
    extraAuthorizeParams?: AuthorizationCodeOptions['extraAuthorizeParams'];
    auth?: AuthorizationCodeOptions['auth'];
}

export declare function apiture(options: ApitureOptions): TokenSource;

export declare function bridgeft(options: BridgeftOptions): TokenSource;

export declare function bridgeftClaims(token: {
    claims?: Record<string, unknown> | undefined;
}): BridgeftTokenClaims | undefined;

export declare function modelPortfolios(options: ModelPortfoliosOptions): TokenSource;

export declare function modelPortfoliosHeaders(apiVersion?: string): Record<string, string>;

export declare const wealthcom: Readonly<{
    basic: typeof wealthcomBasic;
    user: typeof wealthcomUser;
}>;

// Not exported by name from this entry (some are from another entry of the package),
// reachable from the exports above:

declare function wealthcomBasic(options: WealthcomBasicOptions): TokenSource;

declare function wealthcomUser(options: WealthcomUserOptions): UserTokenSource;
