// Jest replaces `console`, so oclif's output capture would see nothing; restore a real one.
import {Console} from 'node:console';

globalThis.console = new Console({stdout: process.stdout, stderr: process.stderr});
