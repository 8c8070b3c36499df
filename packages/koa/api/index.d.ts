// API report of @vendor-token/koa: 3 values, 4 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export type { BearerAuth } from '@vendor-token/core/adapter'

export type { BearerClaims } from '@vendor-token/core/adapter'

export type { BearerVerifier } from '@vendor-token/core/adapter'

export type KoaContext<StateT = DefaultState, ContextT = DefaultContext> = ParameterizedContext<StateT, ContextT>;

export type KoaRequireBearerOptions = RequireBearerOptions;

export type KoaSignInOptions<StateT = DefaultState, ContextT = DefaultContext> = SignInOptions<KoaContext<StateT, ContextT>>;

export type KoaVendorTokenOptions<StateT = DefaultState, ContextT = DefaultContext> = VendorTokenOptions<KoaContext<StateT, ContextT>>;

export declare function requireBearer<StateT = DefaultState, ContextT = DefaultContext>(verifier: BearerVerifier, options?: KoaRequireBearerOptions): Middleware<StateT, ContextT>;

export declare function signIn<StateT = DefaultState, ContextT = DefaultContext>(manager: SignInProvider, vendor: string, options: KoaSignInOptions<StateT, ContextT>): Middleware<StateT, ContextT>;

export declare function vendorToken<StateT = DefaultState, ContextT = DefaultContext>(manager: TokenProvider<Token>, vendor: string, options?: KoaVendorTokenOptions<StateT, ContextT>): Middleware<StateT, ContextT>;

// Global augmentations:

declare module 'koa' {
    interface Request {
        vendorToken: Token;
        vendorTokens: Record<string, Token>;
    }
    interface DefaultState {
        vendorToken: Token;
        vendorTokens: Record<string, Token>;
        auth: BearerAuth;
    }
}
