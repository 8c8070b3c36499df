// API report of @vendor-token/express: 3 values, 3 types exported.
// Written by scripts/api-report.mjs from the built declarations; do not edit by hand:
// `npm run api:update` rewrites it. A diff here is a change to the public API.

export type { BearerAuth } from '@vendor-token/core/adapter'

export type { BearerClaims } from '@vendor-token/core/adapter'

export type { BearerVerifier } from '@vendor-token/core/adapter'

export type ExpressRequireBearerOptions = RequireBearerOptions;

export type ExpressSignInOptions = SignInOptions<Request>;

export type ExpressVendorTokenOptions = VendorTokenOptions<Request>;

export declare function requireBearer(verifier: BearerVerifier, options?: ExpressRequireBearerOptions): RequestHandler;

export declare function signIn(manager: SignInProvider, vendor: string, options: ExpressSignInOptions): RequestHandler;

export declare function vendorToken(manager: TokenProvider<Token>, vendor: string, options?: ExpressVendorTokenOptions): RequestHandler;

// Global augmentations:

declare global {
    namespace Express {
        interface Request {
            vendorToken: Token;
            vendorTokens: Record<string, Token>;
            auth: BearerAuth;
        }
    }
}
