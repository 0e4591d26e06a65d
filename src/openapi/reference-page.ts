import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { contentSecurityPolicy } from '../http/security-headers.js';

/**
 * The API reference at /docs: Swagger UI, served from the package's own files, rendering the
 * OpenAPI document, with "Try it out" sending real requests to the server the document names.
 */
export const referencePage: FastifyPluginAsync<{ publicUrl: string }> = async (app, { publicUrl }) => {
  // The document's server may be another origin than the page's (behind a proxy); "Try it out" calls it.
  const connectSrc = [...new Set([...contentSecurityPolicy.connectSrc, new URL(publicUrl).origin])];
  // Swagger UI sets a few inline styles; its scripts are all files of its own, so scripts stay strict.
  const styleSrc = [...contentSecurityPolicy.styleSrc, "'unsafe-inline'"];
  app.addHook('onRoute', (route) => {
    // The plugin's routes take no route options of ours, so the change is made as they are added.
    route.config = {
      ...route.config,
      securityHeaders: { contentSecurityPolicy: { useDefaults: false, directives: { ...contentSecurityPolicy, connectSrc, styleSrc } } },
    };
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { layout: 'BaseLayout', deepLinking: true, displayRequestDuration: true },
    theme: { title: 'callbase API reference' },
  });
};
