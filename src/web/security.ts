// Security headers for every response. No inline script or style anywhere, so the policy needs no 'unsafe-inline'.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// Nothing on the site asks for these powers; an injected frame or script cannot either.
const PERMISSIONS_POLICY = ['accelerometer', 'autoplay', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'magnetometer',
  'microphone', 'midi', 'payment', 'usb', 'browsing-topics'].map((feature) => `${feature}=()`).join(', ');

/**
 * `https`: the site's public address is HTTPS (SITE_URL), so browsers are told to use nothing else (HSTS, one year).
 * Decided by the address rather than by each request, so that a cached page carries the same headers for everyone.
 */
export function securityHeaders({ https }: { https: boolean }): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'"],
          scriptSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
    }),
    (_req, res, next) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      next();
    },
  ];
}
