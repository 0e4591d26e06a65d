#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that stops early (`callbase org list ... | head -1`) closes the pipe: that ends the
// output, and is no failure worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
