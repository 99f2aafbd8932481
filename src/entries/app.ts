/** The Probot App (`probot run ./dist/app.js`); it is assembled in src/entries/app/. */
export { default, createBulwarkApp } from './app/main.js';
export type { BulwarkAppOptions } from './app/main.js';
/** Serves it as `npm start` does (dist/app-server.js), for tools that run the bundle (bench:intake). */
export { serveBulwark } from './app/server.js';
