/** The Probot App (`probot run ./dist/app.js`); it is assembled in src/entries/app/. */
export { default, createBulwarkApp } from './app/main.js';
export type { BulwarkAppOptions } from './app/main.js';
