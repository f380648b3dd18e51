/**
 * The one Content-Security-Policy for the renderer, in Electron (response header + meta) and in web
 * mode (server header). Nothing remote: scripts, styles, fonts and connections come from the app's
 * own origin only; images may be data:/blob: (thumbnails, the inspector's photo); media is the webcam.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
